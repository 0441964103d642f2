"""\"My summary\": the participant's own ratings per strand as a radar chart, its data
table and a paragraph saying what it shows; withdrawing their answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import ipywidgets as W
from IPython.display import display

from civicnb.framework.model import Framework, Question
from civicnb.html.attribution import attribution_html
from civicnb.html.charts import RadarSeries, radar_svg
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import score, t
from civicnb.records import Side
from civicnb.ui.about import about_widget, with_about
from civicnb.ui.context import PageContext, heading_id
from civicnb.ui.easy_read import EASY_CLASS, switch_html
from civicnb.ui.environment import is_interactive
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.ui.participant_page import header_widget, nav_widget, request_lang, when_identified
from civicnb.ui.static import static_summary
from civicnb.ui.withdraw import WithdrawPanel
from civicnb.ui.workbook_tools import workbook_tools
from civicnb.workshop.participation import ParticipantSession
from civicnb.workshop.rounds import previous_round

__all__ = [
    "StrandFigures",
    "SummaryPage",
    "my_figures",
    "my_last_round",
    "summary_page",
    "summary_text",
]


@dataclass(frozen=True)
class StrandFigures:
    strand_id: str
    own_mean: float | None
    other_mean: float | None
    answered: int
    total: int
    dont_know: int


def my_figures(session: ParticipantSession) -> list[StrandFigures]:
    """Per strand I–V: the participant's own-side and other-side average ratings."""
    answers = session.answers()
    side = session.participant.side
    out = []
    for strand in session.framework.strands:
        if not strand.pairs:
            continue
        own_q = [q for q in strand.questions if q.side == side or side == Side.OTHER]
        other_q = [q for q in strand.questions if q not in own_q]

        def mean(qs: Sequence[Question]) -> float | None:
            scores = [answers[q.id].score for q in qs if q.id in answers and answers[q.id].score]
            return sum(s for s in scores if s) / len(scores) if scores else None

        answered = sum(1 for q in own_q if q.id in answers and answers[q.id].answered)
        dk = sum(1 for q in strand.questions if q.id in answers and answers[q.id].dont_know)
        out.append(StrandFigures(strand.id, mean(own_q), mean(other_q), answered, len(own_q), dk))
    return out


def my_last_round(session: ParticipantSession) -> tuple[str, list[StrandFigures]] | None:
    """The round before this one, if this participant (the same participant id: a
    returning participant resumes with their session) answered in it: its label and
    their figures then. None otherwise."""
    before = previous_round(session.store, session.locality, session.round)
    if before is None:
        return None
    then = replace(session, round=before, token=None)  # read only: answers() and progress
    figures = my_figures(then)
    if not any(f.answered or f.dont_know or f.other_mean is not None for f in figures):
        return None
    return before.label, figures


def summary_text(figures: Sequence[StrandFigures], fw: Framework, lang: str) -> str:
    """One paragraph saying in words what the chart shows."""
    rated = [f for f in figures if f.own_mean is not None]
    if not rated:
        return t("summary_none", lang)
    best = max(rated, key=lambda f: (f.own_mean or 0, f.strand_id))
    worst = min(rated, key=lambda f: (f.own_mean or 0, f.strand_id))
    text = t(
        "summary_text",
        lang,
        answered=sum(f.answered for f in figures),
        total=sum(f.total for f in figures),
        best=f"{t('strand_n', lang, n=best.strand_id)} ({fw.strand(best.strand_id).title.get(lang)})",
        best_value=score(best.own_mean, "", lang),
        worst=f"{t('strand_n', lang, n=worst.strand_id)} ({fw.strand(worst.strand_id).title.get(lang)})",
        worst_value=score(worst.own_mean, "", lang),
    )
    dk = sum(f.dont_know for f in figures)
    if dk:
        text += t("summary_dont_know", lang, n=dk)
    return text


class SummaryPage(W.VBox):
    def __init__(
        self, ctx: Context, session: ParticipantSession, page: PageContext | None = None
    ) -> None:
        self.ctx = ctx
        self.session = session
        self.body = W.HTML()
        self.heading_id = heading_id()
        person = session.participant
        super().__init__(
            [
                nav_widget(ctx.lang, ctx.who(person.id), "summary", session.progress()),
                html_widget(switch_html(ctx, "summary.ipynb", ctx.lang)),
                header_widget(ctx, person, session.round.label),
                self.body,
                workbook_tools(ctx, session, self.refresh),
            ]
            # withdrawing needs the page's link to the browser (to forget the session)
            + ([WithdrawPanel(ctx, session, page, self)] if page is not None else [])
        )
        self.refresh()

    def refresh(self) -> None:
        lang = self.ctx.lang
        fw = self.ctx.framework
        figures = my_figures(self.session)
        text = summary_text(figures, fw, lang)

        def fmt(v: float | None) -> str:
            return score(v, t("no_rating", lang), lang)

        axes = [t("strand_n", lang, n=f.strand_id) for f in figures]
        series = [RadarSeries(t("radar_own", lang), [f.own_mean for f in figures], "#1d4ed8")]
        last = my_last_round(self.session)
        if last is not None:
            then = {f.strand_id: f for f in last[1]}
            series.append(
                RadarSeries(
                    t("progress_radar_then", lang),
                    [then[f.strand_id].own_mean if f.strand_id in then else None for f in figures],
                    "#047857",
                    "2 4",
                )
            )
        if any(f.other_mean is not None for f in figures):
            series.append(
                RadarSeries(
                    t("radar_other", lang), [f.other_mean for f in figures], "#b45309", "8 6"
                )
            )
        svg = radar_svg(
            axes,
            series,
            title=t("radar_title", lang),
            description=text,
            chart_id="my-radar",
            lang=lang,
        )
        legend = "".join(
            f'<li><span class="civicnb-swatch" style="border-color:{s.colour}"></span>{_h(s.label)}</li>'
            for s in series
        )
        rows = [
            [
                f"{t('strand_n', lang, n=f.strand_id)}: {fw.strand(f.strand_id).title.get(lang)}",
                fmt(f.own_mean),
                fmt(f.other_mean),
                f"{f.answered}/{f.total}",
                f.dont_know,
            ]
            for f in figures
        ]
        # a narrow screen scrolls the table sideways rather than breaking its words
        table = html_table(
            [
                t(k, lang)
                for k in ("col_strand", "radar_own", "radar_other", "col_answered", "col_dont_know")
            ],
            rows,
            caption=t("table_caption", lang),
            row_headers=True,
        )
        progress = ""
        if last is not None:
            label, then_figures = last
            before = {f.strand_id: f for f in then_figures}
            now_label = self.session.round.label
            progress = f"<h2>{_h(t('progress_summary_title', lang))}</h2>" + html_table(
                [
                    t("col_strand", lang),
                    t("progress_then", lang, label=label),
                    t("progress_now", lang, label=now_label),
                ],
                [
                    [
                        f"{t('strand_n', lang, n=f.strand_id)}: {fw.strand(f.strand_id).title.get(lang)}",
                        fmt(before[f.strand_id].own_mean if f.strand_id in before else None),
                        fmt(f.own_mean),
                    ]
                    for f in figures
                ],
                caption=t("progress_summary_caption", lang, then=label, now=now_label),
                row_headers=True,
                css_class="civicnb-then-now",
            )
        self.body.value = (
            f'<h1 id="{self.heading_id}">{_h(t("summary_title", lang))}</h1><p>{_h(text)}</p>'
            f'<div class="civicnb-chart"><figure>{svg}<figcaption><ul class="civicnb-legend">{legend}</ul>'
            f"</figcaption></figure>{table}{progress}</div>"
        )


def summary_page(
    locality: str, *, workspace: str = "", round: str = "", lang: str = "", store_url: str = ""
) -> W.Widget | None:
    """Show "my summary": a radar chart per strand, its data table and a paragraph."""
    ctx = Context.open(locality, workspace, lang, round)
    if not is_interactive():
        static_summary(ctx)
        return None
    page = PageContext(
        lang=ctx.lang,
        title=f"{t('my_summary', ctx.lang)} · {ctx.locality.name}",
        storage_key=ctx.storage_key,
    )
    about = about_widget(ctx.framework, ctx.lang)
    view = W.VBox([page, about])
    view.add_class("civicnb-page")
    display(view)
    request_lang(ctx, page)
    page.title = f"{t('my_summary', ctx.lang)} · {ctx.locality.name}"
    about.value = attribution_html(ctx.framework, ctx.lang)

    def show(session: ParticipantSession) -> str:
        if ctx.easy_read:
            view.add_class(EASY_CLASS)
        summary = SummaryPage(ctx, session, page)
        view.children = with_about(view, [page, summary])
        return summary.heading_id

    when_identified(ctx, page, view, show)
    return view
