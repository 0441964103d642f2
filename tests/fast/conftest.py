from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from civicnb.cli import main


class Result:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err


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
def demo_ws(tmp_path: Path, run: Callable[..., Result]) -> Path:
    ws = tmp_path / "ws"
    res = run("demo", "--workspace", ws)
    assert res.status == 0, res.err
    return ws


def db_dump(ws: Path) -> list[str]:
    """Every row of the workspace's SQLite store, as SQL text."""
    con = sqlite3.connect(ws / "civicnb.sqlite")
    try:
        return list(con.iterdump())
    finally:
        con.close()
