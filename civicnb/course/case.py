"""The course's worked case: Las Acacias, a fictional Colombian municipality, its local
authority and five civil society organisations, over three rounds (baseline, six
months, twelve months).

The story the data tell: the gaps on pairs 1, 5 and 11 narrow as actions are followed
through (a cross-department table, school gardens, a sign-language interpreter), the gap
on pair 7 widens (the youth seat on the planning council was promised and dropped),
strand V improves most; one valued outcome (older people) has no activity, one activity
(school gardens) is a win-win; the young people stop coming at twelve months; the
small-number rule withholds the local authority's view of CSO question VIII at the
baseline (only two of its anonymous officers answered it) and every third-party figure.

The story's data (people, targets, notes, deliberation) are in
:mod:`civicnb.course.case_story`; this module turns them into records and files.
Everything is generated deterministically. ``variant`` 0 is the canonical case (shipped
as ``civicnb/course/data/case-{es,en,pt}.json``); variants 1, 2, … shift every group's
ratings by a seeded offset (the same in all three rounds) plus a little noise, so that
course groups compare different figures while the story keeps its shape. Ids and
scores do not depend on the language: the Spanish, English and Portuguese cases hold
the same numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.course.case_story import (
    HELP,
    NOTES,
    ORGS,
    PEOPLE,
    RATES,
    ROLES,
    ROUNDS,
    SPLIT,
    T0,
    TARGETS,
    THIRD_PARTY_QUESTIONS,
    Person,
    deliberation,
    pick,
    uid,
)
from civicnb.errors import InputError
from civicnb.framework.model import Framework, Question
from civicnb.i18n import LANGUAGES
from civicnb.records import (
    Locality,
    LocalityRecords,
    Organisation,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.workspace import Workspace

__all__ = [
    "CASE_NAME",
    "MAX_VARIANT",
    "case_document",
    "case_records",
    "case_slug",
    "dump_case",
    "import_case",
    "read_case",
    "shipped_case",
]

CASE_NAME = "Las Acacias"
MAX_VARIANT = 999
LANGS = tuple(sorted(LANGUAGES))
SLUGS = {"es": "las-acacias", "en": "las-acacias-en", "pt": "las-acacias-pt"}
"""The case's locality slug in each language (the Spanish case is the original)."""
GROUP_SLUGS = {"es": "grupo", "en": "group", "pt": "grupo"}
"""The word for a course group in the slug of a variant."""
DATA_DIR = Path(__file__).resolve().parent / "data"


def _check(lang: str, variant: int) -> None:
    if lang not in LANGS:
        raise InputError(
            f"the case exists in {len(LANGS)} languages: use --lang "
            f"{', '.join(LANGS[:-1])} or {LANGS[-1]} (got {lang!r})"
        )
    if isinstance(variant, bool) or not isinstance(variant, int) or not 0 <= variant <= MAX_VARIANT:
        raise InputError(
            f"variant must be a whole number from 0 to {MAX_VARIANT} (got {variant!r})"
        )


def case_slug(lang: str = "es", variant: int = 0) -> str:
    """The case's locality slug: ``las-acacias`` (Spanish), ``las-acacias-en`` (English),
    ``las-acacias-pt`` (Portuguese), with ``-grupo-N`` / ``-group-N`` for variant N."""
    _check(lang, variant)
    base = SLUGS[lang]
    if variant:
        base += f"-{GROUP_SLUGS[lang]}-{variant}"
    return base


def _scores(rng: random.Random, target: float, n: int, split: bool) -> list[int]:
    """``n`` scores whose mean is ``target`` to within 1/(2n), spread out a little (or,
    ``split``, divided between 1 and 4)."""
    if split:
        ones = max(0, min(n, round((4 - target) * n / 3)))
        out = [1] * ones + [4] * (n - ones)
    else:
        total = max(n, min(5 * n, round(target * n)))
        base, extra = divmod(total, n)
        out = [base + 1] * extra + [base] * (n - extra)
        for _ in range(n // 2 + 1):
            i, j = rng.randrange(n), rng.randrange(n)
            if i != j and out[i] < min(5, base + 2) and out[j] > max(1, base - 1):
                out[i] += 1
                out[j] -= 1
    rng.shuffle(out)
    return out


@dataclass(frozen=True, slots=True)
class _Answer:
    person: int
    score: int | None
    note: int  # index into the notes of the strand (-1: none)
    help: int  # index into HELP (-1: none)


def _present(person: Person, rnd: int) -> bool:
    """At twelve months the young people stayed away (their seat was never opened)."""
    return not (rnd == 2 and person.org == "youth")


def _groups(q: Question, rnd: int) -> list[tuple[Side, list[int], list[int]]]:
    """For one question and round: (rater side, who scores, who says "don't know")."""
    out = []
    for side in (q.side, Side.CSO if q.side == Side.LA else Side.LA, Side.OTHER):
        people = [i for i, p in enumerate(PEOPLE) if p.side == side and _present(p, rnd)]
        dont_know: list[int] = []
        if side == Side.OTHER:
            if q.id not in THIRD_PARTY_QUESTIONS:
                continue
        elif q.id == "CSO-VIII" and side == Side.LA and rnd == 0:
            # only two of the anonymous officers answered: the small-number rule bites
            people = [i for i in people if PEOPLE[i].named or PEOPLE[i].name in ("Roble", "Cedro")]
        elif q.id == "LA-05" and side == Side.CSO and rnd == 0:
            dont_know = [i for i in people if PEOPLE[i].org == "carers"]
        elif q.id == "CSO-XIV" and side == Side.LA and rnd == 0:
            dont_know = [i for i in people if PEOPLE[i].name in ("Pino", "Sauce")]
        out.append((side, [i for i in people if i not in dont_know], dont_know))
    return out


def _answers(framework: Framework, variant: int) -> list[list[tuple[str, _Answer]]]:
    """Every answer of every round (language-free: indexes into the text pools)."""
    rng = random.Random(f"civicnb-course-case:scores:{variant}")
    shift = random.Random(f"civicnb-course-case:shift:{variant}")
    offsets: dict[tuple[str, Side], float] = {}
    rounds: list[list[tuple[str, _Answer]]] = []
    for rnd in range(len(ROUNDS)):
        answers: list[tuple[str, _Answer]] = []
        for q in framework.questions:
            own, other = TARGETS[q.id]
            for side, scorers, dont_know in _groups(q, rnd):
                if side == q.side:
                    target = own[rnd]
                elif side == Side.OTHER:
                    target = other[rnd] + 0.3
                else:
                    target = other[rnd]
                if variant:
                    key = (q.id, side)
                    if key not in offsets:
                        offsets[key] = round(shift.uniform(-0.3, 0.3), 2)
                    target += offsets[key] + round(shift.uniform(-0.12, 0.12), 2)
                target = min(4.8, max(1.2, target))
                scores = _scores(rng, target, len(scorers), (q.id, side, rnd) in SPLIT)
                for who, score in [
                    *zip(scorers, scores, strict=True),
                    *((d, None) for d in dont_know),
                ]:
                    has_note = rng.random() < 0.2
                    note = rng.randrange(3) if has_note else -1
                    helps = rng.randrange(len(HELP)) if has_note and rng.random() < 0.4 else -1
                    answers.append((q.id, _Answer(who, score, note, helps)))
        rounds.append(answers)
    return rounds


def _org(key: str, lang: str) -> str:
    return pick(ORGS[key], lang)


def case_records(
    lang: str = "es", variant: int = 0, framework: Framework | None = None
) -> LocalityRecords:
    """All the records of the worked case (pamphlet framework) in ``lang``."""
    from civicnb.framework import load_framework

    _check(lang, variant)
    fw = framework or load_framework("pamphlet")
    ids = random.Random(f"civicnb-course-case:ids:{variant}")
    loc = Locality(
        name=CASE_NAME,
        slug=case_slug(lang, variant),
        country="Colombia",
        language=lang,
        edition=fw.id,
        min_group=5,
        id=uid(ids),
        created_at=T0,
    )
    rounds = tuple(
        Round(loc.id, pick(label, lang), day, i, id=uid(ids))
        for i, (label, day) in enumerate(ROUNDS)
    )
    orgs = _organisations(loc, lang, variant)
    people = tuple(
        Participant(
            loc.id,
            p.side,
            f"{p.name} ({_org(p.org, lang)})",
            p.named,
            id=uid(ids),
            created_at=T0 + dt.timedelta(days=10, minutes=i),
            organisation_id=orgs[p.org].id if p.org in orgs else None,
            role=ROLES.get(p.name, ""),
            rates_organisation_id=orgs[RATES[p.name]].id if p.name in RATES else None,
        )
        for i, p in enumerate(PEOPLE)
    )
    ratings = []
    for rnd, answers in zip(rounds, _answers(fw, variant), strict=True):
        assert rnd.date is not None
        start = dt.datetime.combine(rnd.date, dt.time(14, 30), dt.UTC)
        for k, (qid, a) in enumerate(answers):
            strand = fw.question(qid).strand_id
            pool = NOTES[strand][0 if rnd.position == 0 else 1]
            created = start + dt.timedelta(seconds=7 * k)
            ratings.append(
                Rating(
                    rnd.id,
                    people[a.person].id,
                    qid,
                    score=a.score,
                    dont_know=a.score is None,
                    note=pick(pool[a.note], lang) if a.note >= 0 else "",
                    would_help=pick(HELP[a.help], lang) if a.help >= 0 else "",
                    id=uid(ids),
                    created_at=created,
                    updated_at=created + dt.timedelta(seconds=30),
                )
            )
    records = deliberation(loc, rounds, tuple(people), tuple(ratings), ids, lang)
    return dataclasses.replace(records, organisations=tuple(orgs.values()))


def _organisations(loc: Locality, lang: str, variant: int) -> dict[str, Organisation]:
    """The organisations of both sides that the case's people take part for (the five
    civil society organisations and the council's departments), by key. Their ids come
    from a generator of their own: the other records keep the ids they had before."""
    ids = random.Random(f"civicnb-course-case:organisations:{variant}")
    sides = {p.org: p.side for p in PEOPLE}
    return {
        key: Organisation(loc.id, sides[key], _org(key, lang), id=uid(ids))
        for key in ORGS
        if sides.get(key) in (Side.LA, Side.CSO)
    }


# --- files -------------------------------------------------------------------------------


def case_document(lang: str = "es", variant: int = 0) -> dict[str, Any]:
    """The case as a workbook document (the JSON of ``civicnb export``)."""
    from civicnb.exchange import workbook_to_dict
    from civicnb.framework import load_framework

    fw = load_framework("pamphlet")
    return workbook_to_dict(case_records(lang, variant, fw), framework_version=fw.version)


def dump_case(doc: Mapping[str, Any], path: str | Path) -> Path:
    """Write a workbook document with one record per line (small, readable diffs);
    atomically."""
    out = Path(path)
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            body: Sequence[str] = [json.dumps(v, ensure_ascii=False) for v in value]
            inner = ",\n  ".join(body)
            lines.append(
                f" {json.dumps(key)}: [\n  {inner}\n ]{comma}"
                if body
                else f" {json.dumps(key)}: []{comma}"
            )
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


def shipped_case(lang: str = "es") -> Path:
    """The canonical case (variant 0) shipped in the package."""
    _check(lang, 0)
    return DATA_DIR / f"case-{lang}.json"


_READ_CACHE: dict[tuple[str, int, int, int], LocalityRecords] = {}
_READ_CACHE_SIZE = 4


def read_case(path: str | Path) -> LocalityRecords:
    """Read and validate a case workbook file (any civicnb workbook of the pamphlet
    framework).

    The records (frozen) of the last few files read are kept, keyed by the file's path,
    size, inode and modification time: a kernel that runs a group's modules one after
    the other (``civicnb course`` on warm kernels) validates its case once, not once per
    module (validation is most of the ~0.3 s a read takes); a changed file is read
    again."""
    try:
        st = Path(path).resolve().stat()
        key: tuple[str, int, int, int] | None = (
            str(Path(path).resolve()),
            st.st_size,
            st.st_ino,
            st.st_mtime_ns,
        )
    except OSError:
        key = None  # load_workbook says what is wrong
    if key is not None and key in _READ_CACHE:
        return _READ_CACHE[key]
    records = _read_case(path)
    if key is not None:
        while len(_READ_CACHE) >= _READ_CACHE_SIZE:
            _READ_CACHE.pop(next(iter(_READ_CACHE)))
        _READ_CACHE[key] = records
    return records


def _read_case(path: str | Path) -> LocalityRecords:
    from civicnb.exchange import load_workbook
    from civicnb.framework import load_framework

    fw = load_framework("pamphlet")
    records, _ = load_workbook(path, question_ids=lambda _fid, _block: fw.question_ids)
    if records.locality.edition != fw.id:
        raise InputError(
            f"{Path(path).name} uses the framework {records.locality.edition!r}; "
            "course cases use the pamphlet edition: make it with `civicnb case`"
        )
    return records


def import_case(
    workspace: str | os.PathLike[str] | Workspace | None = None,
    *,
    lang: str = "es",
    variant: int = 0,
    notebooks: bool = True,
) -> Locality:
    """Put the case into a workspace (created if needed), replacing an earlier copy of
    the same variant, with its participant and facilitator notebooks."""
    from civicnb.workspace import init_workspace

    records = case_records(lang, variant)
    ws = workspace if isinstance(workspace, Workspace) else init_workspace(workspace)
    with ws.open_store() as store:
        store.import_locality(records, replace=True)
    if notebooks:
        from civicnb.execution.instantiate import instantiate_locality

        instantiate_locality(ws, records.locality)
    return records.locality
