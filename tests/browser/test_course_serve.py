"""`civicnb serve --course DIR` serves the course packs with civicnb's Voilà template:
nothing leaves the machine (stock Voilà fetches Font Awesome from a CDN), the page is
in the course's language and has no serious accessibility violation, and each group's
module runs in its own pack (its answers go to its own learner's workbook)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from civicnb.course.learner import read_learner_workbook
from civicnb.course.packs import make_packs

from .conftest import NetworkGuard, describe

pytestmark = pytest.mark.xdist_group("course")
FIRST, MODULE = "00-introduction", "03-strand-III"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """Two groups' packs (Spanish), served by `civicnb serve --course`; the addresses it
    printed."""
    pytest.importorskip("voila")
    home = tmp_path_factory.mktemp("course-serve")
    root = home / "curso"
    make_packs(2, "es", root, progress=False, modules=[FIRST, MODULE], handouts=False)
    port = _free_port()
    env = {
        **os.environ,
        "CIVICNB_CACHE_DIR": str(home / "cache"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    exe = Path(sys.executable).with_name("civicnb")
    err = open(home / "serve.err", "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [str(exe), "serve", "--course", str(root), "--port", str(port), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=err,
        text=True,
        env=env,
        start_new_session=True,
    )
    urls: dict[str, str] = {}
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line or "Ctrl-C" in line:
                break
            key, sep, url = line.strip().partition(": ")
            if sep and url.startswith("http"):
                urls[key] = url
        if not urls:
            pytest.fail(
                f"civicnb serve --course printed no address (exit {proc.poll()}):\n"
                + (home / "serve.err").read_text(errors="replace")[-3000:]
            )
        yield root, urls
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        err.close()
        proc.stdout.close()


def test_the_addresses_name_each_group_and_the_trainers_summary(
    served: tuple[Path, dict[str, str]],
) -> None:
    _, urls = served
    assert list(urls) == ["grupo-1", "grupo-2", "trainer-summary"]
    assert urls["grupo-2"].endswith(f"/voila/render/grupo-2/{FIRST}.ipynb")
    assert all(u.startswith("http://127.0.0.1:") for u in urls.values())


def test_a_served_module_is_offline_accessible_and_saves_to_its_group(
    page: Any,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    served: tuple[Path, dict[str, str]],
) -> None:
    root, urls = served
    folder = root / "grupo-2"
    page.goto(urls["grupo-2"], timeout=120_000)
    first = page.locator(".civicnb-exercise").first
    check = first.get_by_role("button", name="Revisar mi respuesta")
    check.wait_for(timeout=120_000)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator('link[href*="civicnb.css"]').count() == 1  # civicnb's template
    assert "Grupo 2" in page.locator(".civicnb-place").first.inner_text()
    radios = first.get_by_role("radio")
    radios.first.check()
    check.click()
    status = first.get_by_role("status")
    page.wait_for_function(
        "el => el.textContent.trim().length > 0", arg=status.element_handle(), timeout=30_000
    )
    # the kernel ran in group 2's pack: the answer is in its workbook, not group 1's
    answers = read_learner_workbook(folder / "learner-workbook.json")["answers"]
    assert len(answers) == 1
    assert read_learner_workbook(root / "grupo-1" / "learner-workbook.json")["answers"] == {}
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs


def test_the_trainers_summary_is_served_offline(
    page: Any,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    served: tuple[Path, dict[str, str]],
) -> None:
    _, urls = served
    page.goto(urls["trainer-summary"], timeout=120_000)
    page.locator("table").first.wait_for(timeout=120_000)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Grupo 2" in page.locator("main").inner_text()
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external


def test_a_module_links_to_the_groups_next_module_offline(
    page: Any,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
    served: tuple[Path, dict[str, str]],
) -> None:
    _, urls = served
    page.goto(urls["grupo-2"], timeout=120_000)
    nav = page.get_by_role("navigation", name="Módulos del curso")
    nav.wait_for(timeout=120_000)
    assert nav.locator('[aria-current="page"]').inner_text().startswith("0. ")
    nav.get_by_role("link").nth(1).click()
    page.locator(".civicnb-exercise").first.wait_for(timeout=120_000)
    assert page.url.endswith(f"/voila/render/grupo-2/{MODULE}.ipynb")
    current = page.get_by_role("navigation", name="Módulos del curso").locator(
        '[aria-current="page"]'
    )
    assert current.inner_text().startswith("3. ")
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external
