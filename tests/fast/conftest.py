from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result

from civicnb.api import create_demo
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


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace (without notebooks), one per test module that uses it."""
    path = tmp_path_factory.mktemp("demo")
    create_demo(path, notebooks=False)
    return path


@pytest.fixture
def ctx(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Villaflor's page context in English, interactive as under Voilà (ipywidgets work
    without a kernel), not a preheated kernel, a wrong key not slowed down."""
    pytest.importorskip("ipywidgets")
    from civicnb.ui.locality_context import Context

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setattr("civicnb.ui.facilitator.page.FAILED_KEY_DELAY", 0)
    c = Context.open("villaflor", str(ws_path), "en", None)
    yield c
    c.store.close()
