"""The orientation a participant reads in the browser (issue 17): the start page, before
joining, says how the six strands fit together (the framework's groups), what the scale
means and that the checklist is framed as questions, in the original wording and in
easy read; strand IV shows the five ways to well-being with their credit. Each page has
no serious axe violation. Words come from the catalog (``t``) and the framework.

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium; requests leaving
the machine are caught by ``page``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import init, new_locality
from civicnb.framework import load_framework
from civicnb.i18n import t
from civicnb.records import Side
from civicnb.workshop.participation import join
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only, open_as

ES = "es"
FW = load_framework("pamphlet")
TIMEOUT = 90_000
SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)

pytestmark = [pytest.mark.xdist_group("orientation")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, str, str]:
    path = tmp_path_factory.mktemp("orientation")
    with notebooks_prepared_only():
        init(path)
        loc = new_locality("Villa Orienta", workspace=path, language="es", min_group=2)
    workspace = open_workspace(path)
    with workspace.open_store() as store:
        person = join(store, store.get_locality(loc.slug), Side.LA, "Inés", False)
    return workspace, loc.slug, person.id


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"orientation-{name}.png"), full_page=True)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_the_start_page_says_what_the_checklist_is(
    page: Any,
    ws: tuple[Workspace, str, str],
    voila_server: Callable[..., str],
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    workspace, slug, _ = ws
    page.set_default_timeout(TIMEOUT)
    base = voila_server(workspace.localities_dir) + f"voila/render/{slug}/"
    assert FW.strand_groups
    for easy in (False, True):
        page.goto(base + "start.ipynb?lang=es" + ("&easy=1" if easy else ""))
        section = page.locator("section.civicnb-orientation")
        section.wait_for(timeout=TIMEOUT)
        heading = section.get_by_role("heading", level=2, name=t("orient_title", ES))
        assert heading.count() == 1
        text = _squash(section.inner_text())
        for g in FW.strand_groups:
            title = g.easy_title(ES) if easy else g.title.get(ES)
            assert title in text, title
        for s in FW.strands:
            title = s.easy_title(ES) if easy else s.title.get(ES)
            assert _squash(t("orient_strand", ES, n=s.id, title=title)) in text, s.id
        prefix = "orient_easy_" if easy else "orient_"
        assert _squash(t(prefix + "questions", ES)) in text
        # the groups as a list of lists: each strand once, under its group
        assert section.locator("ul.civicnb-orientation-strands > li > ul > li").count() == len(
            FW.strands
        )
        _shot(page, "start-easy" if easy else "start")
        violations = axe_serious(page)
        assert not violations, describe(violations)
    assert not net.external and not net.dialogs


def test_strand_iv_shows_the_five_ways_with_their_credit(
    page: Any,
    ws: tuple[Workspace, str, str],
    voila_server: Callable[..., str],
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    workspace, slug, pid = ws
    page.set_default_timeout(TIMEOUT)
    base = voila_server(workspace.localities_dir) + f"voila/render/{slug}/"
    wb = FW.well_being
    assert wb is not None
    open_as(page, base, workspace, pid, "strand-IV.ipynb?lang=es")
    section = page.locator("section.civicnb-well-being")
    section.wait_for(timeout=TIMEOUT)
    assert section.get_by_role("heading", level=2, name=wb.title.get(ES)).count() == 1
    items = section.locator("li")
    assert items.count() == len(wb.elements) == 5
    for i, e in enumerate(wb.elements):
        assert _squash(items.nth(i).inner_text()).startswith(e.title.get(ES))
    assert _squash(t("well_being_credit", ES)) in _squash(section.inner_text())
    _shot(page, "strand-IV")
    violations = axe_serious(page)
    assert not violations, describe(violations)
    # strand III has no five ways
    open_as(page, base, workspace, pid, "strand-III.ipynb?lang=es")
    page.get_by_role("heading", level=1).first.wait_for(timeout=TIMEOUT)
    page.locator(".civicnb-rating").first.wait_for(timeout=TIMEOUT)
    assert page.locator("section.civicnb-well-being").count() == 0
    assert not net.external and not net.dialogs
