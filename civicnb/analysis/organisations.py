"""Each organisation's own view and the others' view of it, question by question, under
the small-number rule applied per organisation.

For an organisation O of side S (a council department, one of the alliance's member
organisations…) and a question in S's column:

* O's **own view**: the answers of the participants who took part for O;
* the **others' view** of O: the answers of the participants of the other side whose
  answers about S's column are about O (``Participant.rates_organisation_id``);
* ``gap = own mean − others' mean`` where both are shown.

Each view is a :class:`~civicnb.analysis.views.GroupView` under the rule of
:mod:`civicnb.analysis.privacy` with k = ``locality.min_group``, counted per
organisation. The side-level views (:mod:`civicnb.analysis.views`) are not changed.

**Differencing.** The side-level figure is shown next to the organisations' figures, so
the side minus the shown organisations gives the figure of everyone else (the withheld
organisations and the people of no organisation, or rating the side as a whole). When
the side-level figure is shown, that remainder must itself pass the small-number rule
(or be empty). Otherwise the shown organisation with the fewest anonymous scorers (then
by name) is withheld as well, and so on until it passes: it is marked
:class:`ProtectsOthers`, which holds no number either. See ``docs/privacy.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civicnb.analysis.privacy import DEFAULT_MIN_GROUP, Withheld, check_disclosure
from civicnb.analysis.stats import stats_from_counts
from civicnb.analysis.views import GroupView, latest_ratings, other_side
from civicnb.errors import NotFoundError
from civicnb.framework.model import Framework
from civicnb.records import Organisation, Participant, Rating, Side

__all__ = [
    "OrganisationAnalysis",
    "OrganisationQuestion",
    "OrganisationView",
    "ProtectsOthers",
    "analyse_organisations",
]


@dataclass(frozen=True, slots=True)
class ProtectsOthers(Withheld):
    """Withheld although the group is large enough: showing it would let the side's
    figure minus the shown organisations reveal a smaller group. No numbers."""

    @property
    def reason(self) -> str:
        return (
            "hidden to protect anonymity: shown with the others, it would give away "
            f"a group of fewer than {self.min_group} people"
        )


@dataclass(frozen=True, slots=True)
class OrganisationQuestion:
    """One organisation and one question of its side's column."""

    question_id: str
    pair_id: str
    strand_id: str
    organisation_id: str
    own: GroupView
    """The organisation's own people (raters of its side)."""
    others: GroupView
    """The other side's people whose answers are about this organisation."""

    @property
    def anyone(self) -> bool:
        """True if someone answered for or about the organisation (withheld or not)."""
        return not (_empty(self.own) and _empty(self.others))

    @property
    def gap(self) -> float | None:
        """Own mean minus the others' mean; None unless both are shown and scored."""
        if self.own.mean is None or self.others.mean is None:
            return None
        return self.own.mean - self.others.mean


@dataclass(frozen=True, slots=True)
class OrganisationView:
    organisation: Organisation
    questions: tuple[OrganisationQuestion, ...]
    """The questions of the organisation's side's column, in framework order."""

    def question(self, question_id: str) -> OrganisationQuestion:
        for q in self.questions:
            if q.question_id == question_id:
                return q
        raise NotFoundError("question", question_id, [q.question_id for q in self.questions])


@dataclass(frozen=True, slots=True)
class OrganisationAnalysis:
    """Every organisation's views in one round (organisations of the LA and CSO sides,
    by side then name)."""

    organisations: tuple[OrganisationView, ...]
    min_group: int

    def organisation(self, organisation_id: str) -> OrganisationView:
        for o in self.organisations:
            if o.organisation.id == organisation_id:
                return o
        ids = [o.organisation.id for o in self.organisations]
        raise NotFoundError("organisation", organisation_id, ids)

    def for_question(self, question_id: str) -> tuple[OrganisationQuestion, ...]:
        """The organisations' views of one question (its side's organisations)."""
        return tuple(
            q for o in self.organisations for q in o.questions if q.question_id == question_id
        )

    @property
    def any_answers(self) -> bool:
        """True if some organisation's own or others' view has an answer or is withheld."""
        return any(
            not _empty(g)
            for o in self.organisations
            for q in o.questions
            for g in (q.own, q.others)
        )


def _empty(g: GroupView) -> bool:
    return g.stats is not None and g.stats.n_answers == 0


# --- counting ------------------------------------------------------------------------------


class _Acc:
    """Counts of one group's answers to one question."""

    __slots__ = ("anon", "anon_scored", "counts", "dk", "named")

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0, 0]
        self.dk = 0
        self.named = 0
        self.anon = 0
        self.anon_scored = 0

    def add(self, score: int | None, named: bool) -> None:
        if score is None:
            self.dk += 1
        else:
            self.counts[score - 1] += 1
        if named:
            self.named += 1
        else:
            self.anon += 1
            if score is not None:
                self.anon_scored += 1

    def absorb(self, other: _Acc) -> None:
        self.named += other.named
        self.anon += other.anon
        self.anon_scored += other.anon_scored

    def withheld(self, k: int) -> Withheld | None:
        return check_disclosure(self.named, self.anon, k, n_anonymous_scored=self.anon_scored)

    def view(self, raters: Side, k: int) -> GroupView:
        w = self.withheld(k)
        if w is not None:
            return GroupView(raters, None, w)
        c = self.counts
        return GroupView(raters, stats_from_counts((c[0], c[1], c[2], c[3], c[4]), self.dk))


def _protect(
    side_group: _Acc, parts: Sequence[tuple[Organisation, _Acc]], k: int
) -> dict[str, Withheld | None]:
    """Each part's marker (None: shown), so that the side minus the shown parts passes
    the small-number rule whenever the side itself is shown (see the module's doc)."""
    marks: dict[str, Withheld | None] = {o.id: acc.withheld(k) for o, acc in parts}
    if side_group.withheld(k) is not None:
        return marks  # the side's figure is not shown: nothing to subtract from
    while True:
        rest = _Acc()
        rest.absorb(side_group)
        shown = [(o, acc) for o, acc in parts if marks[o.id] is None]
        for _o, acc in shown:
            rest.named -= acc.named
            rest.anon -= acc.anon
            rest.anon_scored -= acc.anon_scored
        empty = rest.named + rest.anon == 0
        if empty or rest.withheld(k) is None or not shown:
            return marks
        smallest = min(shown, key=lambda oa: (oa[1].anon_scored, oa[0].name.casefold(), oa[0].id))
        marks[smallest[0].id] = ProtectsOthers(k)


def _final(acc: _Acc, mark: Withheld | None, raters: Side, k: int) -> GroupView:
    if mark is not None:
        return GroupView(raters, None, mark)
    return acc.view(raters, k)


def analyse_organisations(
    framework: Framework,
    organisations: Iterable[Organisation],
    participants: Iterable[Participant],
    ratings: Iterable[Rating],
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    round_id: str | None = None,
) -> OrganisationAnalysis:
    """Each organisation's own view and the others' view of it (see the module's doc).

    Counted as :func:`~civicnb.analysis.views.analyse_round` counts: the latest rating
    per person and question, unknown people and questions skipped, and so are answers
    with neither a score nor "don't know". A participant whose organisation is not in
    ``organisations`` (or not of their side) counts for no organisation; third parties
    (side ``other``) are never counted here.
    """
    orgs = sorted(
        (o for o in organisations if o.side in (Side.LA, Side.CSO)),
        key=lambda o: (o.side.value, o.name.casefold(), o.id),
    )
    by_id = {o.id: o for o in orgs}
    people: dict[str, tuple[Side, bool, str | None, str | None]] = {}
    for p in participants:
        own = p.organisation_id if p.organisation_id in by_id else None
        if own is not None and by_id[own].side is not p.side:
            own = None
        rates = p.rates_organisation_id if p.rates_organisation_id in by_id else None
        if rates is not None and (p.side is Side.OTHER or by_id[rates].side is p.side):
            rates = None
        people[p.id] = (p.side, p.named, own, rates)

    qids = framework.question_ids
    side_acc: dict[tuple[str, Side], _Acc] = {}
    own_acc: dict[tuple[str, str], _Acc] = {}
    others_acc: dict[tuple[str, str], _Acc] = {}
    for (pid, qid), r in latest_ratings(ratings, round_id).items():
        who = people.get(pid)
        if who is None or qid not in qids or (r.score is None and not r.dont_know):
            continue
        side, named, own, rates = who
        if side is Side.OTHER:
            continue
        side_acc.setdefault((qid, side), _Acc()).add(r.score, named)
        about = framework.question(qid).side
        if own is not None and side is about:
            own_acc.setdefault((qid, own), _Acc()).add(r.score, named)
        if rates is not None and side is not about:
            others_acc.setdefault((qid, rates), _Acc()).add(r.score, named)

    views: dict[str, list[OrganisationQuestion]] = {o.id: [] for o in orgs}
    for q in framework.questions:
        mine = [o for o in orgs if o.side is q.side]
        if not mine:
            continue
        own_parts = [(o, own_acc.get((q.id, o.id)) or _Acc()) for o in mine]
        other_parts = [(o, others_acc.get((q.id, o.id)) or _Acc()) for o in mine]
        own_marks = _protect(side_acc.get((q.id, q.side)) or _Acc(), own_parts, min_group)
        other_marks = _protect(
            side_acc.get((q.id, other_side(q.side))) or _Acc(), other_parts, min_group
        )
        for (o, own_a), (_o, other_a) in zip(own_parts, other_parts, strict=True):
            views[o.id].append(
                OrganisationQuestion(
                    question_id=q.id,
                    pair_id=q.pair_id,
                    strand_id=q.strand_id,
                    organisation_id=o.id,
                    own=_final(own_a, own_marks[o.id], q.side, min_group),
                    others=_final(other_a, other_marks[o.id], other_side(q.side), min_group),
                )
            )
    return OrganisationAnalysis(
        tuple(OrganisationView(o, tuple(views[o.id])) for o in orgs), min_group
    )
