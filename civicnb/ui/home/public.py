"""The home page's public part: what anyone who opens the server's root sees.

* the page's title, and the same page in each other language (``?lang=``);
* the localities open for answering (those whose pages are in the workspace), each with
  its join link (relative: ``SLUG/start.ipynb``, so that it works under any prefix, e.g.
  Binder's) and its language;
* a facilitator key field.

Nothing else is built without the key: the set-up panel
(:func:`civicnb.ui.home.setup.setup_panel`) is made only once the key checks out
(:func:`civicnb.workshop.key.check_facilitator_key`; a wrong key costs
:data:`civicnb.ui.facilitator.page.FAILED_KEY_DELAY` as on the facilitator's page), or at
once on a temporary session (Binder: the group is alone there,
:func:`civicnb.ui.environment.is_temporary`). So the kernel sends the browser no model of
it before: nothing of it can be read from the page's widget state.
"""

from __future__ import annotations

import time

import ipywidgets as W
from IPython.display import HTML, display

import civicnb.ui.facilitator.page as facilitator_gate
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import LANGUAGES, language_name, language_tag, t
from civicnb.records import Locality
from civicnb.ui.context import PageContext, heading_id
from civicnb.ui.environment import is_interactive, is_temporary, request_query
from civicnb.ui.facilitator.gate import key_gate
from civicnb.ui.home.context import HomeContext
from civicnb.ui.markup import close_all, html_widget
from civicnb.workshop.key import check_facilitator_key
from civicnb.workspace import Workspace, open_workspace

__all__ = ["HomePage", "home_page", "key_holder", "open_localities", "public_markup"]


def key_holder(ws: Workspace, candidate: str | None) -> str | None:
    """Who holds ``candidate`` as a facilitator key ("" for the workspace's own key), or
    None (after :data:`~civicnb.ui.facilitator.page.FAILED_KEY_DELAY`) for a wrong one."""
    if check_facilitator_key(ws, candidate):
        return ""
    time.sleep(facilitator_gate.FAILED_KEY_DELAY)  # the same cost as there
    return None


def open_localities(ws: Workspace) -> list[Locality]:
    """The localities open for answering: those whose start page is in the workspace."""
    with ws.open_store() as store:
        localities = store.localities()
    return [loc for loc in localities if (ws.locality_dir(loc.slug) / "start.ipynb").is_file()]


def public_markup(ws: Workspace, lang: str, title_id: str = "") -> str:
    """The public part's markup: title, the page in each other language, the localities
    open for answering with their join links (every name escaped)."""
    items = "".join(
        f'<li><a href="{_h(loc.slug)}/start.ipynb?lang={_h(loc.language)}" '
        f'lang="{language_tag(loc.language)}" hreflang="{language_tag(loc.language)}">'
        f"{_h(loc.name)}</a> "
        f"({_h(t('hp_in_language', lang, language=language_name(loc.language, lang)))})"
        "</li>"
        for loc in open_localities(ws)
    )
    listing = (
        f"<p>{_h(t('hp_open_text', lang))}</p><ul class='civicnb-home-localities'>{items}</ul>"
        if items
        else f"<p>{_h(t('hp_none_open', lang))}</p>"
    )
    id_attr = f' id="{title_id}"' if title_id else ""
    return (
        f"<h1{id_attr}>{_h(t('app_name', lang))}</h1>"
        f"{_other_languages(lang)}"
        f"<p>{_h(t('hp_intro', lang))}</p>"
        f"<h2>{_h(t('hp_open_title', lang))}</h2>{listing}"
    )


def _other_languages(lang: str) -> str:
    """A link to this page in each other language, each in its own language (``lang``
    and ``hreflang`` say which)."""
    links = " · ".join(
        f'<a href="?lang={code}" lang="{language_tag(code)}" hreflang="{language_tag(code)}">'
        f"{_h(t('hp_this_page', code))}</a>"
        for code in LANGUAGES
        if code != lang
    )
    return f'<p class="civicnb-languages">{links}</p>'


class HomePage(W.VBox):
    """The public part, and behind the key (or on a temporary session) the set-up."""

    def __init__(self, ws: Workspace, lang: str, *, temporary: bool = False) -> None:
        self.page = PageContext(
            lang=lang, title=f"{t('hp_page_title', lang)} · {t('app_name', lang)}"
        )
        self.ctx = HomeContext(ws, lang, "", temporary, self.refresh)
        self.heading_id = heading_id()
        self.public = html_widget("")
        self.refresh()
        self.gate: list[W.Widget] = []
        self.setup: W.Widget | None = None
        super().__init__([self.page, self.public])
        self.add_class("civicnb-page")
        self.add_class("civicnb-home")
        if temporary:
            self.show_setup("")
        else:
            self.show_gate()

    def refresh(self) -> None:
        """Re-draw the list of localities open for answering."""
        self.public.value = public_markup(self.ctx.workspace, self.ctx.lang, self.heading_id)

    def show_gate(self, wrong: bool = False) -> None:
        lang = self.ctx.lang
        intro = html_widget(
            f"<h2>{_h(t('hp_fac_title', lang))}</h2><p>{_h(t('hp_key_text', lang))}</p>"
        )
        close_all(self.gate)
        self.gate = [intro, *key_gate(lang, t("hp_open_setup", lang), self.unlock, wrong=wrong)]
        self.children = [self.page, self.public, *self.gate]

    def unlock(self, candidate: str | None) -> bool:
        """Show the set-up if ``candidate`` is a facilitator key (a wrong one costs time)."""
        holder = key_holder(self.ctx.workspace, candidate)
        if holder is None:
            return False
        self.show_setup(holder)
        return True

    def show_setup(self, holder: str) -> None:
        from civicnb.ui.home.setup import setup_panel

        self.ctx.facilitator = holder
        note = (
            [html_widget(f'<p class="civicnb-hint">{_h(t("hp_temporary", self.ctx.lang))}</p>')]
            if self.ctx.temporary
            else []
        )
        self.setup = setup_panel(self.ctx)
        old, self.gate = self.gate, []
        self.children = [self.page, self.public, *note, self.setup]
        close_all(old)  # the browser keeps no model of the key field


def home_page(workspace: str = "", lang: str = "") -> HomePage | None:
    """Show the home page (the key comes from ``?key=`` or the form)."""
    ws = open_workspace(workspace or None)
    language = lang if lang in LANGUAGES else "en"
    if not is_interactive():
        display(HTML(public_markup(ws, language)))  # a static copy: no widgets
        return None
    query = request_query()
    if query.get("lang") in LANGUAGES:
        language = query["lang"]
    view = HomePage(ws, language, temporary=is_temporary())
    display(view)
    view.page.focus_heading(view.heading_id)
    key = query.get("key")
    if key and view.setup is None and not view.unlock(key):
        view.show_gate(wrong=True)
    return view
