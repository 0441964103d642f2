"""Each side's view of each question, the LA↔CSO gaps, and what to discuss first.

Every participant may answer both columns of the checklist. For a question about side
S (the column it stands in) the raters fall into three groups:

* the **self view**: raters of side S (the side assessing itself);
* the **other side's view**: raters of the other side (LA for a CSO question, CSO for
  an LA question);
* **third parties**: raters of side ``other``, kept apart and never mixed into either
  side.

``gap = self-view mean − other-side mean``: positive when a side rates itself higher
than the other side rates it. It is None when either group has no scores or is
withheld by the small-number rule (see :mod:`civicnb.analysis.privacy`).

Pair and strand figures aggregate the *question* figures that are available (shown
and non-empty); they never pool raw answers, so they cannot reveal a withheld group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civicnb.analysis.privacy import DEFAULT_MIN_GROUP, Withheld, check_disclosure
from civicnb.analysis.stats import QuestionStats, stats_from_counts
from civicnb.errors import NotFoundError
from civicnb.framework.model import Framework, Pair, Question
from civicnb.records import Participant, Rating, Side

__all__ = [
    "GroupView",
    "PairView",
    "QuestionView",
    "RankedPair",
    "RoundAnalysis",
    "StrandView",
    "Thresholds",
    "analyse_round",
    "rank_pairs",
]

_EPS = 1e-9
"""Tolerance for comparing computed means with thresholds (3.2 − 2.2 ≠ 1.0 in floats)."""

LARGE_GAP = "large_gap"
LOW_AGREEMENT = "low_agreement"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a question or pair is flagged for discussion."""

    large_gap: float = 1.0
    """Flag ``large_gap`` when |gap| >= this (one point on the 1–5 scale)."""
    low_agreement: float = 0.5
    """Flag ``low_agreement`` when a side's agreement (consensus) is below this.

    For scale: an even split between neighbouring scores (3/4) gives 0.81, between 2
    and 4 gives 0.58, answers spread evenly over 1…5 give 0.43, an even split between 1
    and 4 gives 0.32 and between 1 and 5 gives 0."""


@dataclass(frozen=True, slots=True)
class GroupView:
    """One group's answers to one question: the statistics, or the withheld marker."""

    raters: Side
    stats: QuestionStats | None
    """None exactly when ``withheld`` is set."""
    withheld: Withheld | None = None

    @property
    def disclosed(self) -> bool:
        return self.withheld is None

    @property
    def mean(self) -> float | None:
        return None if self.stats is None else self.stats.mean

    @property
    def agreement(self) -> float | None:
        return None if self.stats is None else self.stats.agreement


@dataclass(frozen=True, slots=True)
class QuestionView:
    question_id: str
    pair_id: str
    strand_id: str
    about: Side
    """The side the question is about."""
    self_view: GroupView
    other_side: GroupView
    third_party: GroupView
    gap: float | None
    """Self-view mean minus the other side's mean; None if either is unavailable."""
    lowest_agreement: float | None
    """The lower agreement of the self view and the other side's view (shown ones)."""
    large_gap: bool
    low_agreement: bool

    @property
    def flags(self) -> tuple[str, ...]:
        return _flags(self.large_gap, self.low_agreement)


@dataclass(frozen=True, slots=True)
class PairView:
    pair_id: str
    number: int
    strand_id: str
    la: QuestionView
    cso: QuestionView
    self_mean: float | None
    """Mean of the two questions' self-view means (those available)."""
    mean_gap: float | None
    """Mean of the two questions' gaps (those available)."""
    max_abs_gap: float | None
    """The larger |gap| of the two questions."""
    lowest_agreement: float | None
    """The lowest agreement of the four side views of the pair."""
    large_gap: bool
    low_agreement: bool

    @property
    def questions(self) -> tuple[QuestionView, QuestionView]:
        return (self.la, self.cso)

    @property
    def flags(self) -> tuple[str, ...]:
        return _flags(self.large_gap, self.low_agreement)


@dataclass(frozen=True, slots=True)
class StrandView:
    strand_id: str
    pairs: tuple[PairView, ...]
    self_mean: float | None
    """Mean of the self-view means of the strand's questions (those available)."""
    mean_gap: float | None
    """Mean of the gaps of the strand's questions (those available)."""
    mean_abs_gap: float | None
    max_abs_gap: float | None
    lowest_agreement: float | None
    n_large_gap: int
    """Pairs flagged ``large_gap``."""
    n_low_agreement: int
    """Pairs flagged ``low_agreement``."""


@dataclass(frozen=True, slots=True)
class RoundAnalysis:
    """All views of one round: question by question, pair by pair, strand by strand."""

    questions: tuple[QuestionView, ...]
    pairs: tuple[PairView, ...]
    strands: tuple[StrandView, ...]
    min_group: int
    thresholds: Thresholds

    def question(self, question_id: str) -> QuestionView:
        for q in self.questions:
            if q.question_id == question_id:
                return q
        raise NotFoundError("question", question_id, [q.question_id for q in self.questions])

    def pair(self, pair_id: str) -> PairView:
        for p in self.pairs:
            if p.pair_id == pair_id:
                return p
        raise NotFoundError("pair", pair_id, [p.pair_id for p in self.pairs])

    def strand(self, strand_id: str) -> StrandView:
        for s in self.strands:
            if s.strand_id == strand_id:
                return s
        raise NotFoundError("strand", strand_id, [s.strand_id for s in self.strands])


@dataclass(frozen=True, slots=True)
class RankedPair:
    rank: int
    """1 = discuss first."""
    pair: PairView
    priority: float
    """``max|gap| / 4 + (1 − lowest agreement)``, 0…2; see :func:`rank_pairs`."""

    @property
    def flags(self) -> tuple[str, ...]:
        return self.pair.flags


# --- helpers ---------------------------------------------------------------------------


def _flags(large_gap: bool, low_agreement: bool) -> tuple[str, ...]:
    return tuple(
        name for name, on in ((LARGE_GAP, large_gap), (LOW_AGREEMENT, low_agreement)) if on
    )


def _mean(values: Iterable[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return sum(got) / len(got) if got else None


def _min(values: Iterable[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return min(got) if got else None


def _max_abs(values: Iterable[float | None]) -> float | None:
    got = [abs(v) for v in values if v is not None]
    return max(got) if got else None


def other_side(side: Side) -> Side:
    """The other side of the partnership (LA for CSO, CSO for LA)."""
    return Side.CSO if side is Side.LA else Side.LA


def latest_ratings(
    ratings: Iterable[Rating], round_id: str | None
) -> dict[tuple[str, str], Rating]:
    """One rating per (participant, question): the most recently updated."""
    latest: dict[tuple[str, str], Rating] = {}
    for r in ratings:
        if round_id is not None and r.round_id != round_id:
            continue
        key = (r.participant_id, r.question_id)
        seen = latest.get(key)
        if seen is None or (r.updated_at or r.created_at) >= (seen.updated_at or seen.created_at):
            latest[key] = r
    return latest


# accumulator slots: counts of scores 1..5, don't know, named raters, anonymous raters,
# anonymous raters who gave a score (only they count towards the small-number rule)
_DK, _NAMED, _ANON, _ANON_SCORED = 5, 6, 7, 8
_NO_ANSWERS = stats_from_counts((0, 0, 0, 0, 0), 0)


def _group(acc: dict[tuple[str, Side], list[int]], qid: str, side: Side, k: int) -> GroupView:
    a = acc.get((qid, side))
    if a is None:
        return GroupView(side, _NO_ANSWERS)
    withheld = check_disclosure(a[_NAMED], a[_ANON], k, n_anonymous_scored=a[_ANON_SCORED])
    if withheld is not None:
        return GroupView(side, None, withheld)
    return GroupView(side, stats_from_counts(a[:5], a[_DK]))


def _question_view(
    q: Question, acc: dict[tuple[str, Side], list[int]], k: int, t: Thresholds
) -> QuestionView:
    own = _group(acc, q.id, q.side, k)
    other = _group(acc, q.id, other_side(q.side), k)
    third = _group(acc, q.id, Side.OTHER, k)
    gap = None if own.mean is None or other.mean is None else own.mean - other.mean
    lowest = _min((own.agreement, other.agreement))
    return QuestionView(
        question_id=q.id,
        pair_id=q.pair_id,
        strand_id=q.strand_id,
        about=q.side,
        self_view=own,
        other_side=other,
        third_party=third,
        gap=gap,
        lowest_agreement=lowest,
        large_gap=gap is not None and abs(gap) >= t.large_gap - _EPS,
        low_agreement=lowest is not None and lowest < t.low_agreement - _EPS,
    )


def _pair_view(p: Pair, la: QuestionView, cso: QuestionView) -> PairView:
    return PairView(
        pair_id=p.id,
        number=p.number,
        strand_id=p.strand_id,
        la=la,
        cso=cso,
        self_mean=_mean((la.self_view.mean, cso.self_view.mean)),
        mean_gap=_mean((la.gap, cso.gap)),
        max_abs_gap=_max_abs((la.gap, cso.gap)),
        lowest_agreement=_min((la.lowest_agreement, cso.lowest_agreement)),
        large_gap=la.large_gap or cso.large_gap,
        low_agreement=la.low_agreement or cso.low_agreement,
    )


def _strand_view(strand_id: str, pairs: Sequence[PairView]) -> StrandView:
    qs = [q for p in pairs for q in p.questions]
    gaps = [q.gap for q in qs]
    return StrandView(
        strand_id=strand_id,
        pairs=tuple(pairs),
        self_mean=_mean(q.self_view.mean for q in qs),
        mean_gap=_mean(gaps),
        mean_abs_gap=_mean(None if g is None else abs(g) for g in gaps),
        max_abs_gap=_max_abs(gaps),
        lowest_agreement=_min(p.lowest_agreement for p in pairs),
        n_large_gap=sum(p.large_gap for p in pairs),
        n_low_agreement=sum(p.low_agreement for p in pairs),
    )


# --- public ----------------------------------------------------------------------------


def analyse_round(
    framework: Framework,
    participants: Iterable[Participant],
    ratings: Iterable[Rating],
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    thresholds: Thresholds | None = None,
    round_id: str | None = None,
) -> RoundAnalysis:
    """Question, pair and strand views of one round's ratings.

    ``min_group`` is the k of the small-number rule (pass ``locality.min_group``); only
    anonymous raters who gave a score count towards it ("don't know" does not).
    If ``round_id`` is given, ratings of other rounds are skipped; otherwise all the
    ratings given are taken as one round. If a participant rated a question more than
    once, the most recently updated rating counts. Ratings by unknown participants or
    of questions not in the framework are skipped, and so are ratings with neither a
    score nor "don't know".
    """
    t = thresholds or Thresholds()
    sides = {p.id: (p.side, p.named) for p in participants}
    qids = framework.question_ids
    acc: dict[tuple[str, Side], list[int]] = {}
    for (pid, qid), r in latest_ratings(ratings, round_id).items():
        who = sides.get(pid)
        if who is None or qid not in qids:
            continue
        score = r.score
        if score is None and not r.dont_know:
            continue
        key = (qid, who[0])
        a = acc.get(key)
        if a is None:
            a = acc[key] = [0, 0, 0, 0, 0, 0, 0, 0, 0]
        a[_DK if score is None else score - 1] += 1
        a[_NAMED if who[1] else _ANON] += 1
        if score is not None and not who[1]:
            a[_ANON_SCORED] += 1

    questions: list[QuestionView] = []
    pair_views: list[PairView] = []
    strands: list[StrandView] = []
    for strand in framework.strands:
        if not strand.pairs:
            continue
        in_strand: list[PairView] = []
        for pair in strand.pairs:
            la = _question_view(pair.la, acc, min_group, t)
            cso = _question_view(pair.cso, acc, min_group, t)
            questions += (la, cso)
            in_strand.append(_pair_view(pair, la, cso))
        pair_views += in_strand
        strands.append(_strand_view(strand.id, in_strand))
    return RoundAnalysis(tuple(questions), tuple(pair_views), tuple(strands), min_group, t)


def priority(pair: PairView) -> float:
    """``max|gap| / 4 + (1 − lowest agreement)``: both terms 0…1, a missing one is 0.

    The gap is divided by 4, the widest possible gap on a 1–5 scale.
    """
    gap_term = 0.0 if pair.max_abs_gap is None else pair.max_abs_gap / 4
    disagreement = 0.0 if pair.lowest_agreement is None else 1.0 - pair.lowest_agreement
    return gap_term + disagreement


def rank_pairs(pairs: RoundAnalysis | Iterable[PairView]) -> tuple[RankedPair, ...]:
    """Pairs in the order to discuss them.

    Sorted by (1) the number of flags (``large_gap``, ``low_agreement``), most first;
    (2) :func:`priority`, highest first; (3) the pair number, lowest first.
    """
    items = pairs.pairs if isinstance(pairs, RoundAnalysis) else tuple(pairs)
    scored = [(p, priority(p)) for p in items]
    scored.sort(key=lambda ps: (-len(ps[0].flags), -round(ps[1], 9), ps[0].number))
    return tuple(RankedPair(i, p, s) for i, (p, s) in enumerate(scored, start=1))
