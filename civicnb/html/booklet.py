"""The booklet to answer by hand, and the one-page checklist, as printable HTML
documents (``civicnb print``: headless Chromium prints them to PDF).

The booklet: a cover (the locality, the round, how to answer, a line for a name and
boxes for the side), then each strand with its guiding question and its pairs in two
columns (local authority | civil society organisation): for each question a box per
level of the scale and one for "don't know", and lines for the evidence note and "what
would help" (what the participant pages ask); strand VI shows the fifteen pairs at a
glance; the attribution ends it. Large print sets the body text at 18 pt and the two
columns one under the other. The CSS is in the document: nothing is fetched.

>>> from civicnb.framework import load_framework
>>> doc = booklet_html(load_framework("pamphlet"), "en", place="Villaflor", round_label="2026")
>>> doc.startswith("<!doctype html>") and "Villaflor" in doc and "http" not in doc.split("<body")[0]
True

This module does no Jupyter imports.
"""

from __future__ import annotations

from civicnb.framework.model import Framework, Question, Strand
from civicnb.html.attribution import attribution_html
from civicnb.html.checklist import checklist_table, scale_legend
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import language_tag, t

__all__ = [
    "PAPER_SIZES",
    "booklet_html",
    "checklist_page_html",
    "paper_css",
    "paper_document",
    "writing_lines",
]

PAPER_SIZES = ("A4", "Letter")
"""The paper sizes ``@page`` is given (CSS names)."""

NORMAL_PT = 11
LARGE_PT = 18
"""Body text of large print, in points (at least 18 pt, as large-print guidance asks)."""

_CSS = """
@page { size: %(paper)s; margin: %(margin)s; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       font-size: %(body)spt; line-height: 1.35; color: #000; margin: 0;
       overflow-wrap: anywhere; }
h1 { font-size: %(h1)spt; margin: 0 0 0.4em; }
h2 { font-size: %(h2)spt; margin: 0.6em 0 0.3em; }
h3 { font-size: %(h3)spt; margin: 0.5em 0 0.2em; }
p { margin: 0.3em 0; }
.cover { break-after: page; }
.place { font-size: %(h1)spt; font-weight: bold; margin: 1.2em 0 0.2em; }
.fill { display: flex; gap: 0.5em; align-items: flex-end; margin: 1em 0; }
.fill .line { flex: 1; border-bottom: 1px solid #000; height: 1.4em; }
.sides { display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; }
.strand { break-before: page; }
.guiding { border-left: 4px solid #000; padding-left: 0.6em; margin: 0.4em 0 0.8em; }
.guiding figcaption { font-weight: bold; }
.guiding blockquote { margin: 0.2em 0; font-style: italic; }
.pair { display: grid; grid-template-columns: %(columns)s; gap: 0.8em 1.2em;
        break-inside: avoid; margin: 0.3em 0 0.9em; }
.pair > h3 { grid-column: 1 / -1; margin: 0; border-bottom: 2px solid #000; }
.question { break-inside: avoid; }
.question .column { font-weight: bold; text-transform: none; margin: 0; }
.question .text { margin: 0.2em 0 0.4em; }
.levels { display: flex; flex-wrap: wrap; gap: 0.3em 0.8em; margin: 0.2em 0 0.4em; }
.level { display: inline-flex; align-items: center; gap: 0.3em; }
.box, .civicnb-box { display: inline-block; width: 1em; height: 1em;
       border: 1.5px solid #000; flex: none; }
.write .label { margin: 0.3em 0 0; }
.write .line { border-bottom: 1px solid #555; height: %(line)s; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 1px solid #000; padding: 0.25em 0.35em; vertical-align: top;
         text-align: left; }
thead th { background: #e8e8e8; }
.civicnb-qnum { font-weight: bold; }
.civicnb-marks { display: inline-flex; gap: 0.45em; margin-left: 0.3em; white-space: nowrap;
                 vertical-align: bottom; }
.civicnb-mark { display: inline-flex; align-items: center; gap: 0.15em; }
.civicnb-strand-title { display: block; font-weight: normal; }
.civicnb-checklist th[scope="row"] { width: 7em; overflow-wrap: normal; hyphens: manual; }
.civicnb-about { break-inside: avoid; margin-top: 1.5em; font-size: %(small)spt; }
.civicnb-about h2 { font-size: %(h3)spt; }
.small { font-size: %(small)spt; }
"""


def paper_css(
    paper: str, large_print: bool, *, compact: bool = False, body_pt: float | None = None
) -> str:
    """The booklet's CSS for ``paper``: the body at ``body_pt`` points when given, else
    at the size of large print or of normal print."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
    body: float
    if compact:  # the one-page checklist
        body, margin = 7, "8mm"
    else:
        body, margin = (LARGE_PT if large_print else NORMAL_PT), "16mm"
        if body_pt is not None:
            body = body_pt
    return _CSS % {
        "paper": paper,
        "margin": margin,
        "body": body,
        "h1": round(body * 1.8, 1),
        "h2": round(body * 1.45, 1),
        "h3": round(body * 1.15, 1),
        # large print: small print is no smaller than the body
        "small": body if large_print or compact else round(body * 0.9, 1),
        "columns": "1fr" if large_print else "1fr 1fr",
        "line": "1.6em",
    }


def paper_document(lang: str, title: str, css: str, body: str) -> str:
    """A whole HTML document in ``lang`` with its CSS inside (nothing fetched)."""
    return (
        f'<!doctype html><html lang="{_h(language_tag(lang))}"><head><meta charset="utf-8">'
        f"<title>{_h(title)}</title><style>{css}</style></head><body>{body}</body></html>"
    )


def writing_lines(label: str, count: int) -> str:
    """A label and ``count`` ruled lines to write on by hand."""
    return (
        f'<div class="write"><p class="label">{_h(label)}</p>'
        + '<div class="line"></div>' * count
        + "</div>"
    )


def _question(fw: Framework, q: Question, lang: str) -> str:
    levels = [(str(lv.value), lv.label.get(lang)) for lv in fw.scale]
    levels.append(("", fw.dont_know.get(lang)))
    boxes = "".join(
        f'<span class="level"><span class="box"></span>{_h(f"{v} {label}" if v else label)}</span>'
        for v, label in levels
    )
    return (
        f'<div class="question"><p class="column">{_h(t("column_" + q.side.value, lang))}</p>'
        f'<p class="text"><strong>{_h(q.number)}.</strong> {_h(q.text.get(lang))}</p>'
        f'<div class="levels" role="group" aria-label="{_h(t("pp_tick_one", lang))}">{boxes}</div>'
        + writing_lines(t("pp_evidence", lang), 2)
        + writing_lines(t("pp_would_help", lang), 1)
        + "</div>"
    )


def _strand(fw: Framework, strand: Strand, lang: str) -> str:
    parts = [
        f'<section class="strand"><h2>{_h(t("strand_n", lang, n=strand.id))}: '
        f"{_h(strand.title.get(lang))}</h2>",
        f'<figure class="guiding"><figcaption>{_h(t("guiding_question", lang))}</figcaption>'
        f"<blockquote>{_h(strand.guiding_question.get(lang))}</blockquote></figure>",
        f"<p>{_h(strand.summary.get(lang))}</p>",
    ]
    for pair in strand.pairs:
        parts.append(
            f'<div class="pair"><h3>{_h(t("pair_n", lang, n=pair.number))}</h3>'
            + "".join(_question(fw, q, lang) for q in pair.questions)
            + "</div>"
        )
    if not strand.pairs:  # strand VI: the fifteen pairs at a glance
        parts.append(f"<p>{_h(t('pp_overview', lang))}</p>")
        parts.append(checklist_table(fw, lang, boxes=False))
    parts.append("</section>")
    return "".join(parts)


def _cover(fw: Framework, lang: str, place: str, round_label: str) -> str:
    low, high = fw.scale[0], fw.scale[-1]
    sides = "".join(
        f'<span class="level"><span class="box"></span>{_h(t("side_" + s, lang))}</span>'
        for s in ("LA", "CSO", "other")
    )
    how = [
        t("pp_how_pairs", lang),
        t("pp_how_side", lang),
        t(
            "pp_how_tick",
            lang,
            low=f"{low.value} ({low.label.get(lang)})",
            high=f"{high.value} ({high.label.get(lang)})",
            dont_know=fw.dont_know.get(lang),
        ),
        t("pp_how_write", lang),
        t("pp_how_return", lang),
    ]
    return (
        f'<section class="cover"><h1>{_h(t("pp_booklet_title", lang))}</h1>'
        f"<p>{_h(fw.title.get(lang))}</p>"
        f'<p class="place">{_h(place)}</p>'
        f"<p>{_h(t('round', lang, label=round_label))}</p>"
        f'<div class="fill"><span>{_h(t("pp_name", lang))}</span><span class="line"></span></div>'
        f'<p>{_h(t("pp_side", lang))}</p><div class="sides">{sides}</div>'
        f"<h2>{_h(t('pp_how_title', lang))}</h2><ol>"
        + "".join(f"<li>{_h(item)}</li>" for item in how)
        + f"</ol><p>{_h(t('pp_scale_legend', lang, levels=scale_legend(fw, lang)))}</p>"
        "</section>"
    )


def booklet_html(
    fw: Framework,
    lang: str,
    *,
    place: str,
    round_label: str,
    large_print: bool = False,
    paper: str = "A4",
) -> str:
    """The booklet of ``fw``'s questions in ``lang`` for ``place`` and its round, as one
    HTML document."""
    body = (
        _cover(fw, lang, place, round_label)
        + "".join(_strand(fw, s, lang) for s in fw.strands)
        + attribution_html(fw, lang, disclosure=False)
    )
    title = f"{t('pp_booklet_title', lang)} · {place}"
    return paper_document(lang, title, paper_css(paper, large_print), body)


def checklist_page_html(
    fw: Framework, lang: str, *, place: str, round_label: str, paper: str = "A4"
) -> str:
    """The fifteen pairs on one page, with boxes to tick, as one HTML document."""
    a = fw.attribution
    legend = t("pp_marks", lang, levels=scale_legend(fw, lang), dont_know=fw.dont_know.get(lang))
    source = t(
        "about_source",
        lang,
        author=a.author,
        title=a.title,
        publisher=a.publisher,
        year=str(a.year),
    )
    body = (
        f"<h1>{_h(t('pp_checklist_title', lang))}</h1>"
        f"<p>{_h(t('pp_place_round', lang, place=place, label=round_label))} · "
        f"{_h(t('pp_name', lang))} ____________________</p>"
        f"<p>{_h(legend)}</p>"
        f"{checklist_table(fw, lang)}"
        f'<p class="small">{_h(source)}'
        + (f" {_h(a.note.get(lang))}" if a.note is not None else "")
        + "</p>"
    )
    title = f"{t('pp_checklist_title', lang)} · {place}"
    return paper_document(lang, title, paper_css(paper, False, compact=True), body)
