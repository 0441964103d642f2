"""Easy read on the participant pages: the switch, and the start page's and a strand's
texts in easy read (civicnb's own adaptation, with a picture beside each key idea and
the original wording one click away).

The choice carries from page to page like the language: ``easy=1`` in the address
(:meth:`civicnb.ui.locality_context.Context.who` adds it to every link of the pages).
A framework without easy-read texts (or a language they are not written in) shows the
original wording in their place (:func:`civicnb.framework.model.easy_or_original`).

Everything here is HTML from our own constants with every text escaped.
"""

from __future__ import annotations

from civicnb.framework.model import Framework, Strand, Text
from civicnb.html.orientation import orientation_html, well_being_html
from civicnb.html.safe import html_escape as _h
from civicnb.html.symbols import level_symbol, strand_symbol
from civicnb.i18n import language_tag, t
from civicnb.ui.locality_context import Context

__all__ = [
    "EASY_CLASS",
    "easy_requested",
    "original_html",
    "scale_html",
    "start_intro_html",
    "strand_intro_html",
    "switch_html",
]

EASY_CLASS = "civicnb-easy"
"""The class of a page shown in easy read (larger text, more space: civicnb.css)."""


def easy_requested(query: dict[str, str]) -> bool | None:
    """``easy=1`` / ``easy=0`` in the address: True / False; None when it says nothing."""
    value = query.get("easy")
    return {"1": True, "0": False}.get(value) if value is not None else None


def switch_html(ctx: Context, page_file: str, lang: str) -> str:
    """The switch: what is on, and a link to this page (``page_file``, e.g.
    ``strand-II.ipynb``) with easy read the other way, keeping the language."""
    parts = ["kiosk=1"] if ctx.kiosk else []
    if not ctx.easy_read:
        parts.append("easy=1")
    parts.append(f"lang={lang}")
    href = f"{page_file}?{'&'.join(parts)}"
    state = t("easy_read_is_on" if ctx.easy_read else "easy_read_is_off", lang)
    action = t("easy_read_turn_off" if ctx.easy_read else "easy_read_turn_on", lang)
    return (
        f'<aside class="civicnb-easy-switch" aria-label="{_h(t("easy_read", lang))}">'
        f"<p><span>{_h(state)}</span> "
        f'<a href="{_h(href)}" data-easy="{"0" if ctx.easy_read else "1"}">{_h(action)}</a>'
        "</p></aside>"
    )


def original_html(original: Text, lang: str) -> str:
    """The "Original wording" disclosure under an easy-read text."""
    return (
        f'<details class="civicnb-original"><summary>{_h(t("original_wording", lang))}'
        f'</summary><p lang="{_h(language_tag(lang))}">{_h(original.get(lang))}</p></details>'
    )


def _note(lang: str) -> str:
    return f'<p class="civicnb-easy-note" role="note">{_h(t("easy_read_adaptation", lang))}</p>'


def scale_html(fw: Framework, lang: str) -> str:
    """The answers of the rating scale: a picture and a word for each, and "don't know"."""
    items = [
        (level.value, level.word(lang, easy=True))
        for level in sorted(fw.scale, key=lambda s: s.value)
    ]
    items.append((0, fw.dont_know.get(lang)))
    lis = "".join(
        f"<li>{level_symbol(value, t('easy_picture', lang, what=word))}"
        f'<span class="civicnb-easy-word">{_h(word)}</span></li>'
        for value, word in items
    )
    return f'<h2>{_h(t("easy_scale_title", lang))}</h2><ul class="civicnb-easy-scale">{lis}</ul>'


def _how_to_answer(fw: Framework, lang: str) -> str:
    lines = [
        t("easy_how_read", lang),
        t("easy_how_choose", lang),
        t("easy_how_scale", lang),
        t("easy_how_dont_know", lang, dont_know=fw.dont_know.get(lang)),
        t("easy_how_your_side", lang),
        t("easy_how_write", lang),
        t("easy_how_saved", lang),
    ]
    lis = "".join(f"<li>{_h(line)}</li>" for line in lines)
    return f'<h2>{_h(t("easy_how_title", lang))}</h2><ul class="civicnb-easy-steps">{lis}</ul>'


def _guidance(strand: Strand, lang: str) -> str:
    """The strand's named elements, as on the page in the original wording (no easy read
    of them yet): nothing a participant could read is lost in easy read."""
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
    return f"<h2>{_h(t('guidance', lang))}</h2>{''.join(groups)}" if groups else ""


def _with_original(easy: str, original: Text, lang: str) -> str:
    """An easy-read paragraph and, when it differs from the original, the disclosure."""
    text = f"<p>{_h(easy)}</p>"
    if easy != original.get(lang):
        text += original_html(original, lang)
    return text


def strand_intro_html(fw: Framework, strand: Strand, lang: str, hid: str = "") -> str:
    """A strand's introduction in easy read: its picture and title, the big question,
    what it is about (each with the original wording one click away), the answers with
    their pictures and how to answer."""
    title = strand.easy_title(lang)
    heading = f"{t('strand_n', lang, n=strand.id)}: {title}"
    id_attr = f' id="{_h(hid)}"' if hid else ""
    original_title = original_html(strand.title, lang) if title != strand.title.get(lang) else ""
    picture = strand_symbol(strand.id, t("easy_picture", lang, what=title))
    guiding = _with_original(strand.easy_guiding_question(lang), strand.guiding_question, lang)
    about = _with_original(strand.easy_summary(lang), strand.summary, lang)
    return (
        f'<div class="civicnb-easy-title">{picture}<h1{id_attr}>{_h(heading)}</h1></div>'
        + original_title
        + (_note(lang) if strand.has_easy_read(lang) else "")
        + '<section class="civicnb-guiding civicnb-easy-block">'
        + f"<h2>{_h(t('easy_guiding_title', lang))}</h2>{guiding}</section>"
        + '<section class="civicnb-easy-block">'
        + f"<h2>{_h(t('easy_about_title', lang))}</h2>{about}</section>"
        + _guidance(strand, lang)
        + well_being_html(fw, strand, lang)
        + (scale_html(fw, lang) + _how_to_answer(fw, lang) if strand.pairs else "")
    )


def start_intro_html(ctx: Context, lang: str, round_text: str, hid: str) -> str:
    """The start page's welcome in easy read: what it is about and what to do."""
    place = ctx.locality.name
    steps = [
        t("easy_start_language", lang),
        t("easy_start_side", lang),
        t("easy_start_name", lang),
        t("easy_start_begin", lang, begin=t("begin", lang)),
        t("easy_start_saved", lang),
    ]
    lis = "".join(f"<li>{_h(step)}</li>" for step in steps)
    return (
        f'<h1 id="{_h(hid)}">{_h(place)}: {_h(t("app_name", lang))}</h1>'
        f'<p class="civicnb-place">{_h(round_text)}</p>'
        f"<p>{_h(t('easy_welcome', lang, place=place))}</p>"
        + orientation_html(ctx.framework, lang, easy=True)
        + f'<h2>{_h(t("easy_start_title", lang))}</h2><ol class="civicnb-easy-steps">{lis}</ol>'
    )
