"""Progress between two rounds of one locality (baseline → follow-up).

The two rounds are compared group by group, not person by person: the people who
answer may differ between rounds, so a change is a change in what each side says as a
group. A change is None when a figure is unavailable (no scores, or withheld by the
small-number rule) in either round.

For each question, pair and strand:

* ``self_change = self-view mean (follow-up) − self-view mean (baseline)``: positive
  when the side rates itself higher than before;
* ``gap_change = gap (follow-up) − gap (baseline)``;
* ``abs_gap_change = |gap (follow-up)| − |gap (baseline)|``: negative when the two
  sides' views came closer, whichever way round the gap was.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicnb.analysis.views import PairView, QuestionView, RoundAnalysis, StrandView

__all__ = ["Change", "Progress", "compare_rounds"]


@dataclass(frozen=True, slots=True)
class Change:
    """The change of one question's, pair's or strand's figures between two rounds."""

    id: str
    """Question id, pair id or strand id."""
    self_before: float | None
    self_after: float | None
    gap_before: float | None
    gap_after: float | None

    @property
    def self_change(self) -> float | None:
        return _diff(self.self_after, self.self_before)

    @property
    def gap_change(self) -> float | None:
        return _diff(self.gap_after, self.gap_before)

    @property
    def abs_gap_change(self) -> float | None:
        if self.gap_after is None or self.gap_before is None:
            return None
        return abs(self.gap_after) - abs(self.gap_before)


@dataclass(frozen=True, slots=True)
class Progress:
    questions: tuple[Change, ...]
    pairs: tuple[Change, ...]
    strands: tuple[Change, ...]

    def question(self, question_id: str) -> Change:
        return _find(self.questions, question_id)

    def pair(self, pair_id: str) -> Change:
        return _find(self.pairs, pair_id)

    def strand(self, strand_id: str) -> Change:
        return _find(self.strands, strand_id)


def _diff(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


def _find(changes: tuple[Change, ...], key: str) -> Change:
    for c in changes:
        if c.id == key:
            return c
    raise KeyError(key)


def _q(v: QuestionView) -> tuple[float | None, float | None]:
    return v.self_view.mean, v.gap


def _p(v: PairView) -> tuple[float | None, float | None]:
    return v.self_mean, v.mean_gap


def _s(v: StrandView) -> tuple[float | None, float | None]:
    return v.self_mean, v.mean_gap


def compare_rounds(baseline: RoundAnalysis, follow_up: RoundAnalysis) -> Progress:
    """Changes from ``baseline`` to ``follow_up`` (both from :func:`analyse_round`).

    Items present in only one of the two analyses (e.g. a different framework version)
    get None before or after. Pair and strand figures are those of
    :class:`~civicnb.analysis.views.PairView` / ``StrandView``: the mean of the
    questions' self-view means, and the mean of their gaps.
    """
    before_q = {v.question_id: _q(v) for v in baseline.questions}
    after_q = {v.question_id: _q(v) for v in follow_up.questions}
    before_p = {v.pair_id: _p(v) for v in baseline.pairs}
    after_p = {v.pair_id: _p(v) for v in follow_up.pairs}
    before_s = {v.strand_id: _s(v) for v in baseline.strands}
    after_s = {v.strand_id: _s(v) for v in follow_up.strands}

    def changes(
        before: dict[str, tuple[float | None, float | None]],
        after: dict[str, tuple[float | None, float | None]],
    ) -> tuple[Change, ...]:
        none: tuple[float | None, float | None] = (None, None)
        keys = list(after) + [k for k in before if k not in after]
        out = []
        for k in keys:
            b, a = before.get(k, none), after.get(k, none)
            out.append(Change(k, b[0], a[0], b[1], a[1]))
        return tuple(out)

    return Progress(
        questions=changes(before_q, after_q),
        pairs=changes(before_p, after_p),
        strands=changes(before_s, after_s),
    )
