# ruff: noqa: E501
"""The words of the home page's public part (the server's root), in English and Spanish
(merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["HOME_PUBLIC_MESSAGES"]

HOME_PUBLIC_MESSAGES: dict[str, dict[str, str]] = {
    "hp_page_title": {"en": "Home", "es": "Inicio"},
    "hp_intro": {
        "en": "The local authority and the civil society organisations of a place look together at how well they work together.",
        "es": "La administración local y las organizaciones de la sociedad civil de un lugar revisan juntas qué tan bien trabajan juntas.",
    },
    "hp_open_title": {"en": "Open for answering", "es": "Abiertos para responder"},
    "hp_open_text": {
        "en": "Choose your place to join its workbook.",
        "es": "Elija su lugar para unirse a su cuaderno.",
    },
    "hp_none_open": {
        "en": "No place is open for answering yet.",
        "es": "Todavía no hay ningún lugar abierto para responder.",
    },
    "hp_in_language": {"en": "in {language}", "es": "en {language}"},
    "hp_other_language": {"en": "Esta página en español", "es": "This page in English"},
    "hp_fac_title": {"en": "For facilitators", "es": "Para quien facilita"},
    "hp_key_text": {
        "en": "To set up places and rounds, enter your facilitator key.",
        "es": "Para preparar lugares y rondas, escriba su clave de facilitación.",
    },
    "hp_open_setup": {"en": "Open the set-up", "es": "Abrir la preparación"},
    "hp_temporary": {
        "en": "This is a temporary session: you are the only group on it, so the set-up is open to you. Everything is lost when the session ends: download your workbook before you leave.",
        "es": "Esta es una sesión temporal: su grupo es el único en ella, así que la preparación está abierta. Todo se pierde cuando la sesión termina: descargue su cuaderno antes de salir.",
    },
    # the minimal set-up panel (ui/home/setup.py), until the full one lands
    "hp_setup": {"en": "Set up", "es": "Preparación"},
    "hp_fac_page": {
        "en": "The facilitator's page of {place}",
        "es": "La página de facilitación de {place}",
    },
}
