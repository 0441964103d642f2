"""A locality's questionnaire as an XLSForm, for offline collection with KoBoToolbox
or ODK (Collect, Central, Enketo).

The form asks what the start page and the strand pages ask: the side a participant
answers for, their organisation (and, on the local authority's side, their role), a
name or pseudonym, consent to be named, then each strand's questions pair by pair, with
the framework's scale and "don't know", the evidence note and "what would help". Labels
are in every language civicnb speaks (``label::English (en)``…), and in easy read as
languages of their own (``label::English, easy read (en)``…: ODK and KoBoToolbox let a
person choose it in the form's language menu): the framework's easy read of the
questions, of the strands' titles and big questions and of the scale's words, the
original wording where the framework has none. The question names are
civicnb's ids (``LA-01``, ``CSO-I``, their notes ``LA-01_note``…), inside one group per
strand (``strand_I``); two hidden fields (:data:`LOCALITY_FIELD`, :data:`ROUND_FIELD`)
travel with every submission so that ``civicnb import`` knows where it belongs
(:mod:`civicnb.exchange.submissions`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from civicnb.framework.model import Framework, Question, Side, Strand
from civicnb.i18n import t
from civicnb.i18n.catalogs import LANGUAGES
from civicnb.records import Locality, Organisation, Round

__all__ = [
    "CONSENT_FIELD",
    "DONT_KNOW",
    "FORM_LANGUAGES",
    "HELP_SUFFIX",
    "LOCALITY_FIELD",
    "NAME_FIELD",
    "NONE",
    "NOTE_SUFFIX",
    "ORGANISATION_FIELD",
    "ROLE_FIELD",
    "ROUND_FIELD",
    "SIDE_FIELD",
    "FormField",
    "form_fields",
    "form_id",
    "form_version",
    "label_headers",
    "language_column",
    "write_xlsform",
]

LOCALITY_FIELD = "civicnb_locality"
ROUND_FIELD = "civicnb_round"
SIDE_FIELD = "side"
ORGANISATION_FIELD = "organisation"
ROLE_FIELD = "role"
NAME_FIELD = "pseudonym"
CONSENT_FIELD = "consent"
NOTE_SUFFIX = "_note"
HELP_SUFFIX = "_help"
DONT_KNOW = "dont_know"
"""The choice value of "don't know" (the scale's values are 1 to 5)."""
NONE = "none"
"""The choice value of "no organisation" and of "I'd rather not say" (role)."""


FORM_LANGUAGES: tuple[tuple[str, bool], ...] = tuple(
    (lang, easy) for easy in (False, True) for lang in LANGUAGES
)
"""The form's languages: (code, easy read?): every language, then each in easy read."""


def language_column(column: str, lang: str, easy: bool = False) -> str:
    """``label::English (en)``: an XLSForm column in one language (the language's own
    name, without a region, and its code); with ``easy``, its easy read as a language of
    its own, ``label::English, easy read (en)`` (the code stays the language's: pyxform
    checks it is one)."""
    name = LANGUAGES[lang].split(" (")[0]
    if easy:
        name = t("xf_easy_language", lang, language=name)
    return f"{column}::{name} ({lang})"


def form_id(locality: Locality, round: Round) -> str:
    """The form's id: the locality's slug and the round's position (a valid XML name)."""
    return f"civicnb_{locality.slug.replace('-', '_')}_r{round.position + 1}"


def form_version(framework: Framework, round: Round, content: object = None) -> str:
    """The form's version: the framework edition and version, the round, and a digest
    of the form's ``content`` (its questions and choices): the same form made again has
    the same version; a form that changed (organisations added, labels reworded) has
    another, as ODK Central requires of a form's new version."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:8]
    return f"{framework.id}-{framework.version}-{round.id[:12]}-{digest}"


@dataclass(frozen=True, slots=True)
class FormField:
    """A field of the form whose answers civicnb reads: its name and its group."""

    name: str
    group: str = ""
    question_id: str = ""
    """The framework question it answers ('' for the participant's fields)."""
    part: str = ""
    """For a question: 'answer', 'note' or 'help'."""

    def headers(self) -> tuple[str, ...]:
        """The column headers an export may give it: KoBoToolbox joins groups with '/',
        ODK Central with '-' (and '.' with some settings); or the bare name."""
        if not self.group:
            return (self.name,)
        return (
            f"{self.group}/{self.name}",
            f"{self.group}-{self.name}",
            f"{self.group}.{self.name}",
            self.name,
        )


def strand_group(strand_id: str) -> str:
    return f"strand_{strand_id}"


def form_fields(framework: Framework) -> tuple[FormField, ...]:
    """Every field civicnb reads back from a submission, in the form's order."""
    out = [
        FormField(LOCALITY_FIELD),
        FormField(ROUND_FIELD),
        FormField(SIDE_FIELD),
        FormField(ORGANISATION_FIELD),
        FormField(ROLE_FIELD),
        FormField(NAME_FIELD),
        FormField(CONSENT_FIELD),
    ]
    for strand in framework.strands:
        group = strand_group(strand.id)
        for q in strand.questions:
            out += [
                FormField(q.id, group, q.id, "answer"),
                FormField(q.id + NOTE_SUFFIX, group, q.id, "note"),
                FormField(q.id + HELP_SUFFIX, group, q.id, "help"),
            ]
    return tuple(out)


Row = dict[str, str]


def _data(text: str) -> str:
    """A name typed by someone, as a label: ``${`` would make XLSForm read a reference
    to a field (and refuse the form when there is no such field)."""
    return text.replace("${", "$ {")


_PERSON_LABELS = {
    SIDE_FIELD: "side",
    ORGANISATION_FIELD: "org_legend",
    ROLE_FIELD: "role_legend",
    NAME_FIELD: "name",
    CONSENT_FIELD: "consent",
}
"""The catalog message that labels each of the participant's fields."""


def _group_label(strand: Strand, lang: str, easy: bool = False) -> str:
    title = strand.easy_title(lang) if easy else strand.title.get(lang)
    return f"{t('strand_n', lang, n=strand.id)}: {title}"


def _field_label(field: FormField, framework: Framework, lang: str, easy: bool = False) -> str:
    if not field.question_id:
        return t(_PERSON_LABELS[field.name], lang)
    q = framework.question(field.question_id)
    if field.part == "note":
        return t("evidence", lang, n=q.number)
    if field.part == "help":
        return t("would_help", lang, n=q.number)
    return _question_label(q, lang, easy)


def label_headers(framework: Framework) -> dict[str, FormField]:
    """The headers of an export made with labels instead of names (KoBoToolbox's
    "Labels" format, in any language, with or without the groups' labels joined by
    '/'), each with its field."""
    groups = {strand_group(s.id): s for s in framework.strands}
    out: dict[str, FormField] = {}
    for field in form_fields(framework):
        if field.name in (LOCALITY_FIELD, ROUND_FIELD):
            continue  # no label: exported under their names
        for lang, easy in FORM_LANGUAGES:
            label = _field_label(field, framework, lang, easy)
            out.setdefault(label, field)
            if field.group:
                group = _group_label(groups[field.group], lang, easy)
                out.setdefault(f"{group}/{label}", field)
    return out


def _texts(column: str, make: object, easy: object = None) -> Row:
    """The column in each of the form's languages: ``make(lang)``, and in easy read
    ``easy(lang)`` (``make(lang)`` when there is no easy read of it)."""
    assert callable(make)
    easy = easy or make
    assert callable(easy)
    return {
        language_column(column, lang, is_easy): str(easy(lang) if is_easy else make(lang))
        for lang, is_easy in FORM_LANGUAGES
    }


def _question_label(q: Question, lang: str, easy: bool = False) -> str:
    return f"{t('column_' + q.side.value, lang)} — {q.number}. {q.wording(lang, easy)}"


def _survey(framework: Framework, locality: Locality, round: Round, has_orgs: bool) -> list[Row]:
    rows: list[Row] = [
        {"type": "calculate", "name": LOCALITY_FIELD, "calculation": f"'{locality.id}'"},
        {"type": "calculate", "name": ROUND_FIELD, "calculation": f"'{round.id}'"},
        {
            "type": "note",
            "name": "welcome",
            **_texts("label", lambda lang: t("welcome_text", lang, place=_data(locality.name))),
        },
        {
            "type": "select_one side",
            "name": SIDE_FIELD,
            "required": "yes",
            **_texts("label", lambda lang: t(_PERSON_LABELS[SIDE_FIELD], lang)),
        },
    ]
    if has_orgs:  # as on the start page: asked when the locality lists organisations
        rows += [
            {
                "type": "select_one organisation",
                "name": ORGANISATION_FIELD,
                "choice_filter": f"side=${{{SIDE_FIELD}}} or side='any'",
                **_texts("label", lambda lang: t(_PERSON_LABELS[ORGANISATION_FIELD], lang)),
            },
            {
                "type": "select_one role",
                "name": ROLE_FIELD,
                "relevant": f"${{{SIDE_FIELD}}}='{Side.LA.value}'",
                **_texts("label", lambda lang: t(_PERSON_LABELS[ROLE_FIELD], lang)),
            },
        ]
    rows += [
        {
            "type": "text",
            "name": NAME_FIELD,
            "required": "yes",
            **_texts("label", lambda lang: t(_PERSON_LABELS[NAME_FIELD], lang)),
            **_texts("hint", lambda lang: t("name_hint", lang)),
        },
        {
            "type": "select_one yes_no",
            "name": CONSENT_FIELD,
            "required": "yes",
            **_texts("label", lambda lang: t(_PERSON_LABELS[CONSENT_FIELD], lang)),
        },
    ]
    for strand in framework.strands:
        if not strand.pairs:
            continue  # strand VI: the checklist's overview, no questions of its own
        group = strand_group(strand.id)
        rows.append(
            {
                "type": "begin_group",
                "name": group,
                **_texts(
                    "label",
                    lambda lang, s=strand: _group_label(s, lang),
                    lambda lang, s=strand: _group_label(s, lang, easy=True),
                ),
            }
        )
        rows.append(
            {
                "type": "note",
                "name": f"{group}_intro",
                **_texts(
                    "label",
                    lambda lang, s=strand: s.guiding_question.get(lang),
                    lambda lang, s=strand: s.easy_guiding_question(lang),
                ),
            }
        )
        for q in strand.questions:
            rows += [
                {
                    "type": "select_one scale",
                    "name": q.id,
                    **_texts(
                        "label",
                        lambda lang, q=q: _question_label(q, lang),
                        lambda lang, q=q: _question_label(q, lang, easy=True),
                    ),
                },
                {
                    "type": "text",
                    "name": q.id + NOTE_SUFFIX,
                    **_texts("label", lambda lang, q=q: t("evidence", lang, n=q.number)),
                },
                {
                    "type": "text",
                    "name": q.id + HELP_SUFFIX,
                    **_texts("label", lambda lang, q=q: t("would_help", lang, n=q.number)),
                },
            ]
        rows.append({"type": "end_group", "name": group})
    return rows


def _choices(framework: Framework, organisations: Sequence[Organisation]) -> list[Row]:
    rows: list[Row] = []
    for side in Side:
        rows.append(
            {
                "list_name": "side",
                "name": side.value,
                **_texts("label", lambda lang, s=side: t("side_" + s.value, lang)),
            }
        )
    if organisations:
        for o in organisations:
            label = {
                language_column("label", lang, easy): _data(o.name) for lang, easy in FORM_LANGUAGES
            }
            rows.append({"list_name": "organisation", "name": o.id, **label, "side": o.side.value})
        rows.append(
            {
                "list_name": "organisation",
                "name": NONE,
                **_texts("label", lambda lang: t("org_none", lang)),
                "side": "any",
            }
        )
        for value, key in (
            ("elected", "role_elected"),
            ("officer", "role_officer"),
            (NONE, "role_none"),
        ):
            label = _texts("label", lambda lang, k=key: t(k, lang))
            rows.append({"list_name": "role", "name": value, **label})
    for value, key in (("yes", "collect_yes"), ("no", "collect_no")):
        rows.append(
            {
                "list_name": "yes_no",
                "name": value,
                **_texts("label", lambda lang, k=key: t(k, lang)),
            }
        )
    for level in sorted(framework.scale, key=lambda s: s.value):
        rows.append(
            {
                "list_name": "scale",
                "name": str(level.value),
                **_texts(
                    "label",
                    lambda lang, v=level: f"{v.value} — {v.label.get(lang)}",
                    lambda lang, v=level: f"{v.value} — {v.word(lang, easy=True)}",
                ),
            }
        )
    rows.append(
        {"list_name": "scale", "name": DONT_KNOW, **_texts("label", framework.dont_know.get)}
    )
    return rows


def _write_sheet(book: object, title: str, rows: list[Row], first: Sequence[str]) -> None:
    columns = list(first)
    for row in rows:
        columns += [c for c in row if c not in columns]
    sheet = book.create_sheet(title)  # type: ignore[attr-defined]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    for cells in sheet.iter_rows(min_row=2):
        for c in cells:
            if isinstance(c.value, str) and c.data_type == "f":
                c.data_type = "s"  # an organisation's name is text, never a formula


def write_xlsform(
    framework: Framework,
    locality: Locality,
    round: Round,
    organisations: Sequence[Organisation],
    path: str | os.PathLike[str],
) -> Path:
    """Write the XLSForm of ``locality``'s questionnaire for ``round`` at ``path``."""
    from openpyxl import Workbook

    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    survey = _survey(framework, locality, round, bool(organisations))
    choices = _choices(framework, organisations)
    _write_sheet(book, "survey", survey, ("type", "name"))
    _write_sheet(book, "choices", choices, ("list_name", "name"))
    title = _data(f"{locality.name}: {t('round', locality.language, label=round.label)}")
    settings = {
        "form_title": title,
        "form_id": form_id(locality, round),
        "version": form_version(framework, round, [survey, choices]),
        "default_language": language_column("label", locality.language).partition("::")[2],
    }
    _write_sheet(book, "settings", [settings], tuple(settings))
    out = Path(path)
    book.save(out)
    return out
