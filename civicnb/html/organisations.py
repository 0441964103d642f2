"""The per-organisation breakdown as HTML: each organisation's own view of a question of
its side, the others' view of it and the gap (the facilitator's reveal, the report).

A withheld view reads "fewer than k" (or that it would give away a smaller group) and
never shows a number; organisations nobody answered for are left out. Organisation
names are data (escaped by :func:`~civicnb.html.tables.html_table`).
"""

from __future__ import annotations

from collections.abc import Iterable

from civicnb.analysis.organisations import (
    OrganisationAnalysis,
    OrganisationQuestion,
    ProtectsOthers,
)
from civicnb.analysis.views import GroupView
from civicnb.framework.model import Framework, Question
from civicnb.html.questions import pair_label, question_label
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import number, score, t

__all__ = ["group_text", "organisations_pair_html", "organisations_strand_html"]


def group_text(g: GroupView, lang: str) -> str:
    """One organisation view as a short text: the mean and how many scored, "no
    answers", or the withheld notice (no number but the rule's k)."""
    if g.withheld is not None:
        if isinstance(g.withheld, ProtectsOthers):
            return t("org_protects", lang)
        return t("org_fewer_than", lang, k=g.withheld.min_group)
    if g.stats is None or g.stats.n_answers == 0:
        return t("org_nobody", lang)
    if g.mean is None:
        return t("rep_na", lang)
    return f"{score(g.mean, '', lang)} (n = {number(g.stats.n, lang)})"


def _gap_text(q: OrganisationQuestion, lang: str) -> str:
    return score(q.gap, "—", lang, signed=True)


def _label(q: Question, lang: str) -> str:
    return question_label(q, lang)


def _rows(
    analysis: OrganisationAnalysis, questions: Iterable[Question], lang: str, *, with_question: bool
) -> list[list[object]]:
    names = {o.organisation.id: o.organisation.name for o in analysis.organisations}
    rows: list[list[object]] = []
    for question in questions:
        for oq in analysis.for_question(question.id):
            if not oq.anyone:
                continue
            cells: list[object] = [names[oq.organisation_id]]
            if with_question:
                cells.append(_label(question, lang))
            cells += [group_text(oq.own, lang), group_text(oq.others, lang), _gap_text(oq, lang)]
            rows.append(cells)
    return rows


def _head(lang: str, *, with_question: bool) -> list[str]:
    keys = ["org_col_org", *(["rep_question"] if with_question else []), "org_col_own"]
    return [t(k, lang) for k in (*keys, "org_col_others", "org_col_gap")]


def _rule(analysis: OrganisationAnalysis, lang: str) -> str:
    return f'<p class="civicnb-hint">{_h(t("org_rule", lang, k=analysis.min_group))}</p>'


def organisations_pair_html(
    analysis: OrganisationAnalysis | None, pair_id: str, fw: Framework, lang: str
) -> str:
    """The breakdown under one pair of the reveal: a table per question of the pair that
    some organisation's people answered (or rated); "" if there is none."""
    if analysis is None or not analysis.organisations:
        return ""
    pair = fw.pair(pair_id)
    tables = []
    for question in (pair.la, pair.cso):
        rows = _rows(analysis, [question], lang, with_question=False)
        if rows:
            caption = t("org_breakdown_caption", lang, question=_label(question, lang))
            tables.append(
                html_table(
                    _head(lang, with_question=False),
                    rows,
                    caption=caption,
                    css_class="civicnb-organisations",
                    row_headers=True,
                )
            )
    if not tables:
        return ""
    title = f"{t('org_breakdown', lang)} — {pair_label(pair, lang)}"
    return (
        f'<section class="civicnb-organisations-breakdown" aria-label="{_h(title)}">'
        f"<h4>{_h(t('org_breakdown', lang))}</h4>{''.join(tables)}{_rule(analysis, lang)}"
        "</section>"
    )


def organisations_strand_html(
    analysis: OrganisationAnalysis, strand_id: str, fw: Framework, lang: str
) -> str:
    """One table for a strand (the report): a row per organisation and question; "" if
    no organisation's people answered (or rated) any of its questions."""
    strand = fw.strand(strand_id)
    rows = _rows(analysis, strand.questions, lang, with_question=True)
    if not rows:
        return ""
    caption = f"{t('org_breakdown', lang)}: {t('strand_n', lang, n=strand.id)}"
    return html_table(
        _head(lang, with_question=True),
        rows,
        caption=caption,
        css_class="civicnb-organisations",
        row_headers=True,
    )
