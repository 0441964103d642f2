# ruff: noqa: E501
"""The words of the home page's public part (the server's root), in English
(merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["HOME_PUBLIC_MESSAGES"]

HOME_PUBLIC_MESSAGES: dict[str, str] = {
    "hp_page_title": "Home",
    "hp_intro": "The local authority and the civil society organisations of a place look together at how well they work together.",
    "hp_open_title": "Open for answering",
    "hp_open_text": "Choose your place to join its workbook.",
    "hp_none_open": "No place is open for answering yet.",
    # after a locality's name: the language of its pages ({language}: its name, e.g. "Spanish")
    "hp_in_language": "in {language}",
    # a link to this page in your language, shown on the other languages' pages: write it in your language
    "hp_this_page": "This page in English",
    "hp_fac_title": "For facilitators",
    "hp_key_text": "To set up places and rounds, enter your facilitator key.",
    "hp_open_setup": "Open the set-up",
    "hp_temporary": "This is a temporary session: you are the only group on it, so the set-up is open to you. Everything is lost when the session ends: download your workbook before you leave.",
    # the minimal set-up panel (ui/home/setup.py), until the full one lands
    "hp_setup": "Set up",
    "hp_fac_page": "The facilitator's page of {place}",
}
