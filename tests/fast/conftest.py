from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result

from civicnb.cli import main
from civicnb.workspace import Workspace, init_workspace


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the civicnb CLI in-process and capture its status and output."""

    def _run(*args: object) -> Result:
        capsys.readouterr()
        status = main([str(a) for a in args])
        cap = capsys.readouterr()
        return Result(status, cap.out, cap.err)

    return _run


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A new, empty workspace."""
    return init_workspace(tmp_path / "ws")


@pytest.fixture
def demo_ws(tmp_path: Path, run: Callable[..., Result]) -> Path:
    ws = tmp_path / "ws"
    res = run("demo", "--workspace", ws)
    assert res.status == 0, res.err
    return ws


@pytest.fixture(autouse=True)
def _quick_notebooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast tier starts no kernel: notebooks get their parameters but are not
    executed (tests/kernel checks the executed copies)."""
    monkeypatch.setenv("CIVICNB_EXECUTE_NOTEBOOKS", "0")
