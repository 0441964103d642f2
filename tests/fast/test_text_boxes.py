"""Every text box of civicnb's pages sends its value when it is left, not at each
keystroke (civicnb.ui.inputs): with keystrokes held back by ipywidgets' per-widget
throttle, a button's click overtook them on a busy server and a booklet's note was saved
as its first letter. Checked in the source (no ipywidgets ``Text``/``Textarea`` made
elsewhere) and on the pages as built (the facilitator's, with every section open, and
the home page's set-up)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

import civicnb

pytest.importorskip("ipywidgets")
import ipywidgets as W

from civicnb.ui.context import PageContext
from civicnb.ui.facilitator import SECTIONS, FacilitatorPage
from civicnb.ui.locality_context import Context

PACKAGE = Path(civicnb.__file__).parent
TEXT_WIDGETS = {"Text", "Textarea"}


def _ipywidgets_text_calls(source: str) -> list[int]:
    """Lines where ``source`` makes an ipywidgets ``Text`` or ``Textarea`` itself."""
    tree = ast.parse(source)
    modules: set[str] = set()  # names ipywidgets is imported as
    direct: set[str] = set()  # names Text/Textarea are imported as
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "ipywidgets"}
        elif isinstance(node, ast.ImportFrom) and node.module == "ipywidgets":
            direct |= {a.asname or a.name for a in node.names if a.name in TEXT_WIDGETS}
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if (
            isinstance(f, ast.Attribute)
            and f.attr in TEXT_WIDGETS
            and isinstance(f.value, ast.Name)
            and f.value.id in modules
        ) or (isinstance(f, ast.Name) and f.id in direct):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_text_box_made_directly() -> None:
    found = _ipywidgets_text_calls(
        "import ipywidgets as W\nfrom ipywidgets import Textarea as A\n"
        "import sqlalchemy as sa\nsa.Text()\nW.Text(description='x')\nA(rows=2)\n"
    )
    assert found == [5, 6]


def test_no_text_box_is_made_outside_civicnb_ui_inputs() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "ui" / "inputs.py"
        for line in _ipywidgets_text_calls(path.read_text(encoding="utf-8"))
    ]
    assert not found, "use civicnb.ui.inputs.text_box/text_area: " + ", ".join(found)


def _continuous(root: Any) -> list[str]:
    return [
        str(w.description)
        for w in walk(root)
        if isinstance(w, (W.Text, W.Textarea)) and w.continuous_update
    ]


def test_the_facilitators_boxes_send_their_value_when_left(ctx: Context) -> None:
    page = FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    boxes = 0
    for key, _ in SECTIONS:
        page.open_section(key)
        section = page.sections[key]
        assert not _continuous(section), key
        boxes += sum(isinstance(w, (W.Text, W.Textarea)) for w in walk(section))
    assert boxes > 3 * len(ctx.framework.questions)  # the booklet's answers and notes


def test_the_home_pages_boxes_send_their_value_when_left(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.ui.home import HomePage
    from civicnb.workspace import open_workspace

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    ws = open_workspace(ws_path)
    page = HomePage(ws, "en")
    assert page.unlock(ws.facilitator_key())
    assert any(isinstance(w, W.Textarea) for w in walk(page))  # the set-up's forms
    assert not _continuous(page)
