"""Revealing a strand, and the snapshot of the answers a reveal shows.

What a reveal shows is frozen when the strand is revealed: a snapshot of the answers
is kept in the store's settings (``reveal:<round id>:<strand id>``), recomputed only
by a new reveal (see :func:`civicnb.workshop.reveal.reveal_view`) and thinned when
someone withdraws or is erased. Reports are computed from the snapshots too
(:func:`frozen_records`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from civicnb.errors import CivicnbError, InputError
from civicnb.framework.model import Framework
from civicnb.records import Locality, LocalityRecords, Rating, Round, Side
from civicnb.store import Store

__all__ = [
    "SNAPSHOT_PREFIX",
    "SnapshotEntry",
    "drop_from_snapshots",
    "frozen_records",
    "hide_strand",
    "read_snapshot",
    "reveal_strand",
    "revealed_strands",
    "snapshot_key",
    "take_snapshot",
]


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
        take_snapshot(store, framework, locality, rnd, strand_id)
    return changed


def hide_strand(store: Store, round_id: str, strand_id: str) -> bool:
    """Hide a revealed strand again; True if it was revealed. Its snapshot is kept: a
    new reveal shows it again unless enough new people rated (see :func:`reveal_view`)."""
    return store.set_reveal(round_id, strand_id, False)


def revealed_strands(store: Store, round_id: str) -> frozenset[str]:
    """The ids of the round's revealed strands."""
    return frozenset(store.reveals(round_id))


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


def read_snapshot(store: Store, round_id: str, strand_id: str) -> _Snapshot | None:
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


def take_snapshot(
    store: Store, framework: Framework, locality: Locality, rnd: Round, strand_id: str
) -> tuple[SnapshotEntry, ...]:
    """The answers the current reveal of the strand shows, taken (and stored) once per
    reveal. Call inside a transaction."""
    revealed = store.reveals(rnd.id)
    epoch = revealed[strand_id].isoformat()
    old = read_snapshot(store, rnd.id, strand_id)
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
        snap = read_snapshot(store, round_id, strand_id)
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
        snap = read_snapshot(store, round_id, strand_id)
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
