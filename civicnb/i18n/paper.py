# ruff: noqa: E501
"""The words of the printed booklet, the one-page checklist and the framework's
attribution, in English (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["PAPER_MESSAGES"]

PAPER_MESSAGES: dict[str, str] = {
    # the booklet's cover
    "pp_booklet_title": "Civic partnership checklist: answers on paper",
    "pp_place_round": "{place} · Round: {label}",
    "pp_name": "Your name or a pseudonym:",
    "pp_side": "I answer for:",
    "pp_how_title": "How to answer",
    "pp_how_pairs": "Each strand has pairs of questions: one about the local authority (LA), one about civil society organisations (CSO).",
    "pp_how_side": "Answer the questions of your own side; you may also answer the other side's.",
    "pp_how_tick": "Tick one box for each question, from {low} to {high}, or “{dont_know}”.",
    "pp_how_write": "Under each question, write what your answer is based on and, if you like, what would help.",
    "pp_how_return": "When you have finished, give the booklet back to the facilitator.",
    "pp_scale_legend": "The scale: {levels}.",
    # a question on paper
    "pp_evidence": "What is your answer based on?",
    "pp_would_help": "What would help?",
    "pp_tick_one": "Tick one box",
    # the checklist
    "pp_checklist_title": "The civic partnership checklist: fifteen pairs",
    "pp_strand": "Strand",
    "pp_marks": "Marks: {levels}; ? = {dont_know}.",
    "pp_overview": "All fifteen pairs at a glance: answer them on the pages of strands I to V.",
    "pp_answer_mark": "Your answer: {answer}",
    # attribution
    "about_questions": "About these questions",
    "about_source": "The questions are quoted from {author}, “{title}” ({publisher}, {year}).",
    "about_url": "Source: {url}",
}
