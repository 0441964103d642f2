"""Where a notebook runs: JupyterLab (a notebook session) or Voilà; and what the pages
say and do differently in Lab (issue 13; the browser side: tests/browser/test_lab_notebooks.py)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as W
import pytest

from civicnb.api import new_locality
from civicnb.i18n import t
from civicnb.records import Side
from civicnb.ui.context import PageContext
from civicnb.ui.environment import in_jupyterlab
from civicnb.ui.kiosk import add_kiosk_bar
from civicnb.ui.locality_context import Context
from civicnb.ui.participant_page import _not_joined
from civicnb.workshop.participation import join, start_session
from civicnb.workspace import init_workspace

VOILA = ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_APP_PORT")


@pytest.fixture
def lab(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*VOILA, "CIVICNB_LAB", "CIVICNB_STATIC"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", "/w/localities/giron/strand-I.ipynb")


def test_a_notebook_session_is_lab_and_voila_is_not(
    lab: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert in_jupyterlab()
    for name in VOILA:  # Voilà, standalone or its preview inside Lab
        with monkeypatch.context() as mp:
            mp.setenv(name, "1")
            assert not in_jupyterlab()
    with monkeypatch.context() as mp:
        mp.setenv("CIVICNB_STATIC", "1")  # papermill's static copies
        assert not in_jupyterlab()
    with monkeypatch.context() as mp:
        mp.setenv("CIVICNB_LAB", "0")
        assert not in_jupyterlab()
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert not in_jupyterlab()
    monkeypatch.setenv("CIVICNB_LAB", "1")
    assert in_jupyterlab()


def test_page_context_knows_it_is_in_lab(lab: None, monkeypatch: pytest.MonkeyPatch) -> None:
    page = PageContext(lang="es")
    assert page.host == "lab"
    page.leave("start.ipynb?kiosk=1&lang=es")
    assert page.navigate == "start.ipynb?kiosk=1&lang=es"
    assert page.navigate_text == t("lab_go_on", "es")  # the browser shows a link
    monkeypatch.setenv("VOILA_KERNEL_ID", "x")
    voila = PageContext(lang="es")
    assert voila.host == ""
    voila.leave("start.ipynb")
    assert voila.navigate_text == ""


def _ctx(tmp_path: Path) -> Context:
    ws = init_workspace(tmp_path / "ws")
    new_locality("Girón", workspace=ws, language="es")
    return Context.open("giron", str(ws.root), "es", None)


def test_not_joined_and_kiosk_say_what_to_do_in_lab(lab: None, tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    notice = _not_joined(ctx)
    assert t("lab_not_joined", "es") in notice.value
    assert t("not_joined", "es") not in notice.value
    assert 'href="start.ipynb"' in notice.value

    pid = join(ctx.store, ctx.locality, Side.LA, "Ana", named=False).id
    ctx.token, ctx.kiosk = start_session(ctx.store, pid, kiosk=True), True
    page = PageContext()
    view = W.VBox([page])
    add_kiosk_bar(ctx, page, view)
    texts = [c.value for c in view.children if isinstance(c, W.HTML)]
    assert any(t("lab_kiosk", "es") in v for v in texts), texts
    assert not any(isinstance(c, W.VBox) for c in view.children)  # no "Next participant"
    ctx.store.close()


def test_voila_pages_are_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("CIVICNB_LAB", raising=False)
    monkeypatch.setenv("VOILA_KERNEL_ID", "x")
    ctx = _ctx(tmp_path)
    assert t("not_joined", "es") in _not_joined(ctx).value
    pid = join(ctx.store, ctx.locality, Side.LA, "Ana", named=False).id
    ctx.token, ctx.kiosk = start_session(ctx.store, pid, kiosk=True), True
    page = PageContext()
    view = W.VBox([page])
    add_kiosk_bar(ctx, page, view)
    assert any(isinstance(c, W.VBox) for c in view.children)  # the kiosk bar
    ctx.store.close()
