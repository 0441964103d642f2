# ruff: noqa: E501
"""The words of rounds: opening the next round, closed rounds, progress between rounds
(merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["ROUNDS_MESSAGES"]

ROUNDS_MESSAGES: dict[str, dict[str, str]] = {
    # the home page's rounds section
    "rounds_title": {"en": "Rounds", "es": "Rondas"},
    "rounds_text": {
        "en": "Each locality answers its latest round. Opening the next round closes the earlier ones: their answers and records stay as they are, for comparison.",
        "es": "Cada localidad responde su ronda más reciente. Abrir la ronda siguiente cierra las anteriores: sus respuestas y registros se conservan tal cual, para comparar.",
    },
    "rounds_of": {"en": "Rounds of {place}", "es": "Rondas de {place}"},
    "rounds_col_round": {"en": "Round", "es": "Ronda"},
    "rounds_col_date": {"en": "Date", "es": "Fecha"},
    "rounds_col_people": {
        "en": "Participants who answered",
        "es": "Participantes que respondieron",
    },
    "rounds_col_state": {"en": "State", "es": "Estado"},
    "rounds_open_state": {"en": "open (answered now)", "es": "abierta (se responde ahora)"},
    "rounds_closed_state": {"en": "closed (read-only)", "es": "cerrada (solo lectura)"},
    "rounds_next": {
        "en": "Open the next round of {place}",
        "es": "Abrir la ronda siguiente de {place}",
    },
    "rounds_label": {"en": "Label of the new round", "es": "Nombre de la nueva ronda"},
    "rounds_date": {"en": "Date (optional)", "es": "Fecha (opcional)"},
    "rounds_open_button": {"en": "Open the next round", "es": "Abrir la ronda siguiente"},
    "rounds_opened": {
        "en": "✓ Round {label} opened: the pages of {place} now answer it.",
        "es": "✓ Ronda {label} abierta: las páginas de {place} ahora la responden.",
    },
    "rounds_duplicate": {
        "en": "{place} already has a round labelled {label}: choose another label. Nothing was changed.",
        "es": "{place} ya tiene una ronda llamada {label}: elija otro nombre. No se cambió nada.",
    },
    "rounds_refused": {
        "en": "The round was not opened: {reason}",
        "es": "La ronda no se abrió: {reason}",
    },
    "rounds_none": {"en": "No locality yet.", "es": "Aún no hay localidades."},
    # a page opened on a round that has been closed since
    "round_closed": {
        "en": "Not saved: round {closed} is closed, round {latest} has been opened. Reload the page to answer the new round.",
        "es": "No se guardó: la ronda {closed} está cerrada, se abrió la ronda {latest}. Recargue la página para responder la nueva ronda.",
    },
    # progress: "my summary" and the reveal
    "progress_then": {"en": "Last round ({label})", "es": "Ronda anterior ({label})"},
    "progress_now": {"en": "This round ({label})", "es": "Esta ronda ({label})"},
    "progress_summary_title": {
        "en": "This round beside the last one",
        "es": "Esta ronda junto a la anterior",
    },
    "progress_summary_caption": {
        "en": "Your average rating of your own side, strand by strand: last round ({then}) and this round ({now})",
        "es": "Su calificación media de su propio lado, eje por eje: ronda anterior ({then}) y esta ronda ({now})",
    },
    "progress_radar_then": {"en": "Own side, last round", "es": "Propio lado, ronda anterior"},
    "progress_gap_title": {"en": "Gap then and now", "es": "Brecha antes y ahora"},
    "progress_gap_caption": {
        "en": "Pair {n}: the gap between the two sides' views, in round {then} and in round {now}",
        "es": "Par {n}: la brecha entre las miradas de los dos lados, en la ronda {then} y en la ronda {now}",
    },
    "progress_gap_row": {"en": "Mean gap", "es": "Brecha media"},
    "progress_change": {"en": "Change", "es": "Cambio"},
    "progress_closer": {"en": "the views came closer", "es": "las miradas se acercaron"},
    "progress_further": {"en": "the views moved apart", "es": "las miradas se alejaron"},
    "progress_same": {"en": "no change", "es": "sin cambio"},
    "progress_unknown": {
        "en": "not comparable (too few answers in one of the rounds)",
        "es": "no comparable (muy pocas respuestas en una de las rondas)",
    },
    # the facilitator's page: carried forward
    "carried_title": {
        "en": "Carried forward from earlier rounds",
        "es": "Traídas de rondas anteriores",
    },
    "carried_text": {
        "en": "Actions agreed in an earlier round and still open: update their status below.",
        "es": "Acciones acordadas en una ronda anterior y aún abiertas: actualice su estado abajo.",
    },
    "carried_from": {"en": "from round {label}", "es": "de la ronda {label}"},
    "fac_value_title": {
        "en": "This round's indicator value",
        "es": "Valor del indicador en esta ronda",
    },
    "fac_set_value": {"en": "Save the value", "es": "Guardar el valor"},
    "fac_pick_outcome": {"en": "Choose an outcome first.", "es": "Elija primero un resultado."},
    "last_value": {"en": "Last round's value", "es": "Valor de la ronda anterior"},
}
