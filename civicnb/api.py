"""The Python API behind the ``civicnb`` command: each command is one function here.

Every function takes a workspace (a :class:`~civicnb.workspace.Workspace` or a path)
and raises :class:`~civicnb.errors.CivicnbError` subclasses with one-line messages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.errors import ConflictError, FrameworkError, InputError, UsageError, WorkbookError
from civicnb.framework.model import Framework
from civicnb.model import Locality, LocalityRecords, Round, slugify
from civicnb.workspace import Workspace, init_workspace, open_workspace

__all__ = [
    "EXPORT_FORMATS",
    "LocalityInfo",
    "create_demo",
    "export_locality",
    "import_workbook",
    "list_localities",
    "new_locality",
    "validate_file",
]

EXPORT_FORMATS = ("json", "csv", "xlsx")
WorkspaceLike = Workspace | str | os.PathLike[str] | None


def _ws(workspace: WorkspaceLike) -> Workspace:
    return workspace if isinstance(workspace, Workspace) else open_workspace(workspace)


@dataclass(frozen=True)
class LocalityInfo:
    locality: Locality
    rounds: tuple[Round, ...]
    participants: int
    ratings: int


def list_localities(workspace: WorkspaceLike = None) -> list[LocalityInfo]:
    """Every locality of the workspace with its rounds and counts."""
    ws = _ws(workspace)
    out = []
    with ws.open_store() as store:
        for loc in store.localities():
            out.append(
                LocalityInfo(
                    locality=loc,
                    rounds=tuple(store.rounds(loc.id)),
                    participants=len(store.participants(loc.id)),
                    ratings=sum(1 for r in store.ratings(locality_id=loc.id) if r.answered),
                )
            )
    return out


def _install_framework(
    ws: Workspace, source: Path | None, definition: Mapping[str, Any] | None
) -> str:
    """Save a custom framework into the workspace; return its id."""
    import yaml

    from civicnb.framework import builtin_editions, framework_from_dict, load_framework

    if source is not None:
        fw = load_framework(source)
        text = source.read_text(encoding="utf-8")
    else:
        assert definition is not None
        fw = framework_from_dict(dict(definition), source="workbook framework")
        text = yaml.safe_dump(dict(definition), allow_unicode=True, sort_keys=False)
    if fw.id in builtin_editions():
        raise FrameworkError(
            f"a custom framework cannot use the built-in id {fw.id!r}: give it another id"
        )
    ws.frameworks_dir.mkdir(exist_ok=True)
    target = ws.frameworks_dir / f"{fw.id}.yaml"
    if target.exists():
        existing = load_framework(target)
        if existing != fw:
            raise ConflictError(
                f"the workspace already has a different framework with id {fw.id!r} "
                f"({target}); give the new one another id or version"
            )
        return fw.id
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return fw.id


def new_locality(
    name: str,
    *,
    workspace: WorkspaceLike = None,
    language: str = "en",
    edition: str | None = None,
    framework_file: str | os.PathLike[str] | None = None,
    country: str = "",
    round_label: str | None = None,
    round_date: dt.date | None = None,
    notebooks: bool = True,
) -> Locality:
    """Create a locality with its first round (the baseline) and its notebooks."""
    from civicnb.framework import builtin_editions

    ws = _ws(workspace)
    if edition and framework_file:
        raise UsageError("give either --edition or --framework, not both")
    if framework_file is not None:
        edition = _install_framework(ws, Path(framework_file), None)
    elif edition is None:
        edition = "pamphlet"
    elif edition not in builtin_editions():
        ws.framework(edition)  # a custom framework already in the workspace, or an error
    if language not in ("en", "es"):
        raise InputError(f"language must be en or es (got {language!r})")
    slug = slugify(name)
    locality = Locality(
        name=name.strip(), slug=slug, country=country, language=language, edition=edition
    )
    label = round_label or ("Línea de base" if language == "es" else "Baseline")
    with ws.open_store() as store:
        known = {loc.slug for loc in store.localities()}
        if locality.slug in known:
            raise ConflictError(
                f"a locality {locality.slug!r} exists already: choose another name "
                "(`civicnb list` shows them)"
            )
        first = Round(locality_id=locality.id, label=label, date=round_date, position=0)
        store.import_locality(LocalityRecords(locality=locality, rounds=(first,)))
    if notebooks:
        _instantiate(ws, locality)
    return locality


def _instantiate(ws: Workspace, locality: Locality) -> None:
    from civicnb.instantiate import instantiate_locality

    instantiate_locality(ws, locality)


def _framework_block(ws: Workspace, locality: Locality) -> tuple[str, object]:
    from civicnb.framework import builtin_editions

    fw = ws.framework(locality.edition)
    definition = None
    if locality.edition not in builtin_editions():
        import yaml

        path = ws.frameworks_dir / f"{locality.edition}.yaml"
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    return fw.version, definition


def export_locality(
    locality: str,
    *,
    workspace: WorkspaceLike = None,
    fmt: str = "json",
    out: str | os.PathLike[str] | None = None,
    full: bool = False,
) -> Path:
    """Write a locality's workbook as JSON, CSV or XLSX; return the file written.

    JSON and XLSX are full backups (every participant's answers and notes). CSV is
    the table meant for sharing: aggregates per question and side under the
    small-number rule, no per-participant row; ``full=True`` gives the facilitator's
    tidy table instead (one row per rating, anonymous people's notes included).
    """
    from civicnb.exchange import workbook_to_dict, write_csv, write_shared_csv, write_xlsx
    from civicnb.exchange.workbook import dump_workbook

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXPORT_FORMATS)} (got {fmt!r})")
    if full and fmt != "csv":
        raise UsageError(f"--full is for --format csv ({fmt} is always a full backup)")
    ws = _ws(workspace)
    with ws.open_store() as store:
        records = store.export_locality(locality)
    target = Path(out) if out is not None else Path.cwd() / f"{records.locality.slug}.{fmt}"
    if target.is_dir():
        target = target / f"{records.locality.slug}.{fmt}"
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")
    if fmt == "json":
        version, definition = _framework_block(ws, records.locality)
        doc = workbook_to_dict(records, framework_version=version, framework_definition=definition)
        return dump_workbook(doc, target)
    framework = ws.framework(records.locality.edition)
    if fmt == "csv":
        return (write_csv if full else write_shared_csv)(records, framework, target)
    return write_xlsx(records, framework, target)


def import_workbook(
    path: str | os.PathLike[str],
    *,
    workspace: WorkspaceLike = None,
    replace: bool = False,
    notebooks: bool = True,
) -> Locality:
    """Validate a workbook file completely, then write it in one transaction.

    A bad file changes nothing: not the store, not the workspace's frameworks.
    """
    from civicnb.exchange import load_workbook
    from civicnb.framework import builtin_editions, framework_from_dict

    ws = _ws(workspace)
    pending: dict[str, Mapping[str, Any]] = {}

    def question_ids(framework_id: str, block: Mapping[str, Any]) -> frozenset[str]:
        if framework_id in builtin_editions():
            return ws.framework(framework_id).question_ids
        definition = block.get("definition")
        if isinstance(definition, dict):
            try:
                fw = framework_from_dict(
                    definition, source=f"{Path(path).name}: framework.definition"
                )
            except FrameworkError as exc:
                raise WorkbookError(str(exc)) from None
            if fw.id != framework_id:
                raise WorkbookError(
                    f"{Path(path).name}: framework.definition has id {fw.id!r}, "
                    f"not {framework_id!r}"
                )
            pending[framework_id] = definition
            return fw.question_ids
        try:
            return ws.framework(framework_id).question_ids
        except FrameworkError:
            raise WorkbookError(
                f"{Path(path).name}: uses the framework {framework_id!r}, which is neither "
                "built in nor in this workspace, and the file does not include its definition"
            ) from None

    records, _block = load_workbook(path, question_ids=question_ids)
    with ws.open_store() as store:
        if not replace:
            known = {loc.slug for loc in store.localities()}
            if records.locality.slug in known:
                raise ConflictError(
                    f"the workspace already has a locality {records.locality.slug!r}: "
                    "use --replace to overwrite it with the file"
                )
        before = set(ws.frameworks_dir.glob("*")) if ws.frameworks_dir.is_dir() else set()
        try:
            for definition in pending.values():
                _install_framework(ws, None, definition)
            store.import_locality(records, replace=replace)
        except Exception:
            for added in set(ws.frameworks_dir.glob("*")) - before:
                added.unlink(missing_ok=True)  # a failed import leaves the workspace as it was
            raise
    if notebooks:
        _instantiate(ws, records.locality)
    return records.locality


def validate_file(path: str | os.PathLike[str]) -> str:
    """Check a framework file (YAML/JSON) or a workbook (JSON); a one-line verdict."""
    from civicnb.exchange.workbook import embedded_workbook, read_json_file, workbook_from_dict
    from civicnb.framework import builtin_editions, framework_from_dict, load_framework

    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.suffix.lower() in (".yaml", ".yml"):
        fw = load_framework(p)
        return _framework_verdict(p, fw)
    doc = embedded_workbook(read_json_file(p), p.name)
    if isinstance(doc, dict) and "schema_version" in doc:

        def qids(fid: str, block: Mapping[str, Any]) -> frozenset[str]:
            if fid in builtin_editions():
                return load_framework(fid).question_ids
            definition = block.get("definition")
            if isinstance(definition, dict):
                return framework_from_dict(definition, source=p.name).question_ids
            raise WorkbookError(
                f"{p.name}: uses the custom framework {fid!r} but does not include its definition"
            )

        records, _ = workbook_from_dict(doc, source=p.name, question_ids=qids)
        return (
            f"{p.name}: valid workbook of {records.locality.name!r} "
            f"({len(records.rounds)} rounds, {len(records.participants)} participants, "
            f"{len(records.ratings)} ratings)"
        )
    if isinstance(doc, dict) and "strands" in doc:
        fw = framework_from_dict(doc, source=p.name)
        return _framework_verdict(p, fw)
    raise InputError(
        f"{p.name}: neither a civicnb workbook (no schema_version) nor a framework (no strands)"
    )


def init(
    workspace: str | os.PathLike[str] | None = None, store_url: str | None = None
) -> Workspace:
    """Create a workspace (idempotent)."""
    return init_workspace(workspace, store_url=store_url)


def create_demo(
    workspace: str | os.PathLike[str] | Workspace | None = None, *, notebooks: bool = True
) -> Locality:
    """A workspace (created if needed) with the demo locality, regenerated each time."""
    from civicnb.demo import demo_records
    from civicnb.framework import load_framework

    ws = workspace if isinstance(workspace, Workspace) else init_workspace(workspace)
    records = demo_records(load_framework("pamphlet"))
    with ws.open_store() as store:
        store.import_locality(records, replace=True)
    if notebooks:
        _instantiate(ws, records.locality)
    return records.locality


def _framework_verdict(path: Path, fw: Framework) -> str:
    count = len(fw.questions)
    return f"{path.name}: valid framework {fw.id!r} version {fw.version} ({count} questions)"
