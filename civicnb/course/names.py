"""The course's words that are names rather than messages, per language: the folders of a
course pack, the handouts' index title and the quotation marks around a title. Every
table has an entry for each language of :data:`civicnb.i18n.LANGUAGES` (the tests check
it); a new language adds one to each."""

from __future__ import annotations

__all__ = [
    "GROUP_FOLDER",
    "HANDOUTS_FOLDER",
    "HANDOUTS_TITLE",
    "QUOTES",
    "TRAINER_GUIDE",
    "course_lang",
    "group_folder",
]

GROUP_FOLDER = {"en": "group-{n}", "es": "grupo-{n}", "pt": "grupo-{n}"}
"""A course group's folder in a pack (``{n}``: the group's number)."""
HANDOUTS_FOLDER = {"en": "handouts", "es": "material-impreso", "pt": "material-impresso"}
"""The pack's folder of print-friendly handouts."""
HANDOUTS_TITLE = {
    "en": "Course handouts",
    "es": "Material impreso del curso",
    "pt": "Material impresso do curso",
}
"""The title of the handouts' index page."""
QUOTES = {"en": ("“", "”"), "es": ("«", "»"), "pt": ("“", "”")}
"""Opening and closing quotation marks around a title quoted in feedback."""
TRAINER_GUIDE = {"en": "trainer-guide.md", "es": "trainer-guide.es.md", "pt": "trainer-guide.pt.md"}
"""The trainer's guide in ``notebooks/course/`` for a language."""


def group_folder(lang: str, n: int) -> str:
    """The folder name of group ``n`` in a pack in ``lang``."""
    return GROUP_FOLDER[lang].format(n=n)


def course_lang(lang: object, default: str = "es") -> str:
    """``lang`` if the course exists in it, else ``default``."""
    from civicnb.i18n import LANGUAGES

    return lang if isinstance(lang, str) and lang in LANGUAGES else default
