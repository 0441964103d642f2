"""Where a page runs: served by Voilà (interactive), run in JupyterLab (a notebook
session), or executed by papermill (a static copy); on a temporary server (Binder); and
the query string of its request."""

from __future__ import annotations

import os

__all__ = ["in_jupyterlab", "is_interactive", "is_temporary", "request_query"]

_VOILA_VARS = ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_APP_PORT")


def is_interactive() -> bool:
    """True in Voilà or a Jupyter front-end; False under papermill/nbclient."""
    if os.environ.get("CIVICNB_STATIC") == "1":
        return False
    markers = (*_VOILA_VARS, "JPY_SESSION_NAME")
    return os.environ.get("CIVICNB_INTERACTIVE") == "1" or any(m in os.environ for m in markers)


def in_jupyterlab() -> bool:
    """True when a person runs this notebook in JupyterLab (or another Jupyter front-end
    that opens notebooks through jupyter_server's sessions, such as Notebook 7):
    jupyter_server sets ``JPY_SESSION_NAME`` for the kernels it starts for a notebook
    session; Voilà (standalone, or its preview inside Lab) sets ``VOILA_*`` instead and
    starts no session. ``CIVICNB_LAB=1``/``0`` says so explicitly."""
    explicit = os.environ.get("CIVICNB_LAB")
    if explicit in ("0", "1"):
        return explicit == "1"
    if os.environ.get("CIVICNB_STATIC") == "1" or any(v in os.environ for v in _VOILA_VARS):
        return False
    return bool(os.environ.get("JPY_SESSION_NAME"))


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
