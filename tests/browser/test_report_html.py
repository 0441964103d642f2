"""The report's HTML as a reader sees it: opened from disk in headless Chromium,
nothing requested from the network, no serious axe-core violation, charts named."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import create_demo
from civicnb.reports.report import run_report
from civicnb.workspace import open_workspace

from .conftest import NetworkGuard, describe

pytestmark = pytest.mark.xdist_group("report")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_report_html_is_accessible_and_offline(
    page: Any,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    tmp_path: Path,
    lang: str,
) -> None:
    create_demo(tmp_path / "ws", notebooks=False)
    files = run_report(open_workspace(tmp_path / "ws"), "villaflor", lang=lang, pdf=False)
    assert files.html is not None
    page.goto(files.html.resolve().as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    charts = page.locator("svg[role=img]")
    assert charts.count() == 6  # the summary's overview of every pair, strands I-V
    # the contents link to every section's heading
    links = page.locator("nav.civicnb-toc a")
    assert links.count() == 18
    targets = page.evaluate(
        "[...document.querySelectorAll('nav.civicnb-toc a')].map("
        "a => document.getElementById(a.hash.slice(1))?.tagName)"
    )
    assert targets == ["H2"] * 18
    page.screenshot(path=str(tmp_path / f"report-top-{lang}.png"))
    for i in range(charts.count()):
        labelled = charts.nth(i).get_attribute("aria-labelledby") or ""
        assert labelled and all(page.locator(f"[id='{x}']").count() == 1 for x in labelled.split())
    assert page.locator("table").count() > 10
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs
    # numbers in the report's language: "3,5" in Spanish, "3.5" in English
    pairs = page.locator("table.civicnb-paired").first.inner_text()
    assert re.search(r"\d,\d" if lang == "es" else r"\d\.\d", pairs)
    assert not re.search(r"\d\.\d" if lang == "es" else r"\d,\d", pairs)
    # on a phone the page never scrolls sideways: a wide table scrolls in its own region
    page.set_viewport_size({"width": 360, "height": 800})
    assert _overflowing(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # on paper (A4 less margins, about 680 CSS px) every table fits the page's width
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 960})
    assert page.locator("h1").first.is_visible()
    assert _overflowing(page, regions_scroll=False) == []


def _overflowing(page: Any, *, regions_scroll: bool = True) -> list[str]:
    """What does not fit: tables wider than the text column (on screen, a table in a
    scrolling region may be), and cells whose words run over into the next cell."""
    return page.evaluate(
        """(regionsScroll) => {
          const out = [];
          for (const t of document.querySelectorAll('table')) {
            const column = t.closest('.jp-Cell') || document.body;
            const inRegion = regionsScroll && t.closest('.civicnb-scroll[role=region]');
            if (!inRegion && t.getBoundingClientRect().right > column.getBoundingClientRect().right + 1)
              out.push('table: ' + (t.caption ? t.caption.textContent : t.className));
            for (const c of t.querySelectorAll('th, td'))
              if (c.scrollWidth > c.clientWidth + 1) out.push('cell: ' + c.textContent);
            if (inRegion && t.caption && t.caption.getBoundingClientRect().right
                > inRegion.getBoundingClientRect().right + 1)
              out.push('caption out of view: ' + t.caption.textContent);
          }
          return out; }""",
        regions_scroll,
    )
