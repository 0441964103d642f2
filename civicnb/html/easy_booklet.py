"""The booklet to answer by hand in easy read (``civicnb print --easy-read``), as a
printable HTML document.

What the booklet asks, in civicnb's own easy-read adaptation of the framework: each
strand's easy-read title with its picture, its big question and what it is about; each
easy-read question with a box to tick beside every answer of the scale, each answer a
picture and its easy word; a line for "why" and one for "what would help". Easy-read
conventions: large text (14 pt, 18 pt with large print), generous spacing, one column,
one sentence a line. The original wording stays in the booklet: in small print, labelled
"Original wording", under every easy-read text that differs from it, so that a reader's
supporter (or the facilitator) can check what the author wrote; the cover says whose
adaptation it is. Where the framework has no easy read in the language (a custom
framework, say), the original wording takes its place, once.

>>> from civicnb.framework import load_framework
>>> fw = load_framework("pamphlet")
>>> doc = easy_booklet_html(fw, "en", place="Villaflor", round_label="2026")
>>> fw.questions[0].easy_read.en.split(". ")[0] in doc and 'role="img"' in doc
True

This module does no Jupyter imports.
"""

from __future__ import annotations

import re

from civicnb.framework.model import Framework, Question, Strand, Text
from civicnb.html.attribution import attribution_html
from civicnb.html.booklet import LARGE_PT, paper_css, paper_document, writing_lines
from civicnb.html.safe import html_escape as _h
from civicnb.html.symbols import LEVEL_VALUES, STRAND_SYMBOLS, level_symbol, strand_symbol
from civicnb.i18n import language_tag, t

__all__ = ["EASY_PT", "easy_booklet_html", "has_any_easy_read"]

EASY_PT = 14
"""Body text of the booklet in easy read, in points (easy-read guidance: 14 pt or more;
with large print, :data:`civicnb.html.booklet.LARGE_PT`)."""

_EASY_CSS = """
body { line-height: 1.6; }
.ep-line { display: block; margin: 0 0 0.25em; }
.ep-title { display: flex; align-items: center; gap: 0.6em; }
.ep-title h2 { margin: 0; }
.ep-block { margin: 0.5em 0 1em; }
.ep-original { font-size: %(small)s; color: #222; margin: 0.2em 0 0.6em;
               border-left: 2px solid #777; padding-left: 0.5em; }
.ep-original .ep-label { font-weight: bold; }
.ep-question { break-inside: avoid; margin: 0.4em 0 1.4em; padding-top: 0.4em;
               border-top: 2px solid #000; }
.ep-side { font-weight: bold; margin: 0 0 0.3em; }
.ep-text { font-size: 1.1em; font-weight: bold; margin: 0.2em 0 0.4em; }
.ep-levels, .ep-scale, .ep-steps { list-style: none; padding: 0; margin: 0.3em 0 0.6em; }
.ep-levels li, .ep-scale li { display: flex; align-items: center; gap: 0.5em;
                               margin: 0 0 0.35em; }
.ep-steps li { margin: 0 0 0.4em; }
.ep-keep { break-inside: avoid; }
.ep-levels .box { width: 1.3em; height: 1.3em; border-width: 2px; }
.civicnb-symbol { flex: none; width: 2.2em; height: 2.2em; }
.ep-title .civicnb-symbol { width: 3em; height: 3em; }
.ep-note { border: 2px solid #000; padding: 0.5em 0.7em; margin: 0.8em 0; }
"""


def has_any_easy_read(fw: Framework, lang: str) -> bool:
    """Whether ``fw`` has any easy-read text written in ``lang``."""
    return any(q.has_easy_read(lang) for q in fw.questions) or any(
        s.has_easy_read(lang) for s in fw.strands
    )


def _lines(text: str) -> str:
    """One sentence a line (the words unchanged: the spans are joined by spaces)."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]
    return " ".join(f'<span class="ep-line">{_h(s)}</span>' for s in sentences)


def _original(easy: str, original: Text, lang: str) -> str:
    """The original wording in small print, when the easy read differs from it."""
    text = original.get(lang)
    if easy == text:
        return ""
    return (
        f'<p class="ep-original" lang="{_h(language_tag(lang))}">'
        f'<span class="ep-label">{_h(t("original_wording", lang))}:</span> {_h(text)}</p>'
    )


def _text_block(easy: str, original: Text, lang: str, css_class: str = "") -> str:
    cls = f' class="{css_class}"' if css_class else ""
    return f"<p{cls}>{_lines(easy)}</p>{_original(easy, original, lang)}"


def _answers(fw: Framework, lang: str, boxes: bool) -> str:
    """The scale's answers, each a picture and its easy word (with a box to tick)."""
    items = [(lv.value, lv.word(lang, easy=True)) for lv in sorted(fw.scale, key=lambda s: s.value)]
    items.append((0, fw.dont_know.get(lang)))
    lis = []
    for value, word in items:
        picture = (
            level_symbol(value, t("easy_picture", lang, what=word)) if value in LEVEL_VALUES else ""
        )
        box = '<span class="box"></span>' if boxes else ""
        lis.append(f"<li>{box}{picture}<span>{_h(word)}</span></li>")
    cls = "ep-levels" if boxes else "ep-scale"
    label = f' role="group" aria-label="{_h(t("pp_tick_one", lang))}"' if boxes else ""
    return f'<ul class="{cls}"{label}>{"".join(lis)}</ul>'


def _question(fw: Framework, q: Question, lang: str) -> str:
    easy = q.wording(lang, easy=True)
    side = f"{t('ep_side_' + q.side.value, lang)} · {q.number}"
    return (
        f'<div class="ep-question"><p class="ep-side">{_h(side)}</p>'
        + _text_block(easy, q.text, lang, "ep-text")
        + _answers(fw, lang, boxes=True)
        + writing_lines(t("ep_why", lang), 2)
        + writing_lines(t("pp_would_help", lang), 1)
        + "</div>"
    )


def _strand(fw: Framework, strand: Strand, lang: str) -> str:
    title = strand.easy_title(lang)
    picture = (
        strand_symbol(strand.id, t("easy_picture", lang, what=title))
        if strand.id in STRAND_SYMBOLS
        else ""
    )
    parts = [
        f'<section class="strand"><div class="ep-title">{picture}'
        f"<h2>{_h(t('strand_n', lang, n=strand.id))}: {_h(title)}</h2></div>",
        _original(title, strand.title, lang),
        f'<div class="ep-block"><h3>{_h(t("easy_guiding_title", lang))}</h3>'
        + _text_block(strand.easy_guiding_question(lang), strand.guiding_question, lang)
        + "</div>",
        f'<div class="ep-block"><h3>{_h(t("easy_about_title", lang))}</h3>'
        + _text_block(strand.easy_summary(lang), strand.summary, lang)
        + "</div>",
    ]
    for pair in strand.pairs:  # the pair's heading kept on the page of its first question
        first, second = (_question(fw, q, lang) for q in pair.questions)
        parts.append(
            f'<div class="ep-keep"><h3>{_h(t("pair_n", lang, n=pair.number))}</h3>{first}</div>'
            + second
        )
    if not strand.pairs:  # strand VI: the checklist's overview, no questions of its own
        parts.append(f"<p>{_lines(t('ep_overview', lang))}</p>")
    parts.append("</section>")
    return "".join(parts)


def _cover(fw: Framework, lang: str, place: str, round_label: str) -> str:
    sides = "".join(
        f'<li><span class="box"></span><span>{_h(t("side_" + s, lang))}</span></li>'
        for s in ("LA", "CSO", "other")
    )
    steps = [
        t("easy_how_read", lang),
        t("ep_how_tick", lang),
        t("easy_how_scale", lang),
        t("ep_how_dont_know", lang, dont_know=fw.dont_know.get(lang)),
        t("easy_how_your_side", lang),
        t("easy_how_write", lang),
        t("ep_how_return", lang),
    ]
    note = (
        f'<p class="ep-note" role="note">{_lines(t("ep_adaptation", lang))}</p>'
        if has_any_easy_read(fw, lang)
        else ""
    )
    return (
        f'<section class="cover"><h1>{_h(t("ep_booklet_title", lang))}</h1>'
        f'<p class="place">{_h(place)}</p>'
        f"<p>{_h(t('round', lang, label=round_label))}</p>"
        f"<p>{_lines(t('easy_welcome', lang, place=place))}</p>"
        f"{note}<p>{_h(t('ep_help', lang))}</p>"
        f'<div class="fill"><span>{_h(t("pp_name", lang))}</span><span class="line"></span></div>'
        f'<p>{_h(t("pp_side", lang))}</p><ul class="ep-levels">{sides}</ul>'
        f'<h2>{_h(t("easy_how_title", lang))}</h2><ul class="ep-steps">'
        + "".join(f"<li>{_h(step)}</li>" for step in steps)
        + f"</ul><h2>{_h(t('easy_scale_title', lang))}</h2>{_answers(fw, lang, boxes=False)}"
        "</section>"
    )


def easy_booklet_html(
    fw: Framework,
    lang: str,
    *,
    place: str,
    round_label: str,
    large_print: bool = False,
    paper: str = "A4",
) -> str:
    """The booklet of ``fw``'s questions in easy read in ``lang`` for ``place`` and its
    round, as one HTML document (large print: the body at 18 pt)."""
    body_pt = LARGE_PT if large_print else EASY_PT
    css = paper_css(paper, True, body_pt=body_pt)  # one column, small print not smaller
    # the original wording in small print; with large print, nothing smaller than the body
    small = f"{body_pt if large_print else round(body_pt * 0.85, 1)}pt"
    body = (
        _cover(fw, lang, place, round_label)
        + "".join(_strand(fw, s, lang) for s in fw.strands)
        + attribution_html(fw, lang, disclosure=False)
    )
    title = f"{t('ep_booklet_title', lang)} · {place}"
    return paper_document(lang, title, css + _EASY_CSS % {"small": small}, body)
