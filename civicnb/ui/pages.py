"""The participant pages' entry points, as the notebooks call them: the start page,
one page per strand (I–VI) and "my summary".

Each notebook (``notebooks/*.ipynb``, copied into every workspace by ``civicnb new``)
imports its page from here, so this module's names stay as they are; the pages
themselves live in :mod:`civicnb.ui.start_page`, :mod:`civicnb.ui.strand_page` and
:mod:`civicnb.ui.summary_page`. Each builds its page from framework data and displays
it; widgets read and write only through
:class:`civicnb.workshop.participation.ParticipantSession` (and so the store).

Served by Voilà, a page is interactive. Executed by papermill (``civicnb new``), there is
no browser: the page prints a readable static copy instead (:mod:`civicnb.ui.static`).
"""

from __future__ import annotations

from civicnb.ui.environment import is_interactive
from civicnb.ui.start_page import start_page
from civicnb.ui.strand_page import strand_page
from civicnb.ui.summary_page import summary_page

__all__ = ["is_interactive", "start_page", "strand_page", "summary_page"]
