"""civicnb in a real JupyterLab (the ``lab`` extra): the launcher's entries, and a
Voilà page opened from them inside Lab.

JupyterLab is started by the ``lab_server`` fixture on 127.0.0.1 with the launcher file
that civicnb writes in the workspace (jupyter_app_launcher reads it); the last test runs
``civicnb lab`` itself, as a facilitator would."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from civicnb.execution.launcher import LAUNCHER_FILE
from civicnb.i18n import t
from civicnb.workspace import Workspace

from .conftest import _free_port, demo_workspace, lab_url

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "lab")


def _launcher_cards(page: Any, base: str) -> list[str]:
    page.goto(lab_url(base))  # not the tabs an earlier test left open
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
        t("launch_home", "en"),
        *(
            t(key, "es", name="Villaflor")
            for key in ("launch_facilitator", "launch_start", "launch_strand", "launch_make_report")
        ),
    ]
    assert expected[1:] == [
        "Villaflor: página de facilitación (Voilà)",
        "Villaflor: página para unirse (Voilà)",
        "Villaflor: cuaderno del eje I",
        "Villaflor: generar el informe (terminal)",
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


def test_the_facilitator_entry_asks_for_the_key_and_opens_the_room_inside_lab(
    page: Any, ws: Workspace, lab_server: Any, net: Any
) -> None:
    base = lab_server(ws.root)
    _launcher_cards(page, base)
    page.locator(".jp-LauncherCard", has_text="Villaflor: página de facilitación").click()
    frame = page.frame_locator("iframe").first
    key_box = frame.get_by_label("Clave de facilitación")
    key_box.wait_for(timeout=90_000)
    key_box.fill(ws.facilitator_key())
    frame.get_by_role("button", name=re.compile("^Abrir la página")).click()
    # the room of the demo locality: its participants counted by side
    key_box.wait_for(state="detached", timeout=90_000)  # the gate gave way to the room
    frame.get_by_role("heading", name=re.compile("Villaflor")).first.wait_for(timeout=90_000)
    assert net.external == []


def _lab_log_url(log: Path, deadline: float) -> str:
    while time.monotonic() < deadline:
        found = re.search(
            r"(http://127\.0\.0\.1:\d+/lab\?token=\w+)", log.read_text(errors="replace")
        )
        if found:
            return found.group(1)
        time.sleep(0.3)
    raise AssertionError(f"no address in the log:\n{log.read_text(errors='replace')[-3000:]}")


def test_civicnb_lab_runs_jupyterlab_refuses_a_taken_port_and_stops_on_sighup(
    ws: Workspace, tmp_path: Path
) -> None:
    port = _free_port()
    env = dict(os.environ)
    env.update(
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "lab-workspaces"),
        CIVICNB_CACHE_DIR=str(tmp_path / "cache"),
    )
    (ws.root / LAUNCHER_FILE).unlink(missing_ok=True)
    civicnb = [sys.executable, "-m", "civicnb.cli"]
    args = ["lab", "--no-browser", "--port", str(port), "--workspace", str(ws.root)]
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*civicnb, *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            # as from a terminal: SIGHUP at its default. A runner started under `nohup`
            # ignores it, and an ignored signal stays ignored across exec (as it should:
            # `nohup civicnb lab` is meant to outlive its terminal)
            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL),
        )
    try:
        url = _lab_log_url(log, time.monotonic() + 120)  # Jupyter's own token, printed
        with urllib.request.urlopen(url, timeout=30) as resp:
            assert resp.status == 200
        assert (ws.root / LAUNCHER_FILE).is_file()  # written before Lab started
        # the key the facilitator's page asks for, printed in the terminal only
        assert f"facilitator key: {ws.facilitator_key()}" in log.read_text()
        # a second one on the same port: one clear line, not a neighbouring port
        second = subprocess.run([*civicnb, *args], env=env, capture_output=True, text=True)
        assert second.returncode == 2
        assert f"port {port} is already in use" in second.stderr
        # a closed terminal (SIGHUP) stops JupyterLab itself: civicnb became it (exec)
        os.kill(proc.pid, signal.SIGHUP)
        proc.wait(timeout=60)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_a_notebook_open_in_lab_shows_as_its_voila_page_from_its_toolbar(
    page: Any, ws: Workspace, lab_server: Any
) -> None:
    base = lab_server(ws.root)
    page.goto(lab_url(base, "localities/villaflor/strand-I.ipynb"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    # Voilà's JupyterLab preview: its button in the notebook's toolbar
    page.locator(".jp-NotebookPanel-toolbar .voilaRender button, .voilaRender").first.click()
    frame = page.frame_locator("iframe").first
    notice = frame.get_by_role("alert")
    notice.wait_for(timeout=90_000)  # the browser holds no session: "not joined"
    assert "Todavía no se ha unido" in notice.inner_text()
    assert frame.locator("html").get_attribute("lang") == "es"  # civicnb's template
