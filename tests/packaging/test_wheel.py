"""The built wheel is complete: installed into a fresh venv, civicnb runs its demo."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from civicnb.execution.instantiate import page_names

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    assert res.returncode == 0, f"{cmd} failed:\n{res.stdout}\n{res.stderr}"
    return res  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)])
    (whl,) = out.glob("civicnb-*.whl")
    return whl


def test_wheel_ships_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "civicnb/framework/editions/pamphlet.yaml",
        "civicnb/framework/editions/blog.yaml",
        "civicnb/framework/schema/framework.schema.json",
        "civicnb/exchange/schema/workbook.schema.json",
        "civicnb/store/migrations/env.py",
        "civicnb/_assets/widgets/rating/rating.js",
        "civicnb/_assets/widgets/page/page.js",
        "civicnb/_assets/templates/voila/civicnb/conf.json",
        "civicnb/_assets/templates/voila/civicnb/index.html.j2",
        "civicnb/_assets/templates/voila/civicnb/page.html",  # civicnb's error pages
        "civicnb/_assets/templates/voila/civicnb/404.html",
        "civicnb/_assets/notebooks/home.ipynb",
        "civicnb/_assets/notebooks/start.ipynb",
        "civicnb/_assets/notebooks/strand-VI.ipynb",
        "civicnb/_assets/notebooks/summary.ipynb",
        # the compiled catalogs (and their sources, for a translator with a wheel only)
        "civicnb/locale/es/LC_MESSAGES/civicnb.mo",
        "civicnb/locale/es/LC_MESSAGES/civicnb.po",
        "civicnb/locale/pt_BR/LC_MESSAGES/civicnb.mo",
        "civicnb/locale/es/glossary.yaml",
    ):
        assert needed in names, f"{needed} missing from {wheel.name}"
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_runs_demo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "--quiet", str(wheel)])
    exe = venv / "bin" / "civicnb"
    env = {k: v for k, v in os.environ.items() if k != "CIVICNB_HOME"}
    version = _run([str(exe), "--version"], env=env, cwd=tmp_path)
    assert "civicnb" in version.stdout and "0." in version.stdout
    ws = tmp_path / "ws"
    _run([str(exe), "demo", "--workspace", str(ws)], env=env, cwd=tmp_path)
    listing = _run([str(exe), "list", "--workspace", str(ws)], env=env, cwd=tmp_path)
    assert "villaflor" in listing.stdout
    assert "16 participants" in listing.stdout
    # the demo's notebooks were instantiated and executed by papermill from the wheel
    pages = sorted(p.name for p in (ws / "localities" / "villaflor").glob("*.ipynb"))
    assert pages == sorted(page_names())  # the facilitator's page included
    assert (ws / "localities" / "home.ipynb").is_file()  # the server's root page
    text = (ws / "localities" / "villaflor" / "strand-II.ipynb").read_text(encoding="utf-8")
    assert "injected-parameters" in text and "Eje II" in text
    # the interface's Spanish comes from the wheel's compiled catalog
    spanish = _run(
        [str(py), "-c", "from civicnb.i18n import t; print(t('strand_n', 'es', n='II'))"],
        cwd=tmp_path,
    )
    assert spanish.stdout.strip() == "Eje II"
    # the installed copy is used, not the source tree
    where = _run([str(py), "-c", "import civicnb; print(civicnb.__file__)"], cwd=tmp_path)
    assert str(venv) in where.stdout
