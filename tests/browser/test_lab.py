"""civicnb in a real JupyterLab (the ``lab`` extra): the launcher's entries, and a
Voilà page opened from them inside Lab.

JupyterLab is started by the ``lab_server`` fixture on 127.0.0.1 with the launcher file
that civicnb writes in the workspace (jupyter_app_launcher reads it)."""

from __future__ import annotations

from typing import Any

import pytest

from civicnb.workspace import Workspace

from .conftest import demo_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "lab")


def _launcher_cards(page: Any, base: str) -> list[str]:
    page.goto(base + "lab")
    section = page.locator(".jp-Launcher-section", has_text="civicnb")
    section.wait_for(timeout=90_000)
    return [" ".join(t.split()) for t in section.locator(".jp-LauncherCard").all_inner_texts()]


def test_the_launcher_shows_civicnb_entries_once_and_they_open_voila_inside_lab(
    page: Any, ws: Workspace, lab_server: Any
) -> None:
    base = lab_server(ws.root)
    cards = _launcher_cards(page, base)
    # the demo's locality is Spanish: its entries are in Spanish, the workspace's in English
    expected = [
        "Workshop home page (Voilà)",
        "Villaflor: página de facilitación (Voilà)",
        "Villaflor: página para unirse (Voilà)",
        "Villaflor: cuaderno de la línea I",
        "Villaflor: hacer el informe (terminal)",
    ]
    assert [c for c in cards if any(c.endswith(e) for e in expected)] == [c for c in cards if c], (
        cards
    )
    for title in expected:
        assert sum(1 for c in cards if c.endswith(title)) == 1, (title, cards)
    # no "would you like news?" prompt: the announcements plugin is off (nothing fetched)
    assert page.get_by_text("official Jupyter news").count() == 0

    page.locator(".jp-LauncherCard", has_text="Workshop home page (Voilà)").click()
    frame = page.frame_locator("iframe").first
    heading = frame.get_by_role("heading", level=1)
    heading.wait_for(timeout=90_000)
    assert heading.inner_text().strip() == "Civic partnership workbook"
    # rendered with civicnb's template (asked for in the notebook's metadata): lang, skip link
    html = frame.locator("html")
    assert html.get_attribute("lang") == "en"
    assert frame.locator("a.civicnb-skip, a[href='#civicnb-main'], a[href^='#']").count() >= 1
