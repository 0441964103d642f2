"""The one-page checklist: all fifteen pairs as the pamphlet sets them out (strand, the
local authority's question, the civil society organisation's question), each question
with a compact mark: boxes to tick on paper, or a participant's own answer.

Used by strand VI's page (the participant's answers), the report and the printed
one-page checklist (``civicnb print LOCALITY --checklist``).

>>> from civicnb.framework import load_framework
>>> fw = load_framework("pamphlet")
>>> html = checklist_table(fw, "en")
>>> html.count("<tr>") - 1   # a header row and fifteen pairs
15

This module does no Jupyter imports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from civicnb.framework.model import Framework, Pair, Question, Strand
from civicnb.html.safe import SafeHTML
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import t
from civicnb.records import Rating

__all__ = [
    "answer_marks",
    "checklist_section_html",
    "checklist_table",
    "mark_boxes",
    "scale_legend",
]


def mark_boxes(fw: Framework) -> str:
    """Boxes to tick, one per level of the scale and one for "don't know" (``?``)."""
    boxes = [str(level.value) for level in fw.scale] + ["?"]
    return (
        '<span class="civicnb-marks">'
        + "".join(
            f'<span class="civicnb-mark"><span class="civicnb-box"></span>{_h(b)}</span>'
            for b in boxes
        )
        + "</span>"
    )


def scale_legend(fw: Framework, lang: str) -> str:
    """``1 = Not at all, 2 = A little, …`` (text)."""
    return ", ".join(f"{level.value} = {level.label.get(lang)}" for level in fw.scale)


def answer_marks(fw: Framework, answers: Mapping[str, Rating], lang: str) -> dict[str, str]:
    """Question id → the participant's answer in words: ``Your answer: 4 · Well``,
    ``Your answer: Don't know`` or ``Your answer: Not answered yet``."""
    labels = {level.value: level.label.get(lang) for level in fw.scale}
    out: dict[str, str] = {}
    for q in fw.questions:
        r = answers.get(q.id)
        if r is None or not r.answered:
            out[q.id] = t("not_answered", lang)
        elif r.dont_know:
            out[q.id] = fw.dont_know.get(lang)
        else:
            out[q.id] = f"{r.score} · {labels.get(r.score or 0, '')}"
    return {qid: t("pp_answer_mark", lang, answer=answer) for qid, answer in out.items()}


def _question_cell(q: Question, lang: str, mark: str) -> SafeHTML:
    return SafeHTML(
        f'<span class="civicnb-qtext"><span class="civicnb-qnum">{_h(q.number)}.</span> '
        f"{_h(q.text.get(lang))}</span> {mark}"
    )


def _default_row_header(strand: Strand, pair: Pair, lang: str) -> SafeHTML:
    first = pair is strand.pairs[0]
    title = f' <span class="civicnb-strand-title">{_h(strand.title.get(lang))}</span>'
    return SafeHTML(f"{_h(strand.id)}{title if first else ''}")


def checklist_table(
    fw: Framework,
    lang: str,
    *,
    marks: Mapping[str, str] | None = None,
    boxes: bool = True,
    row_header: Callable[[Strand, Pair], SafeHTML | str] | None = None,
) -> str:
    """The fifteen pairs in a table: strand, LA question, CSO question.

    ``marks`` (question id → text, e.g. :func:`answer_marks`) puts that text after each
    question; without it each question gets the boxes of :func:`mark_boxes`
    (``boxes=False``: none). ``row_header`` names each row (default: the strand, its
    title on its first pair)."""

    def mark(q: Question) -> str:
        if marks is not None:
            return f'<span class="civicnb-answer">{_h(marks.get(q.id, ""))}</span>'
        return mark_boxes(fw) if boxes else ""

    rows = []
    for strand in fw.strands:
        for pair in strand.pairs:
            head = (
                row_header(strand, pair)
                if row_header is not None
                else _default_row_header(strand, pair, lang)
            )
            rows.append(
                [
                    head,
                    _question_cell(pair.la, lang, mark(pair.la)),
                    _question_cell(pair.cso, lang, mark(pair.cso)),
                ]
            )
    return html_table(
        [t("pp_strand", lang), t("column_LA", lang), t("column_CSO", lang)],
        rows,
        label=t("checklist_title", lang),
        css_class="civicnb-checklist",
        row_headers=True,
    )


def checklist_section_html(fw: Framework, lang: str, marks: Mapping[str, str] | None = None) -> str:
    """The checklist as a section of the report: a heading and the fifteen pairs, with
    ``marks`` (question id → text, e.g. "Agreed: 4") after each question if given."""
    return (
        f'<section class="civicnb-checklist-section"><h2>{_h(t("pp_checklist_title", lang))}</h2>'
        f"{checklist_table(fw, lang, marks=marks, boxes=False)}</section>"
    )
