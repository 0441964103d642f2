"""The home page without a browser: its notebook in the workspace (written by `civicnb
serve`, `new` and `demo`), the server's root leading there, and its public part, which
builds no set-up widget before the facilitator key checks out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from widget_helpers import walk

from civicnb.api import create_demo, new_locality
from civicnb.execution.home import HOME_PAGE, write_home
from civicnb.serving.serve import plan
from civicnb.workspace import Workspace, open_workspace

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CIVICNB_EXECUTE_NOTEBOOKS", "0")
        create_demo(path)
    return path


# --- the notebook ----------------------------------------------------------------------------


def test_demo_writes_the_home_page_with_the_workspace_injected(ws_path: Path) -> None:
    home = ws_path / "localities" / HOME_PAGE
    nb = nbformat.read(str(home), as_version=4)  # type: ignore[no-untyped-call]
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags[:2] == [["parameters"], ["injected-parameters"]]
    assert f"workspace = {str(ws_path)!r}".replace("'", '"') in nb.cells[1].source
    assert "home_page(workspace=workspace, lang=lang)" in nb.cells[2].source
    assert all(not c.get("outputs") for c in nb.cells)  # written, not executed


def test_writing_it_again_changes_nothing(ws_path: Path) -> None:
    ws = open_workspace(ws_path)
    home = write_home(ws)
    before = (home.read_bytes(), home.stat().st_mtime_ns)
    assert write_home(ws) == home
    assert (home.read_bytes(), home.stat().st_mtime_ns) == before


def test_it_is_signed_as_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ws_path: Path
) -> None:
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    home = ws_path / "localities" / HOME_PAGE
    nb = nbformat.read(str(home), as_version=4)  # type: ignore[no-untyped-call]
    assert not NotebookNotary().check_signature(nb)  # type: ignore[no-untyped-call]
    home.unlink()
    write_home(open_workspace(ws_path))
    nb = nbformat.read(str(home), as_version=4)  # type: ignore[no-untyped-call]
    assert NotebookNotary().check_signature(nb)  # type: ignore[no-untyped-call]


def test_new_writes_it_and_serve_writes_it_again(ws: Workspace, tmp_path: Path) -> None:
    new_locality("Girón", workspace=ws.root, language="es")
    home = ws.localities_dir / HOME_PAGE
    assert home.is_file()
    home.unlink()
    p = plan(ws, port=8899, config_dir=tmp_path)
    assert home.is_file()
    assert p.home_url == "http://127.0.0.1:8899/voila/render/home.ipynb"
    assert HOME_PAGE not in p.pool_config  # no participants expected: no pools
    p = plan(ws, port=8899, participants=12, config_dir=tmp_path)
    assert p.pool_config[HOME_PAGE] == {"pool_size": 2}  # kernels ready for the root


# --- the server's root --------------------------------------------------------------------------


def _handlers(root: Path, base_url: str = "/") -> dict[str, Any]:
    from types import SimpleNamespace

    from voila.configuration import VoilaConfiguration

    from civicnb.serving.app import CivicnbVoila

    app = CivicnbVoila()
    app.voila_configuration = VoilaConfiguration()
    app.root_dir = str(root)
    app.base_url = app.server_url = base_url
    app.static_paths = []
    app.identity_provider = SimpleNamespace(get_handlers=lambda: [])
    return {spec[0]: spec for spec in app.init_handlers()}


def test_the_root_and_the_folder_pages_lead_to_the_home_page(ws_path: Path) -> None:
    import tornado.web

    from civicnb.serving.app import _CivicnbErrors, _NotFound

    specs = _handlers(ws_path / "localities", "/workshop/")
    tree = "/workshop/voila/tree(?P<path>(?:(?:/[^/]+)+|/?))"
    for pattern in ("/workshop/", tree):
        assert specs[pattern][1] is tornado.web.RedirectHandler, pattern
        assert specs[pattern][2] == {
            "url": "/workshop/voila/render/home.ipynb",
            "permanent": False,  # browsers do not keep it: the root may serve otherwise later
        }
    contents = "/workshop/voila/api/contents(?P<path>(?:(?:/[^/]+)+|/?))"
    assert specs[contents][1] is _NotFound
    # the pages' own handlers show civicnb's error pages; the kernels' API keeps its JSON
    assert issubclass(specs["/workshop/voila/render/(.*)"][1], _CivicnbErrors)
    assert issubclass(specs["/workshop/voila/files/(.*)"][1], _CivicnbErrors)
    kernels = [s for p, s in specs.items() if "/api/kernels/" in p]
    assert kernels and not any(issubclass(s[1], _CivicnbErrors) for s in kernels)


def test_a_folder_without_a_home_page_has_no_page_at_its_root(tmp_path: Path) -> None:
    from civicnb.serving.app import _NotFound

    specs = _handlers(tmp_path)
    assert specs["/"][1] is _NotFound


# --- the public part -----------------------------------------------------------------------------


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.setenv("CIVICNB_TEMPORARY", "0")
    monkeypatch.setattr("civicnb.ui.facilitator.page.FAILED_KEY_DELAY", 0)


def _classes(w: Any) -> set[str]:
    return {c for x in walk(w) for c in getattr(x, "_dom_classes", ())}


def _markup(w: Any) -> str:
    return " ".join(str(x.value) for x in walk(w) if isinstance(getattr(x, "value", None), str))


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_home_page_links_to_itself_in_every_other_language(ws_path: Path, lang: str) -> None:
    from civicnb.i18n import LANGUAGES, language_tag, t
    from civicnb.ui.home.public import public_markup

    text = public_markup(open_workspace(ws_path), lang)
    for code in LANGUAGES:
        tag = language_tag(code)
        link = f'<a href="?lang={code}" lang="{tag}" hreflang="{tag}">{t("hp_this_page", code)}</a>'
        assert (link in text) == (code != lang), code
    assert 'lang="pt-BR"' in text or lang == "pt"  # the BCP 47 tag, not civicnb's "pt"
    assert 'lang="pt"' not in text
    # the demo's locality is Spanish: its language named in the page's
    assert (
        t(
            "hp_in_language",
            lang,
            language={"en": "Spanish", "es": "español", "pt": "espanhol"}[lang],
        )
        in text
    )


def test_without_the_key_only_the_public_part_is_built(
    ws_path: Path, interactive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.ui.home import HomePage

    built: list[object] = []
    monkeypatch.setattr("civicnb.ui.home.setup.setup_panel", lambda ctx: built.append(ctx))
    page = HomePage(open_workspace(ws_path), "en")
    text = _markup(page)
    assert 'href="villaflor/start.ipynb?lang=es"' in text and "Villaflor" in text
    assert "(in Spanish)" in text  # the language it is answered in, named in the page's
    assert "facilitator.ipynb" not in text
    assert not page.unlock("not the key")
    assert built == [] and page.setup is None


def test_the_key_opens_the_set_up(ws_path: Path, interactive: None) -> None:
    from civicnb.ui.home import HomePage

    ws = open_workspace(ws_path)
    page = HomePage(ws, "es")
    password = [w for w in walk(page) if type(w).__name__ == "Password"]
    assert len(password) == 1 and password[0].description == "Clave de facilitación"
    assert page.unlock(ws.facilitator_key())
    assert "civicnb-home-setup" in _classes(page)
    assert "Crear una localidad" in _markup(page)
    assert 'href="villaflor/facilitator.ipynb?lang=es"' in _markup(page)
    assert not [w for w in walk(page) if type(w).__name__ == "Password"]
    assert password[0].comm is None  # closed: the browser keeps no model of it


def test_a_temporary_session_opens_the_set_up_at_once(
    ws_path: Path, interactive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.ui.home import HomePage

    page = HomePage(open_workspace(ws_path), "en", temporary=True)
    assert page.setup is not None and page.ctx.temporary and page.ctx.facilitator == ""
    assert "temporary session" in _markup(page)


def test_locality_names_are_shown_as_text_and_refresh_shows_a_new_one(
    ws: Workspace, interactive: None
) -> None:
    from civicnb.ui.home import HomePage

    page = HomePage(ws, "en")
    assert "No place is open for answering yet." in _markup(page)
    new_locality(f"Barrio {XSS}", workspace=ws.root)
    assert "Barrio" not in _markup(page)
    page.ctx.refresh()  # what the set-up calls after a change
    markup = _markup(page)
    assert XSS not in markup and "Barrio &lt;img src=x onerror=alert(1)&gt;" in markup
    assert "No place is open" not in markup
