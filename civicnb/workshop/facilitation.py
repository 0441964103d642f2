"""What the facilitator of a workshop does, without any user interface: check the
facilitator key, follow the room (counts only), reveal a strand and read it pair by pair
with the evidence behind it, see who's not here, and draw the common themes out of the
World Café harvest.

The facilitator pages are thin bindings of widgets to these functions, which are
tested without a kernel. See ``docs/facilitation.md``.

Privacy, in short (the details are in :func:`reveal_view`):

* before a strand is revealed, nobody gets aggregates, names, notes or scores of it
  from here -- :func:`room_counts` gives counts of people only;
* a revealed strand shows aggregates under the small-number rule of
  :mod:`civicnb.analysis.privacy`, and evidence notes under the same rule: an anonymous
  participant's note (with their score) is shown only when at least ``min_group``
  anonymous participants of their side answered the question; named participants'
  notes are always shown, with their names.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from civicnb.analysis import analyse_round, rank_pairs
from civicnb.analysis.views import GroupView, PairView, QuestionView
from civicnb.errors import CivicnbError, InputError, NotRevealedError
from civicnb.framework.model import Framework, Question
from civicnb.records import (
    Attendance,
    HarvestNote,
    Locality,
    LocalityRecords,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store
from civicnb.workspace import Workspace

__all__ = [
    "MAX_KEY_LENGTH",
    "SNAPSHOT_PREFIX",
    "EvidenceNote",
    "PairReveal",
    "QuestionReveal",
    "RoomCounts",
    "SideCounts",
    "SnapshotEntry",
    "StrandProgress",
    "StrandReveal",
    "add_default_attendance",
    "check_facilitator_key",
    "common_themes",
    "default_stakeholder_groups",
    "drop_from_snapshots",
    "frozen_records",
    "hide_strand",
    "pseudonyms",
    "reveal_strand",
    "reveal_view",
    "revealed_strands",
    "room_counts",
    "snapshot_key",
    "tag_theme",
    "whos_not_here",
]

MAX_KEY_LENGTH = 256
"""Longer candidates are refused without comparing (the real key is far shorter)."""

_SIDES = (Side.LA, Side.CSO, Side.OTHER)


# --- the facilitator key ------------------------------------------------------------------


def check_facilitator_key(workspace: Workspace, candidate: str | None) -> bool:
    """True iff ``candidate`` is the workspace's facilitator key.

    Compared with :func:`hmac.compare_digest` (constant time for equal lengths).
    False -- never an exception -- for None, non-text, empty or over-long input, and
    when the workspace's key cannot be read. Surrounding whitespace is ignored (the key
    is often pasted).
    """
    if not isinstance(candidate, str):
        return False
    given = candidate.strip()
    if not given or len(given) > MAX_KEY_LENGTH:
        return False
    try:
        key = workspace.facilitator_key()
    except CivicnbError:
        return False
    if not key:
        return False
    try:
        given_bytes = given.encode("utf-8")
    except UnicodeError:  # lone surrogates from a browser
        return False
    return hmac.compare_digest(given_bytes, key.encode("utf-8"))


# --- reveal state -------------------------------------------------------------------------


def reveal_strand(
    store: Store,
    round_id: str,
    strand_id: str,
    *,
    framework: Framework | None = None,
    locality: Locality | None = None,
) -> bool:
    """Reveal a strand of a round to the room (kept in the store); True if it was hidden.

    With ``framework`` and ``locality`` the strand's snapshot (what the reveal shows,
    see :func:`reveal_view`) is taken now, in the same transaction; without them it is
    taken when the reveal is first viewed.
    """
    if framework is None or locality is None:
        return store.set_reveal(round_id, strand_id, True)
    framework.strand(strand_id)  # NotFoundError for an unknown strand
    with store.transaction():
        changed = store.set_reveal(round_id, strand_id, True)
        rnd = next((r for r in store.rounds(locality.id) if r.id == round_id), None)
        if rnd is None:
            raise InputError(f"the round {round_id!r} is not a round of {locality.slug!r}")
        _snapshot(store, framework, locality, rnd, strand_id)
    return changed


def hide_strand(store: Store, round_id: str, strand_id: str) -> bool:
    """Hide a revealed strand again; True if it was revealed. Its snapshot is kept: a
    new reveal shows it again unless enough new people rated (see :func:`reveal_view`)."""
    return store.set_reveal(round_id, strand_id, False)


def revealed_strands(store: Store, round_id: str) -> frozenset[str]:
    """The ids of the round's revealed strands."""
    return frozenset(store.reveals(round_id))


# --- the room: counts only ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SideCounts:
    """A number of people per side."""

    la: int = 0
    cso: int = 0
    other: int = 0

    def __getitem__(self, side: Side) -> int:
        return {Side.LA: self.la, Side.CSO: self.cso, Side.OTHER: self.other}[side]

    @property
    def total(self) -> int:
        return self.la + self.cso + self.other

    @classmethod
    def of(cls, counter: Counter[Side]) -> SideCounts:
        return cls(counter[Side.LA], counter[Side.CSO], counter[Side.OTHER])


@dataclass(frozen=True, slots=True)
class StrandProgress:
    """How far each side got with its own-side questions of one strand."""

    strand_id: str
    all_answered: SideCounts
    """Participants who answered (a score or "don't know") every own-side question."""
    some: SideCounts
    """Participants who answered at least one but not all."""
    none: SideCounts
    """Participants who answered none yet."""


@dataclass(frozen=True, slots=True)
class RoomCounts:
    """What the facilitator sees live: counts of people, never names, notes or scores."""

    round_id: str
    participants: SideCounts
    strands: tuple[StrandProgress, ...]

    def strand(self, strand_id: str) -> StrandProgress:
        for s in self.strands:
            if s.strand_id == strand_id:
                return s
        raise InputError(f"no strand {strand_id!r} in the room counts")


def own_questions(framework: Framework, strand_id: str, side: Side) -> tuple[Question, ...]:
    """A side's own questions of a strand (all of them for side 'other'), as
    :meth:`civicnb.workshop.participation.ParticipantSession.progress` counts them."""
    questions = framework.strand(strand_id).questions
    if side == Side.OTHER:
        return tuple(questions)
    return tuple(q for q in questions if q.side == side)


def room_counts(store: Store, framework: Framework, locality: Locality, round: Round) -> RoomCounts:
    """Participants of the locality by side and, per strand with questions, how many of
    each side answered all / some / none of their own-side questions in ``round``.

    Every participant who joined the locality is counted (participants belong to a
    locality, not to a round).
    """
    people = store.participants(locality.id)
    answered: dict[str, set[str]] = {}
    for r in store.ratings(round_id=round.id):
        if r.answered:
            answered.setdefault(r.participant_id, set()).add(r.question_id)
    strands: list[StrandProgress] = []
    for strand in framework.strands:
        if not strand.questions:
            continue
        own = {side: {q.id for q in own_questions(framework, strand.id, side)} for side in _SIDES}
        full: Counter[Side] = Counter()
        some: Counter[Side] = Counter()
        none: Counter[Side] = Counter()
        for p in people:
            wanted = own[p.side]
            done = len(wanted & answered.get(p.id, set()))
            if wanted and done == len(wanted):
                full[p.side] += 1
            elif done:
                some[p.side] += 1
            else:
                none[p.side] += 1
        strands.append(
            StrandProgress(strand.id, SideCounts.of(full), SideCounts.of(some), SideCounts.of(none))
        )
    return RoomCounts(round.id, SideCounts.of(Counter(p.side for p in people)), tuple(strands))


# --- the reveal ---------------------------------------------------------------------------

_PSEUDONYM = {
    "en": {
        Side.LA: "LA participant {n}",
        Side.CSO: "CSO participant {n}",
        Side.OTHER: "Other participant {n}",
    },
    "es": {
        Side.LA: "Participante AL {n}",
        Side.CSO: "Participante OSC {n}",
        Side.OTHER: "Otro participante {n}",
    },
}


def _lang(lang: str) -> str:
    if lang not in ("en", "es"):
        raise InputError(f"language must be 'en' or 'es' (got {lang!r})")
    return lang


def pseudonyms(participants: Iterable[Participant], lang: str = "en") -> dict[str, str]:
    """A stable pseudonym per participant id: 'LA participant 3' is the third local
    authority participant to join the locality (join order: created_at, then id)."""
    labels = _PSEUDONYM[_lang(lang)]
    seen: Counter[Side] = Counter()
    out: dict[str, str] = {}
    for p in sorted(participants, key=lambda p: (p.created_at, p.id)):
        seen[p.side] += 1
        out[p.id] = labels[p.side].format(n=seen[p.side])
    return out


_ANONYMOUS = {
    "en": {
        Side.LA: "LA participant (anonymous)",
        Side.CSO: "CSO participant (anonymous)",
        Side.OTHER: "Other participant (anonymous)",
    },
    "es": {
        Side.LA: "Participante AL (anónimo)",
        Side.CSO: "Participante OSC (anónimo)",
        Side.OTHER: "Otro participante (anónimo)",
    },
}


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    """One participant's evidence behind their answer to one question."""

    who: str
    """Their name if they consented to be named, else an anonymous label of their side
    (no number: nothing ties the note to when its writer joined)."""
    side: Side
    named: bool
    score: int | None
    dont_know: bool
    note: str
    would_help: str


@dataclass(frozen=True, slots=True)
class QuestionReveal:
    view: QuestionView
    """Self view, other side's view, third parties, gap and agreement (small-number rule)."""
    notes: tuple[EvidenceNote, ...]
    """Shown notes: by side (LA, CSO, other); named ones first (by name), then the
    anonymous ones by answer and text -- never in join order."""
    notes_withheld: tuple[Side, ...]
    """Sides whose group aggregate is withheld: their anonymous notes are withheld too."""


@dataclass(frozen=True, slots=True)
class PairReveal:
    pair: PairView
    rank: int
    """Discussion order within the strand (1 = discuss first), by :func:`rank_pairs`."""
    priority: float
    la: QuestionReveal
    cso: QuestionReveal


@dataclass(frozen=True, slots=True)
class StrandReveal:
    round_id: str
    strand_id: str
    revealed_at: dt.datetime
    min_group: int
    pairs: tuple[PairReveal, ...]
    """In discussion order (rank 1 first)."""


# --- the snapshot a reveal shows ------------------------------------------------------------

SNAPSHOT_PREFIX = "reveal:"
"""Settings key prefix of the reveal snapshots: ``reveal:<round id>:<strand id>``."""
_SNAPSHOT_VERSION = 1


def snapshot_key(round_id: str, strand_id: str) -> str:
    """The settings key holding the snapshot of a strand's reveal."""
    return f"{SNAPSHOT_PREFIX}{round_id}:{strand_id}"


@dataclass(frozen=True, slots=True)
class SnapshotEntry:
    """One answer as it stood when the strand was revealed, with the writer's side and
    consent to be named then (the small-number rule counts with those, so that nothing
    changed later -- a side, a consent -- changes what the reveal discloses)."""

    participant_id: str
    side: Side
    named: bool
    question_id: str
    score: int | None
    dont_know: bool
    note: str
    would_help: str

    def to_list(self) -> list[object]:
        return [
            self.participant_id,
            self.side.value,
            self.named,
            self.question_id,
            self.score,
            self.dont_know,
            self.note,
            self.would_help,
        ]

    @classmethod
    def from_list(cls, item: object) -> SnapshotEntry:
        if not isinstance(item, list) or len(item) != 8:
            raise ValueError("a snapshot entry is a list of 8 items")
        pid, side, named, qid, score, dk, note, help_ = item
        if not (isinstance(pid, str) and isinstance(qid, str) and isinstance(note, str)):
            raise ValueError("bad snapshot entry")
        if not (isinstance(help_, str) and isinstance(dk, bool) and isinstance(named, bool)):
            raise ValueError("bad snapshot entry")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
            raise ValueError("bad snapshot entry")
        return cls(pid, Side.parse(side), named, qid, score, dk, note, help_)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    epoch: str
    """``revealed_at`` of the reveal it was taken for (a new reveal has a new one)."""
    entries: tuple[SnapshotEntry, ...]


def _read_snapshot(store: Store, round_id: str, strand_id: str) -> _Snapshot | None:
    raw = store.get_setting(snapshot_key(round_id, strand_id))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("v") != _SNAPSHOT_VERSION:
            return None
        epoch = data["epoch"]
        items = data["entries"]
        if not isinstance(epoch, str) or not isinstance(items, list):
            return None
        return _Snapshot(epoch, tuple(SnapshotEntry.from_list(i) for i in items))
    except (ValueError, KeyError, CivicnbError):
        return None  # unreadable: as if there were none


def _write_snapshot(store: Store, round_id: str, strand_id: str, snap: _Snapshot) -> None:
    value = {
        "v": _SNAPSHOT_VERSION,
        "epoch": snap.epoch,
        "entries": [e.to_list() for e in snap.entries],
    }
    store.set_setting(snapshot_key(round_id, strand_id), json.dumps(value, ensure_ascii=False))


def _live_entries(
    store: Store, framework: Framework, locality: Locality, rnd: Round, strand_id: str
) -> list[SnapshotEntry]:
    people = {p.id: p for p in store.participants(locality.id)}
    qids = {q.id for q in framework.strand(strand_id).questions}
    out = []
    for r in store.ratings(round_id=rnd.id):
        p = people.get(r.participant_id)
        if p is None or r.question_id not in qids:
            continue
        if not (r.answered or r.note.strip() or r.would_help.strip()):
            continue
        out.append(
            SnapshotEntry(
                p.id, p.side, p.named, r.question_id, r.score, r.dont_know, r.note, r.would_help
            )
        )
    return out


def _merge(
    old: Sequence[SnapshotEntry], live: Sequence[SnapshotEntry], min_group: int
) -> list[SnapshotEntry]:
    """A new reveal of a strand shown before: per question and side of the raters, the
    live answers if at least ``min_group`` anonymous people gave a score since the
    previous snapshot (or if the group has no anonymous people at all), else the
    previous snapshot's answers. Anything less would let the room work out the few new
    (or changed) answers by comparing the two reveals."""
    groups: dict[tuple[str, Side], tuple[list[SnapshotEntry], list[SnapshotEntry]]] = {}
    for e in old:
        groups.setdefault((e.question_id, e.side), ([], []))[0].append(e)
    for e in live:
        groups.setdefault((e.question_id, e.side), ([], []))[1].append(e)
    out: list[SnapshotEntry] = []
    for was, now in groups.values():
        scored_before = {e.participant_id for e in was if e.score is not None}
        new_anonymous = {
            e.participant_id
            for e in now
            if e.score is not None and not e.named and e.participant_id not in scored_before
        }
        anyone_anonymous = any(not e.named for e in (*was, *now))
        out += now if (not anyone_anonymous or len(new_anonymous) >= min_group) else was
    return out


def _snapshot(
    store: Store, framework: Framework, locality: Locality, rnd: Round, strand_id: str
) -> tuple[SnapshotEntry, ...]:
    """The answers the current reveal of the strand shows, taken (and stored) once per
    reveal. Call inside a transaction."""
    revealed = store.reveals(rnd.id)
    epoch = revealed[strand_id].isoformat()
    old = _read_snapshot(store, rnd.id, strand_id)
    if old is not None and old.epoch == epoch:
        return old.entries
    live = _live_entries(store, framework, locality, rnd, strand_id)
    entries = tuple(live if old is None else _merge(old.entries, live, locality.min_group))
    _write_snapshot(store, rnd.id, strand_id, _Snapshot(epoch, entries))
    return entries


def drop_from_snapshots(store: Store, round_ids: Iterable[str], participant_id: str) -> int:
    """Remove a participant's answers from every reveal snapshot of these rounds (when
    they withdraw or are erased); returns how many snapshots changed. What those
    reveals show is then computed from the remaining people under the small-number
    rule, so a group may become withheld."""
    changed = 0
    rounds = set(round_ids)
    for key in sorted(store.settings_with_prefix(SNAPSHOT_PREFIX)):
        round_id, _, strand_id = key[len(SNAPSHOT_PREFIX) :].rpartition(":")
        if round_id not in rounds:
            continue
        snap = _read_snapshot(store, round_id, strand_id)
        if snap is None:
            store.delete_setting(key)  # unreadable: nothing to keep
            changed += 1
            continue
        kept = tuple(e for e in snap.entries if e.participant_id != participant_id)
        if len(kept) != len(snap.entries):
            _write_snapshot(store, round_id, strand_id, _Snapshot(snap.epoch, kept))
            changed += 1
    return changed


def frozen_records(store: Store, framework: Framework, records: LocalityRecords) -> LocalityRecords:
    """``records`` with the answers to every strand the room has seen replaced by that
    strand's reveal snapshot (what the room saw, see :func:`reveal_view`); other
    strands keep their answers. Reports are computed from this, so that comparing a
    report with what the room saw cannot single out the few who rated after a reveal.
    The records themselves (e.g. embedded in a report for import) stay complete."""
    rounds = {r.id for r in records.rounds}
    people = {p.id for p in records.participants}
    frozen: dict[tuple[str, str], tuple[SnapshotEntry, ...]] = {}
    for key in sorted(store.settings_with_prefix(SNAPSHOT_PREFIX)):
        round_id, _, strand_id = key[len(SNAPSHOT_PREFIX) :].rpartition(":")
        if round_id not in rounds:
            continue
        try:
            qids = {q.id for q in framework.strand(strand_id).questions}
        except CivicnbError:
            continue
        snap = _read_snapshot(store, round_id, strand_id)
        if snap is None:
            continue
        for qid in qids:
            frozen[(round_id, qid)] = tuple(
                e for e in snap.entries if e.question_id == qid and e.participant_id in people
            )
    if not frozen:
        return records
    ratings = [r for r in records.ratings if (r.round_id, r.question_id) not in frozen]
    for (round_id, _), entries in frozen.items():
        ratings += [
            Rating(
                round_id,
                e.participant_id,
                e.question_id,
                e.score,
                e.dont_know,
                e.note,
                e.would_help,
            )
            for e in entries
        ]
    return replace(records, ratings=tuple(ratings))


# --- the reveal -----------------------------------------------------------------------------


def _group_of(view: QuestionView, side: Side) -> GroupView:
    if side == Side.OTHER:
        return view.third_party
    return view.self_view if side == view.about else view.other_side


def _question_reveal(
    view: QuestionView,
    entries: Sequence[SnapshotEntry],
    people: dict[str, Participant],
    lang: str,
    min_group: int,
) -> QuestionReveal:
    mine = [e for e in entries if e.question_id == view.question_id]
    anon_scored: Counter[Side] = Counter(
        e.side for e in mine if e.score is not None and not e.named
    )
    notes: list[tuple[tuple[object, ...], EvidenceNote]] = []
    for e in mine:
        if not (e.note.strip() or e.would_help.strip()):
            continue
        p = people[e.participant_id]
        if e.named and not p.named:
            continue  # consent to be named withdrawn since: their note is no longer shown
        if not e.named and anon_scored[e.side] < min_group:
            continue  # the small-number rule: see reveal_view
        who = p.name if e.named else _ANONYMOUS[lang][e.side]
        note = EvidenceNote(who, e.side, e.named, e.score, e.dont_know, e.note, e.would_help)
        answer = 6 if e.dont_know else (e.score or 0)
        key = (_SIDES.index(e.side), not e.named, who.casefold() if e.named else "", answer)
        notes.append(((*key, e.note.casefold(), e.would_help.casefold()), note))
    notes.sort(key=lambda t: t[0])
    withheld = tuple(side for side in _SIDES if not _group_of(view, side).disclosed)
    return QuestionReveal(view, tuple(n for _, n in notes), withheld)


def reveal_view(
    store: Store,
    framework: Framework,
    locality: Locality,
    round: Round,
    strand_id: str,
    *,
    lang: str = "en",
) -> StrandReveal:
    """The revealed strand, pair by pair, in discussion order.

    Raises :class:`~civicnb.errors.NotRevealedError` unless the facilitator revealed
    the strand in this round (NotFoundError for a strand the framework does not have).

    **What a reveal shows is frozen when the strand is revealed** (a snapshot of the
    answers, kept in the store): answers, changes and joins after the reveal do not
    change it, so nobody can work out one person's answer by comparing two looks at
    the room. Hiding and revealing the strand again shows the previous snapshot,
    except for the groups (question × side of the raters) in which at least
    ``min_group`` more anonymous people gave a score since (see :func:`_merge`).
    Each answer is counted with its writer's side and consent to be named as they were
    at the snapshot; a named person's note is shown only while they still consent, and
    someone erased is no longer counted at all.

    Aggregates follow the small-number rule with ``locality.min_group``, counting only
    anonymous people who gave a score ("don't know" does not count). Evidence notes
    follow the same rule, per question and per side of the writer:

    * a named participant's note is shown with their name and answer (they consented);
    * an anonymous participant's note is shown, with an anonymous label of their side
      (no number) and their answer, only when at least ``min_group`` anonymous
      participants of their side gave a score to the question. Otherwise it is left
      out, so that a note and its score cannot single out one of the few people the
      rule protects.
    * notes are ordered by side, named first, then by answer and text: never in join
      order.
    * ``notes_withheld`` lists the sides whose aggregate is withheld, as a notice to
      show; it never says how many notes were left out.
    """
    _lang(lang)
    framework.strand(strand_id)  # NotFoundError for an unknown strand
    revealed = store.reveals(round.id)
    if strand_id not in revealed:
        raise NotRevealedError(
            f"strand {strand_id} of round {round.label!r} has not been revealed yet"
        )
    snap = _read_snapshot(store, round.id, strand_id)
    if snap is not None and snap.epoch == revealed[strand_id].isoformat():
        entries = snap.entries  # the usual case: a plain read, no write lock
    else:
        with store.transaction():
            entries = _snapshot(store, framework, locality, round, strand_id)
    people = {p.id: p for p in store.participants(locality.id)}
    kept = [e for e in entries if e.participant_id in people]  # erased people are gone
    first: dict[str, SnapshotEntry] = {}
    for e in kept:
        first.setdefault(e.participant_id, e)
    frozen_people = [replace(people[pid], side=e.side, named=e.named) for pid, e in first.items()]
    kept = [  # one side and consent per person (they could differ only across re-reveals)
        replace(e, side=first[e.participant_id].side, named=first[e.participant_id].named)
        for e in kept
    ]
    ratings = [
        Rating(
            round.id, e.participant_id, e.question_id, e.score, e.dont_know, e.note, e.would_help
        )
        for e in kept
    ]
    analysis = analyse_round(
        framework, frozen_people, ratings, min_group=locality.min_group, round_id=round.id
    )
    strand_pairs = [p for p in analysis.pairs if p.strand_id == strand_id]
    pairs = tuple(
        PairReveal(
            pair=ranked.pair,
            rank=ranked.rank,
            priority=ranked.priority,
            la=_question_reveal(ranked.pair.la, kept, people, lang, locality.min_group),
            cso=_question_reveal(ranked.pair.cso, kept, people, lang, locality.min_group),
        )
        for ranked in rank_pairs(strand_pairs)
    )
    return StrandReveal(round.id, strand_id, revealed[strand_id], locality.min_group, pairs)


# --- who's not here -----------------------------------------------------------------------

_STAKEHOLDERS = {
    "en": (
        "Disabled people",
        "Older people",
        "Young people",
        "Children and families",
        "Women's groups",
        "Minority and ethnic groups",
        "Migrants and refugees",
        "Carers",
        "People on low incomes",
        "Businesses",
        "Public bodies",
        "Schools and universities",
        "Faith groups",
        "Neighbourhood associations",
    ),
    "es": (
        "Personas con discapacidad",
        "Personas mayores",
        "Jóvenes",
        "Niños, niñas y familias",
        "Organizaciones de mujeres",
        "Minorías y grupos étnicos",
        "Personas migrantes y refugiadas",
        "Personas cuidadoras",
        "Personas con bajos ingresos",
        "Empresas",
        "Entidades públicas",
        "Colegios y universidades",
        "Comunidades religiosas",
        "Juntas de acción comunal",
    ),
}


def default_stakeholder_groups(lang: str = "en") -> tuple[str, ...]:
    """The stakeholder groups a workshop usually expects (the facilitator edits them)."""
    return _STAKEHOLDERS[_lang(lang)]


def add_default_attendance(store: Store, round_id: str, lang: str = "en") -> list[Attendance]:
    """Give a round the default expected groups if it has no attendance record yet;
    returns the round's attendance records (unchanged if it had some)."""
    groups = default_stakeholder_groups(lang)
    with store.transaction():
        if not store.attendance(round_id):
            for g in groups:
                store.save_attendance(Attendance(round_id, g, expected=True, present=False))
    return store.attendance(round_id)


def whos_not_here(store: Store, round_id: str) -> list[Attendance]:
    """The groups expected in the round but not present (by name), with their outreach
    notes."""
    return [a for a in store.attendance(round_id) if a.expected and not a.present]


# --- common themes of the World Café harvest ----------------------------------------------

_EN_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    even every few for from further get got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like lot lots made make many may
    me more most much must my myself need needs no nor not now of off often on once one only
    or other others our ours ourselves out over own really same say said see she should so
    some still such than that the their theirs them themselves then there these they thing
    things think this those through to too under until up upon us very want was we well were
    what when where which while who whom why will with within without would yes yet you your
    yours yourself yourselves"""
_ES_WORDS = """a al algo algunas algunos ante antes aqui asi aun aunque bien cada casi como con
    contra cual cuales cuando de del desde donde dos el ella ellas ello ellos en entre era
    eran es esa esas ese eso esos esta estaba estado estamos estan estar estas este esto
    estos fue fueron gran ha haber habia hace hacer hacia han hasta hay la las le les lo los
    mas me mi mientras mis mucho muchos muy nada ni no nos nosotros nuestra nuestro o os
    otra otras otro otros para pero poco por porque puede pueden que quien quienes se sea
    segun ser si sido siempre sin sino sobre solo son su sus tal tambien tampoco tan tanto
    te tener tiene tienen todo todos tu tus un una unas uno unos usted ustedes va vamos van
    y ya yo"""
_STOPWORDS = {"en": frozenset(_EN_WORDS.split()), "es": frozenset(_ES_WORDS.split())}
"""Small built-in stopword lists, accent-free (words are folded before the lookup)."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Movilidad ' and 'movilidád' fold together."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _spelling(forms: Counter[str]) -> str:
    """The most used spelling of a theme (ties: not ALL CAPS, then the smallest)."""
    return min(forms, key=lambda f: (-forms[f], f.isupper(), f))


def common_themes(
    notes: Sequence[HarvestNote],
    lang: str = "en",
    *,
    min_count: int = 2,
    max_words: int = 20,
) -> list[tuple[str, int]]:
    """The common themes of a harvest, as (theme, number of notes) pairs.

    First the themes the facilitator tagged, counted across notes (each note counts
    once; case, accents and spacing are ignored when merging; the most used spelling
    is shown), most common first. Then content words of the note texts that appear in
    at least ``min_count`` notes (at most ``max_words`` of them; stopwords of ``lang``
    and words of fewer than 3 letters skipped; words that are tagged themes already are
    not repeated), most common first. Ties are broken alphabetically (on the folded
    form), so the result is deterministic.
    """
    stop = _STOPWORDS[_lang(lang)]
    tag_counts: Counter[str] = Counter()
    tag_forms: dict[str, Counter[str]] = {}
    word_counts: Counter[str] = Counter()
    word_forms: dict[str, Counter[str]] = {}
    for note in notes:
        keys: set[str] = set()
        for theme in note.themes:
            key = _fold(theme)
            if key:
                keys.add(key)
                tag_forms.setdefault(key, Counter())[" ".join(theme.split())] += 1
        tag_counts.update(keys)
        words: set[str] = set()
        for match in _WORD.finditer(note.text):
            form = match.group().casefold()
            key = _fold(form)
            if len(key) < 3 or key in stop:
                continue
            words.add(key)
            word_forms.setdefault(key, Counter())[form] += 1
        word_counts.update(words)
    tagged = sorted(tag_counts, key=lambda k: (-tag_counts[k], k))
    out = [(_spelling(tag_forms[k]), tag_counts[k]) for k in tagged]
    frequent = sorted(
        (k for k, n in word_counts.items() if n >= min_count and k not in tag_counts),
        key=lambda k: (-word_counts[k], k),
    )
    out += [(_spelling(word_forms[k]), word_counts[k]) for k in frequent[: max(0, max_words)]]
    return out


def tag_theme(store: Store, round_id: str, theme: str) -> int:
    """Tag with ``theme`` every harvest note of the round that mentions it (whole words,
    case and accents ignored) and is not tagged with it yet; returns how many notes were
    tagged. This is how the facilitator turns a suggested common theme into a theme of
    the harvest (kept in the notes, so it is in the exported workbook)."""
    name = " ".join(theme.split())
    key = _fold(name)
    if not key:
        raise InputError("a theme needs some text")
    pattern = re.compile(r"(?<![^\W\d_])" + re.escape(key) + r"(?![^\W\d_])")
    tagged = 0
    with store.transaction():
        for note in store.harvest_notes(round_id):
            if any(_fold(th) == key for th in note.themes):
                continue
            if not pattern.search(_fold(note.text)):
                continue
            store.save_harvest_note(replace(note, themes=(*note.themes, name)))
            tagged += 1
    return tagged
