"""What the strand and summary pages share: the navigation, the header, the language
asked for in the address, and showing the page once the browser has said who answers
(or the "not joined" notice)."""

from __future__ import annotations

import re
from collections.abc import Callable

import ipywidgets as W

from civicnb.html.safe import html_escape as _h
from civicnb.i18n import LANGUAGES, t
from civicnb.records import Participant
from civicnb.ui.about import with_about
from civicnb.ui.context import PageContext, heading_id
from civicnb.ui.environment import in_jupyterlab, request_query
from civicnb.ui.kiosk import add_kiosk_bar
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.workshop.participation import ParticipantSession

__all__ = [
    "STRAND_IDS",
    "header_html",
    "header_widget",
    "nav_html",
    "nav_widget",
    "request_lang",
    "when_identified",
]


STRAND_IDS = ("I", "II", "III", "IV", "V", "VI")


def nav_widget(lang: str, who: str, current: str, progress: dict[str, tuple[int, int]]) -> W.HTML:
    """Links to every page, keeping identity (``who``: see :meth:`Context.who`) and
    language in the address."""
    return html_widget(nav_html(lang, who, current, progress), "civicnb-nav")


def nav_html(lang: str, who: str, current: str, progress: dict[str, tuple[int, int]]) -> str:
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


def header_widget(ctx: Context, person: Participant | None, rnd_label: str) -> W.HTML:
    return html_widget(header_html(ctx, person, rnd_label), "civicnb-header")


def header_html(ctx: Context, person: Participant | None, rnd_label: str) -> str:
    who = ""
    if person is not None:
        side = t(f"side_short_{person.side.value}", ctx.lang)
        who = f'<p class="civicnb-who">{_h(t("joined_as", ctx.lang, name=person.name, side=side))}</p>'
    return f'<p class="civicnb-place">{_h(ctx.locality.name)} · {_h(t("round", ctx.lang, label=rnd_label))}</p>{who}'


def request_lang(ctx: Context, page: PageContext) -> None:
    """The language asked for in the address (after the request, for preheated kernels).
    The address names nobody: an old ``?p=`` or ``?k=`` link is ignored."""
    query = request_query()
    if query.get("lang") in LANGUAGES:
        ctx.lang = query["lang"]
        page.lang = ctx.lang
    if query.get("kiosk") == "1":
        ctx.kiosk = True
    ctx.easy_read = query.get("easy") == "1"  # easy read carries like the language


def _not_joined(ctx: Context) -> W.HTML:
    start = f"start.ipynb?{ctx.query()}"
    if in_jupyterlab():
        # Lab: the start notebook opens in Lab; the session joined there (or in Voilà's
        # preview: the same origin, the same localStorage) identifies this notebook too
        return html_widget(
            f'<h1 id="{heading_id()}">{_h(t("app_name", ctx.lang))}</h1>'
            f'<p role="alert" class="civicnb-lab-not-joined">{_h(t("lab_not_joined", ctx.lang))} '
            f'<a href="start.ipynb">{_h(t("lab_open_start", ctx.lang))}</a></p>'
        )
    return html_widget(
        f'<h1 id="{heading_id()}">{_h(t("app_name", ctx.lang))}</h1><p role="alert">{_h(t("not_joined", ctx.lang))} '
        f'<a href="{_h(start)}">{_h(t("start", ctx.lang))}</a></p>'
    )


def _focus_first_heading(page: PageContext, widget: W.HTML) -> None:
    found = re.search(r'<h1 id="([A-Za-z0-9_-]+)"', widget.value)
    if found:
        page.focus_heading(found.group(1))


def when_identified(
    ctx: Context,
    page: PageContext,
    view: W.Box,
    show: Callable[[ParticipantSession], str],
) -> None:
    """Once the browser has said which session it holds: ``show`` the participant's page
    in ``view`` (it returns the id of the heading to focus), under the kiosk bar on a
    shared device; without a live session, the "not joined" notice instead."""

    def identified() -> None:
        session = ctx.identify(page)
        if session is None:
            notice = _not_joined(ctx)
            view.children = with_about(view, [page, notice])
            _focus_first_heading(page, notice)
            return
        heading = show(session)
        add_kiosk_bar(ctx, page, view)
        page.focus_heading(heading)

    page.when_ready(identified)
