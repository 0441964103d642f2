# ruff: noqa: E501
"""The words of organisations and roles, in English (merged into
:data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["ORGANISATION_MESSAGES"]

ORGANISATION_MESSAGES: dict[str, str] = {
    # the start page
    "org_legend": "I take part for",
    "org_none": "No organisation (speaking for myself)",
    "role_legend": "In the local authority I am",
    "role_none": "I'd rather not say",
    "role_elected": "An elected member",
    "role_officer": "An officer",
    "rates_legend": "My answers about the {side}'s column are about",
    "rates_whole": "The {side} as a whole",
    "side_the_LA": "local authority",
    "side_the_CSO": "civil society side",
    "org_choose_side": "Choose your side first: then the organisations of that side are listed here.",
    # the per-organisation breakdown (reveal, report)
    "org_breakdown": "By organisation",
    "org_breakdown_caption": "{question}: each organisation's own view and the others' view of it",
    "org_col_org": "Organisation",
    "org_col_own": "Own view",
    "org_col_others": "Others' view",
    "org_col_gap": "Gap",
    "org_fewer_than": "fewer than {k}",
    "org_protects": "withheld (would reveal a smaller group)",
    "org_nobody": "no answers",
    "org_rule": "An organisation's figure is shown only when at least {k} of its people (or of the people rating it) gave a rating anonymously; “fewer than {k}” shows no number. A figure may also be withheld when, shown with the others, it would give away a smaller group.",
    "org_report_text": "Each organisation's own view of its side's questions, the view of the people of the other side who rated it, and the gap between the two. The side-level figures above are the same as without organisations.",
    "org_report_none": "No organisation took part in this round, or nobody said which one they are part of.",
}
