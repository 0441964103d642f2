"""Where a page runs: served by Voilà (interactive) or executed by papermill (a static
copy), on a temporary server (Binder), and the query string of its request."""

from __future__ import annotations

import os

__all__ = ["is_interactive", "is_temporary", "request_query"]


def is_interactive() -> bool:
    """True in Voilà or a Jupyter front-end; False under papermill/nbclient."""
    if os.environ.get("CIVICNB_STATIC") == "1":
        return False
    markers = ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_APP_PORT", "JPY_SESSION_NAME")
    return os.environ.get("CIVICNB_INTERACTIVE") == "1" or any(m in os.environ for m in markers)


_BINDER_VARS = (
    "BINDER_LAUNCH_HOST",
    "BINDER_REPO_URL",
    "BINDER_REF_URL",
    "BINDER_REQUEST",
    "BINDER_PERSISTENT_REQUEST",
)


def is_temporary() -> bool:
    """True on Binder (BinderHub sets BINDER_* in the server's environment, which Voilà
    passes to kernels) or when CIVICNB_TEMPORARY=1; CIVICNB_TEMPORARY=0 says storage
    persists (a hub with persistent home folders)."""
    explicit = os.environ.get("CIVICNB_TEMPORARY")
    if explicit in ("0", "1"):
        return explicit == "1"
    return any(os.environ.get(k) for k in _BINDER_VARS)


def request_query() -> dict[str, str]:
    """The page's query string (after the request arrives, for preheated kernels)."""
    from civicnb.ui.request import query

    return query()
