"""The workbook JSON format: one locality with all its rounds and records.

``schema_version`` 2 (and 1, still read) is described by ``schema/workbook.schema.json``
(shipped in the package; see docs/workbook.md). Export then import gives back exactly
the same records.
Reading is defensive: size, encoding, JSON syntax, schema, references between records
and question ids are all checked before anything is written anywhere.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from civicnb import __version__
from civicnb.errors import WorkbookError
from civicnb.exchange.codec import RECORD_TYPES, from_json, to_json
from civicnb.i18n import keyed
from civicnb.records import Locality, LocalityRecords, utcnow

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "check_references",
    "dump_workbook",
    "load_workbook",
    "parse_json_bytes",
    "read_json_file",
    "workbook_from_dict",
    "workbook_schema",
    "workbook_to_dict",
]

SCHEMA_VERSION = 2
READS_VERSIONS = (1, 2)
"""Workbook schema versions this civicnb reads: 1 lacks organisations, indicator values
per round and who recorded what, and its records read with those left empty."""
MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest file civicnb reads (50 MB)."""


@functools.cache
def workbook_schema() -> dict[str, Any]:
    """The published JSON Schema of workbook files."""
    text = (
        resources.files("civicnb.exchange")
        .joinpath("schema/workbook.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(workbook_schema())


def workbook_to_dict(
    records: LocalityRecords, *, framework_version: str, framework_definition: object = None
) -> dict[str, Any]:
    """The workbook document of ``records`` (JSON-ready)."""
    framework: dict[str, object] = {"id": records.locality.edition, "version": framework_version}
    if framework_definition is not None:
        framework["definition"] = framework_definition
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"civicnb {__version__}",
        "exported_at": to_json_time(),
        "framework": framework,
        "locality": to_json(records.locality),
    }
    for key in RECORD_TYPES:
        doc[key] = [to_json(r) for r in getattr(records, key)]
    return doc


def to_json_time() -> str:
    return utcnow().isoformat().replace("+00:00", "Z")


def dump_workbook(doc: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write a workbook document atomically (temporary file, then rename), mode 0600."""
    out = Path(path)
    tmp = out.with_name(f".{out.name}.tmp")
    # readable by the owner only: a workbook holds what participants said
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a stale temporary file keeps no other mode
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.replace(tmp, out)
    return out


def _path_of(error: Any) -> str:
    parts: list[str] = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else (f".{p}" if parts else str(p)))
    return "".join(parts) or "(top level)"


def workbook_from_dict(
    doc: object,
    *,
    source: str = "workbook",
    question_ids: Callable[[str, Mapping[str, Any]], frozenset[str]] | None = None,
) -> tuple[LocalityRecords, Mapping[str, Any]]:
    """Validate a workbook document and build its records.

    ``question_ids(framework_id, framework_block)`` gives the valid question ids; the
    pair ids are derived from them (P01…). Returns the records and the ``framework``
    block of the document.
    """
    if not isinstance(doc, dict):
        raise WorkbookError(f"{source}: not a civicnb workbook (the top level must be an object)")
    version = doc.get("schema_version")
    if version not in READS_VERSIONS or isinstance(version, bool):
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise WorkbookError(
                f"{source}: workbook schema version {version} is newer than this civicnb "
                f"reads ({SCHEMA_VERSION}): upgrade civicnb"
            )
        raise WorkbookError(
            f"{source}: not a civicnb workbook (schema_version must be {SCHEMA_VERSION})"
        )
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        raise WorkbookError(f"{source}: {_path_of(e)}: {e.message[:200]}")
    locality = from_json(Locality, doc["locality"], f"{source}: locality")
    lists: dict[str, tuple[Any, ...]] = {}
    for key, cls in RECORD_TYPES.items():
        lists[key] = tuple(
            from_json(cls, item, f"{source}: {key}[{i}]") for i, item in enumerate(doc.get(key, []))
        )
    records = LocalityRecords(locality=locality, **lists)
    framework = doc["framework"]
    if framework["id"] != locality.edition:
        raise WorkbookError(
            f"{source}: framework.id {framework['id']!r} differs from the locality's "
            f"edition {locality.edition!r}"
        )
    qids = question_ids(framework["id"], framework) if question_ids else None
    check_references(records, question_ids=qids, source=source)
    return records, framework


def check_references(
    records: LocalityRecords, *, question_ids: frozenset[str] | None, source: str
) -> None:
    """Every id a record points to exists, ids are unique, question ids are known."""
    loc = records.locality.id
    seen: set[str] = {loc}
    for key in RECORD_TYPES:
        for i, r in enumerate(getattr(records, key)):
            if r.id in seen:
                raise WorkbookError(f"{source}: {key}[{i}].id {r.id!r} is used twice")
            seen.add(r.id)
            if hasattr(r, "locality_id") and r.locality_id != loc:
                raise WorkbookError(
                    f"{source}: {key}[{i}].locality_id does not match the locality's id"
                )
    rounds = {r.id for r in records.rounds}
    people = {p.id for p in records.participants}
    outcomes = {o.id for o in records.outcomes}
    pair_ids = None
    if question_ids is not None:
        count = sum(1 for q in question_ids if q.startswith("LA-"))
        pair_ids = {f"P{n:02d}" for n in range(1, count + 1)}

    def need(ok: bool, where: str, what: str, value: object) -> None:
        if not ok:
            raise WorkbookError(f"{source}: {where} refers to an unknown {what} {value!r}")

    keys_seen: set[tuple[str, str, str]] = set()
    for i, r in enumerate(records.ratings):
        need(r.round_id in rounds, f"ratings[{i}].round_id", "round", r.round_id)
        need(
            r.participant_id in people,
            f"ratings[{i}].participant_id",
            "participant",
            r.participant_id,
        )
        if question_ids is not None and r.question_id not in question_ids:
            raise WorkbookError(
                f"{source}: ratings[{i}].question_id {r.question_id!r} is not a question of "
                f"the framework {records.locality.edition!r}"
            )
        rkey = (r.round_id, r.participant_id, r.question_id)
        if rkey in keys_seen:
            raise WorkbookError(
                f"{source}: ratings[{i}] repeats the rating of a participant, round and question"
            )
        keys_seen.add(rkey)
    pairs_seen: set[tuple[str, str]] = set()
    for i, j in enumerate(records.joint_ratings):
        need(j.round_id in rounds, f"joint_ratings[{i}].round_id", "round", j.round_id)
        if pair_ids is not None and j.pair_id not in pair_ids:
            raise WorkbookError(
                f"{source}: joint_ratings[{i}].pair_id {j.pair_id!r} is not a pair of the framework"
            )
        if (j.round_id, j.pair_id) in pairs_seen:
            raise WorkbookError(f"{source}: joint_ratings[{i}] repeats a pair in the same round")
        pairs_seen.add((j.round_id, j.pair_id))
    for key in ("activities", "actions", "assets"):
        for i, r in enumerate(getattr(records, key)):
            for oid in r.outcome_ids:
                need(oid in outcomes, f"{key}[{i}].outcome_ids", "outcome", oid)
    for key in ("actions", "celebrations"):
        for i, a in enumerate(getattr(records, key)):
            if a.round_id is not None:
                need(a.round_id in rounds, f"{key}[{i}].round_id", "round", a.round_id)
    for key in ("harvest_notes", "attendance"):
        for i, r in enumerate(getattr(records, key)):
            need(r.round_id in rounds, f"{key}[{i}].round_id", "round", r.round_id)


def read_json_file(path: str | os.PathLike[str]) -> object:
    """Read a JSON file defensively: size limit, UTF-8 only, one-line errors."""
    from civicnb.files import read_user_file

    name = Path(path).name
    raw = read_user_file(
        path,
        limit=MAX_FILE_BYTES,
        error=WorkbookError,
        too_big=lambda size: (
            f"{name}: the file is {size / 1e6:.1f} MB; civicnb reads files of at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        ),
    )
    return parse_json_bytes(raw, name)


def parse_json_bytes(raw: bytes, name: str = "workbook") -> object:
    """Parse JSON bytes defensively: size limit, UTF-8 only, one-line errors naming ``name``."""
    if len(raw) > MAX_FILE_BYTES:
        raise keyed(
            WorkbookError,
            "err_file_too_big",
            name=name,
            size=f"{len(raw) / 1e6:.1f}",
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    if not raw:
        raise keyed(WorkbookError, "err_file_empty", name=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise keyed(WorkbookError, "err_not_utf8", name=name, position=exc.start) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise WorkbookError(
            f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}",
            key="err_not_json",
            values={"name": name, "line": exc.lineno, "column": exc.colno},
        ) from None
    except RecursionError:
        raise WorkbookError(f"{name}: the JSON is nested too deeply") from None


def load_workbook(
    path: str | os.PathLike[str],
    *,
    question_ids: Callable[[str, Mapping[str, Any]], frozenset[str]] | None = None,
) -> tuple[LocalityRecords, Mapping[str, Any]]:
    """Read and fully validate a workbook file (nothing is written)."""
    doc = embedded_workbook(read_json_file(path), Path(path).name)
    return workbook_from_dict(doc, source=Path(path).name, question_ids=question_ids)


REPORT_METADATA_KEY = "civicnb"
"""A report notebook keeps its locality's workbook in ``metadata["civicnb"]["workbook"]``."""


def embedded_workbook(doc: object, name: str) -> object:
    """The workbook inside a report notebook's JSON, or ``doc`` itself when it is not a
    notebook (so ``civicnb import report.ipynb`` restores the report's locality)."""
    if not (isinstance(doc, dict) and "nbformat" in doc and "cells" in doc):
        return doc
    meta = doc.get("metadata")
    block = meta.get(REPORT_METADATA_KEY) if isinstance(meta, dict) else None
    workbook = block.get("workbook") if isinstance(block, dict) else None
    if not isinstance(workbook, dict):
        raise WorkbookError(
            f"{name}: a notebook without civicnb data; only reports made by "
            "`civicnb report` or `civicnb batch` carry a locality's workbook"
        )
    return workbook
