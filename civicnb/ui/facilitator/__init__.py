"""The facilitator's page, as ``facilitator.ipynb`` calls it: :func:`facilitator_page`.

The page and its key form are in :mod:`~civicnb.ui.facilitator.page`; each section of
the dashboard has its own module (``room``, ``reveal``, ``actions``, ``outcomes``,
``assets``, ``cafe``, ``celebrations``, ``attendance``, ``entry``) over the shared
:mod:`~civicnb.ui.facilitator.section`.
"""

from __future__ import annotations

from civicnb.ui.facilitator.page import SECTIONS, FacilitatorPage, facilitator_page

__all__ = ["SECTIONS", "FacilitatorPage", "facilitator_page"]
