# ruff: noqa: E501
"""The words of the booklet in easy read (``civicnb print --easy-read``) and of the
XLSForm's easy-read languages: short sentences, one idea each, everyday words (merged
into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["EASY_PRINT_MESSAGES"]

EASY_PRINT_MESSAGES: dict[str, str] = {
    # the cover of the booklet in easy read
    "ep_booklet_title": "Working well together: your answers on paper",
    # who wrote the easy read, and where the original is
    "ep_adaptation": "This easy read is civicnb's own easy-read adaptation. It is not the author's text. The original wording is in small print under each easy-read text.",
    "ep_help": "You can ask someone to help you read or write.",
    # what to do, one idea a line
    "ep_how_tick": "Tick one box for each question.",
    "ep_how_dont_know": "Not sure? Tick “{dont_know}”.",
    "ep_how_return": "When you finish, give the booklet back.",
    # under each question
    "ep_why": "Why do you think this?",
    # a question's side, short
    "ep_side_LA": "About the local council",
    "ep_side_CSO": "About local groups",
    # strand VI in easy read (no questions of its own)
    "ep_overview": "This part has no questions of its own. It looks at all the questions together.",
    # the XLSForm: easy read as a language of its own, e.g. "English, easy read"
    "xf_easy_language": "{language}, easy read",
}
