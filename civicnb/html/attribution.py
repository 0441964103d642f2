"""Where the questions come from: the framework's attribution, shown on every page, in
every report and in the printed booklet.

The attribution and its note are framework data (``attribution`` in the edition's
YAML): the note says which wording is quoted, and, in Spanish and Portuguese, that the
wording is civicnb's own translation of the English original.

>>> from civicnb.framework import load_framework
>>> html = attribution_html(load_framework("pamphlet"), "es")
>>> "David Towell" in html and "traducción propia de civicnb" in html
True

This module does no Jupyter imports.
"""

from __future__ import annotations

from civicnb.framework.model import Framework
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t

__all__ = ["attribution_html", "attribution_text"]


def attribution_text(fw: Framework, lang: str) -> list[str]:
    """The attribution as paragraphs of text (not escaped): the source, its address,
    and the edition's note in ``lang``."""
    a = fw.attribution
    out = [
        t(
            "about_source",
            lang,
            author=a.author,
            title=a.title,
            publisher=a.publisher,
            year=str(a.year),
        )
    ]
    if a.url:
        out.append(t("about_url", lang, url=a.url))
    if a.note is not None:
        out.append(a.note.get(lang))
    return out


def attribution_html(fw: Framework, lang: str, *, disclosure: bool = True) -> str:
    """The attribution under the heading "About these questions": a disclosure for the
    pages (closed, at their foot), a plain section for print and reports
    (``disclosure=False``)."""
    body = "".join(f"<p>{_h(p)}</p>" for p in attribution_text(fw, lang))
    title = _h(t("about_questions", lang))
    if disclosure:
        return (
            f'<footer class="civicnb-about"><details><summary>{title}</summary>'
            f"{body}</details></footer>"
        )
    return f'<section class="civicnb-about"><h2>{title}</h2>{body}</section>'
