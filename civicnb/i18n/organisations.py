# ruff: noqa: E501
"""The words of organisations and roles, in English and Spanish (merged into
:data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["ORGANISATION_MESSAGES"]

ORGANISATION_MESSAGES: dict[str, dict[str, str]] = {
    # the start page
    "org_legend": {"en": "I take part for", "es": "Participo por"},
    "org_none": {
        "en": "No organisation (speaking for myself)",
        "es": "Ninguna organización (hablo por mí)",
    },
    "role_legend": {"en": "In the local authority I am", "es": "En la administración local soy"},
    "role_none": {"en": "I'd rather not say", "es": "Prefiero no decirlo"},
    "role_elected": {"en": "An elected member", "es": "Una persona electa (concejal/a…)"},
    "role_officer": {"en": "An officer", "es": "Personal de la administración"},
    "rates_legend": {
        "en": "My answers about the {side}'s column are about",
        "es": "Mis respuestas sobre la columna de {side} se refieren a",
    },
    "rates_whole": {"en": "The {side} as a whole", "es": "{side} en su conjunto"},
    "side_the_LA": {"en": "local authority", "es": "la administración local"},
    "side_the_CSO": {"en": "civil society side", "es": "la sociedad civil"},
    "org_choose_side": {
        "en": "Choose your side first: then the organisations of that side are listed here.",
        "es": "Elija primero su lado: entonces aparecen aquí las organizaciones de ese lado.",
    },
    # the per-organisation breakdown (reveal, report)
    "org_breakdown": {"en": "By organisation", "es": "Por organización"},
    "org_breakdown_caption": {
        "en": "{question}: each organisation's own view and the others' view of it",
        "es": "{question}: la mirada propia de cada organización y la de los demás sobre ella",
    },
    "org_col_org": {"en": "Organisation", "es": "Organización"},
    "org_col_own": {"en": "Own view", "es": "Mirada propia"},
    "org_col_others": {"en": "Others' view", "es": "Mirada de los demás"},
    "org_col_gap": {"en": "Gap", "es": "Brecha"},
    "org_fewer_than": {"en": "fewer than {k}", "es": "menos de {k}"},
    "org_protects": {
        "en": "withheld (would reveal a smaller group)",
        "es": "reservado (revelaría un grupo más pequeño)",
    },
    "org_nobody": {"en": "no answers", "es": "sin respuestas"},
    "org_rule": {
        "en": "An organisation's figure is shown only when at least {k} of its people (or of the people rating it) gave a rating anonymously; “fewer than {k}” shows no number. A figure may also be withheld when, shown with the others, it would give away a smaller group.",
        "es": "La cifra de una organización solo se muestra cuando al menos {k} de sus personas (o de quienes la califican) dieron una calificación de forma anónima; «menos de {k}» no muestra ningún número. Una cifra también puede reservarse cuando, junto a las demás, revelaría un grupo más pequeño.",
    },
    "org_report_text": {
        "en": "Each organisation's own view of its side's questions, the view of the people of the other side who rated it, and the gap between the two. The side-level figures above are the same as without organisations.",
        "es": "La mirada propia de cada organización sobre las preguntas de su lado, la mirada de las personas del otro lado que la calificaron y la brecha entre ambas. Las cifras por lado de arriba son las mismas que sin organizaciones.",
    },
    "org_report_none": {
        "en": "No organisation took part in this round, or nobody said which one they are part of.",
        "es": "Ninguna organización participó en esta ronda, o nadie dijo de cuál forma parte.",
    },
}
