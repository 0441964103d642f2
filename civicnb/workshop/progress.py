"""Then and now: a revealed strand's pairs beside the same pairs in the round before.

The previous round is closed (read-only), so its figures no longer change. What the
room saw then is used when the strand was revealed in that round (its frozen
snapshot, :func:`~civicnb.workshop.reveal.reveal_view`); otherwise the round's stored
answers are analysed. Either way the small-number rule of the locality applies: a
figure withheld in either round gives no change (None), as in
:mod:`civicnb.analysis.progress`, whose :class:`~civicnb.analysis.progress.Change`
carries each pair's figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from civicnb.analysis import analyse_round
from civicnb.analysis.progress import Change
from civicnb.analysis.views import PairView
from civicnb.framework.model import Framework
from civicnb.records import Locality, Round
from civicnb.store import Store
from civicnb.workshop.reveal import StrandReveal, reveal_view
from civicnb.workshop.rounds import previous_round

__all__ = ["ThenAndNow", "then_and_now"]


@dataclass(frozen=True, slots=True)
class ThenAndNow:
    """The pairs of a revealed strand in the round before (then) and now."""

    then: Round
    now: Round
    pairs: dict[str, Change]
    """Pair id -> self-view means and mean gaps, then (before) and now (after)."""

    def pair(self, pair_id: str) -> Change | None:
        return self.pairs.get(pair_id)


def _then_pairs(
    store: Store, framework: Framework, locality: Locality, then: Round, strand_id: str
) -> Iterable[PairView]:
    if strand_id in store.reveals(then.id):
        return [pr.pair for pr in reveal_view(store, framework, locality, then, strand_id).pairs]
    analysis = analyse_round(
        framework,
        store.participants(locality.id),
        store.ratings(round_id=then.id),
        min_group=locality.min_group,
        round_id=then.id,
    )
    return [p for p in analysis.pairs if p.strand_id == strand_id]


def then_and_now(
    store: Store, framework: Framework, locality: Locality, now: Round, reveal: StrandReveal
) -> ThenAndNow | None:
    """Each pair of ``reveal`` (a strand revealed in round ``now``) with its figures in
    the round before; None for a locality's first round or when nobody answered then."""
    then = previous_round(store, locality, now)
    if then is None or not store.ratings(round_id=then.id):
        return None
    before = {p.pair_id: p for p in _then_pairs(store, framework, locality, then, reveal.strand_id)}
    pairs: dict[str, Change] = {}
    for pr in reveal.pairs:
        after = pr.pair
        b = before.get(after.pair_id)
        pairs[after.pair_id] = Change(
            after.pair_id,
            b.self_mean if b else None,
            after.self_mean,
            b.mean_gap if b else None,
            after.mean_gap,
        )
    return ThenAndNow(then, now, pairs)
