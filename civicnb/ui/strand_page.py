"""A strand's page (I–VI): its questions pair by pair, saved as the participant answers;
the room's view once the facilitator reveals the strand (strand VI: the checklist)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W
from IPython.display import display

from civicnb.framework.model import Framework, Pair, Strand
from civicnb.html.attribution import attribution_html
from civicnb.html.checklist import answer_marks, checklist_table
from civicnb.html.orientation import well_being_html
from civicnb.html.reveal import reveal_html
from civicnb.html.safe import SafeHTML
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.ui.about import about_widget
from civicnb.ui.context import PageContext, heading_id
from civicnb.ui.easy_read import EASY_CLASS, switch_html
from civicnb.ui.easy_read import strand_intro_html as easy_intro_html
from civicnb.ui.environment import is_interactive
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.ui.participant_page import header_html, nav_html, request_lang, when_identified
from civicnb.ui.question_form import QuestionForm
from civicnb.ui.static import static_strand
from civicnb.ui.workbook_tools import WorkbookTools
from civicnb.workshop.facilitation import reveal_view, revealed_strands
from civicnb.workshop.participation import ParticipantSession
from civicnb.workshop.progress import then_and_now

__all__ = ["RoomPanel", "StrandPage", "strand_page"]


class StrandPage(W.VBox):
    """A strand's page: built from framework data first, then bound to a participant."""

    def __init__(
        self,
        ctx: Context,
        session: ParticipantSession | None,
        strand: Strand,
        page: PageContext,
    ) -> None:
        lang = ctx.lang
        self.ctx = ctx
        self.strand = strand
        self.lang = lang
        self.easy = False
        self.session: ParticipantSession | None = None
        self.nav = html_widget("", "civicnb-nav")
        self.switch = html_widget(switch_html(ctx, f"strand-{strand.id}.ipynb", lang))
        self.header = html_widget("", "civicnb-header")
        self.forms: list[QuestionForm] = []
        self.heading_id = heading_id()
        self.intro = html_widget(
            _strand_intro_html(ctx.framework, strand, lang, self.heading_id), "civicnb-intro"
        )
        self.pair_headings: list[W.HTML] = []
        parts: list[W.Widget] = [page, self.nav, self.switch, self.header, self.intro]
        for pair in strand.pairs:
            columns = []
            for q in pair.questions:
                form = QuestionForm(ctx.framework, q, lang)
                form.add_class("civicnb-column")
                form.add_class(f"civicnb-column-{q.side.value}")
                columns.append(form)
                self.forms.append(form)
            row = W.HBox(columns)
            row.add_class("civicnb-pair")
            self.pair_headings.append(html_widget(_pair_heading(pair.number, lang)))
            parts += [self.pair_headings[-1], row]
        # strand VI has no pairs: the checklist's overview instead of the room's view
        self.checklist = html_widget("") if not strand.pairs else None
        self.room = RoomPanel(lang, self.show_room) if strand.pairs else None
        if self.checklist is not None:
            parts.append(self.checklist)
        if self.room is not None:
            parts.append(self.room)
        self.tools = WorkbookTools(ctx, lang)
        parts.append(self.tools)
        self.next_link = html_widget(_next_link_html(ctx, strand, lang), "civicnb-next")
        parts.append(self.next_link)
        self.about = about_widget(ctx.framework, lang)
        parts.append(self.about)
        super().__init__(parts)
        self.add_class("civicnb-page")
        if session is not None:
            self.bind(session)

    def relabel(self, lang: str, easy: bool = False) -> None:
        """The same page in another language, or in easy read: its texts change, its
        widgets stay (a preheated page is built in the locality's language before anyone
        asks; building it again would send every widget to the browser twice)."""
        self.switch.value = switch_html(self.ctx, f"strand-{self.strand.id}.ipynb", lang)
        if lang == self.lang and easy == self.easy:
            return
        self.lang, self.easy = lang, easy
        intro = easy_intro_html if easy else _strand_intro_html
        self.intro.value = intro(self.ctx.framework, self.strand, lang, self.heading_id)
        if easy:
            self.add_class(EASY_CLASS)
        else:
            self.remove_class(EASY_CLASS)
        self.next_link.value = _next_link_html(self.ctx, self.strand, lang)
        for heading, pair in zip(self.pair_headings, self.strand.pairs, strict=True):
            heading.value = _pair_heading(pair.number, lang)
        for form in self.forms:
            form.relabel(self.ctx.framework, lang, easy)
        self.tools.relabel(lang)
        self.about.value = attribution_html(self.ctx.framework, lang)
        if self.room is not None:
            self.room.relabel(lang)

    def refresh_nav(self) -> None:
        if self.session is not None:
            person = self.session.participant
            self.nav.value = nav_html(
                self.lang, self.ctx.who(person.id), self.strand.id, self.session.progress()
            )
            self.next_link.value = _next_link_html(self.ctx, self.strand, self.lang)

    def bind(self, session: ParticipantSession) -> None:
        self.session = session
        self.refresh_nav()
        self.header.value = header_html(self.ctx, session.participant, session.round.label)
        answers = session.answers()
        for form in self.forms:
            form.bind(session, answers.get(form.question.id), self.refresh_nav)
        if self.checklist is not None:
            self.checklist.value = _checklist_html(self.ctx, session, self.lang)
        self.tools.bind(session, self.refresh_nav)
        self.show_room()

    def show_room(self) -> None:
        """The room's view of this strand once the facilitator has revealed it; until
        then only a notice (blind rating: no aggregate reaches the page)."""
        if self.room is None or self.session is None:
            return
        lang = self.lang
        rnd = self.session.round
        if self.strand.id in revealed_strands(self.ctx.store, rnd.id):
            reveal = reveal_view(
                self.ctx.store,
                self.ctx.framework,
                self.ctx.locality,
                rnd,
                self.strand.id,
                lang=lang,
            )
            then_now = then_and_now(  # each pair's gap in the round before, if any
                self.ctx.store, self.ctx.framework, self.ctx.locality, rnd, reveal
            )
            self.room.show(reveal_html(reveal, self.ctx.framework, lang, then_now))
        else:
            self.room.show(None)


class RoomPanel(W.VBox):
    """The room's view of a strand on a participant's page: a notice and a "check"
    button while the strand is private, the revealed view once the facilitator shows it.
    Its widgets are made with the page, before anyone asks for it."""

    def __init__(self, lang: str, on_check: Callable[[], None]) -> None:
        self.notice = html_widget("")
        self.check = W.Button()
        self.check.on_click(lambda _b: on_check())
        self.view = html_widget("", "civicnb-reveal")
        super().__init__([])
        self.add_class("civicnb-room")
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        self.notice.value = f'<p class="civicnb-hint" role="note">{_h(t("room_hidden", lang))}</p>'
        self.check.description = t("room_check", lang)

    def show(self, revealed: str | None) -> None:
        """The revealed view's HTML, or None while the strand is private."""
        if revealed is None:
            self.children = [self.notice, self.check]
            return
        self.view.value = revealed
        self.children = [self.view]


def _pair_heading(number: int, lang: str) -> str:
    return f"<h2>{_h(t('pair_n', lang, n=number))}</h2>"


def _next_link_html(ctx: Context, strand: Strand, lang: str) -> str:
    """At the end of a strand: the way on to the next strand (or "my summary")."""
    ids = [s.id for s in ctx.framework.strands]
    i = ids.index(strand.id) if strand.id in ids else len(ids) - 1
    q = "?" + ctx.query(lang)
    if i + 1 < len(ids):
        nxt = ctx.framework.strands[i + 1]
        href = f"strand-{nxt.id}.ipynb{q}"
        title = nxt.easy_title(lang) if ctx.easy_read else nxt.title.get(lang)
        label = t("next_strand", lang, strand=f"{t('strand_n', lang, n=nxt.id)}: {title}")
    else:
        href = f"summary.ipynb{q}"
        label = t("next_strand", lang, strand=t("my_summary", lang))
    return (
        f'<nav aria-label="{_h(t("next_label", lang))}"><p class="civicnb-next-link">'
        f'<a href="{_h(href)}">{_h(label)} <span aria-hidden="true">→</span></a></p></nav>'
    )


def _strand_intro_html(fw: Framework, strand: Strand, lang: str, hid: str = "") -> str:
    groups = []
    for g in strand.element_groups:
        items = "".join(
            f"<li><strong>{_h(e.title.get(lang))}</strong>: {_h(e.summary.get(lang))}"
            + (f" <em>{_h(e.test.get(lang))}</em>" if e.test else "")
            + "</li>"
            for e in g.elements
        )
        groups.append(
            f"<details><summary>{_h(g.title.get(lang))}</summary><ul>{items}</ul></details>"
        )
    a = fw.attribution
    source = f"{a.author}, {a.title} ({a.publisher}, {a.year})"
    guidance = f"<h2>{_h(t('guidance', lang))}</h2>{''.join(groups)}" if groups else ""
    return (
        f"<h1{f' id={hid!r}' if hid else ''}>{_h(t('strand_n', lang, n=strand.id))}: {_h(strand.title.get(lang))}</h1>"
        f'<figure class="civicnb-guiding"><figcaption>{_h(t("guiding_question", lang))}</figcaption>'
        f"<blockquote>{_h(strand.guiding_question.get(lang))}</blockquote>"
        f'<p class="civicnb-source">{_h(t("source", lang, source=source))}</p></figure>'
        f"<p>{_h(strand.summary.get(lang))}</p>{guidance}" + well_being_html(fw, strand, lang)
    )


def _checklist_html(ctx: Context, session: ParticipantSession, lang: str) -> str:
    """All fifteen pairs as the pamphlet sets them out, each question with the
    participant's own answer, each row a link to its strand's page."""
    q = "?" + _h(ctx.query(lang))

    def link(strand: Strand, pair: Pair) -> SafeHTML:
        return SafeHTML(
            f'<a href="strand-{strand.id}.ipynb{q}">'
            f"{_h(t('strand_n', lang, n=strand.id))}, {_h(t('pair_n', lang, n=pair.number))}</a>"
        )

    marks = answer_marks(ctx.framework, session.answers(), lang)
    return (
        f"<h2>{_h(t('checklist_title', lang))}</h2><p>{_h(t('checklist_intro', lang))}</p>"
        + checklist_table(ctx.framework, lang, marks=marks, row_header=link)
    )


def strand_page(
    strand: str,
    locality: str,
    *,
    workspace: str = "",
    round: str = "",
    lang: str = "",
    store_url: str = "",
) -> W.Widget | None:
    """Show the page of one strand for the participant named in the address."""
    ctx = Context.open(locality, workspace, lang, round)
    the_strand = ctx.framework.strand(strand)
    if not is_interactive():
        static_strand(ctx.framework, the_strand, ctx.lang)
        return None
    page = PageContext(
        lang=ctx.lang,
        title=f"{t('strand_n', ctx.lang, n=strand)}: {the_strand.title.get(ctx.lang)} · {ctx.locality.name}",
        storage_key=ctx.storage_key,
    )
    # everything that does not depend on who asks is built and shown first: a preheated
    # kernel does this before the request arrives
    view = StrandPage(ctx, None, the_strand, page)
    display(view)
    request_lang(ctx, page)
    shown = the_strand.easy_title(ctx.lang) if ctx.easy_read else the_strand.title.get(ctx.lang)
    page.title = f"{t('strand_n', ctx.lang, n=strand)}: {shown} · {ctx.locality.name}"
    view.relabel(ctx.lang, ctx.easy_read)  # another language, or easy read, if asked for

    def show(session: ParticipantSession) -> str:
        view.bind(session)
        return view.heading_id

    when_identified(ctx, page, view, show)
    return view
