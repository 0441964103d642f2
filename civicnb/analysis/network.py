"""A network's synthesis: how its localities stand, pair by pair and strand by strand,
from the aggregates the store computes (:mod:`civicnb.store.network`), under the
small-number rule at both levels.

**A locality's figures.** For each question, round and side of raters, the store gives
counts and the sum of the scores. The locality's mean for that group is used only if
:func:`civicnb.analysis.privacy.check_disclosure` allows it with the locality's k
(``Locality.min_group``, and never less than the network's ``min_group``): a side with
fewer than k anonymous people who gave a score contributes nothing. As in a locality's
report (:mod:`civicnb.analysis.views`), a question about side S has the **own view** (S's
raters), the **other side's view** and the **gap** (own − other, when both are shown);
a pair's or a strand's figure is the mean of its questions' figures that are shown, and
its **level** the mean of all its shown own and other views.

**The network's figures.** Every figure across localities (a distribution, a count of
people, a change between rounds, a theme) is shown only when at least
``min_localities`` localities contribute to it; otherwise it is withheld
(:class:`NetworkWithheld`, no number). A distribution's minimum and maximum are one
locality's value each: with fewer localities the reader could tell whose they are.

**Which round.** Rounds line up by their number within each locality (1 = its first).
The distributions, rankings, matches and positions use each locality's *latest* round
with answers (where it stands now); the progress compares consecutive rounds of the
localities that have both.

**Naming.** A locality is named only if it consented (``civicnb network-consent``);
otherwise it is "a locality in COUNTRY" when at least ``min_localities`` localities of
the synthesis are in that country, else "a locality".
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from civicnb.analysis.privacy import DEFAULT_MIN_GROUP, check_disclosure
from civicnb.errors import InputError
from civicnb.framework.model import Framework
from civicnb.records import Side
from civicnb.store.network import NetworkMember, Participation, ViewCounts

__all__ = [
    "BlockDistribution",
    "BlockFigures",
    "Distribution",
    "Label",
    "LocalityViews",
    "Match",
    "NetworkSynthesis",
    "NetworkWithheld",
    "Position",
    "PositionRow",
    "RoundCount",
    "StrandChange",
    "StrandRank",
    "block_figures",
    "distribution",
    "locality_views",
    "quantile",
    "synthesise",
]

STEADY = 0.1
"""A change between rounds smaller than this (in absolute value) counts as steady: the
figures are shown to one decimal."""
MAX_PEERS = 3
"""Most localities suggested to learn from, per pair."""


@dataclass(frozen=True, slots=True)
class NetworkWithheld:
    """A network figure not shown: fewer than ``min_localities`` localities contribute.
    Holds no number about the localities (``min_localities`` is a setting)."""

    min_localities: int


@dataclass(frozen=True, slots=True)
class Distribution:
    """Values across localities: how many, and the five-number summary."""

    n: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def quantile(ordered: Sequence[float], p: float) -> float:
    """The ``p`` quantile (0…1) of sorted values, interpolated linearly between the
    two nearest ranks (position ``p·(n−1)``; as numpy's default and Excel's
    QUARTILE.INC)."""
    if not ordered:
        raise ValueError("no values")
    pos = p * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def distribution(values: Iterable[float], min_localities: int) -> Distribution | NetworkWithheld:
    """The five-number summary of one value per locality, or withheld when fewer than
    ``min_localities`` localities give one."""
    ordered = sorted(values)
    if len(ordered) < min_localities or not ordered:
        return NetworkWithheld(min_localities)
    return Distribution(
        len(ordered),
        ordered[0],
        quantile(ordered, 0.25),
        quantile(ordered, 0.5),
        quantile(ordered, 0.75),
        ordered[-1],
    )


@dataclass(frozen=True, slots=True)
class LocalityViews:
    """One locality's shown means in one round, per question (withheld ones absent)."""

    locality_id: str
    round_no: int
    own: Mapping[str, float]
    other: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class BlockFigures:
    """A locality's figures for a pair or a strand (None: nothing shown to build it)."""

    own: float | None
    other: float | None
    gap: float | None
    level: float | None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def block_figures(views: LocalityViews, question_ids: Sequence[str]) -> BlockFigures:
    """The own view, other side's view, gap and level of a set of questions (a pair or
    a strand): means of the questions' figures that are shown."""
    own = [views.own[q] for q in question_ids if q in views.own]
    other = [views.other[q] for q in question_ids if q in views.other]
    gaps = [
        views.own[q] - views.other[q] for q in question_ids if q in views.own and q in views.other
    ]
    return BlockFigures(_mean(own), _mean(other), _mean(gaps), _mean(own + other))


def locality_views(
    counts: Iterable[ViewCounts],
    framework: Framework,
    min_group: Mapping[str, int],
) -> dict[tuple[str, int], LocalityViews]:
    """Each locality's shown means per round: ``min_group`` gives each locality's k
    (a locality not in it is skipped). Ratings of questions not in ``framework`` and
    third parties' ratings are left out; a group whose people all said "don't know"
    has no mean."""
    about = {q.id: q.side for st in framework.strands for q in st.questions}
    own: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    other: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    seen: set[tuple[str, int]] = set()
    for c in counts:
        k = min_group.get(c.locality_id)
        side = about.get(c.question_id)
        if k is None or side is None:
            continue
        key = (c.locality_id, c.round_no)
        seen.add(key)
        if c.side is Side.OTHER or c.scored == 0:
            continue
        named = c.answered - c.anonymous
        if check_disclosure(named, c.anonymous, k, n_anonymous_scored=c.anonymous_scored):
            continue
        target = own if c.side is side else other
        target[key][c.question_id] = c.total / c.scored
    return {
        key: LocalityViews(key[0], key[1], dict(own.get(key, {})), dict(other.get(key, {})))
        for key in sorted(seen)
    }


# --- the synthesis -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundCount:
    """The localities and people of one round number."""

    round_no: int
    localities: int
    people: Mapping[Side, int] | NetworkWithheld
    """People who answered, by side (withheld for fewer than ``min_localities``)."""


@dataclass(frozen=True, slots=True)
class BlockDistribution:
    """A pair's or a strand's distributions across localities (latest rounds)."""

    block_id: str
    own: Distribution | NetworkWithheld
    other: Distribution | NetworkWithheld
    gap: Distribution | NetworkWithheld
    level: Distribution | NetworkWithheld


@dataclass(frozen=True, slots=True)
class StrandRank:
    strand_id: str
    rank: int
    """1 = the weakest strand network-wide (lowest median level)."""
    level: Distribution
    gap: Distribution | NetworkWithheld


@dataclass(frozen=True, slots=True)
class StrandChange:
    """How a strand's level changed from one round to the next across the localities
    that have both rounds."""

    strand_id: str
    from_round: int
    to_round: int
    change: Distribution | NetworkWithheld
    improved: int | None
    """Localities whose level rose by at least :data:`STEADY` (None when withheld)."""
    steady: int | None
    declined: int | None


@dataclass(frozen=True, slots=True)
class Match:
    """Peer learning on one pair: localities strong on it (upper quarter) that the
    localities weak on it (lower quarter) could learn from."""

    pair_id: str
    peers: tuple[str, ...]
    """Locality ids, strongest first (at most :data:`MAX_PEERS`; ties by slug)."""
    weak: tuple[str, ...]
    """Locality ids in the lower quarter, by slug (counted in the report, never listed)."""


@dataclass(frozen=True, slots=True)
class PositionRow:
    block_id: str
    figures: BlockFigures
    network: Distribution | NetworkWithheld
    """The network's levels for this pair or strand."""
    place: str | None
    """``"low"`` (lower quarter), ``"middle"``, ``"high"`` (upper quarter) or None."""
    peers: tuple[str, ...] = ()
    """For a pair in the lower quarter: localities to learn from (not this one)."""


@dataclass(frozen=True, slots=True)
class Position:
    """A locality's figures against the network's (the others never named)."""

    locality_id: str
    round_no: int
    strands: tuple[PositionRow, ...]
    pairs: tuple[PositionRow, ...]


Label = tuple[str, str]
"""How a locality is shown: ``("name", NAME)``, ``("country", COUNTRY)`` or
``("anonymous", "")``."""


@dataclass(frozen=True)
class NetworkSynthesis:
    framework_id: str
    members: tuple[NetworkMember, ...]
    """The localities asked for (of the framework's edition)."""
    left_out: tuple[NetworkMember, ...]
    """Localities asked for but of another framework edition."""
    min_group: int
    min_localities: int
    rounds: tuple[RoundCount, ...]
    latest: int
    """How many localities have a latest round with answers."""
    strands: tuple[BlockDistribution, ...]
    pairs: tuple[BlockDistribution, ...]
    ranking: tuple[StrandRank, ...]
    """Strands whose levels are shown, weakest first."""
    progress: tuple[StrandChange, ...]
    matches: tuple[Match, ...]
    positions: tuple[Position, ...]
    labels: Mapping[str, Label] = field(repr=False)

    def label(self, locality_id: str) -> Label:
        return self.labels[locality_id]


def _labels(members: Sequence[NetworkMember], min_localities: int) -> dict[str, Label]:
    per_country: dict[str, int] = defaultdict(int)
    for m in members:
        per_country[m.country.strip()] += 1
    out: dict[str, Label] = {}
    for m in members:
        country = m.country.strip()
        if m.named:
            out[m.id] = ("name", m.name)
        elif country and per_country[country] >= min_localities:
            out[m.id] = ("country", country)
        else:
            out[m.id] = ("anonymous", "")
    return out


def _distributions(block_id: str, figures: Iterable[BlockFigures], k: int) -> BlockDistribution:
    figs = list(figures)
    return BlockDistribution(
        block_id,
        distribution((f.own for f in figs if f.own is not None), k),
        distribution((f.other for f in figs if f.other is not None), k),
        distribution((f.gap for f in figs if f.gap is not None), k),
        distribution((f.level for f in figs if f.level is not None), k),
    )


def _place(value: float | None, dist: Distribution | NetworkWithheld) -> str | None:
    if value is None or not isinstance(dist, Distribution) or dist.q3 <= dist.q1:
        return None
    if value <= dist.q1:
        return "low"
    if value >= dist.q3:
        return "high"
    return "middle"


def synthesise(
    framework: Framework,
    members: Sequence[NetworkMember],
    counts: Iterable[ViewCounts],
    participation: Iterable[Participation],
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    min_localities: int = DEFAULT_MIN_GROUP,
    positions: Sequence[str] = (),
) -> NetworkSynthesis:
    """The network's synthesis over ``members`` of ``framework``'s edition (the others
    are listed as left out). ``min_group``: the least k of the small-number rule for a
    locality's figures (a locality's own ``min_group`` applies when larger);
    ``min_localities``: the fewest localities a network figure is built from;
    ``positions``: ids of the localities whose position is worked out."""
    if min_group < 1 or min_localities < 1:
        raise InputError("the small-number rule needs k of at least 1")
    included = tuple(m for m in members if m.edition == framework.id)
    left_out = tuple(m for m in members if m.edition != framework.id)
    ks = {m.id: max(m.min_group, min_group) for m in included}
    unknown = [p for p in positions if p not in ks]
    if unknown:
        raise InputError(f"locality {unknown[0]!r} is not in the network's synthesis")
    views = locality_views(counts, framework, ks)
    k = min_localities

    # how many localities and people per round
    people: dict[int, dict[Side, int]] = defaultdict(lambda: defaultdict(int))
    with_answers: dict[int, set[str]] = defaultdict(set)
    for p in participation:
        if p.locality_id in ks:
            people[p.round_no][p.side] += p.people
            with_answers[p.round_no].add(p.locality_id)
    rounds = tuple(
        RoundCount(
            n,
            len(with_answers[n]),
            dict(people[n]) if len(with_answers[n]) >= k else NetworkWithheld(k),
        )
        for n in sorted(with_answers)
    )

    # each locality's latest round
    latest: dict[str, LocalityViews] = {}
    for (lid, _n), v in views.items():  # sorted by (locality, round): the last one wins
        latest[lid] = v
    strand_qids = {st.id: [q.id for q in st.questions] for st in framework.strands if st.pairs}
    pair_qids = {p.id: [p.la.id, p.cso.id] for st in framework.strands for p in st.pairs}
    strand_figs = {
        sid: {lid: block_figures(v, q) for lid, v in latest.items()}
        for sid, q in strand_qids.items()
    }
    pair_figs = {
        pid: {lid: block_figures(v, q) for lid, v in latest.items()} for pid, q in pair_qids.items()
    }
    strands = tuple(_distributions(sid, strand_figs[sid].values(), k) for sid in strand_qids)
    pairs = tuple(_distributions(pid, pair_figs[pid].values(), k) for pid in pair_qids)

    shown = [s for s in strands if isinstance(s.level, Distribution)]
    shown.sort(
        key=lambda s: (
            (s.level.median, s.block_id) if isinstance(s.level, Distribution) else (0.0, s.block_id)
        )
    )
    ranking = tuple(
        StrandRank(s.block_id, i, s.level, s.gap)
        for i, s in enumerate(shown, start=1)
        if isinstance(s.level, Distribution)
    )

    # progress between consecutive rounds
    progress: list[StrandChange] = []
    numbers = sorted({n for _lid, n in views})
    for a, b in itertools.pairwise(numbers):
        for sid, qids in strand_qids.items():
            changes = []
            for lid in ks:
                before, after = views.get((lid, a)), views.get((lid, b))
                if before is None or after is None:
                    continue
                x, y = block_figures(before, qids).level, block_figures(after, qids).level
                if x is not None and y is not None:
                    changes.append(y - x)
            dist = distribution(changes, k)
            if isinstance(dist, NetworkWithheld):
                progress.append(StrandChange(sid, a, b, dist, None, None, None))
                continue
            up = sum(c >= STEADY - 1e-9 for c in changes)
            down = sum(c <= -STEADY + 1e-9 for c in changes)
            progress.append(StrandChange(sid, a, b, dist, up, len(changes) - up - down, down))

    # peer learning: strong on a pair where others are weak (ties: by slug)
    slug = {m.id: m.slug for m in included}
    matches: list[Match] = []
    for pd in pairs:
        level = pd.level
        if not isinstance(level, Distribution) or level.q3 <= level.q1:
            continue
        figs = pair_figs[pd.block_id]
        lv = {lid: f.level for lid, f in figs.items() if f.level is not None}
        strong = sorted(
            (lid for lid, x in lv.items() if x >= level.q3), key=lambda i: (-lv[i], slug[i])
        )
        weak = tuple(sorted((lid for lid, x in lv.items() if x <= level.q1), key=lambda i: slug[i]))
        if strong and weak:
            matches.append(Match(pd.block_id, tuple(strong[:MAX_PEERS]), weak))

    # the positions asked for
    by_pair = {m.pair_id: m for m in matches}
    out_positions: list[Position] = []
    for lid in positions:
        mine = latest.get(lid)
        if mine is None:
            continue
        srows = tuple(
            PositionRow(
                s.block_id,
                strand_figs[s.block_id][lid],
                s.level,
                _place(strand_figs[s.block_id][lid].level, s.level),
            )
            for s in strands
        )
        prows = []
        for pd in pairs:
            own_figs = pair_figs[pd.block_id][lid]
            place = _place(own_figs.level, pd.level)
            match = by_pair.get(pd.block_id)
            peers = tuple(x for x in match.peers if x != lid) if match and place == "low" else ()
            prows.append(PositionRow(pd.block_id, own_figs, pd.level, place, peers))
        out_positions.append(Position(lid, mine.round_no, srows, tuple(prows)))

    return NetworkSynthesis(
        framework_id=framework.id,
        members=included,
        left_out=left_out,
        min_group=min_group,
        min_localities=k,
        rounds=rounds,
        latest=len(latest),
        strands=strands,
        pairs=pairs,
        ranking=ranking,
        progress=tuple(progress),
        matches=tuple(matches),
        positions=tuple(out_positions),
        labels=_labels(included, k),
    )
