"""The home page, the server's root (``notebooks/home.ipynb``: :func:`home_page`).

Its public part (:mod:`~civicnb.ui.home.public`) lists the localities open for
answering, each with its join link, and a facilitator key field; behind the key (or on a
temporary session) it shows the set-up panel (:mod:`~civicnb.ui.home.setup`), which the
parts of the set-up get as a :class:`~civicnb.ui.home.context.HomeContext`.
"""

from __future__ import annotations

from civicnb.ui.home.public import HomePage, home_page

__all__ = ["HomePage", "home_page"]
