"""Strand VI's page in the browser: the fifteen pairs with the participant's own answers,
and "About these questions" at the foot, opened with the keyboard, saying in Spanish
that the wording is civicnb's own translation."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.records import Side
from civicnb.workshop.participation import join
from civicnb.workspace import Workspace

from .conftest import demo_workspace, describe, open_as

pytestmark = pytest.mark.slow  # a Voilà server of its own: about a minute on a loaded machine


@pytest.fixture(scope="module")
def paper_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "paper-pages")


def test_strand_vi_checklist_and_about_these_questions(
    page: Any,
    paper_ws: Workspace,
    voila_server: Callable[..., str],
    axe_serious: Callable[..., list[dict[str, Any]]],
) -> None:
    base = voila_server(paper_ws.localities_dir) + "voila/render/villaflor/"
    with paper_ws.open_store() as store:
        loc = store.get_locality("villaflor")
        person = join(store, loc, Side.LA, "Papel", named=False)
    from civicnb.ui.locality_context import Context

    ctx = Context.open("villaflor", str(paper_ws.root), "es", None)
    session = ctx.session(person.id)
    session.save("LA-01", score=4)
    session.save("CSO-II", dont_know=True)
    ctx.store.close()

    open_as(page, base, paper_ws, person.id, "strand-VI.ipynb?lang=es")
    table = page.get_by_role("region", name="Los quince pares de preguntas")
    table.wait_for(timeout=60_000)
    rows = table.get_by_role("row")
    assert rows.count() == 16
    assert "Su respuesta: 4 · Bien" in rows.nth(1).inner_text()
    assert "Su respuesta: No sé" in rows.nth(2).inner_text()
    about = page.locator(".civicnb-about summary")
    assert about.inner_text().strip() == "Acerca de estas preguntas"
    note = page.get_by_text("traducción propia de civicnb")
    assert not note.is_visible()  # closed until asked for
    about.focus()
    page.keyboard.press("Enter")
    note.wait_for(state="visible")
    assert page.get_by_text("David Towell").first.is_visible()
    if os.environ.get("CIVICNB_SCREENSHOT_DIR"):
        shots = Path(os.environ["CIVICNB_SCREENSHOT_DIR"])
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "strand-vi-checklist-es.png"), full_page=True)
    found = axe_serious(page)
    assert found == [], "strand VI: " + describe(found)
