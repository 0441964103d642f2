# ruff: noqa: E501
"""The words of the facilitator's data-entry section: typing in the answers of a paper
booklet, one booklet at a time."""

from __future__ import annotations

__all__ = ["DATA_ENTRY_MESSAGES"]

DATA_ENTRY_MESSAGES: dict[str, str] = {
    # the name of the section in the facilitator's menu
    "fac_tab_entry": "Paper booklets",
    "entry_heading": "Type in a paper booklet",
    "entry_text": "One booklet at a time: the side, the organisation, the name or pseudonym and the consent, then the answers in the booklet's order. An answer is 1 to 5, or ? for “don't know”; leave it empty when the question was not answered. Tick “The booklet has written notes” to type in what is written beside the questions too. Nothing is saved until you press “Save booklet”.",
    "entry_side": "Side",
    "entry_choose_side": "Choose the side",
    "entry_organisation": "Organisation",
    # the role in the local authority, asked where the locality has organisations
    "entry_role": "Role",
    "entry_name": "Name or pseudonym",
    # a tick box: shows a box for the evidence note and "what would help" beside each question
    "entry_with_notes": "The booklet has written notes (evidence, what would help)",
    # {question} is a question's code (LA-01, CSO-I…)
    "entry_note": "{question} · evidence note",
    # {question} is a question's code (LA-01, CSO-I…)
    "entry_would_help": "{question} · what would help",
    "entry_consent": "Agrees to be named in reports",
    # {strand} is the strand's number (I…V), {title} its title
    "entry_strand": "Strand {strand}: {title}",
    # the hint in each answer's box
    "entry_placeholder": "1–5 or ?",
    "entry_save": "Save booklet",
    "entry_saved": "Booklet {number} saved ({name}). The form is empty for the next one.",
    "entry_err_side": "Choose the side the booklet answers for.",
    "entry_err_name": "The name or pseudonym is empty: type the one written on the booklet.",
    # {question} is a question's code (LA-01, CSO-I…), {text} what was typed
    "entry_err_answer": "{question}: “{text}” is not an answer. Type 1 to 5, ? for “don't know”, or leave it empty. Nothing was saved.",
    "entry_err_empty": "The booklet has no answers and no notes: type at least one before saving it.",
    "entry_err_twice": "A booklet of {name} on this side is already saved in this round: nothing was saved. If it is another person, tell them apart by their pseudonym.",
}
