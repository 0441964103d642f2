# ruff: noqa: E501
"""Words the workshop writes into its records and labels: the pseudonyms of the
reveal, the default stakeholder groups of "Who's not here?", the lead facilitator's
name, and the titles of JupyterLab's launcher entries."""

from __future__ import annotations

__all__ = ["STAKEHOLDER_KEYS", "WORKSHOP_MESSAGES"]

STAKEHOLDER_KEYS = (
    "group_disabled",
    "group_older",
    "group_young",
    "group_children",
    "group_women",
    "group_minorities",
    "group_migrants",
    "group_carers",
    "group_low_income",
    "group_businesses",
    "group_public_bodies",
    "group_schools",
    "group_faith",
    "group_neighbourhood",
)
"""The default stakeholder groups a round expects, in this order."""

WORKSHOP_MESSAGES: dict[str, str] = {
    # the reveal names a participant who did not agree to be named by side and join order: {n} is a number
    "pseudonym_LA": "LA participant {n}",
    "pseudonym_CSO": "CSO participant {n}",
    "pseudonym_other": "Other participant {n}",
    # the reveal's evidence notes of a participant who did not agree to be named
    "anonymous_LA": "LA participant (anonymous)",
    "anonymous_CSO": "CSO participant (anonymous)",
    "anonymous_other": "Other participant (anonymous)",
    # the name recorded for whoever opens the facilitator's page with the workspace's own key
    "lead_facilitator": "Lead facilitator",
    # the stakeholder groups a round expects by default ("Who's not here?"; the facilitator edits them)
    "group_disabled": "Disabled people",
    "group_older": "Older people",
    "group_young": "Young people",
    "group_children": "Children and families",
    "group_women": "Women's groups",
    "group_minorities": "Minority and ethnic groups",
    "group_migrants": "Migrants and refugees",
    "group_carers": "Carers",
    "group_low_income": "People on low incomes",
    "group_businesses": "Businesses",
    "group_public_bodies": "Public bodies",
    "group_schools": "Schools and universities",
    "group_faith": "Faith groups",
    "group_neighbourhood": "Neighbourhood associations",
    # titles of JupyterLab's launcher entries; {name} is a locality's name
    "launch_home": "Workshop home page (Voilà)",
    "launch_home_desc": "The workspace's home page as participants and facilitators see it",
    "launch_facilitator": "{name}: facilitator's page (Voilà)",
    "launch_start": "{name}: join page (Voilà)",
    "launch_strand": "{name}: strand I notebook",
    # {round} is the report's file name
    "launch_report": "{name}: report notebook ({round})",
    "launch_make_report": "{name}: make the report (terminal)",
    # {group} is a course group's folder name (group-1)
    "launch_course_group": "Course, {group}: first module",
    "launch_course_summary": "Course: trainer's summary",
}
