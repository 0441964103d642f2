"""The lower layers (framework, model, store, analysis, exchange) never import Jupyter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import civicnb

FORBIDDEN = {"ipywidgets", "papermill", "voila", "nbclient", "IPython", "anywidget", "ipykernel"}
PACKAGE = Path(civicnb.__file__).parent
LOWER = [
    "framework",
    "store",
    "analysis",
    "exchange",
    "workshop",
    "html",
    "i18n",
    "records.py",
    "text.py",
    "errors.py",
    "workspace.py",
    "demo.py",
    "files.py",
]


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_lower_layers_have_no_jupyter_import_statements() -> None:
    files = []
    for part in LOWER:
        p = PACKAGE / part
        files.extend(p.rglob("*.py") if p.is_dir() else [p])
    assert len(files) > 10
    offenders = {str(f.relative_to(PACKAGE)): sorted(_imported_names(f) & FORBIDDEN) for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


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
