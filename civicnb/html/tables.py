"""One builder for every HTML table of civicnb (reveal views, reports, pages, course).

Every cell is *text* unless it is a :class:`~civicnb.html.safe.SafeHTML`: participant
text is data, never markup, so a plain string is escaped here and only markup built
from our own constants (wrapped in ``SafeHTML``) goes through as it is. The table is
``<table class="civicnb-table …">`` with an optional ``<caption>``, a header row of
``<th scope="col">``, a body whose first cell may be a row header
(``<th scope="row">``) and an optional footer, all in a
:func:`~civicnb.html.safe.scroll_region` named for screen readers.

>>> table = html_table(["Group", "Score"], [["<b>LA</b>", 3]], caption="Scores",
...                    row_headers=True)
>>> print(table.replace("><t", ">\\n<t"))
<div class="civicnb-scroll" role="region" tabindex="0" aria-label="Scores">
<table class="civicnb-table"><caption>Scores</caption>
<thead>
<tr>
<th scope="col">Group</th>
<th scope="col">Score</th></tr></thead>
<tbody>
<tr>
<th scope="row">&lt;b&gt;LA&lt;/b&gt;</th>
<td>3</td></tr></tbody></table></div>

This module does no Jupyter imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civicnb.html.safe import SafeHTML, html_escape, scroll_region

__all__ = ["Cell", "Row", "html_table"]


@dataclass(frozen=True)
class Cell:
    """A cell with attributes: ``content`` is text (escaped) or ``SafeHTML`` (as is)."""

    content: object
    css_class: str = ""
    colspan: int = 1


@dataclass(frozen=True)
class Row:
    """A row with a class (e.g. a row marked in words *and* by its style)."""

    cells: Sequence[object]
    css_class: str = ""


def _content(value: object) -> str:
    if isinstance(value, Cell):
        value = value.content
    return str(value) if isinstance(value, SafeHTML) else html_escape(value)


def _cell(tag: str, value: object, scope: str = "") -> str:
    attrs = f' scope="{scope}"' if scope else ""
    if isinstance(value, Cell):
        if value.css_class:
            attrs += f' class="{html_escape(value.css_class)}"'
        if value.colspan != 1:
            attrs += f' colspan="{int(value.colspan)}"'
    return f"<{tag}{attrs}>{_content(value)}</{tag}>"


def _row(row: Sequence[object] | Row, row_headers: bool) -> str:
    cells, css = (row.cells, row.css_class) if isinstance(row, Row) else (row, "")
    parts = [
        _cell("th", c, "row") if row_headers and i == 0 else _cell("td", c)
        for i, c in enumerate(cells)
    ]
    tr = f'<tr class="{html_escape(css)}">' if css else "<tr>"
    return tr + "".join(parts) + "</tr>"


def html_table(
    head: Sequence[object],
    rows: Iterable[Sequence[object] | Row],
    *,
    caption: str | None = None,
    label: str | None = None,
    css_class: str = "",
    row_headers: bool = False,
    foot: Sequence[Sequence[object] | Row] = (),
) -> str:
    """A table in a scroll region named ``label`` (by default its ``caption``).

    ``head`` is the header row (``<th scope="col">``); ``rows`` the body; with
    ``row_headers`` the first cell of every body and footer row is a
    ``<th scope="row">``; ``foot`` the rows of a ``<tfoot>``; ``css_class`` more
    classes after ``civicnb-table``. Cells are text (escaped), ``SafeHTML`` (as is),
    or a :class:`Cell` of either with a class or a column span.
    """
    name = label if label is not None else caption
    if name is None:
        raise ValueError("a table needs a caption or a label (its region's name)")
    classes = f"civicnb-table {css_class}" if css_class else "civicnb-table"
    cap = f"<caption>{html_escape(caption)}</caption>" if caption is not None else ""
    thead = "<thead><tr>" + "".join(_cell("th", c, "col") for c in head) + "</tr></thead>"
    tbody = "<tbody>" + "".join(_row(r, row_headers) for r in rows) + "</tbody>"
    tfoot = "<tfoot>" + "".join(_row(r, row_headers) for r in foot) + "</tfoot>" if foot else ""
    return scroll_region(
        name, f'<table class="{html_escape(classes)}">{cap}{thead}{tbody}{tfoot}</table>'
    )
