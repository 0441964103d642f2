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
from civicnb.records import LocalityRecords

__all__ = [
    "RATING_COLUMNS",
    "SHARED_COLUMNS",
    "rating_rows",
    "shared_rows",
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


def rating_rows(records: LocalityRecords, framework: Framework) -> list[dict[str, Any]]:
    """One dict per rating, in RATING_COLUMNS order, sorted by round, participant, question."""
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
                "participant_side": who.side.value,
                "question_id": q.id,
                "question_side": q.side.value,
                "pair_id": q.pair_id,
                "strand": q.strand_id,
                "score": r.score if r.score is not None else "",
                "dont_know": "yes" if r.dont_know else "no",
                "note": r.note,
                "would_help": r.would_help,
                "created_at": to_json(r)["created_at"],
                "updated_at": to_json(r)["updated_at"],
            }
        )
    return rows


def shared_rows(records: LocalityRecords, framework: Framework) -> list[dict[str, Any]]:
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
                    "question_side": q.about.value,
                    "pair_id": q.pair_id,
                    "strand": q.strand_id,
                    "raters_side": g.raters.value,
                    "organisation": org,
                    "withheld": "no" if st is not None else "yes",
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
    path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]
) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_csv(v) for k, v in row.items()})
    out = Path(path)
    out.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return out


def write_shared_csv(
    records: LocalityRecords, framework: Framework, path: str | os.PathLike[str]
) -> Path:
    """The CSV meant for sharing (:func:`shared_rows`), UTF-8 with a byte-order mark."""
    return _write(path, SHARED_COLUMNS, shared_rows(records, framework))


def write_csv(records: LocalityRecords, framework: Framework, path: str | os.PathLike[str]) -> Path:
    """The FULL tidy CSV, one row per rating with anonymous people's answers and notes:
    for the facilitator only, not for sharing (see :func:`write_shared_csv`). UTF-8 with
    a byte-order mark (so spreadsheet programs read accents)."""
    return _write(path, RATING_COLUMNS, rating_rows(records, framework))


_SHEETS = {
    "locality": "Locality",
    "rounds": "Rounds",
    "organisations": "Organisations",
    "participants": "Participants",
    "ratings": "Ratings",
    "joint_ratings": "Joint ratings",
    "outcomes": "Outcomes",
    "activities": "Activities",
    "actions": "Actions",
    "assets": "Assets",
    "harvest_notes": "Harvest notes",
    "attendance": "Attendance",
    "celebrations": "Celebrations",
    "outcome_readings": "Indicator values",
}


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={'yes' if v else 'no'}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _sheet(wb: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for row in rows:
        ws.append([None if v is None else v for v in row])
    for cells in ws.iter_rows(min_row=2):
        for c in cells:
            if isinstance(c.value, str) and c.data_type == "f":
                c.data_type = "s"  # participant text is never a formula
    ws.freeze_panes = "A2"


def write_xlsx(
    records: LocalityRecords, framework: Framework, path: str | os.PathLike[str]
) -> Path:
    """One sheet per record type; the Ratings sheet is the tidy table of write_csv."""
    out = Path(path)
    out.write_bytes(xlsx_bytes(records, framework))
    return out


def xlsx_bytes(records: LocalityRecords, framework: Framework) -> bytes:
    """The XLSX workbook of ``records`` as bytes (see :func:`write_xlsx`)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    loc = to_json(records.locality)
    _sheet(wb, _SHEETS["locality"], ["field", "value"], ([k, _cell(v)] for k, v in loc.items()))
    for key in RECORD_TYPES:
        if key == "ratings":
            rows = rating_rows(records, framework)
            _sheet(
                wb, _SHEETS[key], RATING_COLUMNS, ([row[c] for c in RATING_COLUMNS] for row in rows)
            )
            continue
        items = [to_json(r) for r in getattr(records, key)]
        if key == "participants":
            for item in items:
                if not item["named"]:
                    item["name"] = ""
        cls = RECORD_TYPES[key]
        header = list(cls.__dataclass_fields__)
        _sheet(wb, _SHEETS[key], header, ([_cell(i[h]) for h in header] for i in items))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
