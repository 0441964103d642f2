"""The interface's own words, in every language civicnb speaks.

Framework texts (strands, questions…) carry their own translations; these are the
words around them. English is written here (``MESSAGES``: key -> English); the other
languages are gettext catalogs made from it (:mod:`civicnb.i18n.catalogs`,
``make catalogs``). ``t(key, lang, **values)`` formats a message; a test checks that
every catalog has every message, with the same placeholders.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from string import Formatter
from typing import TypeVar

from babel.numbers import NumberFormatError, format_decimal, format_percent, parse_decimal

from civicnb.errors import CivicnbError, Term
from civicnb.i18n.catalogs import LANGUAGES, LOCALES, language_name, language_tag, translations
from civicnb.i18n.cofacilitation import COFACILITATION_MESSAGES
from civicnb.i18n.collect import COLLECT_MESSAGES
from civicnb.i18n.course import COURSE_MESSAGES
from civicnb.i18n.data_entry import DATA_ENTRY_MESSAGES
from civicnb.i18n.easy_print import EASY_PRINT_MESSAGES
from civicnb.i18n.easy_read import EASY_READ_MESSAGES
from civicnb.i18n.errors import ERROR_MESSAGES
from civicnb.i18n.exports import EXPORT_MESSAGES
from civicnb.i18n.facilitation import FACILITATION_MESSAGES
from civicnb.i18n.home_public import HOME_PUBLIC_MESSAGES
from civicnb.i18n.home_setup import HOME_SETUP_MESSAGES
from civicnb.i18n.lab import LAB_MESSAGES
from civicnb.i18n.network import NETWORK_MESSAGES
from civicnb.i18n.organisations import ORGANISATION_MESSAGES
from civicnb.i18n.orientation import ORIENTATION_MESSAGES
from civicnb.i18n.paper import PAPER_MESSAGES
from civicnb.i18n.privacy import PRIVACY_MESSAGES
from civicnb.i18n.report import REPORT_MESSAGES
from civicnb.i18n.report_pdf import REPORT_PDF_MESSAGES
from civicnb.i18n.rounds import ROUNDS_MESSAGES
from civicnb.i18n.summary import SUMMARY_MESSAGES
from civicnb.i18n.workshop import WORKSHOP_MESSAGES

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "error_text",
    "keyed",
    "language_name",
    "language_tag",
    "message",
    "number",
    "percent",
    "read_number",
    "score",
    "shown",
    "t",
    "term",
]

MESSAGES: dict[str, str] = {
    "app_name": "Civic partnership workbook",
    "start": "Start",
    "strand_n": "Strand {n}",
    "my_summary": "My summary",
    "nav_label": "Pages of the workbook",
    "language": "Language",
    "side": "I answer for",
    "side_LA": "The local authority",
    "side_CSO": "A civil society organisation",
    "side_other": "Other (neither)",
    "side_short_LA": "local authority",
    "side_short_CSO": "civil society organisation",
    "side_short_other": "other",
    "name": "Your name or a pseudonym",
    "name_hint": "A pseudonym is fine. It is how your answers are labelled.",
    "consent": "I agree to be named in reports and in the facilitator's view",
    "begin": "Begin",
    "welcome_title": "Welcome",
    "welcome_text": "This workbook helps the local authority and civil society organisations of {place} look at how well they work together. Answer for your own side; you may also answer the other side's questions. Your answers are saved as you go.",
    "round": "Round: {label}",
    "joined_as": "You are answering as {name} ({side}).",
    "continue_as": "Continue as {name}",
    "someone_else": "I am someone else",
    "go_to_strands": "Go to the strands:",
    "progress": "{done} of {total} answered",
    "name_required": "Please give a name or a pseudonym.",
    "side_required": "Please choose the side you answer for.",
    "not_joined": "You have not joined yet. Open the start page to begin.",
    "guiding_question": "Guiding question",
    "in_short": "In short",
    "guidance": "Guidance",
    "pair_n": "Pair {n}",
    "column_LA": "Local authority (LA)",
    "column_CSO": "Civil society organisation (CSO)",
    "your_side": "your side",
    "optional_side": "optional for you",
    "evidence": "Evidence for question {n}: what is your answer based on?",
    "would_help": "What would help? (optional, question {n})",
    "saved": "Saved",
    "saving_failed": "Not saved: {reason}",
    "saved_at": "Saved at {time}",
    "saved_again_at": "Saved again at {time}",
    "session_ended": "Not saved — this session has ended. Join again from the start page.",
    "session_over": "This session has ended on this device. Join again from the start page.",
    "save_refused": "the text could not be stored ({what}); check it for unusual characters",
    "text_unencodable": "the text has a broken character (e.g. half of an emoji) that cannot be stored; retype it",
    "fac_devices": "{people} people joined from {devices} devices.",
    "forget_me": "Forget me on this device",
    "next_strand": "Next: {strand}",
    "next_label": "Next page",
    "not_answered": "Not answered yet",
    "checklist_title": "The fifteen pairs of questions",
    "checklist_intro": "Strand VI brings the other five together: the checklist below shows where you have answered, strand by strand.",
    "summary_title": "My summary",
    "radar_title": "My ratings by strand (average, 1 to 5)",
    "radar_own": "Questions about my side",
    "radar_other": "Questions about the other side",
    "table_caption": "My average rating per strand",
    "col_strand": "Strand",
    "col_answered": "Answered",
    "col_dont_know": "Don't know",
    "no_rating": "no rating",
    "summary_none": "You have not rated any question yet in this round.",
    "summary_text": "You answered {answered} of {total} questions about your side. Your highest average is for {best} ({best_value}) and your lowest for {worst} ({worst_value}).",
    "summary_dont_know": ' You said "don\'t know" {n} times: these may be good questions to find out more about.',
    "workbook": "Your workbook",
    "download_json": "Download my workbook (JSON)",
    "download_xlsx": "Download my answers (Excel)",
    "upload": "Upload a workbook to continue",
    "upload_done": "Workbook loaded: {participants} participant(s) and {ratings} answer(s) added.",
    "upload_failed": "The workbook was not loaded: {reason}",
    "binder_warning": "This is a temporary session: everything is deleted when you close it or after a while without use. Download your workbook before you leave, and upload it next time to continue.",
    "static_note": "This is the printed copy of the page. Open it in the civicnb app to answer.",
    "source": "Source: {source}",
    "error": "Something went wrong: {reason}",
    # kiosk mode
    "kiosk_next": "Next participant",
    "kiosk_explain": "This device is shared. When you have finished, press “Next participant”: your answers stay saved and the screen is cleared, so the next person cannot see them.",
    "kiosk_form_note": "This device is shared: it does not remember who used it before. When you have finished, press “Next participant”.",
    "kiosk_clearing": "Clearing the screen for the next participant…",
}

# the facilitator's page and the room's view (kept in their own module)
MESSAGES.update(FACILITATION_MESSAGES)
MESSAGES.update(REPORT_MESSAGES)
MESSAGES.update(COURSE_MESSAGES)
MESSAGES.update(PRIVACY_MESSAGES)
MESSAGES.update(HOME_PUBLIC_MESSAGES)
MESSAGES.update(HOME_SETUP_MESSAGES)
MESSAGES.update(ROUNDS_MESSAGES)
MESSAGES.update(COFACILITATION_MESSAGES)
MESSAGES.update(ORGANISATION_MESSAGES)
MESSAGES.update(LAB_MESSAGES)
MESSAGES.update(ERROR_MESSAGES)
MESSAGES.update(EXPORT_MESSAGES)
MESSAGES.update(SUMMARY_MESSAGES)
MESSAGES.update(WORKSHOP_MESSAGES)
MESSAGES.update(COLLECT_MESSAGES)
MESSAGES.update(PAPER_MESSAGES)
MESSAGES.update(EASY_READ_MESSAGES)
MESSAGES.update(REPORT_PDF_MESSAGES)
MESSAGES.update(NETWORK_MESSAGES)
MESSAGES.update(EASY_PRINT_MESSAGES)
MESSAGES.update(DATA_ENTRY_MESSAGES)
MESSAGES.update(ORIENTATION_MESSAGES)


def message(key: str, lang: str = "en") -> str:
    """The message ``key`` in ``lang``, unformatted (English for a language civicnb
    does not have, or a message its catalog lacks)."""
    return translations(lang).pgettext(key, MESSAGES[key])


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang`` (English if unknown), formatted with ``values``."""
    text = message(key, lang)
    return text.format(**values) if values else text


_E = TypeVar("_E", bound=CivicnbError)


def _error_values(values: dict[str, object], lang: str) -> dict[str, object]:
    """An error's values as its message shows them in ``lang``: a :class:`Term` in the
    language, a whole number in its notation (1,200 / 1.200)."""
    out: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, Term):
            out[name] = message(value.key, lang)
        elif isinstance(value, int) and not isinstance(value, bool):
            out[name] = number(value, lang)
        else:
            out[name] = value
    return out


def keyed(cls: type[_E], key: str, /, **values: object) -> _E:
    """An error of class ``cls`` whose message is the catalog message ``key``: English
    in ``str(error)`` (the command line), any language on a page (:func:`error_text`)."""
    return cls(t(key, "en", **_error_values(values, "en")), key=key, values=values)


def term(key: str) -> Term:
    """The catalog message ``key`` as a word of an error message (a field's name): its
    English, which a page shows in its own language (:func:`error_text`)."""
    return Term(key, message(key))


def error_text(exc: BaseException, lang: str) -> str:
    """What a page shows for ``exc``: its message in ``lang`` when it has a catalog key,
    else its English (errors no page can cause), or, for an error that is not civicnb's,
    its class name (never a library's own text)."""
    if not isinstance(exc, CivicnbError):
        return type(exc).__name__
    if exc.key is None or exc.key not in MESSAGES:
        return str(exc)
    return t(exc.key, lang, **_error_values(exc.values, lang))


def _locale(lang: str) -> str:
    """The Babel locale for ``lang``: English for a language civicnb does not have."""
    return LOCALES.get(lang, "en")


def shown(value: float, digits: int = 1) -> Decimal:
    """``value`` rounded as :func:`score` shows it: halves away from zero, as people
    round by hand (3.25 -> 3.3), on the decimal the value prints as. Ties between
    figures are decided on this, so that what looks equal is equal."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded else Decimal(0).quantize(rounded)


def score(
    value: float | None, missing: str, lang: str, *, signed: bool = False, digits: int = 1
) -> str:
    """A mean rating or a gap as shown everywhere: one decimal (or ``digits``) in the
    language's own notation (``3.5`` / ``3,5``; a ``+`` sign for a gap), or ``missing``
    (a dash, "withheld", "n/a") when there is no number to show. Rounded by
    :func:`shown`; a value that rounds to zero is ``0.0``, never ``-0.0``."""
    if value is None:
        return missing
    rounded = shown(value, digits)
    pattern = "0." + "0" * digits if digits else "0"
    if signed and rounded:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(rounded, pattern, locale=_locale(lang), decimal_quantization=False)


def number(value: float, lang: str) -> str:
    """A number as somebody entered it (an outcome's baseline or target), in the
    language's notation: ``120``, ``12.5`` / ``12,5`` -- up to three decimals."""
    return format_decimal(value, locale=_locale(lang))


def read_number(text: str, lang: str) -> float:
    """A number typed in ``lang``'s notation ("1,200.5" / "1.200,5"), or, failing that,
    in another language's ("12.5" typed on a Spanish page is 12.5, "12,5" on an
    English one too). Spaces between digit groups are ignored. ``ValueError`` when it
    is not a finite number in any of them.

    >>> read_number("1,200", "en"), read_number("1.200", "es"), read_number("12.5", "es")
    (1200.0, 1200.0, 12.5)
    """
    compact = "".join(text.split())
    for locale in dict.fromkeys((_locale(lang), *LOCALES.values())):
        try:
            value = float(parse_decimal(compact, locale=locale, strict=True))
        except NumberFormatError:
            continue
        if math.isfinite(value):  # not "NaN" nor "inf"
            return value
    raise ValueError(f"not a number: {text!r}")


def percent(value: float, lang: str) -> str:
    """A share between 0 and 1 as a whole percentage: ``46%`` / ``46 %``."""
    return format_percent(value, locale=_locale(lang))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}
