"""The report's HTML as a reader sees it: opened from disk in headless Chromium,
nothing requested from the network, no serious axe-core violation, charts named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import create_demo
from civicnb.report import run_report
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
    assert charts.count() == 5
    for i in range(charts.count()):
        labelled = charts.nth(i).get_attribute("aria-labelledby") or ""
        assert labelled and all(page.locator(f"[id='{x}']").count() == 1 for x in labelled.split())
    assert page.locator("table").count() > 10
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs
    page.emulate_media(media="print")
    assert page.locator("h1").first.is_visible()
