"""The people's writing in a report notebook (civicnb.reports.narrative): the template's
narrative cells, what a re-run keeps (same round) and carries (new round), an unreadable
earlier notebook kept aside, and the writing in the HTML as text."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.i18n import t
from civicnb.reports.narrative import (
    CARRIED_KEY,
    NARRATIVE_CELLS,
    NARRATIVE_TAG,
    carried_note,
    escape_raw_html,
    is_prompt,
    keep_writing,
    localize_prompts,
    prompt,
    read_previous,
    template_source,
)
from civicnb.reports.report import render_html, source_notebook


def _executed(lang: str = "es") -> Any:
    """The template as papermill leaves it: an injected-parameters cell (a new id on
    every run) after the parameters cell; the prompts in the report's language."""
    nb = nbformat.read(source_notebook(), as_version=4)
    injected = nbformat.v4.new_code_cell(
        f'locality = "villaflor"\nlang = "{lang}"',
        id=uuid.uuid4().hex[:8],
        metadata={"tags": ["injected-parameters"]},
    )
    nb.cells.insert(1, injected)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            cell.outputs = [nbformat.v4.new_output("stream", text=f"run of {cell.id}")]
    localize_prompts(nb, lang)
    return nb


def _cell(nb: Any, cell_id: str) -> Any:
    return next(c for c in nb.cells if c.id == cell_id)


def _ids(nb: Any) -> list[str]:
    return [c.id for c in nb.cells]


def test_the_template_has_the_narrative_cells_after_their_sections() -> None:
    nb = nbformat.read(source_notebook(), as_version=4)
    narrative = [c for c in nb.cells if NARRATIVE_TAG in c.metadata.get("tags", [])]
    assert [c.id for c in narrative] == list(NARRATIVE_CELLS)
    for cell in narrative:
        assert cell.cell_type == "markdown"
        assert cell.source == template_source(cell.id)  # every language until a run
        assert is_prompt(cell)
    before = {nb.cells[i + 1].id: nb.cells[i].source for i in range(len(nb.cells) - 1)}
    assert before["narrative-summary"] == "report.summary()"
    for s in ("I", "II", "III", "IV", "V", "VI"):
        assert before[f"narrative-strand-{s}"] == f'report.strand("{s}")'
    assert nb.cells[-1].id == "narrative-closing"
    # every message of the prompts in both languages (the i18n test checks placeholders)
    assert "eje II" in prompt("narrative-strand-II", "es")
    assert "strand II" in prompt("narrative-strand-II", "en")


def test_prompts_in_the_reports_language() -> None:
    nb = _executed("en")
    assert _cell(nb, "narrative-summary").source == prompt("narrative-summary", "en")
    assert is_prompt(_cell(nb, "narrative-summary"))
    nb2 = _executed("es")
    assert _cell(nb2, "narrative-strand-IV").source == prompt("narrative-strand-IV", "es")


def test_a_rerun_keeps_narrative_and_added_cells_in_place_but_not_data_edits() -> None:
    old = _executed()
    _cell(old, "narrative-summary").source = "El grupo ve **avances** en el eje I."
    _cell(old, "narrative-strand-III").source = "Falta confianza."
    _cell(old, "narrative-strand-III").metadata["tags"] = []  # the tag lost in an edit
    _cell(old, "a1f0c100").source = "print('edited data cell')"  # report.strand("I")
    i = _ids(old).index("a1f0c101")  # after report.strand("II")
    old.cells.insert(i + 1, nbformat.v4.new_markdown_cell("Nota añadida.", id="added-md"))
    old.cells.insert(
        i + 2,
        nbformat.v4.new_code_cell(
            "1 + 1", id="added-code", outputs=[nbformat.v4.new_output("stream", text="2")]
        ),
    )
    old.cells.insert(0, nbformat.v4.new_markdown_cell("Borrador", id="at-the-top"))
    old.cells.remove(_cell(old, "narrative-closing"))  # deleted by people: comes back

    new = _executed()
    kept = keep_writing(new, old)

    assert kept.narrative == ("narrative-summary", "narrative-strand-III")
    assert kept.added == 3
    assert _cell(new, "narrative-summary").source == "El grupo ve **avances** en el eje I."
    assert _cell(new, "narrative-strand-III").source == "Falta confianza."
    assert NARRATIVE_TAG in _cell(new, "narrative-strand-III").metadata["tags"]
    assert _cell(new, "a1f0c100").source == 'report.strand("I")'  # data: the template's
    ids = _ids(new)
    assert ids[0] == "at-the-top"
    at = ids.index("a1f0c101")
    assert ids[at + 1 : at + 4] == ["added-md", "added-code", "narrative-strand-II"]
    code = _cell(new, "added-code")
    assert code.source == "1 + 1" and code.outputs == [] and code.execution_count is None
    assert is_prompt(_cell(new, "narrative-closing"))
    assert not any(CARRIED_KEY in c.metadata.get("civicnb", {}) for c in new.cells)
    # one injected-parameters cell (the new run's), and the ids stay unique
    injected = [c for c in new.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and len(set(ids)) == len(ids)
    nbformat.validate(new)

    again = _executed()  # a second re-run keeps the same, once
    keep_writing(again, new)
    assert _ids(again).count("added-md") == 1
    assert _cell(again, "narrative-summary").source == "El grupo ve **avances** en el eje I."


def test_a_new_round_carries_the_writing_marked_once() -> None:
    old = _executed()
    _cell(old, "narrative-strand-I").source = "Resultados claros."
    old.cells.append(nbformat.v4.new_markdown_cell("Anexo.", id="annex"))
    first = _executed("en")
    keep_writing(first, old, carried_from="Línea de base", lang="en")
    cell = _cell(first, "narrative-strand-I")
    note = carried_note("Línea de base", "en")
    assert cell.source == f"{note}\n\nResultados claros."
    assert "Línea de base" in t("narr_carried", "en", label="Línea de base")
    assert cell.metadata["civicnb"][CARRIED_KEY] == "Línea de base"
    assert _cell(first, "annex").source == f"{note}\n\nAnexo."
    assert is_prompt(_cell(first, "narrative-summary"))  # nothing written: the prompt
    assert _cell(first, "narrative-summary").source == prompt("narrative-summary", "en")

    # carried again to the round after: the earlier note is replaced, not stacked
    second = _executed("es")
    keep_writing(second, first, carried_from="Seguimiento", lang="es")
    text = _cell(second, "narrative-strand-I").source
    assert text == f"{carried_note('Seguimiento', 'es')}\n\nResultados claros."
    assert _cell(second, "narrative-strand-I").metadata["civicnb"][CARRIED_KEY] == "Seguimiento"

    # people who deleted the note keep their text as it is on a same-round re-run
    _cell(second, "narrative-strand-I").source = "Resultados claros, revisado."
    third = _executed("es")
    keep_writing(third, second)
    assert _cell(third, "narrative-strand-I").source == "Resultados claros, revisado."


def test_an_unreadable_earlier_notebook_is_kept_aside(tmp_path: Path) -> None:
    bad = tmp_path / "Seguimiento.ipynb"
    bad.write_text('{"cells": [ {"cell_type": "markdown", "source": "Nuestro texto', "utf-8")
    when = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
    previous = read_previous(bad, now=when)
    assert previous.nb is None
    assert previous.copy == tmp_path / "Seguimiento.ipynb.unreadable-20261202T120000Z"
    assert previous.copy.read_bytes() == bad.read_bytes()
    good = tmp_path / "ok.ipynb"
    nbformat.write(_executed(), good)
    assert read_previous(good).nb is not None and read_previous(good).copy is None


def test_raw_html_in_the_writing_is_text() -> None:
    assert escape_raw_html("a <script>x</script> `a<b` b") == ("a &lt;script>x&lt;/script> `a<b` b")
    assert escape_raw_html("```\n<b>\n```\n<i>") == "```\n<b>\n```\n&lt;i>"


def test_the_html_shows_the_writing_not_the_prompts(tmp_path: Path) -> None:
    nb = _executed("en")
    for cell in nb.cells:  # no outputs needed for this check
        if cell.cell_type == "code":
            cell.outputs = []
    _cell(nb, "narrative-strand-II").source = "Our **shared** view <script>alert(1)</script>"
    path = tmp_path / "Baseline.ipynb"
    nbformat.write(copy.deepcopy(nb), path)
    html = render_html(path, "en").read_text(encoding="utf-8")
    assert "Our <strong>shared</strong> view" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert t("narr_summary", "en") not in html  # an unwritten prompt is left out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_localize_leaves_written_cells_alone(lang: str) -> None:
    nb = nbformat.read(source_notebook(), as_version=4)
    _cell(nb, "narrative-closing").source = "Written."
    localize_prompts(nb, lang)
    assert _cell(nb, "narrative-closing").source == "Written."
    assert _cell(nb, "narrative-summary").source == prompt("narrative-summary", lang)


def test_writing_saved_while_the_report_is_written_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collaborative session saves the notebook between civicnb reading it and
    replacing it: civicnb reads it again and keeps the newer text."""
    import civicnb.reports.narrative as narrative
    from civicnb.reports.report import _write_report

    out = tmp_path / "Seguimiento.ipynb"
    earlier = _executed()
    _cell(earlier, "narrative-summary").source = "first draft"
    nbformat.write(earlier, out)
    real = narrative.read_previous
    calls: list[Path] = []

    def read_then_someone_saves(path: Path, **kw: Any) -> Any:
        previous = real(path, **kw)
        if not calls:  # the room saves newer text just after civicnb read the file
            newer = copy.deepcopy(previous.nb)
            _cell(newer, "narrative-summary").source = "second draft"
            nbformat.write(newer, path)
        calls.append(path)
        return previous

    monkeypatch.setattr(narrative, "read_previous", read_then_someone_saves)
    html, notes = _write_report(
        _executed(),
        out,
        (out, None),
        None,  # the workspace and records: not used without embed
        None,
        lang="es",
        html_lang=None,
        embed=False,
    )
    assert len(calls) == 2 and html is None and len(notes) == 1
    assert _cell(nbformat.read(out, as_version=4), "narrative-summary").source == "second draft"
    assert not list(tmp_path.glob(".*.tmp"))
