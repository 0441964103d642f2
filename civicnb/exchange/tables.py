"""Tabular exports: the CSV meant for sharing (aggregates per question and side of the
raters, under the small-number rule), the facilitator's full tidy CSV (one row per
rating) and XLSX (one sheet per record type, a full backup like the workbook JSON).

Participant text is data: a cell that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is written so that it stays text
(CSV: prefixed with an apostrophe, as OWASP recommends; XLSX: stored as a string
cell). Names are written only for participants who consented to be named.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from civicnb.analysis import analyse_round
from civicnb.analysis.organisations import analyse_organisations
from civicnb.analysis.views import GroupView
from civicnb.exchange.codec import RECORD_TYPES, to_json
from civicnb.framework.model import Framework
from civicnb.i18n import message
from civicnb.records import LocalityRecords

__all__ = [
    "RATING_COLUMNS",
    "SHARED_COLUMNS",
    "header",
    "rating_rows",
    "shared_rows",
    "sheet_name",
    "write_csv",
    "write_shared_csv",
    "write_xlsx",
    "xlsx_bytes",
]

RATING_COLUMNS = (
    "locality",
    "round",
    "round_date",
    "participant_id",
    "participant_name",
    "participant_side",
    "question_id",
    "question_side",
    "pair_id",
    "strand",
    "score",
    "dont_know",
    "note",
    "would_help",
    "created_at",
    "updated_at",
)

SHARED_COLUMNS = (
    "locality",
    "round",
    "round_date",
    "question_id",
    "question_side",
    "pair_id",
    "strand",
    "raters_side",
    "organisation",
    "withheld",
    "n",
    "n_dont_know",
    "mean",
    "sd",
    "agreement",
    "n_score_1",
    "n_score_2",
    "n_score_3",
    "n_score_4",
    "n_score_5",
)
"""The CSV meant for sharing: one row per round, question and side of the raters, then
one per organisation of the question's side and view (its own people; the other side's
people rating it), ``organisation`` naming it ("" on the side-level rows)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_csv(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def header(column: str, lang: str) -> str:
    """A column's header in ``lang``: in English the column's name as scripts read it
    (``participant_name``), in another language a short heading from its catalog."""
    return message(f"xl_col_{column}", lang)


def _yes_no(value: bool, lang: str) -> str:
    return message("xl_yes" if value else "xl_no", lang)


def _side(value: str, lang: str) -> str:
    return message(f"xl_side_{value}", lang)


def rating_rows(
    records: LocalityRecords, framework: Framework, lang: str = "en"
) -> list[dict[str, Any]]:
    """One dict per rating, in RATING_COLUMNS order, sorted by round, participant, question
    (the words among the values -- sides, yes/no -- in ``lang``)."""
    rounds = {r.id: r for r in records.rounds}
    people = {p.id: p for p in records.participants}
    order = {q.id: i for i, q in enumerate(framework.questions)}
    rows = []
    for r in sorted(
        records.ratings,
        key=lambda r: (
            rounds[r.round_id].position,
            people[r.participant_id].created_at,
            r.participant_id,
            order.get(r.question_id, 999),
        ),
    ):
        rnd = rounds[r.round_id]
        who = people[r.participant_id]
        q = framework.question(r.question_id)
        rows.append(
            {
                "locality": records.locality.slug,
                "round": rnd.label,
                "round_date": rnd.date.isoformat() if rnd.date else "",
                "participant_id": who.id,
                "participant_name": who.name if who.named else "",
                "participant_side": _side(who.side.value, lang),
                "question_id": q.id,
                "question_side": _side(q.side.value, lang),
                "pair_id": q.pair_id,
                "strand": q.strand_id,
                "score": r.score if r.score is not None else "",
                "dont_know": _yes_no(r.dont_know, lang),
                "note": r.note,
                "would_help": r.would_help,
                "created_at": to_json(r)["created_at"],
                "updated_at": to_json(r)["updated_at"],
            }
        )
    return rows


def shared_rows(
    records: LocalityRecords, framework: Framework, lang: str = "en"
) -> list[dict[str, Any]]:
    """The aggregates of each round, question and side of the raters (self view, other
    side, third parties), in SHARED_COLUMNS order, under the small-number rule of
    ``locality.min_group``: a withheld group has ``withheld = "yes"`` and no numbers at
    all. After each question's side-level rows come its organisations' rows (the
    organisation's own view, then the other side's view of it), under the same rule
    applied per organisation (see :mod:`civicnb.analysis.organisations`). Groups nobody
    answered are left out. No names of people, ids, notes or single answers."""
    loc = records.locality
    names = {o.id: o.name for o in records.organisations}
    rows: list[dict[str, Any]] = []
    for rnd in sorted(records.rounds, key=lambda r: (r.position, r.id)):
        analysis = analyse_round(
            framework,
            records.participants,
            records.ratings,
            min_group=loc.min_group,
            round_id=rnd.id,
        )
        by_org = analyse_organisations(
            framework,
            records.organisations,
            records.participants,
            records.ratings,
            min_group=loc.min_group,
            round_id=rnd.id,
        )
        base = {
            "locality": loc.slug,
            "round": rnd.label,
            "round_date": rnd.date.isoformat() if rnd.date else "",
        }
        for q in analysis.questions:
            groups: list[tuple[str, GroupView]] = [
                ("", g) for g in (q.self_view, q.other_side, q.third_party)
            ]
            for oq in by_org.for_question(q.question_id):
                groups += [
                    (names[oq.organisation_id], oq.own),
                    (names[oq.organisation_id], oq.others),
                ]
            for org, g in groups:
                st = g.stats
                if st is not None and st.n_answers == 0:
                    continue
                row: dict[str, Any] = {
                    **base,
                    "question_id": q.question_id,
                    "question_side": _side(q.about.value, lang),
                    "pair_id": q.pair_id,
                    "strand": q.strand_id,
                    "raters_side": _side(g.raters.value, lang),
                    "organisation": org,
                    "withheld": _yes_no(st is None, lang),
                }
                row.update(dict.fromkeys(SHARED_COLUMNS[SHARED_COLUMNS.index("n") :], ""))
                if st is not None:
                    row.update(
                        n=st.n,
                        n_dont_know=st.n_dont_know,
                        mean="" if st.mean is None else round(st.mean, 3),
                        sd="" if st.sd is None else round(st.sd, 3),
                        agreement="" if st.agreement is None else round(st.agreement, 3),
                        **{f"n_score_{i}": c for i, c in enumerate(st.counts, start=1)},
                    )
                rows.append(row)
    return rows


def _write(
    path: str | os.PathLike[str],
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    lang: str,
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([header(c, lang) for c in columns])
    for row in rows:
        writer.writerow([_safe_csv(row[c]) for c in columns])
    out = Path(path)
    out.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return out


def write_shared_csv(
    records: LocalityRecords,
    framework: Framework,
    path: str | os.PathLike[str],
    lang: str = "en",
) -> Path:
    """The CSV meant for sharing (:func:`shared_rows`), UTF-8 with a byte-order mark;
    headers and yes/no in ``lang``."""
    return _write(path, SHARED_COLUMNS, shared_rows(records, framework, lang), lang)


def write_csv(
    records: LocalityRecords,
    framework: Framework,
    path: str | os.PathLike[str],
    lang: str = "en",
) -> Path:
    """The FULL tidy CSV, one row per rating with anonymous people's answers and notes:
    for the facilitator only, not for sharing (see :func:`write_shared_csv`). UTF-8 with
    a byte-order mark (so spreadsheet programs read accents)."""
    return _write(path, RATING_COLUMNS, rating_rows(records, framework, lang), lang)


_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

_WORD_VALUES = {
    ("participants", "role"): "role_",
    ("outcomes", "category"): "tbl_",
    ("assets", "category"): "asset_",
    ("actions", "status"): "status_",
}
"""Columns whose values are codes with a catalog word (``status_done``): shown as the
word in a language other than English (English keeps the codes scripts read)."""


def sheet_name(key: str, lang: str) -> str:
    """The name of the sheet of ``key`` (a record type) in ``lang``, as Excel allows it:
    at most 31 characters, none of ``[ ] : * ? / \\``."""
    return message(f"xl_sheet_{key}", lang).translate(_SHEET_CHARS).strip()[:31]


def _cell(value: object, lang: str) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_yes_no(bool(v), lang)}" for k, v in value.items())
    if isinstance(value, bool):
        return _yes_no(value, lang)
    return value


def _word(sheet: str, column: str, value: object, lang: str, tests: dict[str, str]) -> object:
    if column in ("side", "participant_side", "question_side") and isinstance(value, str):
        return _side(value, lang)
    if column == "screening" and isinstance(value, dict) and lang != "en":
        # the design tests by their names in the language (English keeps their ids)
        return "; ".join(f"{tests.get(k, k)}={_yes_no(bool(v), lang)}" for k, v in value.items())
    prefix = _WORD_VALUES.get((sheet, column))
    if prefix and value and lang != "en":
        return message(f"{prefix}{value}", lang)
    return _cell(value, lang)


def _sheet(wb: Any, title: str, head: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(head))
    for row in rows:
        ws.append([None if v is None else v for v in row])
    for cells in ws.iter_rows(min_row=2):
        for c in cells:
            if isinstance(c.value, str) and c.data_type == "f":
                c.data_type = "s"  # participant text is never a formula
    ws.freeze_panes = "A2"


def write_xlsx(
    records: LocalityRecords,
    framework: Framework,
    path: str | os.PathLike[str],
    lang: str = "en",
) -> Path:
    """One sheet per record type; the Ratings sheet is the tidy table of write_csv.
    Sheet names, headers and the values that are words (yes/no, sides, statuses) are in
    ``lang``."""
    out = Path(path)
    out.write_bytes(xlsx_bytes(records, framework, lang))
    return out


def xlsx_bytes(records: LocalityRecords, framework: Framework, lang: str = "en") -> bytes:
    """The XLSX workbook of ``records`` as bytes (see :func:`write_xlsx`)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    tests = {e.id: e.title.get(lang) for e in framework.design_tests}
    loc = to_json(records.locality)
    _sheet(
        wb,
        sheet_name("locality", lang),
        [header("field", lang), header("value", lang)],
        ([header(k, lang), _cell(v, lang)] for k, v in loc.items()),
    )
    for key in RECORD_TYPES:
        if key == "ratings":
            rows = rating_rows(records, framework, lang)
            _sheet(
                wb,
                sheet_name(key, lang),
                [header(c, lang) for c in RATING_COLUMNS],
                ([row[c] for c in RATING_COLUMNS] for row in rows),
            )
            continue
        items = [to_json(r) for r in getattr(records, key)]
        if key == "participants":
            for item in items:
                if not item["named"]:
                    item["name"] = ""
        cls = RECORD_TYPES[key]
        columns = list(cls.__dataclass_fields__)
        _sheet(
            wb,
            sheet_name(key, lang),
            [header(c, lang) for c in columns],
            ([_word(key, c, i[c], lang, tests) for c in columns] for i in items),
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
