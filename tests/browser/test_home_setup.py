"""The home page's set-up in a real browser: create a locality with two CSO
organisations from the form and follow its join link; a duplicate name and a bad
framework upload each get one clear line and change nothing.

The panel is served in a small notebook of its own (the key gate in front of it is
the home page's, tested with it): ``setup_panel`` as the home page shows it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.records import Side
from civicnb.workspace import Workspace

from .conftest import describe

FRAMEWORKS = Path(__file__).resolve().parents[1] / "data" / "frameworks"
TIMEOUT = 90_000
SCREENSHOTS = os.environ.get("CIVICNB_SCREENSHOT_DIR", "")


def db_dump(root: Path) -> list[str]:
    con = sqlite3.connect(root / "civicnb.sqlite")
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _setup_notebook(ws: Workspace) -> Path:
    """A page that shows the set-up panel for ``ws`` (pages written, not executed:
    Voilà executes them when served)."""
    code = (
        "import os\n"
        "os.environ['CIVICNB_EXECUTE_NOTEBOOKS'] = '0'\n"
        "from IPython.display import display\n"
        "from civicnb.ui.home.context import HomeContext\n"
        "from civicnb.ui.home.setup import setup_panel\n"
        "from civicnb.workspace import open_workspace\n"
        f"display(setup_panel(HomeContext(open_workspace({json.dumps(str(ws.root))}), 'en')))\n"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = ws.localities_dir / "setup-test.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def home_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    from civicnb.workspace import init_workspace

    return init_workspace(tmp_path_factory.mktemp("home-setup") / "ws")


def _status(page: Any, text: str) -> Any:
    status = page.get_by_role("status").filter(has_text=text)
    status.wait_for(timeout=TIMEOUT)
    return status


def test_create_a_locality_then_refusals_change_nothing(
    page: Any,
    home_ws: Workspace,
    voila_server: Callable[..., str],
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    _setup_notebook(home_ws)
    base = voila_server(home_ws.localities_dir) + "voila/render/"
    page.goto(base + "setup-test.ipynb")
    page.get_by_role("heading", name="Create a locality").wait_for(timeout=TIMEOUT)
    assert page.get_by_role("heading", level=2).all_inner_texts() == [
        "Facilitate a workshop",
        "Create a locality",
        "Rounds",
        "Facilitators and their keys",
        "Make the report and take it away",
    ]
    assert not (violations := axe_serious(page)), describe(violations)

    # create a locality with two CSO organisations
    page.get_by_label("Name of the locality").fill("Piedecuesta")
    page.get_by_label("Organisations of civil society's side").fill(
        "Asociación de Sordos\nRed de Mujeres"
    )
    page.get_by_role("button", name="Create the locality").click()
    _status(page, "Piedecuesta is ready")
    join = page.get_by_role("link", name="Join Piedecuesta (start page)")
    assert join.get_attribute("href") == "piedecuesta/start.ipynb?lang=en"
    with home_ws.open_store() as store:
        loc = store.get_locality("piedecuesta")
        cso = sorted(o.name for o in store.organisations(loc.id, Side.CSO))
    assert cso == ["Asociación de Sordos", "Red de Mujeres"]
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "home-setup-created.png"), full_page=True)
    # the report section lists it now
    page.get_by_role("button", name="Make the report of Piedecuesta").wait_for(timeout=TIMEOUT)

    before = db_dump(home_ws.root)
    # a duplicate name
    page.get_by_label("Name of the locality").fill("Piedecuesta")
    page.get_by_role("button", name="Create the locality").click()
    _status(page, "Not created: there is already a locality called Piedecuesta.")
    assert db_dump(home_ws.root) == before

    # a bad framework upload
    page.get_by_label("Name of the locality").fill("Lebrija")
    page.get_by_label("Checklist").select_option(label="My own framework file")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Framework file").click()
    chooser.value.set_files(str(FRAMEWORKS / "bad_yaml.yaml"))
    page.get_by_role("button", name="Framework file (1)").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Create the locality").click()
    _status(page, "Not created: the framework file is not valid")
    assert db_dump(home_ws.root) == before
    assert not home_ws.frameworks_dir.exists() or not any(home_ws.frameworks_dir.iterdir())
    assert not (home_ws.localities_dir / "lebrija").exists()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "home-setup-refused.png"), full_page=True)

    # the join link leads to the new locality's start page
    page.goto(base + "piedecuesta/start.ipynb?lang=en")
    page.get_by_role("button", name="Begin").wait_for(timeout=TIMEOUT)
