"""Static copies (notebooks executed without a front-end) show text once escaped.

The participant pages and the facilitator's page print Markdown when papermill runs
them; the course modules print HTML. Each text must be escaped exactly once for its
format: an apostrophe shows as an apostrophe (not ``&#x27;``), ``<script>``, ``*``,
``&`` and ``#`` show as themselves, and none of them is markup. The Markdown is
rendered here with nbconvert's own renderer (mistune), the one the handouts and HTML
exports use.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from civicnb.api import create_demo
from civicnb.framework.model import Text
from civicnb.html.safe import markdown_text
from civicnb.ui.facilitator import facilitator_page
from civicnb.ui.locality_context import Context
from civicnb.ui.start_page import start_page
from civicnb.ui.static import static_strand

HOSTILE = "Women's <script>alert(1)</script> *group* & _co_ #1 [x](javascript:alert(2)) `c`"


class _Reader(HTMLParser):
    """The text a browser shows, and the tags it builds (without the "¶" anchor links
    nbconvert adds to headings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._anchor = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and ("class", "anchor-link") in attrs:
            self._anchor = True
            return
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._anchor = False

    def handle_data(self, data: str) -> None:
        if not self._anchor:
            self.text.append(data)


def _shown(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(markdown2html_mistune(markdown))
    reader.close()
    return reader


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("static")
    create_demo(path, notebooks=False)
    return path


@pytest.fixture
def static(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setenv("CIVICNB_STATIC", "1")
    shown: list[Any] = []
    monkeypatch.setattr("civicnb.ui.static.display", shown.append)
    return shown


def _hostile_context(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page opened meanwhile sees a locality named HOSTILE."""
    opened = Context.open

    def open_hostile(*args: Any, **kwargs: Any) -> Context:
        ctx = opened(*args, **kwargs)
        ctx.locality = dataclasses.replace(ctx.locality, name=HOSTILE)
        return ctx

    monkeypatch.setattr(Context, "open", open_hostile)


@pytest.mark.parametrize("text", [HOSTILE, "l'été & <b>", "1. not a list", "# not a heading"])
def test_markdown_text_is_shown_as_written(text: str) -> None:
    reader = _shown(markdown_text(text))
    assert "".join(reader.text).strip() == text
    assert reader.tags == ["p"]


def test_markdown_text_keeps_one_line() -> None:
    # a line break would end a heading or a list item and let the next line be markup
    reader = _shown("# " + markdown_text("Villa\n# Flor\n\n    code\r\n- item\x00"))
    assert reader.tags == ["h1"]
    assert "".join(reader.text).strip() == "Villa # Flor code - item"


def test_static_strand_shows_framework_text_once_escaped(ws_path: Path, static: list[Any]) -> None:
    ctx = Context.open("villaflor", str(ws_path), "en", None)
    try:
        fw = ctx.framework
        strand = fw.strand("I")
    finally:
        ctx.store.close()
    hostile = dataclasses.replace(
        strand, title=Text(HOSTILE, HOSTILE), guiding_question=Text(HOSTILE, HOSTILE)
    )
    static_strand(fw, hostile, "en")
    (out,) = static
    reader = _shown(out.data)
    text = "".join(reader.text)
    assert "&#x27;" not in text and "&amp;" not in text
    assert f"Strand I: {HOSTILE}" in text
    assert text.count(HOSTILE) == 2  # the title and the guiding question
    assert "script" not in reader.tags and "a" not in reader.tags and "code" not in reader.tags
    # the real framework text, with its apostrophes, shows as written
    for q in strand.questions:
        assert q.text.get("en") in text, q.id
    assert any("'" in q.text.get("en") or "'" in strand.summary.get("en") for q in strand.questions)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_static_start_and_facilitator_pages_show_the_name_as_written(
    ws_path: Path, static: list[Any], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _hostile_context(monkeypatch)
    assert start_page("villaflor", workspace=str(ws_path), lang=lang) is None
    assert facilitator_page("villaflor", workspace=str(ws_path), lang=lang) is None
    for out in static:
        assert out._repr_markdown_() is not None  # a Markdown output, rendered as such
        reader = _shown(out.data)
        text = "".join(reader.text)
        assert HOSTILE in text, text
        assert "&#x27;" not in text and "&amp;" not in text
        assert "script" not in reader.tags and "a" not in reader.tags


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_static_start_page_says_how_the_strands_fit_together(
    ws_path: Path, static: list[Any], lang: str
) -> None:
    """Issue 17: the start page's orientation is in its stored copy too (a notebook made
    by `civicnb new` and read on GitHub): the groups with their strands, the scale and
    the questions framed as a stimulus to deliberation."""
    from civicnb.i18n import t

    assert start_page("villaflor", workspace=str(ws_path), lang=lang) is None
    (out,) = static
    reader = _shown(out.data)
    text = " ".join("".join(reader.text).split())
    ctx = Context.open("villaflor", str(ws_path), lang, None)
    try:
        fw = ctx.framework
    finally:
        ctx.store.close()
    assert fw.strand_groups
    assert t("orient_title", lang) in text
    assert t("orient_questions", lang) in text
    for g in fw.strand_groups:
        assert g.title.get(lang) in text
    for strand in fw.strands:
        assert t("orient_strand", lang, n=strand.id, title=strand.title.get(lang)) in text
    assert "ul" in reader.tags and "strong" in reader.tags  # the groups' list, rendered


def test_the_static_strand_iv_shows_the_five_ways_with_their_credit(
    ws_path: Path, static: list[Any]
) -> None:
    from civicnb.i18n import t

    ctx = Context.open("villaflor", str(ws_path), "es", None)
    try:
        fw = ctx.framework
    finally:
        ctx.store.close()
    assert fw.well_being is not None
    static_strand(fw, fw.strand("IV"), "es")
    static_strand(fw, fw.strand("III"), "es")
    four, three = ("".join(_shown(o.data).text) for o in static)
    for e in fw.well_being.elements:
        assert e.title.get("es") in four and e.title.get("es") not in three
    assert t("well_being_credit", "es") in four
