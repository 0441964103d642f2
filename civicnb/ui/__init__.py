"""Layer 4: the participant app's widgets (ipywidgets/anywidget), built from framework
data, reading and writing only through the store.

Submodules are imported on demand so that ``civicnb.html.safe`` and ``civicnb.assets``
stay free of Jupyter imports:

* :mod:`civicnb.ui.pages` — the participant pages' entry points, as the notebooks call
  them (``start_page``, ``strand_page``, ``summary_page``), built in ``start_page``,
  ``strand_page`` and ``summary_page`` from ``question_form``, ``workbook_tools``,
  ``kiosk``, ``participant_page`` (navigation, header, identify-or-notice), ``static``
  (papermill's text copies), ``environment`` and ``locality_context``.
* :mod:`civicnb.ui.facilitator` — the facilitator's page, one module per section.
* :mod:`civicnb.ui.rating` — :class:`~civicnb.ui.rating.RatingGroup`, the accessible
  1–5 + "don't know" control (anywidget; front-end in top-level ``widgets/rating/``).
* :mod:`civicnb.html.safe` — showing participant text safely (escape, never markup);
  :mod:`civicnb.html.tables` — every HTML table.
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
