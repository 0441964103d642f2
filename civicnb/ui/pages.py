"""The participant pages: start, one per strand (I–VI) and "my summary".

Each notebook calls one function here with its parameters; the function builds the page
from framework data and displays it. Widgets read and write only through
:class:`civicnb.workshop.participation.ParticipantSession` (and so the store). Participant text
is shown only as text (widget values, ``Label``, escaped HTML).

Served by Voilà, a page is interactive. Executed by papermill (``civicnb new``), there is
no browser: the page prints a readable static copy instead (the questions as text), so
the stored notebook is a valid document that holds no widget state.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ipywidgets as W
from IPython.display import Markdown, display

from civicnb.errors import CivicnbError
from civicnb.framework.model import Framework, Question, Strand
from civicnb.html.charts import RadarSeries, radar_svg
from civicnb.html.reveal import reveal_html
from civicnb.html.safe import html_escape as _h
from civicnb.html.safe import markdown_text, scroll_region
from civicnb.i18n import LANGUAGES, score, t
from civicnb.records import MAX_NOTE, Locality, Participant, Rating, Side
from civicnb.store import Store
from civicnb.ui.context import DownloadButton, LiveStatus, PageContext, heading_id
from civicnb.ui.rating import ChoiceGroup, QuestionCard, scale_labels
from civicnb.ui.withdraw import WithdrawPanel
from civicnb.workshop.facilitation import reveal_view, revealed_strands
from civicnb.workshop.participation import (
    ParticipantSession,
    SessionEnded,
    current_round,
    end_session,
    join,
    merge_own_workbook,
    session_info,
    start_session,
)
from civicnb.workspace import Workspace, open_workspace

__all__ = ["is_interactive", "start_page", "strand_page", "summary_page"]

STRAND_IDS = ("I", "II", "III", "IV", "V", "VI")


# --- environment ------------------------------------------------------------------------


def is_interactive() -> bool:
    """True in Voilà or a Jupyter front-end; False under papermill/nbclient."""
    if os.environ.get("CIVICNB_STATIC") == "1":
        return False
    markers = ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_APP_PORT", "JPY_SESSION_NAME")
    return os.environ.get("CIVICNB_INTERACTIVE") == "1" or any(m in os.environ for m in markers)


_BINDER_VARS = (
    "BINDER_LAUNCH_HOST",
    "BINDER_REPO_URL",
    "BINDER_REF_URL",
    "BINDER_REQUEST",
    "BINDER_PERSISTENT_REQUEST",
)


def is_temporary() -> bool:
    """True on Binder (BinderHub sets BINDER_* in the server's environment, which Voilà
    passes to kernels) or when CIVICNB_TEMPORARY=1; CIVICNB_TEMPORARY=0 says storage
    persists (a hub with persistent home folders)."""
    explicit = os.environ.get("CIVICNB_TEMPORARY")
    if explicit in ("0", "1"):
        return explicit == "1"
    return any(os.environ.get(k) for k in _BINDER_VARS)


def request_query() -> dict[str, str]:
    """The page's query string (after the request arrives, for preheated kernels)."""
    from civicnb.ui.request import query

    return query()


# --- shared page context --------------------------------------------------------------


@dataclass
class Context:
    workspace: Workspace
    store: Store
    framework: Framework
    locality: Locality
    lang: str
    round_label: str | None
    kiosk: bool = False
    """Kiosk mode: a shared device; its sessions end with "Next participant"."""
    token: str | None = None
    """The session token the browser holds (never in an address)."""

    @classmethod
    def open(cls, locality: str, workspace: str, lang: str, round_label: str | None) -> Context:
        ws = open_workspace(workspace or None)
        store = ws.open_store()
        loc = store.get_locality(locality)
        fw = ws.framework(loc.edition)
        language = lang if lang in LANGUAGES else loc.language
        return cls(ws, store, fw, loc, language, round_label or None)

    @property
    def storage_key(self) -> str:
        """Where the browser keeps this locality's session token."""
        return f"civicnb:{self.locality.id}"

    def session(self, participant_id: str) -> ParticipantSession:
        session = ParticipantSession.resume(
            self.store, self.framework, self.locality, participant_id, self.round_label
        )
        session.token = self.token
        return session

    def who(self, participant_id: str = "") -> str:
        """What a page address says besides the language: never an identity (the
        browser's session token says who is answering); ``kiosk=1`` on a shared device."""
        return "kiosk=1" if self.kiosk else ""

    def identify(self, page: PageContext) -> ParticipantSession | None:
        """The session of the participant whose live token the browser holds, else None
        (an ended or expired token is dropped from the browser)."""
        token = page.remembered().get("s")
        info = session_info(self.store, token, touch=True)
        if info is None:
            if token:
                page.drop()
            return None
        self.token = token
        self.kiosk = info.kiosk
        try:
            return self.session(info.participant_id)
        except CivicnbError:
            self.token = None
            return None

    def query(self, lang: str | None = None) -> str:
        who = self.who()
        return f"{who}&lang={lang or self.lang}" if who else f"lang={lang or self.lang}"


def _html(markup: str, *classes: str) -> W.HTML:
    w = W.HTML(markup)
    for c in classes:
        w.add_class(c)
    return w


def _nav(lang: str, who: str, current: str, progress: dict[str, tuple[int, int]]) -> W.HTML:
    """Links to every page, keeping identity (``who``: see :meth:`Context.who`) and
    language in the address."""
    return _html(_nav_html(lang, who, current, progress), "civicnb-nav")


def _nav_html(lang: str, who: str, current: str, progress: dict[str, tuple[int, int]]) -> str:
    q = f"?{who}&lang={lang}" if who else f"?lang={lang}"
    items = [("start", "start.ipynb", t("start", lang))]
    for sid in STRAND_IDS:
        label = t("strand_n", lang, n=sid)
        done, total = progress.get(sid, (0, 0))
        if total:
            label += f" ({done}/{total})"
        items.append((sid, f"strand-{sid}.ipynb", label))
    items.append(("summary", "summary.ipynb", t("my_summary", lang)))
    lis = "".join(
        f'<li><a href="{_h(href + q)}"{" aria-current=page" if key == current else ""}>'
        f"{_h(label)}</a></li>"
        for key, href, label in items
    )
    return f'<nav aria-label="{_h(t("nav_label", lang))}"><ul>{lis}</ul></nav>'


def _header(ctx: Context, person: Participant | None, rnd_label: str) -> W.HTML:
    return _html(_header_html(ctx, person, rnd_label), "civicnb-header")


def _header_html(ctx: Context, person: Participant | None, rnd_label: str) -> str:
    who = ""
    if person is not None:
        side = t(f"side_short_{person.side.value}", ctx.lang)
        who = f'<p class="civicnb-who">{_h(t("joined_as", ctx.lang, name=person.name, side=side))}</p>'
    return f'<p class="civicnb-place">{_h(ctx.locality.name)} · {_h(t("round", ctx.lang, label=rnd_label))}</p>{who}'


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookTools(W.VBox):
    """Download my workbook (JSON, XLSX), upload one to continue, the Binder warning.

    Built before anyone asks for the page (a preheated kernel builds it with the rest),
    then bound to the participant: nothing is created after the request but their data.
    """

    def __init__(self, ctx: Context, lang: str) -> None:
        self.ctx = ctx
        self.lang = lang
        self.session: ParticipantSession | None = None
        self.on_loaded: Callable[[], None] = lambda: None
        self.status = LiveStatus()
        self.heading = _html("")
        self.warning = _html("") if is_temporary() else None
        self.download_json = DownloadButton(
            "", "civicnb.json", "application/json", self._json_bytes, self._fail
        )
        self.download_xlsx = DownloadButton(
            "", "civicnb.xlsx", XLSX_MIME, self._excel_bytes, self._fail
        )
        self.upload = W.FileUpload(accept=".json,application/json", multiple=False)
        self.upload.layout.width = "auto"
        self.upload.observe(self._on_upload, names="value")
        parts: list[W.Widget] = [self.heading]
        if self.warning is not None:
            parts.append(self.warning)
        parts += [
            W.HBox([self.download_json, self.download_xlsx], layout=W.Layout(flex_flow="row wrap")),
            self.upload,
            self.status,
        ]
        super().__init__(parts)
        self.add_class("civicnb-workbook")
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<h2>{_h(t('workbook', lang))}</h2>"
        if self.warning is not None:
            self.warning.value = (
                f'<p class="civicnb-warning" role="note">{_h(t("binder_warning", lang))}</p>'
            )
        self.download_json.label = t("download_json", lang)
        self.download_xlsx.label = t("download_xlsx", lang)
        self.upload.description = t("upload", lang)

    def bind(self, session: ParticipantSession, on_loaded: Callable[[], None]) -> None:
        self.session = session
        self.on_loaded = on_loaded
        stem = f"civicnb-{self.ctx.locality.slug}-{session.participant.id[:8]}"
        self.download_json.filename = f"{stem}.json"
        self.download_xlsx.filename = f"{stem}.xlsx"

    def _bound(self) -> ParticipantSession:
        if self.session is None:
            raise CivicnbError("this page has no participant yet: open it from the start page")
        self.session.check_live()  # a tab left open after its session ended gets nothing
        return self.session

    def _fail(self, exc: Exception) -> None:
        if isinstance(exc, SessionEnded):
            self.status.show(t("session_over", self.lang), "error")
            return
        reason = str(exc) if isinstance(exc, CivicnbError) else type(exc).__name__
        self.status.show(t("error", self.lang, reason=reason), "error")

    def _json_bytes(self) -> bytes:
        from civicnb.exchange import workbook_to_dict

        doc = workbook_to_dict(
            self._bound().my_records(), framework_version=self.ctx.framework.version
        )
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def _excel_bytes(self) -> bytes:
        from civicnb.exchange.tables import xlsx_bytes

        return xlsx_bytes(self._bound().my_records(), self.ctx.framework)

    def _on_upload(self, change: dict[str, Any]) -> None:
        from civicnb.exchange.workbook import parse_json_bytes, workbook_from_dict

        files = change["new"]
        if not files:
            return
        item = files[0]
        ctx, lang = self.ctx, self.lang
        try:
            session = self._bound()
            raw = bytes(item["content"])
            doc = parse_json_bytes(raw, str(item.get("name", "workbook"))[:100])
            records, _ = workbook_from_dict(
                doc,
                source=str(item.get("name", "workbook"))[:100],
                question_ids=lambda fid, block: ctx.workspace.framework(fid).question_ids,
            )
            counts = merge_own_workbook(ctx.store, records, ctx.locality, session.participant)
        except SessionEnded:
            self.status.show(t("session_over", lang), "error")
        except CivicnbError as exc:
            self.status.show(t("upload_failed", lang, reason=str(exc)), "error")
        else:
            self.status.show(t("upload_done", lang, **counts), "ok")
            self.on_loaded()
        finally:
            self.upload.value = ()


def _workbook_tools(
    ctx: Context, session: ParticipantSession, on_loaded: Callable[[], None]
) -> WorkbookTools:
    tools = WorkbookTools(ctx, ctx.lang)
    tools.bind(session, on_loaded)
    return tools


# --- static copies (papermill) -----------------------------------------------------------


def _static_strand(fw: Framework, strand: Strand, lang: str) -> None:
    lines = [f"# {_md(t('strand_n', lang, n=strand.id))}: {_md(strand.title.get(lang))}", ""]
    lines += [f"> {_md(strand.guiding_question.get(lang))}", "", _md(strand.summary.get(lang)), ""]
    for pair in strand.pairs:
        lines.append(f"## {_md(t('pair_n', lang, n=pair.number))}")
        for q in pair.questions:
            column = t("column_" + q.side.value, lang)
            lines.append(f"- **{_md(column)} {q.number}.** {_md(q.text.get(lang))}")
        lines.append("")
    lines.append(f"*{_md(t('static_note', lang))}*")
    display(Markdown("\n".join(lines)))


# --- start page ---------------------------------------------------------------------


class StartPage:
    """Language, side, name or pseudonym and consent; then the way into the strands.

    Nobody is identified by the address: once the browser has said which session token
    it holds (``PageContext.ready``), a live session shows the joined view.
    """

    def __init__(self, ctx: Context, query: dict[str, str]) -> None:
        self.ctx = ctx
        self.round = current_round(ctx.store, ctx.locality, ctx.round_label)
        ctx.kiosk = ctx.kiosk or query.get("kiosk") == "1"
        self.page = PageContext(
            lang=ctx.lang,
            title=f"{t('start', ctx.lang)} · {ctx.locality.name}",
            storage_key=ctx.storage_key,
        )
        self.root = W.VBox([self.page])
        self.root.add_class("civicnb-page")
        # the form or the joined view once the browser has said which session it holds
        # (a form that turned into someone's page under one's fingers would be worse)
        self.page.when_ready(self._identify)

    def _identify(self) -> None:
        """The browser has said which session it holds: a live one continues."""
        kiosk = self.ctx.kiosk
        session = self.ctx.identify(self.page)
        if session is not None and kiosk and not self.ctx.kiosk:
            # the kiosk start page never shows someone's own (non-kiosk) session
            self.ctx.kiosk, self.ctx.token = True, None
            session = None
        if session is None:
            self.show_form()
            self.page.focus_heading(self.heading_id)
            return
        self.show_joined(session.participant)

    def _set(self, widgets: Sequence[W.Widget]) -> None:
        self.root.children = [self.page, *widgets]

    # the form ---------------------------------------------------------------------

    def show_form(self) -> None:
        lang = self.ctx.lang
        self.page.lang = lang
        kiosk = self.ctx.kiosk
        self.page.query = self.ctx.query(lang)
        language = ChoiceGroup(
            legend=t("language", lang),
            options=[[code, name] for code, name in LANGUAGES.items()],
            value=lang,
        )
        side = ChoiceGroup(
            legend=t("side", lang),
            options=[[s.value, t(f"side_{s.value}", lang)] for s in Side],
            value="",
        )
        name = W.Text(description=t("name", lang), continuous_update=False)
        name.style.description_width = "initial"
        name.add_class("civicnb-stacked")
        hint = _html(f'<p class="civicnb-hint">{_h(t("name_hint", lang))}</p>')
        consent = W.Checkbox(value=False, description=t("consent", lang), indent=False)
        consent.layout.width = "auto"
        consent.add_class("civicnb-consent")
        begin = W.Button(description=t("begin", lang))
        begin.add_class("civicnb-primary")
        status = LiveStatus()

        def switch_language(change: dict[str, Any]) -> None:
            if change["new"] not in LANGUAGES:
                return
            self.ctx.lang = change["new"]
            self.show_form()
            self.page.focus_heading(self.heading_id)

        def go(_b: Any) -> None:
            if not side.value:
                status.show(t("side_required", lang), "error")
                return
            if not name.value.strip():
                status.show(t("name_required", lang), "error")
                return
            try:
                person = join(
                    self.ctx.store, self.ctx.locality, side.value, name.value, consent.value
                )
            except CivicnbError as exc:
                status.show(t("error", lang, reason=str(exc)), "error")
                return
            self.show_joined(person)

        language.observe(switch_language, names="value")
        begin.on_click(go)
        self.heading_id = heading_id()
        intro = _html(
            f'<h1 id="{self.heading_id}">{_h(self.ctx.locality.name)}: {_h(t("app_name", lang))}</h1>'
            f'<p class="civicnb-place">{_h(t("round", lang, label=self.round.label))}</p>'
            f"<p>{_h(t('welcome_text', lang, place=self.ctx.locality.name))}</p>"
            + (f'<p class="civicnb-hint">{_h(t("kiosk_form_note", lang))}</p>' if kiosk else "")
        )
        self._set([intro, language, side, name, hint, consent, begin, status])

    # joined -----------------------------------------------------------------------

    def show_joined(self, person: Participant) -> None:
        ctx = self.ctx
        if not ctx.token:
            # a new session for this device: the browser keeps its token, the address
            # only the language
            ctx.token = start_session(
                ctx.store, person.id, kiosk=ctx.kiosk, device=self.page.device or None
            )
        self.page.keep(ctx.token, ctx.lang)
        self.page.query = ctx.query()
        session = ctx.session(person.id)
        joined = StartJoined(ctx, session, self.round.label)
        if ctx.kiosk:
            self._set([joined])
            _add_kiosk_bar(ctx, self.page, self.root)
        else:
            other = W.Button(description=t("forget_me", ctx.lang))

            def forget(_b: Any) -> None:
                end_session(ctx.store, ctx.token)
                ctx.token = None
                self.page.drop()
                self.show_form()
                self.page.focus_heading(self.heading_id)

            other.on_click(forget)
            self._set([joined, other])
        self.page.focus_heading(joined.heading_id)


class StartJoined(W.VBox):
    """What a participant sees on the start page once they have joined."""

    def __init__(self, ctx: Context, session: ParticipantSession, round_label: str) -> None:
        lang = ctx.lang
        person = session.participant
        progress = session.progress()
        q = "?" + _h(ctx.query(lang))
        items = []
        for s in ctx.framework.strands:
            done, total = progress[s.id]
            extra = f" — {_h(t('progress', lang, done=done, total=total))}" if total else ""
            items.append(
                f'<li><a href="strand-{s.id}.ipynb{q}">{_h(t("strand_n", lang, n=s.id))}: '
                f"{_h(s.title.get(lang))}</a>{extra}</li>"
            )
        self.heading_id = heading_id()
        body = _html(
            f'<h1 id="{self.heading_id}">{_h(ctx.locality.name)}: {_h(t("app_name", lang))}</h1>'
            f"<p>{_h(t('go_to_strands', lang))}</p><ol class='civicnb-strand-list'>{''.join(items)}</ol>"
            f'<p><a href="summary.ipynb{q}">{_h(t("my_summary", lang))}</a></p>'
        )
        super().__init__(
            [
                _nav(lang, ctx.who(person.id), "start", progress),
                _header(ctx, person, round_label),
                body,
                _workbook_tools(ctx, session, lambda: None),
            ]
        )


def start_page(
    locality: str, *, workspace: str = "", round: str = "", lang: str = "", store_url: str = ""
) -> StartPage | None:
    """Show the start page (see :class:`StartPage`)."""
    ctx = Context.open(locality, workspace, lang, round)
    if not is_interactive():
        display(
            Markdown(
                f"# {_md(ctx.locality.name)}\n\n{_md(t('welcome_text', ctx.lang, place=ctx.locality.name))}"
                f"\n\n*{t('static_note', ctx.lang)}*"
            )
        )
        return None
    query = request_query()
    if query.get("lang") in LANGUAGES:
        ctx.lang = query["lang"]
    page = StartPage(ctx, query)
    display(page.root)
    return page


def _md(text: str) -> str:
    """Text for Markdown output, escaped once: no markup gets through, and nothing shows
    as an HTML entity (``&#x27;``)."""
    return markdown_text(text)


# --- participant pages (strands, summary) ----------------------------------------------


def _request_lang(ctx: Context, page: PageContext) -> None:
    """The language asked for in the address (after the request, for preheated kernels).
    The address names nobody: an old ``?p=`` or ``?k=`` link is ignored."""
    query = request_query()
    if query.get("lang") in LANGUAGES:
        ctx.lang = query["lang"]
        page.lang = ctx.lang
    if query.get("kiosk") == "1":
        ctx.kiosk = True


def _not_joined(ctx: Context) -> W.HTML:
    start = f"start.ipynb?{ctx.query()}"
    return _html(
        f'<h1 id="{heading_id()}">{_h(t("app_name", ctx.lang))}</h1><p role="alert">{_h(t("not_joined", ctx.lang))} '
        f'<a href="{_h(start)}">{_h(t("start", ctx.lang))}</a></p>'
    )


def _focus_first_heading(page: PageContext, widget: W.HTML) -> None:
    found = re.search(r'<h1 id="([A-Za-z0-9_-]+)"', widget.value)
    if found:
        page.focus_heading(found.group(1))


def _close_all(widgets: Sequence[W.Widget]) -> None:
    for w in widgets:
        _close_all(getattr(w, "children", ()))
        w.close()


def _add_kiosk_bar(ctx: Context, page: PageContext, view: W.Box) -> None:
    """Kiosk mode: put "Next participant" at the top of a participant's page. It ends the
    kiosk session (every page opened with its token then shows the "not joined" notice),
    clears the page and goes to a fresh start page, replacing the history entry."""
    token = ctx.token
    if not token or not ctx.kiosk:
        return
    lang = ctx.lang
    button = W.Button(description=t("kiosk_next", lang))
    button.add_class("civicnb-primary")
    button.add_class("civicnb-kiosk-next")
    bar = W.VBox([_html(f"<p>{_h(t('kiosk_explain', lang))}</p>"), button])
    bar.add_class("civicnb-kiosk")
    bar.add_class("civicnb-no-print")

    def next_participant(_b: Any) -> None:
        end_session(ctx.store, token)
        ctx.token = None
        old = [c for c in view.children if c is not page]
        view.children = [page, _html(f'<p role="status">{_h(t("kiosk_clearing", lang))}</p>')]
        _close_all(old)  # the browser keeps no model of the previous participant's answers
        page.leave(f"start.ipynb?kiosk=1&lang={lang}", storage_key=ctx.storage_key)

    button.on_click(next_participant)
    view.children = [page, bar, *(c for c in view.children if c is not page)]


class QuestionForm(QuestionCard):
    """One question. Built from framework data alone (so that a preheated kernel can
    build the whole page before anyone asks for it), then bound to a participant's
    session: every change is saved at once and the card says "Saved" (or what went
    wrong, keeping the text in the box)."""

    def __init__(self, framework: Framework, question: Question, lang: str) -> None:
        super().__init__(**self._texts(framework, question, lang), max_note=MAX_NOTE)
        self.question = question
        self.ui_lang = lang
        self.session: ParticipantSession | None = None
        self._binding = False
        self._on_saved: Callable[[], None] = lambda: None
        self.observe(self._rating_changed, names=["value", "dont_know"])
        self.observe(lambda c: self._save(note=c["new"]), names="note")
        self.observe(lambda c: self._save(would_help=c["new"]), names="would_help")
        self.add_class("civicnb-question")

    @staticmethod
    def _texts(framework: Framework, question: Question, lang: str) -> dict[str, Any]:
        return {
            "legend": f"{question.number}. {question.text.get(lang)}",
            "labels": scale_labels(framework.scale, lang),
            "dont_know_label": framework.dont_know.get(lang),
            "lang": lang,
            "heading": t("column_" + question.side.value, lang),
            "note_label": t("evidence", lang, n=question.number),
            "help_label": t("would_help", lang, n=question.number),
            "text_refused": t("saving_failed", lang, reason=t("text_unencodable", lang)),
        }

    def relabel(self, framework: Framework, lang: str) -> None:
        """Every text in ``lang``, in one message (before a participant is bound)."""
        with self.hold_sync():
            for name, value in self._texts(framework, self.question, lang).items():
                setattr(self, name, value)
        self.ui_lang = lang

    def bind(
        self, session: ParticipantSession, stored: Rating | None, on_saved: Callable[[], None]
    ) -> None:
        """Show the participant's stored answer and save their changes from now on."""
        self._binding = True
        try:
            with self.hold_sync():
                mine = self.question.side == session.participant.side
                self.heading_tag = t("your_side" if mine else "optional_side", self.ui_lang)
                self.note = stored.note if stored else ""
                self.would_help = stored.would_help if stored else ""
                if stored is not None:
                    self.set_answer(stored.score, stored.dont_know)
        finally:
            self._binding = False
        self.session = session
        self._on_saved = on_saved

    def _rating_changed(self, change: dict[str, Any]) -> None:
        if change["name"] == "dont_know":
            if change["new"]:
                self._save(dont_know=True)
        elif change["new"]:
            self._save(score=int(change["new"]))

    def _save(self, **fields: Any) -> None:
        if self.session is None or self._binding:
            return
        lang = self.ui_lang
        try:
            self.session.save(self.question.id, **fields)
        except SessionEnded:
            self.show_status(t("session_ended", lang), "error")
            return
        except CivicnbError as exc:
            # the text stays in the box: nothing typed is lost
            self.show_status(t("saving_failed", lang, reason=str(exc)), "error")
            return
        except Exception as exc:  # whatever the library refuses: never "Saved" when not
            what = t("save_refused", lang, what=type(exc).__name__)
            self.show_status(t("saving_failed", lang, reason=what), "error")
            return
        # a new text at every save, so that screen readers announce each one
        now = datetime.now().strftime("%H:%M:%S")
        text = f"✓ {t('saved_at', lang, time=now)}"
        if text == self.status_text:
            text = f"✓ {t('saved_again_at', lang, time=now)}"
        self.show_status(text, "ok")
        self._on_saved()


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
        self.session: ParticipantSession | None = None
        self.nav = _html("", "civicnb-nav")
        self.header = _html("", "civicnb-header")
        self.forms: list[QuestionForm] = []
        self.heading_id = heading_id()
        self.intro = _html(
            _strand_intro_html(ctx.framework, strand, lang, self.heading_id), "civicnb-intro"
        )
        self.pair_headings: list[W.HTML] = []
        parts: list[W.Widget] = [page, self.nav, self.header, self.intro]
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
            self.pair_headings.append(_html(_pair_heading(pair.number, lang)))
            parts += [self.pair_headings[-1], row]
        # strand VI has no pairs: the checklist's overview instead of the room's view
        self.checklist = _html("") if not strand.pairs else None
        self.room = RoomPanel(lang, self.show_room) if strand.pairs else None
        if self.checklist is not None:
            parts.append(self.checklist)
        if self.room is not None:
            parts.append(self.room)
        self.tools = WorkbookTools(ctx, lang)
        parts.append(self.tools)
        self.next_link = _html(_next_link_html(ctx, strand, lang), "civicnb-next")
        parts.append(self.next_link)
        super().__init__(parts)
        self.add_class("civicnb-page")
        if session is not None:
            self.bind(session)

    def relabel(self, lang: str) -> None:
        """The same page in another language: its texts change, its widgets stay (a
        preheated page is built in the locality's language before anyone asks; building
        it again would send every widget to the browser twice)."""
        if lang == self.lang:
            return
        self.lang = lang
        self.intro.value = _strand_intro_html(
            self.ctx.framework, self.strand, lang, self.heading_id
        )
        self.next_link.value = _next_link_html(self.ctx, self.strand, lang)
        for heading, pair in zip(self.pair_headings, self.strand.pairs, strict=True):
            heading.value = _pair_heading(pair.number, lang)
        for form in self.forms:
            form.relabel(self.ctx.framework, lang)
        self.tools.relabel(lang)
        if self.room is not None:
            self.room.relabel(lang)

    def refresh_nav(self) -> None:
        if self.session is not None:
            person = self.session.participant
            self.nav.value = _nav_html(
                self.lang, self.ctx.who(person.id), self.strand.id, self.session.progress()
            )
            self.next_link.value = _next_link_html(self.ctx, self.strand, self.lang)

    def bind(self, session: ParticipantSession) -> None:
        self.session = session
        self.refresh_nav()
        self.header.value = _header_html(self.ctx, session.participant, session.round.label)
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
            self.room.show(reveal_html(reveal, self.ctx.framework, lang))
        else:
            self.room.show(None)


class RoomPanel(W.VBox):
    """The room's view of a strand on a participant's page: a notice and a "check"
    button while the strand is private, the revealed view once the facilitator shows it.
    Its widgets are made with the page, before anyone asks for it."""

    def __init__(self, lang: str, on_check: Callable[[], None]) -> None:
        self.notice = _html("")
        self.check = W.Button()
        self.check.on_click(lambda _b: on_check())
        self.view = _html("", "civicnb-reveal")
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
        label = t(
            "next_strand", lang, strand=f"{t('strand_n', lang, n=nxt.id)}: {nxt.title.get(lang)}"
        )
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
        f"<p>{_h(strand.summary.get(lang))}</p>{guidance}"
    )


def _checklist_html(ctx: Context, session: ParticipantSession, lang: str) -> str:
    answers = session.answers()
    q = "?" + _h(ctx.query(lang))

    def cell(question: Question) -> str:
        r = answers.get(question.id)
        if r is None or not r.answered:
            value = t("not_answered", lang)
        elif r.dont_know:
            value = ctx.framework.dont_know.get(lang)
        else:
            value = str(r.score)
        return f"<td>{_h(question.number)}: {_h(value)}</td>"

    rows = []
    for strand in ctx.framework.strands:
        for pair in strand.pairs:
            rows.append(
                f'<tr><th scope="row"><a href="strand-{strand.id}.ipynb{q}">'
                f"{_h(t('strand_n', lang, n=strand.id))}, {_h(t('pair_n', lang, n=pair.number))}</a></th>"
                f"{cell(pair.la)}{cell(pair.cso)}</tr>"
            )
    return (
        f"<h2>{_h(t('checklist_title', lang))}</h2><p>{_h(t('checklist_intro', lang))}</p>"
        + scroll_region(
            t("checklist_title", lang),
            f'<table class="civicnb-table"><thead><tr><th scope="col">{_h(t("pair_n", lang, n=""))}</th>'
            f'<th scope="col">{_h(t("column_LA", lang))}</th><th scope="col">{_h(t("column_CSO", lang))}</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        )
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
        _static_strand(ctx.framework, the_strand, ctx.lang)
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
    _request_lang(ctx, page)
    page.title = f"{t('strand_n', ctx.lang, n=strand)}: {the_strand.title.get(ctx.lang)} · {ctx.locality.name}"
    view.relabel(ctx.lang)  # another language than the locality's, if asked for

    def identified() -> None:
        session = ctx.identify(page)
        if session is None:
            notice = _not_joined(ctx)
            view.children = [page, notice]
            _focus_first_heading(page, notice)
            return
        view.bind(session)
        _add_kiosk_bar(ctx, page, view)
        page.focus_heading(view.heading_id)

    page.when_ready(identified)
    return view


# --- my summary ---------------------------------------------------------------------------


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
                _nav(ctx.lang, ctx.who(person.id), "summary", session.progress()),
                _header(ctx, person, session.round.label),
                self.body,
                _workbook_tools(ctx, session, self.refresh),
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
        rows = "".join(
            f'<tr><th scope="row">{_h(t("strand_n", lang, n=f.strand_id))}: {_h(fw.strand(f.strand_id).title.get(lang))}</th>'
            f"<td>{_h(fmt(f.own_mean))}</td><td>{_h(fmt(f.other_mean))}</td>"
            f"<td>{f.answered}/{f.total}</td><td>{f.dont_know}</td></tr>"
            for f in figures
        )
        # a narrow screen scrolls the table sideways rather than breaking its words
        table = scroll_region(
            t("table_caption", lang),
            f'<table class="civicnb-table"><caption>{_h(t("table_caption", lang))}</caption><thead><tr>'
            f'<th scope="col">{_h(t("col_strand", lang))}</th><th scope="col">{_h(t("radar_own", lang))}</th>'
            f'<th scope="col">{_h(t("radar_other", lang))}</th><th scope="col">{_h(t("col_answered", lang))}</th>'
            f'<th scope="col">{_h(t("col_dont_know", lang))}</th></tr></thead><tbody>{rows}</tbody></table>',
        )
        self.body.value = (
            f'<h1 id="{self.heading_id}">{_h(t("summary_title", lang))}</h1><p>{_h(text)}</p>'
            f'<div class="civicnb-chart"><figure>{svg}<figcaption><ul class="civicnb-legend">{legend}</ul>'
            f"</figcaption></figure>{table}</div>"
        )


def summary_page(
    locality: str, *, workspace: str = "", round: str = "", lang: str = "", store_url: str = ""
) -> W.Widget | None:
    """Show "my summary": a radar chart per strand, its data table and a paragraph."""
    ctx = Context.open(locality, workspace, lang, round)
    if not is_interactive():
        display(Markdown(f"# {t('summary_title', ctx.lang)}\n\n*{t('static_note', ctx.lang)}*"))
        return None
    page = PageContext(
        lang=ctx.lang,
        title=f"{t('my_summary', ctx.lang)} · {ctx.locality.name}",
        storage_key=ctx.storage_key,
    )
    view = W.VBox([page])
    view.add_class("civicnb-page")
    display(view)
    _request_lang(ctx, page)
    page.title = f"{t('my_summary', ctx.lang)} · {ctx.locality.name}"

    def identified() -> None:
        session = ctx.identify(page)
        if session is None:
            notice = _not_joined(ctx)
            view.children = [page, notice]
            _focus_first_heading(page, notice)
            return
        summary = SummaryPage(ctx, session, page)
        view.children = [page, summary]
        _add_kiosk_bar(ctx, page, view)
        page.focus_heading(summary.heading_id)

    page.when_ready(identified)
    return view
