"""Every file and module the documentation names exists: `civicnb/...`, `tests/...`,
`docs/...` (and the like) paths and dotted `civicnb.x.y` names in docs/*.md, README.md
and CONTRIBUTING.md are checked against the tree (CHANGELOG.md is history: it names what
was)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "CONTRIBUTING.md"], key=str)
TOP = (
    "civicnb",
    "tests",
    "docs",
    "benchmarks",
    "scripts",
    "notebooks",
    "templates",
    "widgets",
    "binder",
)
PATH = re.compile(r"(?<![\w./-])((?:" + "|".join(TOP) + r")/[\w.\-/{},*]*[\w}*])")
DOTTED = re.compile(r"(?<![\w./-])(civicnb(?:\.[A-Za-z_]\w*)+)")
NOT_IN_THE_TREE = {
    "civicnb/_assets/widgets": "the wheel's copy of widgets/ (pyproject.toml force-include)",
    "tests/browser/screenshots": "written by the browser tests",
    "civicnb.sqlite": "a workspace's SQLite store (civicnb.workspace.STORE_NAME)",
    "civicnb.workbook": "the notebook metadata key of an embedded workbook",
}


def _expand(path: str) -> list[str]:
    """``case-{es,en}.json`` names two files."""
    m = re.search(r"\{([^{}]*)\}", path)
    if not m:
        return [path]
    return [
        p
        for alt in m.group(1).split(",")
        for p in _expand(path[: m.start()] + alt + path[m.end() :])
    ]


def _path_exists(path: str) -> bool:
    if "*" in path:
        return any(ROOT.glob(path))
    return (ROOT / path).exists()


def _dotted_exists(name: str) -> bool:
    """A module, or a name defined in one (``civicnb.api.export_locality``, or
    ``civicnb.workspace.Workspace.framework``)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        module = ".".join(parts[:i])
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            spec = None
        if spec is None:
            continue
        if i == len(parts):
            return True
        obj: object = importlib.import_module(module)
        for attr in parts[i:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def _named(doc: Path) -> tuple[set[str], set[str]]:
    text = doc.read_text(encoding="utf-8")
    paths = {p.rstrip(".,:;)") for m in PATH.finditer(text) for p in _expand(m.group(1))}
    dotted = {m.group(1).rstrip(".") for m in DOTTED.finditer(text)}
    return paths - NOT_IN_THE_TREE.keys(), dotted - NOT_IN_THE_TREE.keys()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_named_file_and_module_exists(doc: Path) -> None:
    assert doc.is_file(), f"{doc.name} is missing"
    paths, dotted = _named(doc)
    missing = sorted(p for p in paths if not _path_exists(p))
    missing += sorted(d for d in dotted if not _dotted_exists(d))
    assert missing == [], f"{doc.name} names what does not exist: {missing}"


def test_the_check_sees_a_missing_file(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text(
        "See `civicnb/no_such.py`, `civicnb.no_such_module` and `civicnb.api.no_such_name`;"
        " `civicnb/api.py` and `civicnb.workspace.Workspace` exist.\n",
        encoding="utf-8",
    )
    paths, dotted = _named(doc)
    assert sorted(p for p in paths if not _path_exists(p)) == ["civicnb/no_such.py"]
    assert sorted(d for d in dotted if not _dotted_exists(d)) == [
        "civicnb.api.no_such_name",
        "civicnb.no_such_module",
    ]
