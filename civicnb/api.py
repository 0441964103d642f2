"""The Python API behind the ``civicnb`` command: each command is one function here.

Every function takes a workspace (a :class:`~civicnb.workspace.Workspace` or a path)
and raises :class:`~civicnb.errors.CivicnbError` subclasses with one-line messages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicnb.errors import ConflictError, FrameworkError, InputError, UsageError, WorkbookError
from civicnb.framework.model import Framework
from civicnb.records import Facilitator, Locality, LocalityRecords, Round, Side
from civicnb.workspace import Workspace, init_workspace, open_workspace

if TYPE_CHECKING:
    from civicnb.store import Store
    from civicnb.workshop.collection import CollectResult

__all__ = [
    "EXPORT_FORMATS",
    "LocalityInfo",
    "NewKey",
    "add_facilitator_key",
    "create_demo",
    "export_locality",
    "facilitator_keys",
    "import_submissions",
    "import_workbook",
    "list_localities",
    "locality_counts",
    "new_locality",
    "open_round",
    "repair_localities",
    "revoke_facilitator_key",
    "validate_file",
    "write_import_template",
    "write_xlsform",
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
    pages: bool = True
    """False when the locality's notebooks are missing (so it is not served)."""


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
                    pages=_has_pages(ws, loc),
                )
            )
    return out


def _install_framework(
    ws: Workspace, source: Path | None, definition: Mapping[str, Any] | None
) -> str:
    """Save a custom framework into the workspace; return its id."""
    from civicnb.workshop.creation import prepare_framework

    pending = prepare_framework(ws, source, definition)
    pending.write(ws)
    return pending.framework.id


def new_locality(
    name: str,
    *,
    workspace: WorkspaceLike = None,
    language: str = "en",
    edition: str | None = None,
    framework_file: str | os.PathLike[str] | None = None,
    country: str = "",
    organisations: Mapping[Side | str, Iterable[str]] | None = None,
    expected_groups: Iterable[str] | None = None,
    min_group: int = 5,
    round_label: str | None = None,
    round_date: dt.date | None = None,
    notebooks: bool = True,
) -> Locality:
    """Create a locality with its first round (the baseline) and its notebooks.

    ``organisations``: the organisations taking part, per side (e.g. ``{Side.LA:
    ["Planning department", "Councillors"], Side.CSO: [...]}``); ``expected_groups``:
    the stakeholder groups the first round expects (None: the default groups in the
    locality's language); ``min_group``: the small-number threshold k (1-100).
    Everything is checked before anything is written, in one transaction
    (:func:`civicnb.workshop.creation.create_locality`, as the home page does).
    """
    from civicnb.workshop.creation import create_locality

    return create_locality(
        _ws(workspace),
        name,
        language=language,
        edition=edition,
        framework_file=framework_file,
        country=country,
        organisations=organisations,
        expected_groups=expected_groups,
        min_group=min_group,
        round_label=round_label,
        round_date=round_date,
        pages=_instantiate if notebooks else None,
    )


def open_round(
    locality: str,
    label: str,
    *,
    workspace: WorkspaceLike = None,
    date: dt.date | None = None,
    recorded_by: str = "",
) -> Round:
    """Open the next round of a locality (see :func:`civicnb.workshop.rounds.open_round`:
    what is carried forward, and the rounds before it become read-only). The locality's
    pages need no new notebooks: they answer the latest round, looked up when a page opens.
    """
    from civicnb.workshop.rounds import open_round as open_next

    ws = _ws(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        return open_next(store, loc, label, date, recorded_by=recorded_by)


def _instantiate(ws: Workspace, locality: Locality) -> None:
    from civicnb.execution.home import write_home
    from civicnb.execution.instantiate import instantiate_locality
    from civicnb.execution.launcher import write_launcher

    instantiate_locality(ws, locality)
    write_home(ws)  # the server's root page, beside the localities' folders
    write_launcher(ws)  # JupyterLab's launcher entries (civicnb.execution.launcher)


def export_locality(
    locality: str,
    *,
    workspace: WorkspaceLike = None,
    fmt: str = "json",
    out: str | os.PathLike[str] | None = None,
    full: bool = False,
    lang: str = "en",
) -> Path:
    """Write a locality's workbook as JSON, CSV or XLSX; return the file written.
    CSV and XLSX have their headers, sheet names and yes/no in ``lang``.

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
        version, definition = ws.framework_block(records.locality.edition)
        doc = workbook_to_dict(records, framework_version=version, framework_definition=definition)
        return dump_workbook(doc, target)
    framework = ws.framework(records.locality.edition)
    _private_file(target)
    if fmt == "csv":
        return (write_csv if full else write_shared_csv)(records, framework, target, lang)
    return write_xlsx(records, framework, target, lang)


def _private_file(path: Path) -> None:
    """Create ``path`` (or make an existing regular file) readable by its owner only,
    before personal data is written into it; a device or pipe is left alone."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.is_file() and not path.is_symlink():
            os.chmod(path, 0o600)
    except OSError:
        return  # the writer reports it
    else:
        os.close(fd)


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
            known = {loc.slug: loc for loc in store.localities()}
            stored = known.get(records.locality.slug)
            if stored is not None:
                if (
                    notebooks
                    and stored.id == records.locality.id
                    and not _has_pages(ws, stored)
                    and _same_records(store.export_locality(stored.id), records)
                ):
                    # an import of this very file stopped after its commit, before the
                    # pages were written: importing it again finishes it
                    _instantiate(ws, stored)
                    return stored
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
    workspace: str | os.PathLike[str] | Workspace | None = None,
    *,
    notebooks: bool = True,
    reset: bool = False,
    keep: bool = False,
    language: str = "es",
) -> Locality:
    """A workspace (created if needed) with the demo locality: Villaflor in Spanish
    (``language="es"``, the default) or Vila Flor in Portuguese (``"pt"``).

    When the workspace has the demo locality already, what was recorded there (a trial
    workshop's participants, ratings, agreed ratings…) is never replaced silently:
    ``reset`` rebuilds the demo from scratch, ``keep`` keeps it as it is (and writes its
    notebooks if they are missing), and neither raises :class:`ConflictError` saying
    what a reset would lose.
    """
    from civicnb.demo import DEMO_LANGUAGES, demo_records
    from civicnb.framework import load_framework

    if reset and keep:
        raise UsageError("give either --reset or --keep, not both")
    if language not in DEMO_LANGUAGES:
        raise UsageError(f"no demo in {language!r}: one of {', '.join(DEMO_LANGUAGES)}")
    ws = workspace if isinstance(workspace, Workspace) else init_workspace(workspace)
    records = demo_records(load_framework("pamphlet"), language)
    demo = records.locality
    with ws.open_store() as store:
        existing = _stored_demo(store, demo)
        if existing is not None and not reset:
            if keep:
                kept = existing
            else:
                flag = "" if language == "es" else f" --language {language}"
                raise ConflictError(
                    f"the workspace {ws.root} has the demo locality {existing.slug!r} already, "
                    f"with {_recorded(store, existing)}; `civicnb demo{flag} --reset` "
                    "rebuilds it and loses all of that (export it first: `civicnb export "
                    f"{existing.slug}`), `civicnb demo{flag} --keep` keeps it"
                )
        else:
            kept = None
            store.import_locality(records, replace=True)
    if kept is not None:
        if notebooks and not _has_pages(ws, kept):
            _instantiate(ws, kept)
        return kept
    if notebooks:
        _instantiate(ws, demo)
    return demo


def _stored_demo(store: Store, demo: Locality) -> Locality | None:
    """The stored demo locality (by slug or by id), or None."""
    for loc in store.localities():
        if loc.slug == demo.slug or loc.id == demo.id:
            return loc
    return None


def locality_counts(store: Store, locality: Locality) -> dict[str, int]:
    """What is recorded for a locality: participants, answered ratings, agreed ratings,
    actions, harvest notes and revealed strands (over all its rounds)."""
    rounds = store.rounds(locality.id)
    return {
        "participants": len(store.participants(locality.id)),
        "ratings": sum(1 for r in store.ratings(locality_id=locality.id) if r.answered),
        "agreed ratings": sum(len(store.joint_ratings(r.id)) for r in rounds),
        "actions": len(store.actions(locality.id)),
        "harvest notes": sum(len(store.harvest_notes(r.id)) for r in rounds),
        "revealed strands": sum(len(store.reveals(r.id)) for r in rounds),
    }


def _recorded(store: Store, locality: Locality) -> str:
    return ", ".join(f"{what}: {n}" for what, n in locality_counts(store, locality).items())


def _same_records(a: LocalityRecords, b: LocalityRecords) -> bool:
    """The same records, whatever their order."""
    import json

    from civicnb.exchange.codec import RECORD_TYPES, to_json

    def canon(rec: LocalityRecords) -> list[object]:
        out: list[object] = [to_json(rec.locality)]
        for key in RECORD_TYPES:
            out.append(sorted(json.dumps(to_json(r), sort_keys=True) for r in getattr(rec, key)))
        return out

    return canon(a) == canon(b)


def repair_localities(
    localities: list[str] | None = None, *, workspace: WorkspaceLike = None
) -> list[Locality]:
    """Write the pages of the localities (all, or those named) that have none, e.g.
    after an import or `civicnb new` stopped between its commit and its notebooks;
    return the localities repaired."""
    ws = _ws(workspace)
    with ws.open_store() as store:
        targets = (
            [store.get_locality(name) for name in localities] if localities else store.localities()
        )
    repaired = []
    for loc in targets:
        if not _has_pages(ws, loc):
            _instantiate(ws, loc)
            repaired.append(loc)
    return repaired


def _has_pages(ws: Workspace, locality: Locality) -> bool:
    from civicnb.execution.instantiate import page_names

    folder = ws.locality_dir(locality.slug)
    return all((folder / name).is_file() for name in page_names())


def _framework_verdict(path: Path, fw: Framework) -> str:
    count = len(fw.questions)
    return f"{path.name}: valid framework {fw.id!r} version {fw.version} ({count} questions)"


# --- co-facilitation: named facilitator keys ------------------------------------------


@dataclass(frozen=True)
class NewKey:
    """A facilitator just added: the key is shown once and never stored."""

    facilitator: Facilitator
    key: str
    address: str
    """The facilitator page's address with the key, relative to the server's pages."""


def add_facilitator_key(locality: str, name: str, *, workspace: WorkspaceLike = None) -> NewKey:
    """Give ``locality`` (slug or id) a facilitator called ``name`` with a key of their
    own (see :mod:`civicnb.workshop.facilitators`)."""
    from civicnb.workshop.facilitators import add_facilitator, facilitator_address

    with _ws(workspace).open_store() as store:
        loc = store.get_locality(locality)
        f, key = add_facilitator(store, loc, name)
        return NewKey(f, key, facilitator_address(loc, key))


def facilitator_keys(locality: str, *, workspace: WorkspaceLike = None) -> list[Facilitator]:
    """The locality's facilitators with keys of their own, revoked ones too."""
    with _ws(workspace).open_store() as store:
        return store.facilitators(store.get_locality(locality).id)


def revoke_facilitator_key(
    locality: str, name: str, *, workspace: WorkspaceLike = None
) -> Facilitator:
    """Revoke the key of ``locality``'s active facilitator called ``name``: pages opened
    with it save nothing more."""
    from civicnb.workshop.facilitators import facilitator_by_name, revoke_facilitator

    with _ws(workspace).open_store() as store:
        loc = store.get_locality(locality)
        return revoke_facilitator(store, facilitator_by_name(store, loc, name).id)


def _collect_target(out: str | os.PathLike[str] | None, default_name: str) -> Path:
    target = Path(out) if out is not None else Path.cwd() / default_name
    if target.is_dir():
        target = target / default_name
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")
    return target


def write_xlsform(
    locality: str, *, workspace: WorkspaceLike = None, out: str | os.PathLike[str] | None = None
) -> Path:
    """Write the XLSForm of ``locality``'s questionnaire for its current round (for
    KoBoToolbox or ODK; docs/collect.md); return the file written."""
    from civicnb.exchange.xlsform import form_id
    from civicnb.exchange.xlsform import write_xlsform as write_form
    from civicnb.workshop.participation import current_round

    ws = _ws(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        rnd = current_round(store, loc)
        orgs = store.organisations(loc.id)
    target = _collect_target(out, f"{form_id(loc, rnd)}.xlsx")
    return write_form(ws.framework(loc.edition), loc, rnd, orgs, target)


def write_import_template(
    locality: str,
    *,
    workspace: WorkspaceLike = None,
    out: str | os.PathLike[str] | None = None,
    lang: str | None = None,
) -> Path:
    """Write the XLSX template into which ``locality``'s paper answers of its current
    round are typed (in ``lang``, default the locality's); return the file written."""
    from civicnb.exchange.entry_template import write_entry_template
    from civicnb.workshop.participation import current_round

    ws = _ws(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        rnd = current_round(store, loc)
        orgs = store.organisations(loc.id)
    target = _collect_target(out, f"{loc.slug}-paper-answers.xlsx")
    _private_file(target)
    lang = lang or loc.language
    return write_entry_template(ws.framework(loc.edition), loc, rnd, orgs, target, lang)


def import_submissions(
    path: str | os.PathLike[str], *, workspace: WorkspaceLike = None, locality: str | None = None
) -> CollectResult:
    """Import collected answers (a KoBoToolbox or ODK Central export of the form of
    :func:`write_xlsform`, or the filled template of :func:`write_import_template`)
    into their locality's current round, all or nothing; returns a
    :class:`civicnb.workshop.collection.CollectResult`."""
    from civicnb.workshop.collection import import_submissions as import_rows

    ws = _ws(workspace)
    with ws.open_store() as store:
        return import_rows(store, path, ws.framework, locality=locality)
