"""The one HTML table builder (civicnb.html.tables): every cell escaped unless it is our
own SafeHTML markup, a caption, a header row, row headers, a footer, and the scroll
region every table sits in (named for screen readers, focusable)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from civicnb.html.safe import SafeHTML
from civicnb.html.tables import Cell, Row, html_table

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Tags:
    p = _Tags()
    p.feed(markup)
    p.close()
    return p


def test_every_text_cell_is_escaped_header_caption_and_label_too() -> None:
    markup = html_table([XSS], [[XSS, XSS]], caption=XSS, row_headers=True, foot=[[XSS]])
    parsed = _parse(markup)
    assert {tag for tag, _ in parsed.tags} == {
        "div", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }  # fmt: skip
    # the hostile text shows as written, in the caption, the header, a row header,
    # a cell and the footer; and names the region, escaped
    assert parsed.text.count(XSS) == 5
    assert parsed.tags[0] == (
        "div",
        {"class": "civicnb-scroll", "role": "region", "tabindex": "0", "aria-label": XSS},
    )
    assert "<script>" not in markup and "<img" not in markup


def test_safe_html_cells_are_kept_as_markup() -> None:
    link = SafeHTML('<a href="strand-I.ipynb">Strand I</a>')
    markup = html_table(["Pair"], [[link]], label="Pairs")
    assert '<td><a href="strand-I.ipynb">Strand I</a></td>' in markup
    # a plain string with the same text is text
    assert "&lt;a href=" in html_table(["Pair"], [[str(link)]], label="Pairs")


def test_structure_caption_header_row_headers_and_footer() -> None:
    markup = html_table(
        ["Who", "n"],
        [["LA", 3], Row(["CSO", Cell("withheld", colspan=2)], "civicnb-winwin")],
        caption="Answers",
        css_class="civicnb-reveal-table",
        row_headers=True,
        foot=[["All", 3]],
    )
    assert markup == (
        '<div class="civicnb-scroll" role="region" tabindex="0" aria-label="Answers">'
        '<table class="civicnb-table civicnb-reveal-table"><caption>Answers</caption>'
        '<thead><tr><th scope="col">Who</th><th scope="col">n</th></tr></thead>'
        '<tbody><tr><th scope="row">LA</th><td>3</td></tr>'
        '<tr class="civicnb-winwin"><th scope="row">CSO</th><td colspan="2">withheld</td></tr>'
        "</tbody>"
        '<tfoot><tr><th scope="row">All</th><td>3</td></tr></tfoot></table></div>'
    )


def test_without_caption_the_label_names_the_region_and_no_caption_is_made() -> None:
    markup = html_table([Cell("Outcome", css_class="civicnb-uncovered")], [["x"]], label="Out")
    assert "<caption>" not in markup and 'aria-label="Out"' in markup
    assert '<th scope="col" class="civicnb-uncovered">Outcome</th>' in markup
    assert "<td>x</td>" in markup and "<tfoot>" not in markup


def test_a_table_needs_a_name() -> None:
    with pytest.raises(ValueError, match="caption or a label"):
        html_table(["a"], [["b"]])
