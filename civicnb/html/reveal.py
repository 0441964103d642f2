"""HTML of what the facilitator shows the room: the counts before a reveal, a revealed
strand pair by pair, the activities × outcomes matrix.

Pure functions from :mod:`civicnb.workshop.facilitation` and :mod:`civicnb.analysis` results to
HTML strings (every participant text escaped), so that they are tested without a kernel
and shared by the facilitator's page and the participants' strand pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from civicnb.analysis import Coverage, Screening
from civicnb.analysis.views import GroupView, QuestionView
from civicnb.framework.model import Framework
from civicnb.html.organisations import organisations_pair_html
from civicnb.html.recorded import recorded_by_column, recorded_by_note
from civicnb.html.safe import SafeHTML
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import Cell, Row, html_table
from civicnb.i18n import number, percent, score, t
from civicnb.records import Action, Activity, Asset, Attendance, Celebration, Outcome, Side
from civicnb.workshop.facilitation import (
    EvidenceNote,
    PairReveal,
    QuestionReveal,
    RoomCounts,
    StrandReveal,
)
from civicnb.workshop.progress import ThenAndNow

__all__ = [
    "actions_html",
    "assets_html",
    "attendance_html",
    "carried_actions_html",
    "celebrations_html",
    "coverage_html",
    "outcomes_html",
    "pair_reveal_html",
    "reveal_html",
    "reveal_intro_html",
    "room_html",
    "screening_html",
    "then_now_html",
]

_SIDES = (Side.LA, Side.CSO, Side.OTHER)


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else percent(value, lang)


def _amount(value: float | None, lang: str) -> str:
    return "—" if value is None else number(value, lang)


# --- the room (counts only) ---------------------------------------------------------------


def room_html(counts: RoomCounts, fw: Framework, lang: str, revealed: frozenset[str]) -> str:
    """Participants by side and progress per strand: counts of people, nothing else."""
    p = counts.participants
    sides = [t("side_short_" + s.value, lang) for s in _SIDES]
    people = html_table(sides, [[p[s] for s in _SIDES]], caption=t("fac_people", lang, n=p.total))
    rows = []
    for sp in counts.strands:
        strand = fw.strand(sp.strand_id)
        state = t("fac_revealed" if sp.strand_id in revealed else "fac_hidden", lang)
        cells = [
            t("fac_progress_cell", lang, all=sp.all_answered[s], some=sp.some[s], none=sp.none[s])
            for s in _SIDES
        ]
        name = f"{t('strand_n', lang, n=strand.id)}: {strand.title.get(lang)}"
        rows.append([name, *cells, state])
    progress = html_table(
        [t("col_strand", lang), *sides, t("fac_state", lang)],
        rows,
        caption=t("fac_progress_caption", lang),
        row_headers=True,
    )
    return people + progress


# --- a revealed strand --------------------------------------------------------------------


def _group_label(view: QuestionView, group: GroupView, lang: str) -> str:
    if group.raters == Side.OTHER:
        return t("fac_view_third", lang)
    key = "fac_view_self" if group.raters == view.about else "fac_view_other"
    return t(key, lang, side=t("side_short_" + group.raters.value, lang))


def _distribution(group: GroupView, lang: str) -> str:
    """Five bars with their counts under them; the whole named for screen readers."""
    assert group.stats is not None
    counts = group.stats.counts
    top = max(max(counts), 1)
    label = ", ".join(f"{i + 1}: {c}" for i, c in enumerate(counts))
    cols = "".join(
        f'<span class="civicnb-dist-col"><span class="civicnb-bar" style="height:{1.6 * c / top:.2f}rem"></span>'
        f'<span class="civicnb-dist-n" aria-hidden="true">{c}</span></span>'
        for c in counts
    )
    return f'<span class="civicnb-dist" role="img" aria-label="{_h(t("fac_dist_label", lang, counts=label))}">{cols}</span>'


def _group_row(view: QuestionView, group: GroupView, lang: str) -> list[object]:
    head = _group_label(view, group, lang)
    if group.withheld is not None:
        return [head, Cell(t("fac_withheld", lang, k=group.withheld.min_group), colspan=4)]
    s = group.stats
    assert s is not None
    n = str(s.n)
    if s.n_dont_know:
        n += f" ({t('fac_plus_dont_know', lang, n=s.n_dont_know)})"
    return [
        head,
        n,
        score(s.mean, "—", lang),
        SafeHTML(_distribution(group, lang)),
        _pct(s.agreement, lang),
    ]


def _note_html(note: EvidenceNote, fw: Framework, lang: str) -> str:
    answer = (
        fw.dont_know.get(lang)
        if note.dont_know
        else (str(note.score) if note.score is not None else t("not_answered", lang))
    )
    side = t("side_short_" + note.side.value, lang)
    parts = [
        f"<strong>{_h(note.who)}</strong> ({_h(side)}, {_h(t('fac_answer', lang, answer=answer))})"
    ]
    if note.note.strip():
        parts.append(f'<span class="civicnb-note-text">{_h(note.note)}</span>')
    if note.would_help.strip():
        parts.append(
            f'<span class="civicnb-note-help">{_h(t("fac_would_help", lang))} {_h(note.would_help)}</span>'
        )
    return "<li>" + "<br>".join(parts) + "</li>"


def _question_html(qr: QuestionReveal, fw: Framework, lang: str) -> str:
    view = qr.view
    q = fw.question(view.question_id)
    column = t("column_" + q.side.value, lang)
    groups = [view.self_view, view.other_side]
    third = view.third_party
    if third.withheld is not None or (
        third.stats is not None and third.stats.n + third.stats.n_dont_know
    ):
        groups.append(third)
    table = html_table(
        [t(k, lang) for k in ("fac_who", "fac_n", "fac_mean", "fac_dist", "fac_agreement")],
        [_group_row(view, g, lang) for g in groups],
        label=t("fac_answers_to", lang, n=q.number),
        css_class="civicnb-reveal-table",
        row_headers=True,
    )
    gap = t("fac_gap", lang, gap=score(view.gap, "—", lang, signed=True))
    flags = [t("fac_flag_" + f, lang) for f in view.flags]
    gap_line = (
        f'<p class="civicnb-gap">{_h(gap)}'
        + (f' <strong class="civicnb-flag">{_h(" · ".join(flags))}</strong>' if flags else "")
        + "</p>"
    )
    notes = "".join(_note_html(n, fw, lang) for n in qr.notes)
    notes_html = (
        f'<h5>{_h(t("fac_evidence", lang))}</h5><ul class="civicnb-notes">{notes}</ul>'
        if notes
        else ""
    )
    if qr.notes_withheld:
        notes_html += f'<p class="civicnb-hint">{_h(t("fac_notes_withheld", lang))}</p>'
    return (
        f"<h4>{_h(column)} {_h(q.number)}. {_h(q.text.get(lang))}</h4>{table}{gap_line}{notes_html}"
    )


def reveal_intro_html(reveal: StrandReveal, fw: Framework, lang: str) -> str:
    """The heading of a revealed strand and how to read it."""
    strand = fw.strand(reveal.strand_id)
    return (
        f"<h2>{_h(t('fac_room_view', lang, strand=t('strand_n', lang, n=strand.id)))}: "
        f"{_h(strand.title.get(lang))}</h2>"
        f'<p class="civicnb-hint">{_h(t("fac_reveal_intro", lang, k=reveal.min_group))}</p>'
    )


_CLOSE = 0.05
"""A change of the absolute gap smaller than this (score points) is "no change"."""


def then_now_html(pair_id: str, tn: ThenAndNow, fw: Framework, lang: str) -> str:
    """The pair's mean gap in the round before (then) and now, and which way it moved,
    in words (not by colour alone). Figures withheld by the small-number rule in either
    round show as "—" and give no change."""
    change = tn.pair(pair_id)
    if change is None:
        return ""
    n = fw.pair(pair_id).number
    moved = change.abs_gap_change
    if moved is None:
        verdict = t("progress_unknown", lang)
    elif moved <= -_CLOSE:
        verdict = t("progress_closer", lang)
    elif moved >= _CLOSE:
        verdict = t("progress_further", lang)
    else:
        verdict = t("progress_same", lang)
    then = t("progress_then", lang, label=tn.then.label)
    now = t("progress_now", lang, label=tn.now.label)
    table = html_table(
        ["", then, now, t("progress_change", lang)],
        [
            [
                t("progress_gap_row", lang),
                score(change.gap_before, "—", lang, signed=True),
                score(change.gap_after, "—", lang, signed=True),
                verdict,
            ]
        ],
        caption=t("progress_gap_caption", lang, n=n, then=tn.then.label, now=tn.now.label),
        css_class="civicnb-then-now",
        row_headers=True,
    )
    return (
        f'<div class="civicnb-progress"><h4>{_h(t("progress_gap_title", lang))}</h4>{table}</div>'
    )


def pair_reveal_html(
    pr: PairReveal, fw: Framework, lang: str, then_now: ThenAndNow | None = None
) -> str:
    """One pair of a revealed strand: its rank, flags and both columns; with
    ``then_now``, its gap in the round before beside today's."""
    pair = fw.pair(pr.pair.pair_id)
    progress = then_now_html(pr.pair.pair_id, then_now, fw, lang) if then_now else ""
    flags = [t("fac_flag_" + f, lang) for f in pr.pair.flags]
    badge = f' <span class="civicnb-flag">{_h(" · ".join(flags))}</span>' if flags else ""
    return (
        f'<section class="civicnb-reveal-pair" aria-label="{_h(t("pair_n", lang, n=pair.number))}">'
        f"<h3>{_h(t('fac_discuss_n', lang, rank=pr.rank, n=pair.number))}{badge}</h3>"
        f'<div class="civicnb-reveal-columns">'
        f'<div class="civicnb-reveal-col civicnb-column-LA">{_question_html(pr.la, fw, lang)}</div>'
        f'<div class="civicnb-reveal-col civicnb-column-CSO">{_question_html(pr.cso, fw, lang)}</div>'
        f"</div>{progress}</section>"
    )


def reveal_html(
    reveal: StrandReveal, fw: Framework, lang: str, then_now: ThenAndNow | None = None
) -> str:
    """A revealed strand, pair by pair in discussion order: both columns, each
    question's views, distributions, gap, agreement and the evidence notes (and each
    pair's gap then and now, with ``then_now``), and the per-organisation breakdown (where
    the locality has organisations)."""
    return reveal_intro_html(reveal, fw, lang) + "".join(
        pair_reveal_html(pr, fw, lang, then_now)
        + organisations_pair_html(reveal.organisations, pr.pair.pair_id, fw, lang)
        for pr in reveal.pairs
    )


# --- deliberation records -------------------------------------------------------------------


def _outcome_titles(outcomes: Sequence[Outcome], ids: Sequence[str]) -> str:
    by_id = {o.id: o.title for o in outcomes}
    return ", ".join(by_id[i] for i in ids if i in by_id)


def screening_html(screening: Screening, lang: str) -> str:
    """The score of an action against the five design tests, with the reasons."""
    total = screening.n_tests
    parts = [
        f"<strong>{_h(t('fac_screen_score', lang, score=screening.score, total=total))}</strong>"
    ]
    for key, tests in (
        ("fac_screen_passed", screening.passed),
        ("fac_screen_failed", screening.failed),
        ("fac_screen_unanswered", screening.unanswered),
    ):
        if tests:
            names = ", ".join(d.title.get(lang) for d in tests)
            parts.append(f"{_h(t(key, lang))} {_h(names)}")
    cats = ", ".join(t("tbl_" + c, lang) for c in screening.categories) or t("fac_none", lang)
    parts.append(f"{_h(t('fac_screen_tbl', lang))} {_h(cats)}")
    return "<br>".join(parts)


def actions_html(
    actions: Sequence[Action],
    screenings: dict[str, Screening],
    outcomes: Sequence[Outcome],
    lang: str,
) -> str:
    if not actions:
        return f"<p>{_h(t('fac_no_actions', lang))}</p>"
    rows: list[list[object]] = []
    for a in actions:
        due = a.due.isoformat() if a.due else "—"
        reasons = f"<br><em>{_h(a.screening_notes)}</em>" if a.screening_notes.strip() else ""
        rows.append(
            [
                a.text,
                a.strand or "—",
                a.owner or "—",
                due,
                t("status_" + a.status, lang),
                _outcome_titles(outcomes, a.outcome_ids) or "—",
                SafeHTML(screening_html(screenings[a.id], lang) + reasons),
            ]
        )
    head = [
        t(k, lang)
        for k in (
            "fac_action",
            "col_strand",
            "fac_owner",
            "fac_due",
            "fac_status",
            "fac_outcomes",
            "fac_screening",
        )
    ]
    head, rows = recorded_by_column(head, rows, actions, lang)
    return html_table(head, rows, label=t("fac_actions", lang))


def carried_actions_html(actions: Sequence[Action], round_labels: dict[str, str], lang: str) -> str:
    """The actions agreed in earlier rounds and still open (carried forward), with the
    round each comes from and its status; "" when there is none."""
    if not actions:
        return ""
    lis = "".join(
        f"<li>{_h(a.text)} ({_h(t('carried_from', lang, label=round_labels.get(a.round_id or '', '—')))}"
        f"; {_h(t('fac_status', lang))}: {_h(t('status_' + a.status, lang))})</li>"
        for a in actions
    )
    return (
        f'<div class="civicnb-carried"><h3>{_h(t("carried_title", lang))}</h3>'
        f"<p>{_h(t('carried_text', lang))}</p><ul>{lis}</ul></div>"
    )


def outcomes_html(
    outcomes: Sequence[Outcome], lang: str, last: dict[str, float | None] | None = None
) -> str:
    """The valued outcomes and their indicators; with ``last`` (outcome id -> value in
    the round before), the last round's value beside the current one."""
    if not outcomes:
        return f"<p>{_h(t('fac_no_outcomes', lang))}</p>"
    rows: list[list[object]] = [
        [
            o.title,
            t("tbl_" + o.category, lang),
            o.indicator or "—",
            _amount(o.baseline, lang),
            _amount(o.target, lang),
            *([_amount(last.get(o.id), lang)] if last else []),
            _amount(o.current, lang),
        ]
        for o in outcomes
    ]
    keys = ["fac_outcome", "fac_category", "fac_indicator", "fac_baseline", "fac_target"]
    head = [t(k, lang) for k in [*keys, *(["last_value"] if last else []), "fac_current"]]
    head, rows = recorded_by_column(head, rows, outcomes, lang)
    return html_table(head, rows, label=t("fac_outcomes_title", lang))


def coverage_html(
    cov: Coverage, outcomes: Sequence[Outcome], activities: Sequence[Activity], lang: str
) -> str:
    """The activities × outcomes matrix; uncovered outcomes and win-win activities marked
    in words (not by colour alone)."""
    if not outcomes or not activities:
        return f"<p>{_h(t('fac_matrix_empty', lang))}</p>"
    o_by_id = {o.id: o for o in outcomes}
    a_by_id = {a.id: a for a in activities}
    uncovered = set(cov.uncovered)
    winwin = {w.activity_id for w in cov.win_win}
    head: list[object] = [t("fac_activity", lang)]
    for oid in cov.outcome_ids:
        if oid in uncovered:
            title = f"{_h(o_by_id[oid].title)}<br><strong>{_h(t('fac_uncovered', lang))}</strong>"
            head.append(Cell(SafeHTML(title), css_class="civicnb-uncovered"))
        else:
            head.append(o_by_id[oid].title)
    head.append(t("fac_tbl", lang))
    rows = []
    for aid, row, cats in zip(cov.activity_ids, cov.matrix, cov.categories, strict=True):
        mark = f"<br><strong>{_h(t('fac_winwin', lang))}</strong>" if aid in winwin else ""
        cells = ["✓ " + t("fac_serves", lang) if on else "" for on in row]
        cat_text = ", ".join(t("tbl_" + c, lang) for c in cats) or "—"
        by = recorded_by_note(a_by_id[aid].recorded_by, lang)
        name = SafeHTML(_h(a_by_id[aid].title) + mark + (f"<br>{by}" if by else ""))
        rows.append(Row([name, *cells, cat_text], "civicnb-winwin" if aid in winwin else ""))
    summary = t(
        "fac_matrix_summary",
        lang,
        uncovered=", ".join(o_by_id[o].title for o in cov.uncovered) or t("fac_none", lang),
        winwin=", ".join(
            a_by_id[w.activity_id].title for w in cov.win_win if w.activity_id in a_by_id
        )
        or t("fac_none", lang),
    )
    foot = [[t("fac_activities_per_outcome", lang), *cov.counts, ""]]
    return f"<p>{_h(summary)}</p>" + html_table(
        head,
        rows,
        caption=t("fac_matrix", lang),
        css_class="civicnb-matrix",
        row_headers=True,
        foot=foot,
    )


def assets_html(assets: Sequence[Asset], outcomes: Sequence[Outcome], lang: str) -> str:
    if not assets:
        return f"<p>{_h(t('fac_no_assets', lang))}</p>"
    rows: list[list[object]] = [
        [
            t("asset_" + a.category, lang),
            a.description,
            _outcome_titles(outcomes, a.outcome_ids) or "—",
        ]
        for a in assets
    ]
    head = [t(k, lang) for k in ("fac_category", "fac_description", "fac_priorities")]
    head, rows = recorded_by_column(head, rows, assets, lang)
    return html_table(head, rows, label=t("fac_assets", lang))


def celebrations_html(items: Sequence[Celebration], lang: str) -> str:
    if not items:
        return f"<p>{_h(t('fac_no_celebrations', lang))}</p>"
    lis = "".join(
        f'<li><time datetime="{_h(c.created_at.isoformat())}">{_h(c.created_at.date().isoformat())}</time>: {_h(c.text)}'
        + (f" ({recorded_by_note(c.recorded_by, lang)})" if c.recorded_by else "")
        + "</li>"
        for c in items
    )
    return f'<ul class="civicnb-celebrations">{lis}</ul>'


def attendance_html(
    missing: Sequence[Attendance], lang: str, unheard: Sequence[Attendance] = ()
) -> str:
    """The groups expected but not here, with their outreach notes; then the groups here
    whose voice and contribution are not being fully recognised, with their notes."""
    return _missing_html(missing, lang) + _unheard_html(unheard, lang)


def _unheard_html(unheard: Sequence[Attendance], lang: str) -> str:
    if not unheard:
        return ""
    lis = "".join(
        f"<li><strong>{_h(a.group)}</strong>: {_h(a.unheard_note)}"
        + (f" ({recorded_by_note(a.recorded_by, lang)})" if a.recorded_by else "")
        + "</li>"
        for a in unheard
    )
    return f'<h3>{_h(t("fac_not_heard_title", lang))}</h3><ul class="civicnb-unheard">{lis}</ul>'


def _missing_html(missing: Sequence[Attendance], lang: str) -> str:
    if not missing:
        return f"<p>{_h(t('fac_all_here', lang))}</p>"
    lis = "".join(
        f"<li><strong>{_h(a.group)}</strong>"
        + (
            f": {_h(a.outreach_note)}"
            if a.outreach_note.strip()
            else f" — {_h(t('fac_no_outreach', lang))}"
        )
        + (f" ({recorded_by_note(a.recorded_by, lang)})" if a.recorded_by else "")
        + "</li>"
        for a in missing
    )
    return f"<h3>{_h(t('fac_not_here', lang))}</h3><ul>{lis}</ul>"
