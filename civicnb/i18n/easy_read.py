# ruff: noqa: E501
"""The words of easy read: the switch, the note that says whose adaptation it is, the
"Original wording" disclosure, and the start page and instructions in easy read (short
sentences, one idea each, everyday words) (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["EASY_READ_MESSAGES"]

EASY_READ_MESSAGES: dict[str, str] = {
    # the name of the feature, e.g. as the label of the switch's region
    "easy_read": "Easy read",
    # the switch on every participant page, when easy read is off / on
    "easy_read_is_off": "Easy read is off.",
    "easy_read_is_on": "Easy read is on.",
    "easy_read_turn_on": "Switch easy read on",
    "easy_read_turn_off": "Switch easy read off",
    # the disclosure under each easy-read text that shows the text as written
    "original_wording": "Original wording",
    # shown at the top of a page in easy read
    "easy_read_adaptation": "This easy read is civicnb's own easy-read adaptation. It is not the author's text. Open “Original wording” to read the original.",
    # the accessible name of a picture: {what} is the word shown beside it
    "easy_picture": "Picture: {what}",
    # a strand page in easy read: how to answer (one idea a line)
    "easy_how_title": "How to answer",
    "easy_how_read": "Read each question.",
    "easy_how_choose": "Choose one answer.",
    "easy_how_scale": "A fuller circle means better.",
    "easy_how_dont_know": "Not sure? Choose “{dont_know}”.",
    "easy_how_your_side": "Answer the questions for your side. The other questions are up to you.",
    "easy_how_write": "You can write why. You do not have to.",
    "easy_how_saved": "Your answers are saved at once.",
    # the answers of the rating scale, each with its picture
    "easy_scale_title": "The answers",
    "easy_guiding_title": "The big question",
    "easy_about_title": "What this strand is about",
    # the start page in easy read
    "easy_welcome": "This is about {place}. The local council and local groups want to work well together. You can help. Tell us what you think.",
    "easy_start_title": "What to do",
    "easy_start_language": "Choose your language.",
    "easy_start_side": "Say who you answer for.",
    "easy_start_name": "Write your name. A made-up name is fine.",
    "easy_start_begin": "Press “{begin}”.",
    "easy_start_saved": "Your answers are saved at once.",
    # the start page once joined, in easy read
    "easy_go_on": "Choose a strand to answer its questions.",
}
