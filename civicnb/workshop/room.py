"""The room as the facilitator follows it live: counts of people per side and how far
each side got with each strand -- never names, notes or scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from civicnb.errors import InputError
from civicnb.framework.model import Framework, Question
from civicnb.records import Locality, Round, Side
from civicnb.store import Store
from civicnb.workshop._common import SIDES

__all__ = ["RoomCounts", "SideCounts", "StrandProgress", "own_questions", "room_counts"]


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
        own = {side: {q.id for q in own_questions(framework, strand.id, side)} for side in SIDES}
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
