"""Reading answers collected away from the pages: the submissions of the XLSForm
(:mod:`civicnb.exchange.xlsform`) as KoBoToolbox and ODK Central export them, and the
paper-answers template (:mod:`civicnb.exchange.entry_template`).

This module reads cells, it does not judge them: a :class:`Submission` holds the text
of each cell civicnb uses, with its row number in the file;
:mod:`civicnb.workshop.collection` checks the values against the locality and stores
them.

Exports read (docs/collect.md):

- KoBoToolbox, CSV (``;`` or ``,``) or XLSX, "XML values and headers" (or labels for
  the answers): one row per submission, group names joined by ``/`` (or by ``.``, or
  no group names), meta columns ``_uuid``, ``meta/instanceID``, ``_submission_time``,
  ``__version__``, ``_index``…
- ODK Central, CSV: group names joined by ``-``, meta columns ``meta-instanceID``,
  ``KEY``, ``SubmissionDate``, ``FormVersion``…
- the paper template: its form code in cell B1, headers on row 3.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from civicnb.errors import WorkbookError
from civicnb.exchange.entry_template import (
    FIRST_ROW,
    FORM_CELL,
    HEADER_ROW,
    PERSON_COLUMNS,
    parse_form_code,
)
from civicnb.exchange.workbook import MAX_FILE_BYTES
from civicnb.exchange.xlsform import (
    CONSENT_FIELD,
    LOCALITY_FIELD,
    NAME_FIELD,
    ORGANISATION_FIELD,
    ROLE_FIELD,
    ROUND_FIELD,
    SIDE_FIELD,
    form_fields,
    label_headers,
)
from civicnb.framework.model import Framework

__all__ = [
    "SUBMISSION_SUFFIXES",
    "Answer",
    "Submission",
    "SubmissionTable",
    "form_of_rows",
    "read_submission_table",
    "submissions",
]

SUBMISSION_SUFFIXES = (".csv", ".xlsx")
"""The files ``civicnb import`` reads as submissions (anything else is a workbook)."""

_INSTANCE_COLUMNS = (
    "KEY",
    "meta/rootUuid",
    "_uuid",
    "meta/instanceID",
    "meta-instanceID",
    "instanceID",
)
"""Where a submission's instance id is, best first: ODK Central's ``KEY`` and
KoBoToolbox's ``meta/rootUuid`` stay the same when a submission is edited on the server;
KoBoToolbox's ``_uuid`` is its current instance id (the same until it is edited)."""


@dataclass(frozen=True, slots=True)
class SubmissionTable:
    """A file's cells as text: its headers and rows (with their numbers in the file)."""

    source: str
    """The file's name, for messages."""
    kind: str
    """'form' (a KoBoToolbox or ODK export) or 'paper' (the template)."""
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    form: tuple[str, str] | None
    """(locality id, round id) of the paper template's form code; for an export, read
    from each row's hidden fields."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One question's cells: the answer (a value or a label), the note, 'what would help'."""

    answer: str = ""
    note: str = ""
    would_help: str = ""


@dataclass(frozen=True, slots=True)
class Submission:
    """One participant's row."""

    row: int
    """Its row number in the file (the header is row 1 of an export)."""
    instance_id: str
    """The submission's instance id without ``uuid:`` ('' on paper)."""
    locality_id: str
    round_id: str
    side: str
    organisation: str
    role: str
    name: str
    consent: str
    answers: Mapping[str, Answer]
    """By question id, only the questions with a cell that is not empty."""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(raw: bytes, name: str) -> tuple[tuple[str, ...], list[tuple[int, tuple[str, ...]]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbookError(
            f"{name}: not UTF-8 text (byte {exc.start}): export the CSV again as UTF-8"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise WorkbookError(f"{name}: not a readable CSV file ({exc})") from None
    if not table:
        raise WorkbookError(f"{name}: the file is empty")
    headers = tuple(h.strip() for h in table[0])
    rows = [(i, tuple(c.strip() for c in r)) for i, r in enumerate(table[1:], start=2)]
    return headers, rows


def _read_xlsx(raw: bytes, name: str) -> SubmissionTable:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError(f"{name}: not a readable XLSX file ({exc})") from None
    try:
        sheet = book.worksheets[0]
        cells = [
            (i, tuple(_cell_text(v) for v in row))
            for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    if not cells:
        raise WorkbookError(f"{name}: the first sheet is empty")
    code_column = ord(FORM_CELL[0]) - ord("A")
    first = cells[0][1]
    code = parse_form_code(first[code_column]) if len(first) > code_column else None
    if code is not None:
        header = next((r for i, r in cells if i == HEADER_ROW), ())
        data = [(i, r) for i, r in cells if i >= FIRST_ROW]
        return SubmissionTable(name, "paper", header, tuple(data), code)
    return SubmissionTable(name, "form", cells[0][1], tuple(cells[1:]), None)


def read_submission_table(path: str | os.PathLike[str]) -> SubmissionTable:
    """Read a CSV or XLSX file of submissions (nothing is judged yet)."""
    from civicnb.files import read_user_file

    name = Path(path).name
    raw = read_user_file(path, limit=MAX_FILE_BYTES, error=WorkbookError)
    if not raw:
        raise WorkbookError(f"{name}: the file is empty")
    if Path(path).suffix.lower() == ".xlsx":
        return _read_xlsx(raw, name)
    headers, rows = _read_csv(raw, name)
    return SubmissionTable(name, "form", headers, tuple(rows), None)


def _blank(row: Sequence[str]) -> bool:
    return not any(c.strip() for c in row)


def _instance(value: str) -> str:
    value = value.strip()
    return value[len("uuid:") :] if value.lower().startswith("uuid:") else value


def _form_columns(table: SubmissionTable, framework: Framework) -> dict[int, tuple[str, str]]:
    """Column index -> (question id or field name, part) for the form's export."""
    spelled: dict[str, tuple[str, str]] = {}
    for f in form_fields(framework):
        for h in f.headers():
            spelled.setdefault(h, (f.question_id or f.name, f.part))
    for h, f in label_headers(framework).items():
        spelled.setdefault(h, (f.question_id or f.name, f.part))
    return {i: spelled[h] for i, h in enumerate(table.headers) if h in spelled}


def form_of_rows(table: SubmissionTable) -> tuple[str, str]:
    """The (locality id, round id) the file's rows were collected for; WorkbookError
    when the file is not the export of a civicnb form or mixes forms."""
    if table.form is not None:
        return table.form
    try:
        loc_at = table.headers.index(LOCALITY_FIELD)
        round_at = table.headers.index(ROUND_FIELD)
    except ValueError:
        raise WorkbookError(
            f"{table.source}: not the export of a form made by `civicnb xlsform` (it has no "
            f"{LOCALITY_FIELD} and {ROUND_FIELD} columns); export the submissions of that "
            "form with XML values and headers (a locality's workbook is imported from its "
            "JSON export)"
        ) from None
    found = {
        (r[loc_at] if loc_at < len(r) else "", r[round_at] if round_at < len(r) else "")
        for _, r in table.rows
        if not _blank(r)
    }
    if not found:
        raise WorkbookError(f"{table.source}: the file holds no submissions")
    if len(found) > 1 or ("", "") in found or any(not a or not b for a, b in found):
        raise WorkbookError(
            f"{table.source}: the rows were collected with different forms (their "
            f"{LOCALITY_FIELD} or {ROUND_FIELD} differ): export one form's submissions at a time"
        )
    (form,) = found
    return form


def submissions(table: SubmissionTable, framework: Framework) -> list[Submission]:
    """The file's participants, one per row that is not blank."""
    if table.kind == "paper":
        return _paper(table, framework)
    locality_id, round_id = form_of_rows(table)
    columns = _form_columns(table, framework)
    instance_at = next(
        (table.headers.index(c) for c in _INSTANCE_COLUMNS if c in table.headers), None
    )
    if instance_at is None:
        raise WorkbookError(
            f"{table.source}: no instance id column ({', '.join(_INSTANCE_COLUMNS)}): "
            "export the submissions with their meta columns"
        )
    out: list[Submission] = []
    for number, row in table.rows:
        if _blank(row):
            continue
        person: dict[str, str] = {}
        answers: dict[str, dict[str, str]] = {}
        for i, value in enumerate(row):
            if i not in columns or not value:
                continue
            key, part = columns[i]
            if part:
                answers.setdefault(key, {})[part] = value
            else:
                person[key] = value
        out.append(
            Submission(
                row=number,
                instance_id=_instance(row[instance_at]) if instance_at < len(row) else "",
                locality_id=locality_id,
                round_id=round_id,
                side=person.get(SIDE_FIELD, ""),
                organisation=person.get(ORGANISATION_FIELD, ""),
                role=person.get(ROLE_FIELD, ""),
                name=person.get(NAME_FIELD, ""),
                consent=person.get(CONSENT_FIELD, ""),
                answers={
                    q: Answer(a.get("answer", ""), a.get("note", ""), a.get("help", ""))
                    for q, a in answers.items()
                },
            )
        )
    return out


def _paper(table: SubmissionTable, framework: Framework) -> list[Submission]:
    assert table.form is not None
    locality_id, round_id = table.form
    known = framework.question_ids
    questions: dict[int, str] = {}
    for i, header in enumerate(table.headers[len(PERSON_COLUMNS) :], start=len(PERSON_COLUMNS)):
        qid = header.partition(":")[0].strip()
        if qid in known:
            questions[i] = qid
        elif header:
            raise WorkbookError(
                f"{table.source}: the header {header[:40]!r} (column {i + 1}, row "
                f"{HEADER_ROW}) names no question of the framework {framework.id!r}: "
                "make a new template with `civicnb import-template`"
            )
    out: list[Submission] = []
    for number, row in table.rows:
        if _blank(row):
            continue
        cells = list(row) + [""] * (len(PERSON_COLUMNS) - len(row))
        side, organisation, name, consent = cells[: len(PERSON_COLUMNS)]
        answers = {qid: Answer(row[i]) for i, qid in questions.items() if i < len(row) and row[i]}
        out.append(
            Submission(
                row=number,
                instance_id="",
                locality_id=locality_id,
                round_id=round_id,
                side=side,
                organisation=organisation,
                role="",
                name=name,
                consent=consent,
                answers=answers,
            )
        )
    return out
