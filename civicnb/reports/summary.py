"""A plain-text summary of a locality: who took part, strand by strand views, and the
pairs of questions to discuss first. Used by ``civicnb summary`` (and ``make run``).

It applies the small-number rule like every other view: withheld figures show as
"withheld", never as numbers.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping

from civicnb.analysis import analyse_round, compare_rounds, coverage, rank_pairs
from civicnb.analysis.organisations import (
    OrganisationQuestion,
    OrganisationView,
    ProtectsOthers,
    analyse_organisations,
)
from civicnb.analysis.views import GroupView
from civicnb.i18n import score
from civicnb.records import Side
from civicnb.workspace import Workspace, open_workspace

__all__ = ["locality_summary"]

_T = {
    "en": {
        "round": "Round",
        "participants": "Participants",
        "answers": "answers",
        "strand": "Strand",
        "self": "self view",
        "gap": "gap",
        "agree": "lowest agreement",
        "discuss": "Pairs to discuss first (largest gaps, lowest agreement)",
        "withheld": "withheld",
        "progress": "Change since",
        "uncovered": "Valued outcomes no activity serves yet",
        "winwin": "Win-win activities (two or more parts of the triple bottom line)",
        "none": "none",
        "flags": {"large_gap": "large gap", "low_agreement": "low agreement"},
        "by_org": "By organisation (own view, others' view of it, gap; by strand)",
        "own": "own",
        "others": "others'",
        "fewer": "fewer than {k}",
        "protects": "withheld (would reveal a smaller group)",
    },
    "es": {
        "round": "Ronda",
        "participants": "Participantes",
        "answers": "respuestas",
        "strand": "Eje",
        "self": "autoevaluación",
        "gap": "brecha",
        "agree": "menor acuerdo",
        "discuss": "Pares para discutir primero (mayores brechas, menor acuerdo)",
        "withheld": "reservado",
        "progress": "Cambio desde",
        "uncovered": "Resultados valorados que ninguna actividad atiende todavía",
        "winwin": "Actividades gana-gana (dos o más partes de la triple cuenta de resultados)",
        "none": "ninguno",
        "flags": {"large_gap": "brecha grande", "low_agreement": "poco acuerdo"},
        "by_org": "Por organización (mirada propia, mirada de los demás, brecha; por eje)",
        "own": "propia",
        "others": "de los demás",
        "fewer": "menos de {k}",
        "protects": "reservado (revelaría un grupo más pequeño)",
    },
}


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
    t = _T.get(lang, _T["en"])
    w = str(t["withheld"])

    def num(value: float | None, signed: bool = False) -> str:
        return score(value, w, lang, signed=signed)

    flags: dict[str, str] = t["flags"]  # type: ignore[assignment]

    this_round = [r for r in ratings if r.round_id == rnd.id and r.answered]
    active = {r.participant_id for r in this_round}
    sides = Counter(p.side for p in people if p.id in active)
    analysis = analyse_round(fw, people, ratings, min_group=loc.min_group, round_id=rnd.id)

    lines = [
        f"{loc.name} ({loc.slug}) — {fw.title.get(lang)}",
        f"{t['round']}: {rnd.label}" + (f" ({rnd.date.isoformat()})" if rnd.date else ""),
        f"{t['participants']}: "
        + ", ".join(f"{side.value} {sides.get(side, 0)}" for side in Side)
        + f"; {len(this_round)} {t['answers']}",
        "",
    ]
    for sv in analysis.strands:
        strand = fw.strand(sv.strand_id)
        lines.append(
            f"{t['strand']} {strand.id}. {strand.title.get(lang)}: "
            f"{t['self']} {num(sv.self_mean)}, {t['gap']} {num(sv.mean_gap, signed=True)}, "
            f"{t['agree']} {num(sv.lowest_agreement)}"
        )
    lines += ["", f"{t['discuss']}:"]
    for ranked in rank_pairs(analysis)[:5]:
        pv = ranked.pair
        pair = fw.pair(pv.pair_id)
        marks = ", ".join(flags.get(f, f) for f in ranked.flags) or "-"
        lines.append(
            f"  {ranked.rank}. {pair.id} ({pair.la.number} ↔ {pair.cso.number}) "
            f"{t['gap']} {num(pv.max_abs_gap)}, {t['agree']} {num(pv.lowest_agreement)} "
            f"[{marks}]"
        )
        lines.append(f"     {pair.la.text.get(lang)}")
    by_org = analyse_organisations(
        fw, organisations, people, ratings, min_group=loc.min_group, round_id=rnd.id
    )
    org_lines = _organisation_lines(by_org.organisations, t, lang, num)
    if org_lines:
        lines += ["", f"{t['by_org']}:", *org_lines]
    position = rounds.index(rnd)
    if position > 0:
        before = rounds[position - 1]
        base = analyse_round(fw, people, ratings, min_group=loc.min_group, round_id=before.id)
        progress = compare_rounds(base, analysis)
        lines += ["", f"{t['progress']} {before.label}:"]
        for sp in progress.strands:
            lines.append(
                f"  {t['strand']} {sp.id}: {t['self']} {num(sp.self_change, signed=True)}, "
                f"|{t['gap']}| {num(sp.abs_gap_change, signed=True)}"
            )
    cov = coverage(outcomes, activities)
    if outcomes:
        titles = {o.id: o.title for o in outcomes}
        act_titles = {a.id: a.title for a in activities}
        lines += [
            "",
            f"{t['uncovered']}: " + ("; ".join(titles[o] for o in cov.uncovered) or str(t["none"])),
        ]
        lines.append(
            f"{t['winwin']}: "
            + ("; ".join(act_titles[ww.activity_id] for ww in cov.win_win) or str(t["none"]))
        )
    return "\n".join(lines)


def _organisation_lines(
    views: tuple[OrganisationView, ...],
    t: Mapping[str, object],
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
            return str(t["fewer"]).format(k=withheld[0].min_group)
        return str(t["protects"]) if withheld else "-"

    out: list[str] = []
    for view in views:
        strands: dict[str, list[OrganisationQuestion]] = {}
        for q in view.questions:
            if q.anyone:  # else nobody answered for or about it
                strands.setdefault(q.strand_id, []).append(q)
        if not strands:
            continue
        org = view.organisation
        out.append(f"  {org.name} ({org.side.value})")
        for sid, qs in strands.items():
            gaps = [q.gap for q in qs if q.gap is not None]
            gap = num(sum(gaps) / len(gaps), signed=True) if gaps else "-"
            out.append(
                f"    {t['strand']} {sid}: {t['own']} {part([q.own for q in qs])}, "
                f"{t['others']} {part([q.others for q in qs])}, {t['gap']} {gap}"
            )
    return out
