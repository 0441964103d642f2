"""Issue 18 item 8: a report made by `civicnb report` is readable by its owner only
(the notebook and its HTML hold what participants said), whatever the caller's umask."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.cli import main

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual umask: files 0644 unless civicnb says otherwise
    yield
    os.umask(old)


def test_report_files_are_private(tmp_path: Path, open_umask: None) -> None:
    ws = tmp_path / "ws"
    create_demo(ws, notebooks=False)
    assert main(["report", "villaflor", "--workspace", str(ws), "--no-pdf"]) == 0
    folder = ws / "reports" / "villaflor"
    files = sorted(folder.iterdir())
    assert {p.suffix for p in files} >= {".ipynb", ".html"}, files
    for path in [ws / "reports", folder]:
        assert os.stat(path).st_mode & 0o777 == 0o700, path
    for path in files:
        assert os.stat(path).st_mode & 0o777 == 0o600, path


def test_a_report_made_through_the_library_is_private(
    tmp_path: Path, open_umask: None, capfd: pytest.CaptureFixture[str]
) -> None:
    """The Python API (a notebook, a script) is not behind the CLI's umask. And its
    kernel talks over socket files: no TCP warning in the terminal (item 17)."""
    from civicnb.reports.report import run_report
    from civicnb.workspace import open_workspace

    ws = tmp_path / "ws"
    create_demo(ws, notebooks=False)
    files = run_report(open_workspace(ws), "villaflor", pdf=False)
    for path in (files.notebook, files.html):
        assert path is not None
        assert os.stat(path).st_mode & 0o777 == 0o600, path
    out, err = capfd.readouterr()
    assert "running over TCP" not in out + err
