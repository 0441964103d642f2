"""Where civicnb's front-end assets live: widget ES modules/CSS and Voilà templates.

Their source is at the top of the repository (``widgets/``, ``templates/``; see
docs/architecture.md). The wheel carries copies inside the package (``civicnb/_assets/widgets``,
``civicnb/_assets/templates``; hatch ``force-include`` in ``pyproject.toml``), so an
installed civicnb is complete. In a source checkout or an editable install there is no
``civicnb/_assets`` and the top-level folders are used directly.

This module does no Jupyter imports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from civicnb.errors import CivicnbError

__all__ = ["asset_root", "template_dir", "voila_template_dir", "widget_file", "widgets_dir"]

_PACKAGE = Path(__file__).resolve().parent
"""The ``civicnb`` package directory."""

_NAMES = ("widgets", "templates", "notebooks")


class AssetsMissingError(CivicnbError):
    """civicnb's front-end assets are not where they should be (a broken install)."""


@cache
def asset_root(kind: str) -> Path:
    """The folder holding ``kind`` ('widgets' or 'templates').

    The installed copy (``civicnb/_assets/<kind>``) wins; otherwise the source
    checkout's top-level ``<kind>/`` next to the ``civicnb`` package.
    """
    if kind not in _NAMES:
        raise ValueError(f"unknown asset kind {kind!r}; expected one of {_NAMES}")
    candidates = (_PACKAGE / "_assets" / kind, _PACKAGE.parent / kind)
    for path in candidates:
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise AssetsMissingError(
        f"civicnb's {kind} folder is missing (looked in {tried}); reinstall civicnb"
    )


def widgets_dir() -> Path:
    """The folder of widget front-end sources (``rating/rating.js``…)."""
    return asset_root("widgets")


def widget_file(*parts: str) -> Path:
    """One widget asset file, e.g. ``widget_file("rating", "rating.js")``."""
    path = widgets_dir().joinpath(*parts)
    if not path.is_file():
        raise AssetsMissingError(f"civicnb widget asset {path} is missing; reinstall civicnb")
    return path


def template_dir() -> Path:
    """The folder of templates (``voila/civicnb/``…)."""
    return asset_root("templates")


def voila_template_dir(name: str = "civicnb") -> Path:
    """The Voilà template folder (the one holding ``conf.json``)."""
    path = template_dir() / "voila" / name
    if not (path / "conf.json").is_file():
        raise AssetsMissingError(
            f"civicnb's Voilà template {name!r} is missing ({path}); reinstall civicnb"
        )
    return path
