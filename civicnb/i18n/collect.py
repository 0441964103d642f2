# ruff: noqa: E501
"""The words of the files made for collecting answers away from the pages: the XLSForm
for KoBoToolbox and ODK (its yes/no choices) and the XLSX template into which paper
answers are typed (its sheet name, headers and help text)."""

from __future__ import annotations

__all__ = ["COLLECT_MESSAGES"]

COLLECT_MESSAGES: dict[str, str] = {
    # the choices of the form's question "I agree to be named in reports…"
    "collect_yes": "Yes",
    "collect_no": "No",
    # the name of the template's sheet (at most 31 characters, no [ ] : * ? / \)
    "tpl_sheet": "Paper answers",
    # the label of the cell holding the form's code; the code itself must stay as it is
    "tpl_form": "Form (do not change)",
    "tpl_title": "{locality}: answers written on paper, round {round}",
    # {dont_know} is the framework's "Don't know" answer, as it is in the cells' list
    "tpl_help": "One row per participant, as written in their booklet. Side, organisation and consent: choose from the cell's list. Answers: 1 to 5, or “{dont_know}”; leave the cell empty when the question was not answered. Then import the file with: civicnb import FILE",
    # column headers of the template
    "tpl_col_side": "Side",
    "tpl_col_organisation": "Organisation",
    "tpl_col_name": "Name or pseudonym",
    "tpl_col_consent": "Agrees to be named",
}
