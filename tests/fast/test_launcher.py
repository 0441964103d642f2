"""JupyterLab's launcher entries (civicnb.execution.launcher) and the `civicnb lab`
command line (civicnb.serving.lab), without starting Lab (tests/browser/test_lab.py
does)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from cli_helpers import Result

from civicnb.execution import launcher as lab_launcher
from civicnb.execution.launcher import LAUNCHER_FILE, launcher_entries, write_launcher
from civicnb.serving import lab
from civicnb.workspace import open_workspace


def _paths(entries: list[dict[str, object]]) -> list[str]:
    return [
        step["args"]["path"]  # type: ignore[index]
        for e in entries
        if e["type"] == "jupyterlab-commands"
        for step in e["source"]  # type: ignore[attr-defined]
    ]


def test_a_new_locality_gets_its_entries_in_the_workspace_launcher_file(
    demo_ws: Path, run: Callable[..., Result]
) -> None:
    assert run("new", "Floridablanca", "--lang", "en", "--workspace", demo_ws).status == 0
    text = (demo_ws / LAUNCHER_FILE).read_text(encoding="utf-8")
    entries = yaml.safe_load(text)
    titles = [e["title"] for e in entries]
    assert titles[0] == "Workshop home page (Voilà)"
    assert "Floridablanca: facilitator's page (Voilà)" in titles  # in its own language
    assert "Villaflor: página de facilitación (Voilà)" in titles
    assert {e["catalog"] for e in entries} == {"civicnb"}
    paths = _paths(entries)
    assert "localities/floridablanca/strand-I.ipynb" in paths
    assert all((demo_ws / p).is_file() for p in paths), paths  # relative to Lab's root
    voila = [
        step["args"]["path"]
        for e in entries
        if e["type"] == "jupyterlab-commands"
        for step in e["source"]
        if step["args"].get("factory") == "Voila Preview"
    ]
    assert "localities/home.ipynb" in voila and "localities/villaflor/start.ipynb" in voila
    # the facilitator's page asks for the key: no key is ever written here
    key = (demo_ws / "facilitator.key").read_text().strip()
    assert key and key not in text


def test_the_report_entry_opens_the_latest_report_or_makes_one(demo_ws: Path) -> None:
    ws = open_workspace(demo_ws)
    [make] = [e for e in launcher_entries(ws) if e["type"] == "terminal"]
    assert make["source"] == "civicnb report villaflor --workspace ."
    assert make["cwd"] == str(ws.root)
    folder = ws.reports_dir / "villaflor"
    folder.mkdir(parents=True, exist_ok=True)
    old, new = folder / "Ronda-1.ipynb", folder / "Ronda-2.ipynb"
    old.write_text("{}")
    new.write_text("{}")
    os.utime(old, ns=(1, 1))
    entries = launcher_entries(ws)
    assert not [e for e in entries if e["type"] == "terminal"]
    assert "reports/villaflor/Ronda-2.ipynb" in _paths(entries)
    assert "Villaflor: cuaderno del informe (Ronda-2)" in [e["title"] for e in entries]


def test_course_packs_inside_the_workspace_get_entries_and_prefix_moves_every_path(
    demo_ws: Path,
) -> None:
    ws = open_workspace(demo_ws)
    group = demo_ws / "curso" / "group-1"
    group.mkdir(parents=True)
    (group / "00-introduction.ipynb").write_text("{}")
    (demo_ws / "curso" / "trainer-summary.ipynb").write_text("{}")
    entries = launcher_entries(ws, prefix="civicnb-workspace/")
    paths = _paths(entries)
    assert "civicnb-workspace/curso/group-1/00-introduction.ipynb" in paths
    assert "civicnb-workspace/curso/trainer-summary.ipynb" in paths
    assert all(p.startswith("civicnb-workspace/") for p in paths)


def test_the_launcher_file_is_rewritten_only_when_it_changes(demo_ws: Path) -> None:
    ws = open_workspace(demo_ws)
    target = write_launcher(ws)
    os.utime(target, ns=(1, 1))
    assert write_launcher(ws) == target
    assert target.stat().st_mtime_ns == 1  # the same text: left alone
    (ws.locality_dir("villaflor") / "start.ipynb").unlink()  # half-created: no entries
    write_launcher(ws)
    assert "villaflor" not in target.read_text(encoding="utf-8")


def test_lab_command_binds_loopback_one_port_and_fetches_nothing(tmp_path: Path) -> None:
    cmd = lab.lab_command(tmp_path, port=18999)
    assert cmd[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in cmd
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port_retries=0" in cmd
    assert "--ServerApp.open_browser=False" in cmd
    assert "--LabApp.news_url=None" in cmd
    assert '--ServerApp.tornado_settings={"mathjax_url": ""}' in cmd
    assert not any(a.startswith("--IdentityProvider.token") for a in cmd)  # Jupyter's own
    assert "--IdentityProvider.token=" in lab.lab_command(tmp_path, token="")
    with pytest.raises(lab.UsageError, match="port"):
        lab.lab_command(tmp_path, port=0)
    with pytest.raises(lab.UsageError, match="no such folder"):
        lab.lab_command(tmp_path / "missing")


def test_lab_env_finds_civicnb_template_and_turns_off_lab_news(tmp_path: Path) -> None:
    import json

    env = lab.lab_env(tmp_path, {"CIVICNB_CACHE_DIR": str(tmp_path / "cache")})
    data = Path(env["JUPYTER_PATH"].split(os.pathsep)[0])
    config = Path(env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0])
    assert (data / "voila" / "templates" / "civicnb" / "conf.json").is_file()
    assert not (data / "kernels").exists()  # Lab's notebooks keep the usual python3 kernel
    page = json.loads((config / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"] == {lab.ANNOUNCEMENTS: True}
    # named twice, the launcher file's entries would show twice
    env = lab.lab_env(tmp_path, {"JUPYTER_APP_LAUNCHER_PATH": str(tmp_path)})
    assert "JUPYTER_APP_LAUNCHER_PATH" not in env


def test_civicnb_lab_without_the_lab_extra_says_what_to_install(
    demo_ws: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lab, "lab_is_installed", lambda: False)
    res = run("lab", "--no-browser", "--workspace", demo_ws)
    assert res.status == 2
    assert "pip install 'civicnb[lab]'" in res.err


def test_civicnb_lab_course_writes_the_packs_launcher_and_runs_lab_there(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "curso"
    for group in ("group-1", "group-2"):
        (course / group).mkdir(parents=True)
        (course / group / "00-introduction.ipynb").write_text("{}")
    (course / "trainer-summary.ipynb").write_text("{}")
    entries = lab_launcher.course_launcher_entries(course)
    assert [e["title"] for e in entries] == [
        "Course, group-1: first module",
        "Course, group-2: first module",
        "Course: trainer's summary",
    ]
    assert _paths(entries) == [
        "group-1/00-introduction.ipynb",
        "group-2/00-introduction.ipynb",
        "trainer-summary.ipynb",
    ]
    calls: list[tuple[list[str], object]] = []
    monkeypatch.setattr(lab, "lab_is_installed", lambda: True)
    monkeypatch.setattr(lab.subprocess, "call", lambda cmd, cwd, env: calls.append((cmd, cwd)) or 0)
    assert lab.run_lab(course, port=18998, open_browser=False, replace_process=False) == 0
    [(cmd, cwd)] = calls
    assert cwd == course and f"--ServerApp.root_dir={course.resolve()}" in cmd
    assert yaml.safe_load((course / LAUNCHER_FILE).read_text(encoding="utf-8")) == entries
    # a folder without packs: what to do, and nothing started
    res = run("lab", "--no-browser", "--course", tmp_path)
    assert res.status == 2 and "civicnb course --groups N" in res.err
    assert len(calls) == 1
