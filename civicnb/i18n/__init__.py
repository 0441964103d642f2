"""The interface's own words, in English and Spanish.

Framework texts (strands, questions…) carry their own translations; these are the
words around them. ``t(key, lang, **values)`` formats a message; a test checks that
every message exists in both languages with the same placeholders.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from string import Formatter

from babel.numbers import NumberFormatError, format_decimal, format_percent, parse_decimal

from civicnb.i18n.cofacilitation import COFACILITATION_MESSAGES
from civicnb.i18n.course import COURSE_MESSAGES
from civicnb.i18n.facilitation import FACILITATION_MESSAGES
from civicnb.i18n.home_public import HOME_PUBLIC_MESSAGES
from civicnb.i18n.home_setup import HOME_SETUP_MESSAGES
from civicnb.i18n.lab import LAB_MESSAGES
from civicnb.i18n.organisations import ORGANISATION_MESSAGES
from civicnb.i18n.privacy import PRIVACY_MESSAGES
from civicnb.i18n.report import REPORT_MESSAGES
from civicnb.i18n.rounds import ROUNDS_MESSAGES

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "number",
    "percent",
    "read_number",
    "score",
    "shown",
    "t",
]

LANGUAGES = {"en": "English", "es": "Español"}

MESSAGES: dict[str, dict[str, str]] = {
    "app_name": {"en": "Civic partnership workbook", "es": "Cuaderno de la alianza cívica"},
    "start": {"en": "Start", "es": "Inicio"},
    "strand_n": {"en": "Strand {n}", "es": "Eje {n}"},
    "my_summary": {"en": "My summary", "es": "Mi resumen"},
    "nav_label": {"en": "Pages of the workbook", "es": "Páginas del cuaderno"},
    "language": {"en": "Language", "es": "Idioma"},
    "side": {"en": "I answer for", "es": "Respondo por"},
    "side_LA": {"en": "The local authority", "es": "La administración local"},
    "side_CSO": {
        "en": "A civil society organisation",
        "es": "Una organización de la sociedad civil",
    },
    "side_other": {"en": "Other (neither)", "es": "Otro (ninguno de los dos)"},
    "side_short_LA": {"en": "local authority", "es": "administración local"},
    "side_short_CSO": {
        "en": "civil society organisation",
        "es": "organización de la sociedad civil",
    },
    "side_short_other": {"en": "other", "es": "otro"},
    "name": {"en": "Your name or a pseudonym", "es": "Su nombre o un seudónimo"},
    "name_hint": {
        "en": "A pseudonym is fine. It is how your answers are labelled.",
        "es": "Puede usar un seudónimo. Así se identificarán sus respuestas.",
    },
    "consent": {
        "en": "I agree to be named in reports and in the facilitator's view",
        "es": "Acepto que mi nombre aparezca en los informes y en la vista de la facilitación",
    },
    "begin": {"en": "Begin", "es": "Comenzar"},
    "welcome_title": {"en": "Welcome", "es": "Bienvenida"},
    "welcome_text": {
        "en": "This workbook helps the local authority and civil society organisations of {place} look at how well they work together. Answer for your own side; you may also answer the other side's questions. Your answers are saved as you go.",
        "es": "Este cuaderno ayuda a la administración local y a las organizaciones de la sociedad civil de {place} a revisar qué tan bien trabajan juntas. Responda por su propio lado; también puede responder las preguntas del otro lado. Sus respuestas se guardan a medida que avanza.",
    },
    "round": {"en": "Round: {label}", "es": "Ronda: {label}"},
    "joined_as": {
        "en": "You are answering as {name} ({side}).",
        "es": "Está respondiendo como {name} ({side}).",
    },
    "continue_as": {"en": "Continue as {name}", "es": "Continuar como {name}"},
    "someone_else": {"en": "I am someone else", "es": "Soy otra persona"},
    "go_to_strands": {"en": "Go to the strands:", "es": "Ir a los ejes:"},
    "progress": {"en": "{done} of {total} answered", "es": "{done} de {total} respondidas"},
    "name_required": {
        "en": "Please give a name or a pseudonym.",
        "es": "Escriba un nombre o un seudónimo.",
    },
    "side_required": {
        "en": "Please choose the side you answer for.",
        "es": "Elija el lado por el que responde.",
    },
    "not_joined": {
        "en": "You have not joined yet. Open the start page to begin.",
        "es": "Todavía no se ha registrado. Abra la página de inicio para comenzar.",
    },
    "guiding_question": {"en": "Guiding question", "es": "Pregunta orientadora"},
    "in_short": {"en": "In short", "es": "En pocas palabras"},
    "guidance": {"en": "Guidance", "es": "Orientación"},
    "pair_n": {"en": "Pair {n}", "es": "Par {n}"},
    "column_LA": {"en": "Local authority (LA)", "es": "Administración local (AL)"},
    "column_CSO": {
        "en": "Civil society organisation (CSO)",
        "es": "Organización de la sociedad civil (OSC)",
    },
    "your_side": {"en": "your side", "es": "su lado"},
    "optional_side": {"en": "optional for you", "es": "opcional para usted"},
    "evidence": {
        "en": "Evidence for question {n}: what is your answer based on?",
        "es": "Evidencia de la pregunta {n}: ¿en qué se basa su respuesta?",
    },
    "would_help": {
        "en": "What would help? (optional, question {n})",
        "es": "¿Qué ayudaría? (opcional, pregunta {n})",
    },
    "saved": {"en": "Saved", "es": "Guardado"},
    "saving_failed": {"en": "Not saved: {reason}", "es": "No se guardó: {reason}"},
    "saved_at": {"en": "Saved at {time}", "es": "Guardado a las {time}"},
    "saved_again_at": {"en": "Saved again at {time}", "es": "Guardado de nuevo a las {time}"},
    "session_ended": {
        "en": "Not saved — this session has ended. Join again from the start page.",
        "es": "No se guardó — esta sesión ha terminado. Vuelva a unirse desde la página de inicio.",
    },
    "session_over": {
        "en": "This session has ended on this device. Join again from the start page.",
        "es": "Esta sesión ha terminado en este dispositivo. Vuelva a unirse desde la página de inicio.",
    },
    "save_refused": {
        "en": "the text could not be stored ({what}); check it for unusual characters",
        "es": "el texto no se pudo guardar ({what}); revise si tiene caracteres inusuales",
    },
    "text_unencodable": {
        "en": "the text has a broken character (e.g. half of an emoji) that cannot be stored; retype it",
        "es": "el texto tiene un carácter roto (p. ej. medio emoji) que no se puede guardar; vuelva a escribirlo",
    },
    "fac_devices": {
        "en": "{people} people joined from {devices} devices.",
        "es": "{people} personas se unieron desde {devices} dispositivos.",
    },
    "forget_me": {"en": "Forget me on this device", "es": "Olvidarme en este dispositivo"},
    "next_strand": {"en": "Next: {strand}", "es": "Siguiente: {strand}"},
    "next_label": {"en": "Next page", "es": "Página siguiente"},
    "not_answered": {"en": "Not answered yet", "es": "Sin responder"},
    "checklist_title": {
        "en": "The fifteen pairs of questions",
        "es": "Los quince pares de preguntas",
    },
    "checklist_intro": {
        "en": "Strand VI brings the other five together: the checklist below shows where you have answered, strand by strand.",
        "es": "El eje VI reúne los otros cinco: la lista muestra dónde ha respondido, eje por eje.",
    },
    "summary_title": {"en": "My summary", "es": "Mi resumen"},
    "radar_title": {
        "en": "My ratings by strand (average, 1 to 5)",
        "es": "Mis calificaciones por eje (promedio, de 1 a 5)",
    },
    "radar_own": {"en": "Questions about my side", "es": "Preguntas sobre mi lado"},
    "radar_other": {"en": "Questions about the other side", "es": "Preguntas sobre el otro lado"},
    "table_caption": {
        "en": "My average rating per strand",
        "es": "Mi calificación promedio por eje",
    },
    "col_strand": {"en": "Strand", "es": "Eje"},
    "col_answered": {"en": "Answered", "es": "Respondidas"},
    "col_dont_know": {"en": "Don't know", "es": "No sé"},
    "no_rating": {"en": "no rating", "es": "sin calificación"},
    "summary_none": {
        "en": "You have not rated any question yet in this round.",
        "es": "Todavía no ha calificado ninguna pregunta en esta ronda.",
    },
    "summary_text": {
        "en": "You answered {answered} of {total} questions about your side. Your highest average is for {best} ({best_value}) and your lowest for {worst} ({worst_value}).",
        "es": "Respondió {answered} de {total} preguntas sobre su lado. Su promedio más alto es en {best} ({best_value}) y el más bajo en {worst} ({worst_value}).",
    },
    "summary_dont_know": {
        "en": ' You said "don\'t know" {n} times: these may be good questions to find out more about.',
        "es": " Respondió «no sé» {n} veces: pueden ser buenas preguntas para averiguar más.",
    },
    "workbook": {"en": "Your workbook", "es": "Su cuaderno"},
    "download_json": {"en": "Download my workbook (JSON)", "es": "Descargar mi cuaderno (JSON)"},
    "download_xlsx": {
        "en": "Download my answers (Excel)",
        "es": "Descargar mis respuestas (Excel)",
    },
    "upload": {"en": "Upload a workbook to continue", "es": "Subir un cuaderno para continuar"},
    "upload_done": {
        "en": "Workbook loaded: {participants} participant(s) and {ratings} answer(s) added.",
        "es": "Cuaderno cargado: se añadieron {participants} participante(s) y {ratings} respuesta(s).",
    },
    "upload_failed": {
        "en": "The workbook was not loaded: {reason}",
        "es": "No se cargó el cuaderno: {reason}",
    },
    "binder_warning": {
        "en": "This is a temporary session: everything is deleted when you close it or after a while without use. Download your workbook before you leave, and upload it next time to continue.",
        "es": "Esta es una sesión temporal: todo se borra al cerrarla o tras un rato sin uso. Descargue su cuaderno antes de salir y súbalo la próxima vez para continuar.",
    },
    "static_note": {
        "en": "This is the printed copy of the page. Open it in the civicnb app to answer.",
        "es": "Esta es la copia impresa de la página. Ábrala en la aplicación civicnb para responder.",
    },
    "source": {"en": "Source: {source}", "es": "Fuente: {source}"},
    "error": {"en": "Something went wrong: {reason}", "es": "Algo salió mal: {reason}"},
    # kiosk mode
    "kiosk_next": {"en": "Next participant", "es": "Siguiente participante"},
    "kiosk_explain": {
        "en": "This device is shared. When you have finished, press “Next participant”: your answers stay saved and the screen is cleared, so the next person cannot see them.",
        "es": "Este dispositivo es compartido. Cuando termine, oprima «Siguiente participante»: sus respuestas quedan guardadas y la pantalla se borra para que la siguiente persona no las vea.",
    },
    "kiosk_form_note": {
        "en": "This device is shared: it does not remember who used it before. When you have finished, press “Next participant”.",
        "es": "Este dispositivo es compartido: no recuerda quién lo usó antes. Cuando termine, oprima «Siguiente participante».",
    },
    "kiosk_clearing": {
        "en": "Clearing the screen for the next participant…",
        "es": "Limpiando la pantalla para el siguiente participante…",
    },
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


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang`` (English if unknown), formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def _locale(lang: str) -> str:
    """The Babel locale for ``lang``: English for a language civicnb does not have."""
    return lang if lang in LANGUAGES else "en"


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
    in the other language's ("12.5" typed on a Spanish page is 12.5, "12,5" on an
    English one too). Spaces between digit groups are ignored. ``ValueError`` when it
    is not a finite number in either notation.

    >>> read_number("1,200", "en"), read_number("1.200", "es"), read_number("12.5", "es")
    (1200.0, 1200.0, 12.5)
    """
    compact = "".join(text.split())
    first = _locale(lang)
    for locale in (first, *(other for other in LANGUAGES if other != first)):
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
