"""Orientation for participants: the start page's few lines on how the six strands fit
together (the framework's optional ``strand_groups``), what the rating scale means and
that the checklist is framed as questions, not answers; and the five ways to well-being
shown with strand IV, credited to the New Economics Foundation.

Everything here is HTML from our own constants with every text escaped.
"""

from __future__ import annotations

from civicnb.framework.model import Framework, Strand
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t

__all__ = ["WELL_BEING_STRAND", "orientation_html", "well_being_html"]

WELL_BEING_STRAND = "IV"
"""The strand the five ways to well-being are shown with (strengthening resilience)."""

_NEF_ID = "five_ways_to_well_being"


def _strand_line(strand: Strand, lang: str, easy: bool) -> str:
    title = strand.easy_title(lang) if easy else strand.title.get(lang)
    return _h(t("orient_strand", lang, n=strand.id, title=title))


def _strands_html(fw: Framework, lang: str, easy: bool) -> str:
    """The strands grouped by what they do together; without a grouping in the data (or
    for strands in no group), each strand on its own line."""
    by_id = {s.id: s for s in fw.strands}
    grouped = {sid for g in fw.strand_groups for sid in g.strand_ids}
    items = []
    for g in fw.strand_groups:
        title = g.easy_title(lang) if easy else g.title.get(lang)
        strands = "".join(
            f"<li>{_strand_line(by_id[sid], lang, easy)}</li>" for sid in g.strand_ids
        )
        items.append(f"<li><strong>{_h(title)}</strong><ul>{strands}</ul></li>")
    items += [f"<li>{_strand_line(s, lang, easy)}</li>" for s in fw.strands if s.id not in grouped]
    return f'<ul class="civicnb-orientation-strands">{"".join(items)}</ul>'


def orientation_html(fw: Framework, lang: str, easy: bool = False) -> str:
    """What the strands are and how they fit together, what the scale means, and what the
    checklist is for: a few calm lines read before joining (in easy read if ``easy``)."""
    levels = sorted(fw.scale, key=lambda s: s.value)
    words = {
        "low": levels[0].word(lang, easy),
        "high": levels[-1].word(lang, easy),
        "dont_know": fw.dont_know.get(lang),
    }
    prefix = "orient_easy_" if easy else "orient_"
    return (
        '<section class="civicnb-orientation">'
        f"<h2>{_h(t('orient_title', lang))}</h2>"
        f"<p>{_h(t(prefix + 'strands', lang, n=len(fw.strands)))}</p>"
        + _strands_html(fw, lang, easy)
        + f"<p>{_h(t(prefix + 'scale', lang, **words))}</p>"
        f"<p>{_h(t(prefix + 'questions', lang))}</p>"
        "</section>"
    )


def well_being_html(fw: Framework, strand: Strand, lang: str) -> str:
    """The five ways to well-being under strand IV, with their credit ("" for another
    strand, or a framework without them)."""
    wb = fw.well_being
    if wb is None or strand.id != WELL_BEING_STRAND:
        return ""
    items = "".join(
        f"<li><strong>{_h(e.title.get(lang))}</strong>: {_h(e.summary.get(lang))}</li>"
        for e in wb.elements
    )
    credit = (
        f'<p class="civicnb-source">{_h(t("well_being_credit", lang))}</p>'
        if wb.id == _NEF_ID
        else ""
    )
    return (
        f'<section class="civicnb-well-being"><h2>{_h(wb.title.get(lang))}</h2>'
        f"<ul>{items}</ul>{credit}</section>"
    )
