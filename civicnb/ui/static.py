"""Readable static copies of the pages, for a notebook executed by papermill
(``civicnb new``): no browser, so the page prints text instead of widgets and the
stored notebook holds no widget state."""

from __future__ import annotations

from IPython.display import Markdown, display

from civicnb.framework.model import Framework, Strand
from civicnb.html.attribution import attribution_text
from civicnb.html.orientation import orientation, well_being
from civicnb.html.safe import markdown_text
from civicnb.i18n import t
from civicnb.ui.locality_context import Context

__all__ = ["static_facilitator", "static_start", "static_strand", "static_summary"]


def static_strand(fw: Framework, strand: Strand, lang: str) -> None:
    """A strand's questions as text."""
    lines = [f"# {_md(t('strand_n', lang, n=strand.id))}: {_md(strand.title.get(lang))}", ""]
    lines += [f"> {_md(strand.guiding_question.get(lang))}", "", _md(strand.summary.get(lang)), ""]
    for pair in strand.pairs:
        lines.append(f"## {_md(t('pair_n', lang, n=pair.number))}")
        for q in pair.questions:
            column = t("column_" + q.side.value, lang)
            lines.append(f"- **{_md(column)} {q.number}.** {_md(q.text.get(lang))}")
        lines.append("")
    lines += _well_being(fw, strand, lang)
    lines.append(f"*{_md(t('static_note', lang))}*")
    display(Markdown("\n".join(lines) + _about(fw, lang)))


def _well_being(fw: Framework, strand: Strand, lang: str) -> list[str]:
    """The five ways to well-being under strand IV, as on its page, with their credit."""
    wb = well_being(fw, strand, lang)
    if wb is None:
        return []
    lines = [f"## {_md(wb.title)}", ""]
    lines += [f"- **{_md(title)}**: {_md(text)}" for title, text in wb.ways]
    if wb.credit:
        lines += ["", f"*{_md(wb.credit)}*"]
    return [*lines, ""]


def _orientation(fw: Framework, lang: str) -> str:
    """The start page's orientation as text: how the strands fit together, what the
    scale means, and that the checklist is framed as questions, not answers."""
    o = orientation(fw, lang)
    lines = [f"## {_md(o.title)}", "", _md(o.intro), ""]
    for title, strands in o.groups:
        lines.append(f"- **{_md(title)}**")
        lines += [f"    - {_md(line)}" for line in strands]
    lines += [f"- {_md(line)}" for line in o.ungrouped]
    lines += ["", _md(o.scale), "", _md(o.questions)]
    return "\n".join(lines)


def _about(fw: Framework, lang: str) -> str:
    """ "About these questions" (the framework's attribution) at the foot, as text."""
    paragraphs = "\n\n".join(_md(p) for p in attribution_text(fw, lang))
    return f"\n\n---\n\n**{_md(t('about_questions', lang))}**\n\n{paragraphs}"


def _md(text: str) -> str:
    """Text for Markdown output, escaped once: no markup gets through, and nothing shows
    as an HTML entity (``&#x27;``)."""
    return markdown_text(text)


def static_start(ctx: Context) -> None:
    """The start page's welcome as text."""
    display(
        Markdown(
            f"# {_md(ctx.locality.name)}\n\n{_md(t('welcome_text', ctx.lang, place=ctx.locality.name))}"
            f"\n\n{_orientation(ctx.framework, ctx.lang)}"
            f"\n\n*{t('static_note', ctx.lang)}*" + _about(ctx.framework, ctx.lang)
        )
    )


def static_summary(ctx: Context) -> None:
    """ "My summary" has nothing to show without a participant: its title and a note."""
    display(
        Markdown(
            f"# {t('summary_title', ctx.lang)}\n\n*{t('static_note', ctx.lang)}*"
            + _about(ctx.framework, ctx.lang)
        )
    )


def static_facilitator(ctx: Context) -> None:
    """The facilitator's page shows nothing without its key: its title and a note."""
    display(
        Markdown(
            f"# {markdown_text(t('fac_title', ctx.lang, place=ctx.locality.name))}"
            f"\n\n*{markdown_text(t('fac_static', ctx.lang))}*" + _about(ctx.framework, ctx.lang)
        )
    )
