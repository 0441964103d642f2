"""Orientation for participants: the start page's few lines on how the six strands fit
together (the framework's optional ``strand_groups``), what the rating scale means and
that the checklist is framed as questions, not answers; and the five ways to well-being
shown with strand IV, credited to the New Economics Foundation.

Everything here is HTML from our own constants with every text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicnb.framework.model import Framework, Strand
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t

__all__ = [
    "WELL_BEING_STRAND",
    "Orientation",
    "WellBeing",
    "orientation",
    "orientation_html",
    "well_being",
    "well_being_html",
]

WELL_BEING_STRAND = "IV"
"""The strand the five ways to well-being are shown with (strengthening resilience)."""

_NEF_ID = "five_ways_to_well_being"


@dataclass(frozen=True)
class Orientation:
    """The start page's orientation as plain texts, for a page (:func:`orientation_html`)
    or a stored notebook's Markdown (``civicnb.ui.static``) to set out."""

    title: str
    intro: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    """Each group of strands: its title and a line per strand."""
    ungrouped: tuple[str, ...]
    """A line per strand in no group (every strand, without a grouping in the data)."""
    scale: str
    questions: str


@dataclass(frozen=True)
class WellBeing:
    """The five ways to well-being as plain texts: a title, (title, summary) per way and
    the credit ("" for a framework's own set, not the New Economics Foundation's)."""

    title: str
    ways: tuple[tuple[str, str], ...]
    credit: str


def orientation(fw: Framework, lang: str, easy: bool = False) -> Orientation:
    """What the strands are and how they fit together, what the scale means, and what the
    checklist is for (in easy read if ``easy``)."""
    by_id = {s.id: s for s in fw.strands}

    def line(strand: Strand) -> str:
        title = strand.easy_title(lang) if easy else strand.title.get(lang)
        return t("orient_strand", lang, n=strand.id, title=title)

    grouped = {sid for g in fw.strand_groups for sid in g.strand_ids}
    levels = sorted(fw.scale, key=lambda s: s.value)
    words = {
        "low": levels[0].word(lang, easy),
        "high": levels[-1].word(lang, easy),
        "dont_know": fw.dont_know.get(lang),
    }
    prefix = "orient_easy_" if easy else "orient_"
    return Orientation(
        title=t("orient_title", lang),
        intro=t(prefix + "strands", lang, n=len(fw.strands)),
        groups=tuple(
            (
                g.easy_title(lang) if easy else g.title.get(lang),
                tuple(line(by_id[sid]) for sid in g.strand_ids),
            )
            for g in fw.strand_groups
        ),
        ungrouped=tuple(line(s) for s in fw.strands if s.id not in grouped),
        scale=t(prefix + "scale", lang, **words),
        questions=t(prefix + "questions", lang),
    )


def orientation_html(fw: Framework, lang: str, easy: bool = False) -> str:
    """The orientation as a calm section read before joining (:func:`orientation`)."""
    o = orientation(fw, lang, easy)
    items = [
        f"<li><strong>{_h(title)}</strong><ul>"
        + "".join(f"<li>{_h(line)}</li>" for line in lines)
        + "</ul></li>"
        for title, lines in o.groups
    ]
    items += [f"<li>{_h(line)}</li>" for line in o.ungrouped]
    return (
        '<section class="civicnb-orientation">'
        f"<h2>{_h(o.title)}</h2><p>{_h(o.intro)}</p>"
        f'<ul class="civicnb-orientation-strands">{"".join(items)}</ul>'
        f"<p>{_h(o.scale)}</p><p>{_h(o.questions)}</p>"
        "</section>"
    )


def well_being(fw: Framework, strand: Strand, lang: str) -> WellBeing | None:
    """The five ways to well-being shown with ``strand``: None for another strand than
    IV, or a framework without them."""
    wb = fw.well_being
    if wb is None or strand.id != WELL_BEING_STRAND:
        return None
    return WellBeing(
        title=wb.title.get(lang),
        ways=tuple((e.title.get(lang), e.summary.get(lang)) for e in wb.elements),
        credit=t("well_being_credit", lang) if wb.id == _NEF_ID else "",
    )


def well_being_html(fw: Framework, strand: Strand, lang: str) -> str:
    """The five ways to well-being under strand IV, with their credit ("" for another
    strand, or a framework without them)."""
    wb = well_being(fw, strand, lang)
    if wb is None:
        return ""
    items = "".join(f"<li><strong>{_h(title)}</strong>: {_h(text)}</li>" for title, text in wb.ways)
    credit = f'<p class="civicnb-source">{_h(wb.credit)}</p>' if wb.credit else ""
    return (
        f'<section class="civicnb-well-being"><h2>{_h(wb.title)}</h2>'
        f"<ul>{items}</ul>{credit}</section>"
    )
