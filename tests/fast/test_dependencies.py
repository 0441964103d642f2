"""Every distribution that civicnb, its notebooks and its tests import is declared in
pyproject.toml: the package's in ``[project].dependencies`` (or an optional extra such as
``postgres``), the tests' and benchmarks' in the ``test`` extra.

The import statements are read with ``ast`` (including the code cells of notebooks, and
imports inside functions), each top-level module is mapped to the distribution that
installs it with ``importlib.metadata.packages_distributions()``; the standard library
and the repository's own modules are left out.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# code that runs in civicnb's own process or kernels
PACKAGE_CODE = ["civicnb", "notebooks", "templates", "scripts"]
# code that runs only under the test suite or the benchmarks
TEST_CODE = ["tests", "benchmarks"]


def _normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(requirements: Iterable[str]) -> set[str]:
    names = set()
    for req in requirements:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", req)
        assert match, f"cannot read the requirement {req!r}"
        names.add(_normalise(match.group()))
    return names


def _declared() -> tuple[set[str], set[str]]:
    """(what the package may import, what the tests may import) by distribution name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    runtime = _requirement_names(project["dependencies"])
    for extra, requirements in extras.items():
        if extra != "test":
            runtime |= _requirement_names(requirements)
    return runtime, runtime | _requirement_names(extras["test"])


def _code_cells(notebook: Path) -> Iterator[str]:
    for cell in json.loads(notebook.read_text("utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            text = "".join(source) if isinstance(source, list) else source
            # IPython magics and shell escapes are not Python
            yield "\n".join(
                "" if line.lstrip().startswith(("%", "!")) else line for line in text.splitlines()
            )


def _imported_modules(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
    return found


def _local_modules(paths: Iterable[Path]) -> set[str]:
    """Modules that live in the repository (test helpers next to their tests)."""
    return {p.stem for p in paths if p.suffix == ".py"} | {
        p.parent.name for p in paths if p.name == "__init__.py"
    }


def imports_by_module(roots: Iterable[str]) -> dict[str, list[Path]]:
    """Third-party top-level modules imported under ``roots`` -> the files importing them."""
    files = [
        p
        for root in roots
        for p in sorted((ROOT / root).rglob("*"))
        if p.suffix in (".py", ".ipynb") and ".ipynb_checkpoints" not in p.parts
    ]
    local = _local_modules(files) | {"civicnb"}
    found: dict[str, list[Path]] = {}
    for path in files:
        sources = _code_cells(path) if path.suffix == ".ipynb" else [path.read_text("utf-8")]
        for source in sources:
            for module in _imported_modules(source):
                if module not in sys.stdlib_module_names and module not in local:
                    found.setdefault(module, []).append(path.relative_to(ROOT))
    return found


def undeclared(roots: Iterable[str], declared: set[str]) -> list[str]:
    """One line per imported module whose distribution is not declared."""
    distributions = importlib.metadata.packages_distributions()
    problems = []
    for module, files in sorted(imports_by_module(roots).items()):
        dists = distributions.get(module)
        where = ", ".join(str(f) for f in files[:3])
        if not dists:
            problems.append(f"{module} (imported by {where}) is not installed")
        elif not {_normalise(d) for d in dists} & declared:
            problems.append(f"{module} (imported by {where}) comes from {dists[0]}, not declared")
    return problems


def test_every_import_of_the_package_is_a_declared_dependency() -> None:
    runtime, _ = _declared()
    assert undeclared(PACKAGE_CODE, runtime) == []


def test_every_import_of_the_tests_is_declared_in_the_test_extra() -> None:
    _, with_tests = _declared()
    assert undeclared(TEST_CODE, with_tests) == []


@pytest.mark.parametrize(
    ("source", "modules"),
    [
        ("import tornado.web, json", {"tornado", "json"}),
        ("def f():\n    from jupyter_core.utils import run_sync", {"jupyter_core"}),
        ("from . import sibling\nfrom .x import y", set()),
    ],
)
def test_imports_are_read_from_the_syntax_tree(source: str, modules: set[str]) -> None:
    assert _imported_modules(source) == modules


def test_an_undeclared_import_is_reported() -> None:
    runtime, _ = _declared()
    (problem,) = undeclared(PACKAGE_CODE, runtime - {"tornado"})
    assert problem.startswith("tornado (imported by civicnb/"), problem
    assert problem.endswith(") comes from tornado, not declared"), problem
