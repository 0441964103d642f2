"""Co-facilitation: named facilitator keys per locality, their revocation, and the key
check that says who holds a key.

A locality may have several facilitators (e.g. one from each side), each with a key of
their own. The key is made here, shown ONCE to whoever added the facilitator, and only
its SHA-256 hash is stored (:class:`civicnb.records.Facilitator`). Revoking keeps the
facilitator's row (who recorded what stays readable) and makes the key open nothing.

The workspace's own key (:func:`civicnb.workshop.key.check_facilitator_key`) opens every
locality; its holder is recorded as :data:`LEAD_NAME` in the locality's language. A
locality's key opens that locality's pages only. See ``docs/cofacilitation.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from civicnb.errors import CivicnbError, InputError, NotFoundError
from civicnb.records import Facilitator, Locality
from civicnb.store import Store
from civicnb.workshop.key import MAX_KEY_LENGTH, check_facilitator_key
from civicnb.workspace import Workspace

__all__ = [
    "LEAD_NAME",
    "Holder",
    "KeyRevoked",
    "add_facilitator",
    "check_holder",
    "facilitator_address",
    "facilitator_by_name",
    "facilitator_for_key",
    "hash_key",
    "revoke_facilitator",
]


LEAD_NAME = {
    "en": "Lead facilitator",
    "es": "Facilitación principal",
    "pt": "Facilitação principal",
}
"""The name recorded for whoever opens a page with the workspace's own key, in the
locality's language."""

_KEY_BYTES = 24
"""Random bytes of a new key (32 URL-safe characters)."""


@dataclass(frozen=True)
class Holder:
    """Who opened a facilitator page: their name (written as ``recorded_by`` on what
    they record) and, for a locality's named key, the facilitator's id."""

    name: str
    facilitator_id: str | None = None
    """None for the workspace's own key (which cannot be revoked from here)."""
    locality_id: str = ""
    """The locality a named key belongs to."""


class KeyRevoked(InputError):
    """The key a page was opened with was revoked since: nothing more is saved."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the facilitator key of {name!r} was revoked: nothing was saved "
            "(ask for a new key to go on)"
        )


def hash_key(key: str) -> str:
    """The SHA-256 hex digest of a key, as stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def add_facilitator(store: Store, locality: Locality, name: str) -> tuple[Facilitator, str]:
    """Give ``locality`` a facilitator called ``name`` with a fresh key; returns the
    stored facilitator and the key, which is never stored and cannot be shown again.
    InputError for an empty or over-long name; ConflictError if an active facilitator
    of the locality has that name."""
    if not isinstance(name, str):
        raise InputError("a facilitator's name must be text")
    clean = " ".join(name.split())
    key = secrets.token_urlsafe(_KEY_BYTES)
    f = store.add_facilitator(Facilitator(locality.id, clean, hash_key(key)))
    return f, key


def facilitator_address(locality: Locality, key: str) -> str:
    """The facilitator page's address with ``key``, relative to the server's pages
    (``SLUG/facilitator.ipynb?key=...``)."""
    return f"{quote(locality.slug)}/facilitator.ipynb?key={quote(key, safe='')}"


def facilitator_by_name(store: Store, locality: Locality, name: str) -> Facilitator:
    """The locality's active facilitator called ``name`` (whatever its case and
    spacing); NotFoundError naming the active ones otherwise."""
    wanted = " ".join(str(name).split()).casefold()
    active = store.facilitators(locality.id, active=True)
    for f in active:
        if f.name.casefold() == wanted:
            return f
    raise NotFoundError(
        f"active facilitator of {locality.slug}",
        name,
        [f.name for f in active],
        hint=f"`civicnb key list {locality.slug}` shows them",
    )


def revoke_facilitator(store: Store, facilitator_id: str) -> Facilitator:
    """Revoke a facilitator's key: pages opened with it save nothing more."""
    return store.revoke_facilitator(facilitator_id)


def facilitator_for_key(
    workspace: Workspace, store: Store, locality: Locality, candidate: object
) -> Holder | None:
    """Who holds ``candidate`` for ``locality``: the workspace's own key, or an active
    key of this locality. None -- never an exception -- for anything else: a revoked
    key, another locality's key, None, non-text, empty or over-long input, a store that
    cannot be read.

    Both checks always run (the time taken does not say which kind of key was tried);
    a named key is looked up by its hash, so the key itself is never compared.
    """
    if not isinstance(candidate, str):
        return None
    given = candidate.strip()
    if not given or len(given) > MAX_KEY_LENGTH:
        return None
    try:
        digest = hash_key(given)
    except UnicodeError:  # lone surrogates from a browser
        return None
    lead = check_facilitator_key(workspace, given)
    try:
        found = store.facilitator_by_hash(digest)
    except CivicnbError:
        found = None
    if lead:
        return Holder(LEAD_NAME.get(locality.language, LEAD_NAME["en"]))
    if (
        found is None
        or found.locality_id != locality.id
        or not hmac.compare_digest(found.key_hash, digest)
    ):
        return None
    return Holder(found.name, found.id, found.locality_id)


def check_holder(store: Store, holder: Holder) -> None:
    """Raise :class:`KeyRevoked` if ``holder``'s key was revoked (or deleted) since the
    page was opened; the workspace's own key always stands. Called at every write."""
    if holder.facilitator_id is None:
        return
    for f in store.facilitators(holder.locality_id, active=True):
        if f.id == holder.facilitator_id:
            return
    raise KeyRevoked(holder.name)
