"""The facilitator key: the one check that opens the facilitator's pages."""

from __future__ import annotations

import hmac

from civicnb.errors import CivicnbError
from civicnb.workspace import Workspace

__all__ = ["MAX_KEY_LENGTH", "check_facilitator_key"]


MAX_KEY_LENGTH = 256
"""Longer candidates are refused without comparing (the real key is far shorter)."""


def check_facilitator_key(workspace: Workspace, candidate: str | None) -> bool:
    """True iff ``candidate`` is the workspace's facilitator key.

    Compared with :func:`hmac.compare_digest` (constant time for equal lengths).
    False -- never an exception -- for None, non-text, empty or over-long input, and
    when the workspace's key cannot be read. Surrounding whitespace is ignored (the key
    is often pasted).
    """
    if not isinstance(candidate, str):
        return False
    given = candidate.strip()
    if not given or len(given) > MAX_KEY_LENGTH:
        return False
    try:
        key = workspace.facilitator_key()
    except CivicnbError:
        return False
    if not key:
        return False
    try:
        given_bytes = given.encode("utf-8")
    except UnicodeError:  # lone surrogates from a browser
        return False
    return hmac.compare_digest(given_bytes, key.encode("utf-8"))
