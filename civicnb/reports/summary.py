"""A plain-text summary of a locality: who took part, strand by strand views, and the
pairs of questions to discuss first. Used by ``civicnb summary`` (and ``make run``).

It applies the small-number rule like every other view: withheld figures show as
"withheld", never as numbers.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

from civicnb.analysis import analyse_round, compare_rounds, coverage, rank_pairs
from civicnb.analysis.organisations import (
    OrganisationQuestion,
    OrganisationView,
    ProtectsOthers,
    analyse_organisations,
)
from civicnb.analysis.views import GroupView
from civicnb.i18n import message, score, t
from civicnb.records import Side
from civicnb.workspace import Workspace, open_workspace

__all__ = ["locality_summary"]


def locality_summary(
    locality: str,
    *,
    workspace: Workspace | str | os.PathLike[str] | None = None,
    round_label: str | None = None,
    lang: str | None = None,
) -> str:
    """The summary text of ``locality`` for one round (default: the latest)."""
    ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        rounds = store.rounds(loc.id)
        rnd = store.get_round(loc.id, round_label) if round_label else rounds[-1]
        people = store.participants(loc.id)
        ratings = store.ratings(locality_id=loc.id)
        outcomes = store.outcomes(loc.id)
        activities = store.activities(loc.id)
        organisations = store.organisations(loc.id)
    fw = ws.framework(loc.edition)
    lang = lang or loc.language
    w = t("sum_withheld", lang)

    def num(value: float | None, signed: bool = False) -> str:
        return score(value, w, lang, signed=signed)

    this_round = [r for r in ratings if r.round_id == rnd.id and r.answered]
    active = {r.participant_id for r in this_round}
    sides = Counter(p.side for p in people if p.id in active)
    analysis = analyse_round(fw, people, ratings, min_group=loc.min_group, round_id=rnd.id)

    lines = [
        f"{loc.name} ({loc.slug}) — {fw.title.get(lang)}",
        t("sum_round", lang, label=rnd.label) + (f" ({rnd.date.isoformat()})" if rnd.date else ""),
        t(
            "sum_participants",
            lang,
            sides=", ".join(f"{_side(side, lang)} {sides.get(side, 0)}" for side in Side),
            answers=len(this_round),
        ),
        "",
    ]
    for sv in analysis.strands:
        strand = fw.strand(sv.strand_id)
        lines.append(
            t(
                "sum_strand",
                lang,
                strand=strand.id,
                title=strand.title.get(lang),
                self=num(sv.self_mean),
                gap=num(sv.mean_gap, signed=True),
                agreement=num(sv.lowest_agreement),
            )
        )
    lines += ["", t("sum_discuss", lang)]
    for ranked in rank_pairs(analysis)[:5]:
        pv = ranked.pair
        pair = fw.pair(pv.pair_id)
        marks = ", ".join(t(f"sum_flag_{f}", lang) for f in ranked.flags) or "-"
        pair_line = t(
            "sum_pair",
            lang,
            rank=ranked.rank,
            pair=pair.id,
            la=pair.la.number,
            cso=pair.cso.number,
            gap=num(pv.max_abs_gap),
            agreement=num(pv.lowest_agreement),
            flags=marks,
        )
        lines.append(f"  {pair_line}")
        lines.append(f"     {pair.la.text.get(lang)}")
    by_org = analyse_organisations(
        fw, organisations, people, ratings, min_group=loc.min_group, round_id=rnd.id
    )
    org_lines = _organisation_lines(by_org.organisations, lang, num)
    if org_lines:
        lines += ["", t("sum_by_org", lang), *org_lines]
    position = rounds.index(rnd)
    if position > 0:
        before = rounds[position - 1]
        base = analyse_round(fw, people, ratings, min_group=loc.min_group, round_id=before.id)
        progress = compare_rounds(base, analysis)
        lines += ["", t("sum_progress", lang, label=before.label)]
        for sp in progress.strands:
            change = t(
                "sum_progress_strand",
                lang,
                strand=sp.id,
                self=num(sp.self_change, signed=True),
                gap=num(sp.abs_gap_change, signed=True),
            )
            lines.append(f"  {change}")
    cov = coverage(outcomes, activities)
    if outcomes:
        titles = {o.id: o.title for o in outcomes}
        act_titles = {a.id: a.title for a in activities}
        none = t("sum_none", lang)
        uncovered = "; ".join(titles[o] for o in cov.uncovered) or none
        win_win = "; ".join(act_titles[ww.activity_id] for ww in cov.win_win) or none
        lines += ["", t("sum_uncovered", lang, titles=uncovered)]
        lines.append(t("sum_winwin", lang, titles=win_win))
    return "\n".join(lines)


def _side(side: Side, lang: str) -> str:
    """A side's short code in ``lang`` (LA, CSO, other), as the exports write it."""
    return message(f"xl_side_{side.value}", lang)


def _organisation_lines(
    views: tuple[OrganisationView, ...],
    lang: str,
    num: Callable[..., str],
) -> list[str]:
    """Per organisation and strand: the averages of the shown question figures (as a
    strand's figures are made: never from raw answers), or why none is shown."""

    def part(groups: list[GroupView]) -> str:
        means = [g.mean for g in groups if g.mean is not None]
        if means:
            return num(sum(means) / len(means))
        withheld = [g.withheld for g in groups if g.withheld is not None]
        if any(not isinstance(w, ProtectsOthers) for w in withheld):
            return t("sum_fewer", lang, k=withheld[0].min_group)
        return t("sum_protects", lang) if withheld else "-"

    out: list[str] = []
    for view in views:
        strands: dict[str, list[OrganisationQuestion]] = {}
        for q in view.questions:
            if q.anyone:  # else nobody answered for or about it
                strands.setdefault(q.strand_id, []).append(q)
        if not strands:
            continue
        org = view.organisation
        out.append(f"  {org.name} ({_side(org.side, lang)})")
        for sid, qs in strands.items():
            gaps = [q.gap for q in qs if q.gap is not None]
            gap = num(sum(gaps) / len(gaps), signed=True) if gaps else "-"
            line = t(
                "sum_org_strand",
                lang,
                strand=sid,
                own=part([q.own for q in qs]),
                others=part([q.others for q in qs]),
                gap=gap,
            )
            out.append(f"    {line}")
    return out
