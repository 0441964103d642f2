"""The reveal: a revealed strand, pair by pair in discussion order, with the evidence
behind the answers, under the small-number rule (see :func:`reveal_view`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from civicnb.analysis import analyse_round, rank_pairs
from civicnb.analysis.organisations import OrganisationAnalysis, analyse_organisations
from civicnb.analysis.views import GroupView, PairView, QuestionView
from civicnb.errors import NotRevealedError
from civicnb.framework.model import Framework
from civicnb.records import Locality, Participant, Rating, Round, Side
from civicnb.store import Store
from civicnb.workshop._common import SIDES, check_lang
from civicnb.workshop.snapshots import SnapshotEntry, read_snapshot, take_snapshot

__all__ = [
    "EvidenceNote",
    "PairReveal",
    "QuestionReveal",
    "StrandReveal",
    "pseudonyms",
    "reveal_view",
]


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
    "pt": {
        Side.LA: "Participante GL {n}",
        Side.CSO: "Participante OSC {n}",
        Side.OTHER: "Outro participante {n}",
    },
}


def pseudonyms(participants: Iterable[Participant], lang: str = "en") -> dict[str, str]:
    """A stable pseudonym per participant id: 'LA participant 3' is the third local
    authority participant to join the locality (join order: created_at, then id)."""
    labels = _PSEUDONYM[check_lang(lang)]
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
    "pt": {
        Side.LA: "Participante GL (anônimo)",
        Side.CSO: "Participante OSC (anônimo)",
        Side.OTHER: "Outro participante (anônimo)",
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
    organisations: OrganisationAnalysis | None = None
    """Each organisation's own view and the others' view of it, from the same snapshot
    (None if the locality has no organisations); see :mod:`civicnb.analysis.organisations`."""


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
        key = (SIDES.index(e.side), not e.named, who.casefold() if e.named else "", answer)
        notes.append(((*key, e.note.casefold(), e.would_help.casefold()), note))
    notes.sort(key=lambda t: t[0])
    withheld = tuple(side for side in SIDES if not _group_of(view, side).disclosed)
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
    ``min_group`` more anonymous people gave a score since (see
    :func:`civicnb.workshop.snapshots.take_snapshot`).
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
    check_lang(lang)
    framework.strand(strand_id)  # NotFoundError for an unknown strand
    revealed = store.reveals(round.id)
    if strand_id not in revealed:
        raise NotRevealedError(
            f"strand {strand_id} of round {round.label!r} has not been revealed yet"
        )
    snap = read_snapshot(store, round.id, strand_id)
    if snap is not None and snap.epoch == revealed[strand_id].isoformat():
        entries = snap.entries  # the usual case: a plain read, no write lock
    else:
        with store.transaction():
            entries = take_snapshot(store, framework, locality, round, strand_id)
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
    orgs = store.organisations(locality.id)
    by_org = (
        analyse_organisations(
            framework, orgs, frozen_people, ratings, min_group=locality.min_group, round_id=round.id
        )
        if orgs
        else None
    )
    return StrandReveal(round.id, strand_id, revealed[strand_id], locality.min_group, pairs, by_org)
