"""Layer 4: the participant app's widgets (ipywidgets/anywidget), built from framework
data, reading and writing only through the store.

Submodules are imported on demand so that ``civicnb.html.safe`` and ``civicnb.assets``
stay free of Jupyter imports:

* :mod:`civicnb.ui.rating` — :class:`~civicnb.ui.rating.RatingGroup`, the accessible
  1–5 + "don't know" control (anywidget; front-end in top-level ``widgets/rating/``).
* :mod:`civicnb.html.safe` — showing participant text safely (escape, never markup).
* :mod:`civicnb.assets` — where widget and template assets live (wheel or checkout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicnb.ui.rating import RatingGroup

__all__ = ["RatingGroup"]


def __getattr__(name: str) -> Any:
    if name == "RatingGroup":
        from civicnb.ui.rating import RatingGroup

        return RatingGroup
    raise AttributeError(f"module 'civicnb.ui' has no attribute {name!r}")
