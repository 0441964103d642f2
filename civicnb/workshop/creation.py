"""Creating a locality: the one code path of ``civicnb new`` and the home page.

Everything is checked before anything is written (the name, the framework file, the
organisations of each side, the expected stakeholder groups, the small-number
threshold k); then the locality, its first round, its organisations and the round's
expected groups are written in ONE store transaction, and a custom framework file is
copied into the workspace. A failure leaves the store and the workspace's frameworks as
they were. The pages are written last, by the ``pages`` function given (the execution
layer's ``instantiate_locality``), after the commit.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.errors import ConflictError, FrameworkError, InputError, Term, UsageError
from civicnb.framework.model import Framework
from civicnb.i18n import LANGUAGES, keyed, t, term
from civicnb.records import (
    MAX_NAME,
    Attendance,
    Locality,
    LocalityRecords,
    Organisation,
    Round,
    Side,
    slugify,
)
from civicnb.workshop.attendance import default_stakeholder_groups
from civicnb.workspace import Workspace

__all__ = ["PendingFramework", "create_locality", "prepare_framework"]

MAX_ORGANISATIONS = 100
"""Organisations per side at most."""
MAX_GROUPS = 100
"""Expected stakeholder groups at most."""


@dataclass(frozen=True)
class PendingFramework:
    """A custom framework checked and ready to be copied into the workspace."""

    framework: Framework
    text: str

    def write(self, ws: Workspace) -> Path | None:
        """Copy it into ``W/frameworks/``; the file added (None if it was there)."""
        ws.frameworks_dir.mkdir(exist_ok=True)
        target = ws.frameworks_dir / f"{self.framework.id}.yaml"
        if target.exists():
            return None  # the same framework (checked by prepare_framework)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(self.text, encoding="utf-8")
        os.replace(tmp, target)
        return target


def prepare_framework(
    ws: Workspace, source: Path | None, definition: Mapping[str, Any] | None
) -> PendingFramework:
    """Check a custom framework (a file, or a workbook's embedded definition) without
    writing anything: FrameworkError for a bad file or a built-in id, ConflictError if
    the workspace has a different framework with the same id."""
    import yaml

    from civicnb.framework import builtin_editions, framework_from_dict, load_framework

    if source is not None:
        from civicnb.files import read_user_file
        from civicnb.framework.loader import MAX_FILE_BYTES

        fw = load_framework(source)  # a regular file of at most 2 MB, valid
        raw = read_user_file(source, limit=MAX_FILE_BYTES, error=FrameworkError)
        text = raw.decode("utf-8-sig")
    else:
        assert definition is not None
        fw = framework_from_dict(dict(definition), source="workbook framework")
        text = yaml.safe_dump(dict(definition), allow_unicode=True, sort_keys=False)
    if fw.id in builtin_editions():
        raise FrameworkError(
            f"a custom framework cannot use the built-in id {fw.id!r}: give it another id"
        )
    target = ws.frameworks_dir / f"{fw.id}.yaml"
    if target.exists() and load_framework(target) != fw:
        raise ConflictError(
            f"the workspace already has a different framework with id {fw.id!r} "
            f"({target}); give the new one another id or version"
        )
    return PendingFramework(fw, text)


def _names(what: Term, values: Iterable[str], limit: int) -> tuple[str, ...]:
    """Stripped, non-empty names; InputError for a duplicate (whatever its case), a
    name too long or too many."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            raise InputError(f"{what}: names must be text")
        name = " ".join(value.split())
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise keyed(InputError, "err_name_long", field=what, name=name[:40], limit=MAX_NAME)
        if name.casefold() in seen:
            raise keyed(InputError, "err_name_twice", field=what, name=name)
        seen.add(name.casefold())
        out.append(name)
    if len(out) > limit:
        raise keyed(InputError, "err_names_many", field=what, limit=limit, count=len(out))
    return tuple(out)


def _min_group(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"the small-number threshold k must be a whole number (got {value!r})")
    if not 1 <= value <= 100:
        raise InputError(f"the small-number threshold k must be between 1 and 100 (got {value})")
    return value


def create_locality(
    ws: Workspace,
    name: str,
    *,
    language: str = "en",
    edition: str | None = None,
    framework_file: str | os.PathLike[str] | None = None,
    country: str = "",
    organisations: Mapping[Side | str, Iterable[str]] | None = None,
    expected_groups: Iterable[str] | None = None,
    min_group: int = 5,
    round_label: str | None = None,
    round_date: dt.date | None = None,
    recorded_by: str = "",
    pages: Callable[[Workspace, Locality], object] | None = None,
) -> Locality:
    """Create a locality with its first round (the baseline), its organisations per
    side and the round's expected stakeholder groups (``None``: the default groups in
    the locality's language); then write its pages with ``pages(ws, locality)``.
    ``recorded_by``: the facilitator who set it up (on the expected groups' records)."""
    from civicnb.framework import builtin_editions

    # --- check everything -----------------------------------------------------------
    if edition and framework_file:
        raise UsageError("give either --edition or --framework, not both")
    if language not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(LANGUAGES)} (got {language!r})")
    pending: PendingFramework | None = None
    if framework_file is not None:
        pending = prepare_framework(ws, Path(framework_file), None)
        edition = pending.framework.id
    elif edition is None:
        edition = "pamphlet"
    elif edition not in builtin_editions():
        ws.framework(edition)  # a custom framework already in the workspace, or an error
    if not isinstance(name, str):
        raise InputError("the locality's name must be text")
    locality = Locality(
        name=name.strip(),
        slug=slugify(name),
        country=country.strip(),
        language=language,
        edition=edition,
        min_group=_min_group(min_group),
    )
    per_side: dict[Side, list[str]] = {}
    for side_key, names in (organisations or {}).items():
        side = Side.parse(side_key)
        if side is Side.OTHER:
            raise InputError("organisations are of the local authority's or the CSO's side")
        if isinstance(names, str):
            raise InputError("give a side's organisations as a list of names")
        per_side.setdefault(side, []).extend(names)
    orgs = [
        Organisation(locality_id=locality.id, side=side, name=org_name)
        for side, names in per_side.items()
        for org_name in _names(term(f"field_organisations_{side.value}"), names, MAX_ORGANISATIONS)
    ]
    groups = _names(
        term("field_stakeholder_groups"),
        default_stakeholder_groups(language) if expected_groups is None else expected_groups,
        MAX_GROUPS,
    )
    label = round_label or t("round_baseline", language)
    first = Round(locality_id=locality.id, label=label, date=round_date, position=0)
    expected = tuple(
        Attendance(first.id, g, expected=True, present=False, recorded_by=recorded_by)
        for g in groups
    )
    records = LocalityRecords(
        locality=locality, rounds=(first,), organisations=tuple(orgs), attendance=expected
    )

    # --- write it, all or nothing ---------------------------------------------------
    added: Path | None = None
    with ws.open_store() as store:
        try:
            with store.transaction():
                known = {loc.slug for loc in store.localities()}
                if locality.slug in known:
                    raise ConflictError(
                        f"a locality {locality.slug!r} exists already: choose another name "
                        "(`civicnb list` shows them)"
                    )
                if pending is not None:
                    added = pending.write(ws)
                store.import_locality(records)
        except BaseException:
            if added is not None:
                added.unlink(missing_ok=True)  # the workspace's frameworks as they were
            raise
    if pages is not None:
        pages(ws, locality)
    return locality
