"""Helpers shared by the CLI tests (imported as a plain module: tests/fast is on sys.path)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class Result:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err


def db_dump(ws: Path) -> list[str]:
    """Every row of the workspace's SQLite store, as SQL text."""
    con = sqlite3.connect(ws / "civicnb.sqlite")
    try:
        return list(con.iterdump())
    finally:
        con.close()
