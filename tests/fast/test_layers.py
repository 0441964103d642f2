"""The package's layers: import-linter's contracts (``[tool.importlinter]`` in
pyproject.toml) hold, and fail on a wrong-way import; the lower layers load no Jupyter
module at run time; the CLI module stays light."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import civicnb

FORBIDDEN = {"ipywidgets", "papermill", "voila", "nbclient", "IPython", "anywidget", "ipykernel"}
PACKAGE = Path(civicnb.__file__).parent
ROOT = PACKAGE.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package found in ``folder`` (its pyproject.toml's
    contracts), importing nothing from it."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(folder / "pyproject.toml")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_import_contracts_are_kept() -> None:
    out = _lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The package and its contracts, copied aside to be broken."""
    shutil.copytree(PACKAGE, tmp_path / "civicnb", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    head = "from __future__ import annotations\n"
    assert head in text
    path.write_text(text.replace(head, f"{head}\n{line}\n", 1), encoding="utf-8")


def test_a_wrong_way_import_breaks_the_layers_contract(copy: Path) -> None:
    assert _lint_imports(copy).returncode == 0  # the copy is found, and it is clean
    _add_line(copy / "civicnb" / "records.py", "import civicnb.ui  # noqa: F401")
    out = _lint_imports(copy)
    assert out.returncode != 0
    assert "civicnb's layers import downwards only BROKEN" in out.stdout
    assert "civicnb.records -> civicnb.ui" in out.stdout


def test_a_jupyter_import_in_a_lower_layer_breaks_its_contract(copy: Path) -> None:
    _add_line(copy / "civicnb" / "html" / "safe.py", "import ipywidgets  # noqa: F401")
    out = _lint_imports(copy)
    assert out.returncode != 0
    assert "the lower layers never import Jupyter BROKEN" in out.stdout
    assert "civicnb's layers import downwards only KEPT" in out.stdout


def test_a_new_module_must_be_given_a_layer(copy: Path) -> None:
    (copy / "civicnb" / "newcomer.py").write_text("", encoding="utf-8")
    out = _lint_imports(copy)
    assert out.returncode != 0
    assert "civicnb.newcomer" in out.stdout


def test_importing_lower_layers_loads_no_jupyter_module() -> None:
    code = (
        "import sys, json\n"
        "import civicnb.framework, civicnb.records, civicnb.store, civicnb.analysis\n"
        "import civicnb.exchange, civicnb.workspace, civicnb.api, civicnb.demo\n"
        "import civicnb.workshop.facilitation, civicnb.workshop.erasure\n"
        "from civicnb.framework import load_framework\n"
        "load_framework('pamphlet')\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


HEAVY = FORBIDDEN | {"sqlalchemy", "openpyxl", "jsonschema"}


def test_the_cli_module_stays_light() -> None:
    """`civicnb --version` must not pay for Jupyter imports."""
    code = (
        "import sys, json, civicnb.cli\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(HEAVY)!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
