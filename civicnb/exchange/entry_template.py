"""The XLSX template into which a facilitator types the answers written on paper.

One sheet, one row per participant: side, organisation, name or pseudonym, consent to
be named, then one column per question in the booklet's order (strand by strand, pair
by pair, the local authority's question then civil society's). The cells offer lists
(data validation): the sides, the locality's organisations, yes/no, and the scale 1–5
with the framework's "don't know". The lists themselves are on a second, hidden sheet.

Row 1 holds the form's code (``civicnb:<locality id>:<round id>``), row 2 the help
text, row 3 the headers; answers start on row 4. ``civicnb import`` reads it back with
:mod:`civicnb.exchange.submissions`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from civicnb.framework.model import Framework, Question, Side
from civicnb.i18n import t
from civicnb.records import Locality, Organisation, Round

__all__ = [
    "FIRST_ROW",
    "FORM_CELL",
    "HEADER_ROW",
    "PERSON_COLUMNS",
    "form_code",
    "parse_form_code",
    "template_questions",
    "write_entry_template",
]

FORM_CELL = "B1"
"""The cell holding the form's code."""
HEADER_ROW = 3
FIRST_ROW = 4
"""The first row of answers."""
PERSON_COLUMNS = ("side", "organisation", "name", "consent")
"""The first columns, in order; the questions follow."""
_CODE_PREFIX = "civicnb:"
_MAX_HEADER = 70
_ROWS = 500
"""How many rows the lists are offered on (more rows can be typed without the lists)."""


def form_code(locality: Locality, round: Round) -> str:
    """The code written in the template: which locality and round it is for."""
    return f"{_CODE_PREFIX}{locality.id}:{round.id}"


def parse_form_code(value: object) -> tuple[str, str] | None:
    """(locality id, round id) from a form code, or None if ``value`` is not one."""
    if not isinstance(value, str) or not value.startswith(_CODE_PREFIX):
        return None
    locality_id, sep, round_id = value[len(_CODE_PREFIX) :].strip().partition(":")
    if not sep or not locality_id or not round_id:
        return None
    return locality_id, round_id


def template_questions(framework: Framework) -> tuple[Question, ...]:
    """The questions in the booklet's order."""
    return tuple(q for strand in framework.strands for q in strand.questions)


def _question_header(q: Question, lang: str) -> str:
    text = f"{q.id}: {t('column_' + q.side.value, lang)} {q.number}. {q.text.get(lang)}"
    return text if len(text) <= _MAX_HEADER else text[: _MAX_HEADER - 1].rstrip() + "…"


def _text_cell(cell: object) -> None:
    """A cell that holds text stays text (never a formula), whatever it starts with."""
    if isinstance(getattr(cell, "value", None), str) and getattr(cell, "data_type", "") == "f":
        cell.data_type = "s"  # type: ignore[attr-defined]


def write_entry_template(
    framework: Framework,
    locality: Locality,
    round: Round,
    organisations: Sequence[Organisation],
    path: str | os.PathLike[str],
    lang: str,
) -> Path:
    """Write the template for typing in ``locality``'s paper answers of ``round``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("tpl_sheet", lang)
    questions = template_questions(framework)
    sheet["A1"] = t("tpl_form", lang)
    sheet[FORM_CELL] = form_code(locality, round)
    sheet["C1"] = t("tpl_title", lang, locality=locality.name, round=round.label)
    _text_cell(sheet["C1"])
    sheet["C1"].font = Font(bold=True)
    sheet["A2"] = t("tpl_help", lang, dont_know=framework.dont_know.get(lang))
    sheet["A2"].alignment = Alignment(wrap_text=False)
    headers = [t(f"tpl_col_{c}", lang) for c in PERSON_COLUMNS]
    headers += [_question_header(q, lang) for q in questions]
    for i, text in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=i, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(i)].width = 24 if i <= 4 else 14
    sheet.row_dimensions[HEADER_ROW].height = 90
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=len(PERSON_COLUMNS) + 1)

    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    columns = {
        "side": [t(f"side_{s.value}", lang) for s in Side],
        "organisation": [o.name for o in organisations] + [t("org_none", lang)],
        "consent": [t("collect_yes", lang), t("collect_no", lang)],
        "answer": [str(level.value) for level in sorted(framework.scale, key=lambda s: s.value)]
        + [framework.dont_know.get(lang)],
    }
    last = FIRST_ROW + _ROWS - 1
    for col, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(col)
        for row, value in enumerate(values, start=1):
            _text_cell(lists.cell(row=row, column=col, value=value))
        source = f"lists!${letter}$1:${letter}${len(values)}"
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.error = t("tpl_help", lang, dont_know=framework.dont_know.get(lang))[:255]
        check.showErrorMessage = True
        sheet.add_data_validation(check)
        if name == "answer":
            first = get_column_letter(len(PERSON_COLUMNS) + 1)
            end = get_column_letter(len(PERSON_COLUMNS) + len(questions))
            check.add(f"{first}{FIRST_ROW}:{end}{last}")
        else:
            target = get_column_letter(PERSON_COLUMNS.index(name) + 1)
            check.add(f"{target}{FIRST_ROW}:{target}{last}")
    out = Path(path)
    book.save(out)
    return out
