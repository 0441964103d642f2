# ruff: noqa: E501
"""The words of orientation: the start page's few lines on how the six strands fit
together, what the rating scale means and what the checklist is for; the credit of the
five ways to well-being on strand IV; and "whose voice is not fully heard" for groups in
the room (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["ORIENTATION_MESSAGES"]

ORIENTATION_MESSAGES: dict[str, str] = {
    # start page: the heading of the few lines read before joining
    "orient_title": "What this checklist is",
    # start page: before the list of the strands, grouped by what they do together
    "orient_strands": "The checklist follows {n} strands of local strategy. They are related, and fit together like this:",
    # start page: one strand in the list, e.g. "Strand I: Defining valued outcomes"
    "orient_strand": "Strand {n}: {title}",
    # start page: what the rating scale means ({low}, {high}, {dont_know}: the scale's words)
    "orient_scale": "For each question you say how well it is being done in your locality: from 1, “{low}”, to 5, “{high}”. If you cannot tell, choose “{dont_know}”.",
    # start page: the checklist is a prompt to deliberate, not a test
    "orient_questions": "The checklist is framed as questions, not answers. It is a prompt for each side, and for both sides together, to talk things through and learn from experience; it is not a score to win.",
    # start page in easy read
    "orient_easy_strands": "There are {n} parts. We call them strands. They go together like this:",
    "orient_easy_scale": "For each question you choose an answer. The answers go from “{low}” to “{high}”. You can also choose “{dont_know}”.",
    "orient_easy_questions": "The questions help us talk together. There is no score to win. There are no wrong answers.",
    # strand IV: the credit under the five ways to well-being
    "well_being_credit": "The five ways to well-being come from the New Economics Foundation (Jody Aked, Nic Marks, Corrina Cordon and Sam Thompson, “Five Ways to Wellbeing: The Evidence”, 2008). The short descriptions are civicnb's own words.",
    # facilitator's "Who's not here": a group present in the room whose voice is not fully heard
    "fac_not_heard": "{group}: here, but whose voice or contribution is not being fully recognised? (optional)",
    # report and facilitator page: heading of the groups present but not fully heard
    "fac_not_heard_title": "Here, but not fully heard",
    # the section's short explanation
    "fac_not_heard_text": "Who's not here is also whose voice and contribution are not being fully recognised, even in the room: note it for a group that is present, and how to hear it better.",
    # the name of the field in error messages, e.g. "the unheard note is too long"
    "field_unheard_note": "note on whose voice is not fully heard",
    # spreadsheet column (in English: the column's name as scripts read it)
    "xl_col_unheard_note": "unheard_note",
}
