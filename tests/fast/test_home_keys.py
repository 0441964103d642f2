"""The home page's "Facilitators and their keys" (no browser): per locality, add a
facilitator (the key shown once, with the facilitator page's address; only its hash
stored), list them, revoke after a confirmation; bilingual, names escaped."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.records import Locality
from civicnb.workspace import Workspace, open_workspace

pytest.importorskip("ipywidgets")
import ipywidgets as W

from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.keys import KeysSection, keys_section

XSS = "Eve <img src=x onerror=alert(1)>"


def _text(w: Any) -> str:
    return " ".join(str(getattr(x, "value", "")) for x in walk(w) if hasattr(x, "value"))


def _button(w: Any, start: str) -> W.Button:
    return next(x for x in walk(w) if isinstance(x, W.Button) and x.description.startswith(start))


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    create_demo(tmp_path / "ws", notebooks=False)
    wsp = open_workspace(tmp_path / "ws")
    with wsp.open_store() as store:
        store.add_locality(Locality("Girón", language="es"))
    return wsp


def _part(section: Any, slug: str) -> Any:
    return next(p for p in section.localities.values() if p.locality.slug == slug)


def test_add_shows_the_key_once(ws: Workspace) -> None:
    section = keys_section(HomeContext(ws, "en"))
    assert isinstance(section, KeysSection)
    assert "Facilitators of Villaflor" in _text(section)
    assert "Facilitators of Girón" in _text(section)
    part = _part(section, "villaflor")
    assert "No facilitator has a key of their own yet." in _text(part)
    part.name.value = "  Ana  "
    _button(part, "Add a facilitator").click()
    assert part.status.kind == "ok"
    with ws.open_store() as store:
        (ana,) = store.facilitators(part.locality.id)
    shown = part.new_key.value
    key = shown.split("<code>")[1].split("</code>")[0]
    assert ana.name == "Ana" and ana.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert f'href="villaflor/facilitator.ipynb?key={key}"' in shown
    assert "Ana" in _text(part.listing) and "active" in _text(part.listing)
    assert part.name.value == ""
    # the key is in the page once, and gone at the next change
    assert _text(section).count(f"<code>{key}</code>") == 1
    part.name.value = "Luis"
    _button(part, "Add a facilitator").click()
    assert key not in _text(section)
    # the other locality has none
    assert "No facilitator has a key of their own yet." in _text(_part(section, "giron"))


def test_bad_names_change_nothing(ws: Workspace) -> None:
    part = _part(keys_section(HomeContext(ws, "en")), "villaflor")
    part.name.value = "Ana"
    _button(part, "Add a facilitator").click()
    for bad in ("ANA", "   ", "x" * 500):
        part.name.value = bad
        _button(part, "Add a facilitator").click()
        assert part.status.kind == "error", bad
        assert part.new_key.value == ""
        assert part.name.value == bad  # what was typed stays
    with ws.open_store() as store:
        assert [f.name for f in store.facilitators(part.locality.id)] == ["Ana"]


def test_revoke_asks_first(ws: Workspace) -> None:
    part = _part(keys_section(HomeContext(ws, "en")), "villaflor")
    part.name.value = XSS
    _button(part, "Add a facilitator").click()
    assert XSS not in _text(part) and "Eve &lt;img" in _text(part)
    _button(part, "Revoke").click()
    assert "This cannot be undone" in _text(part)
    _button(part, "No, keep it").click()  # nothing changed
    with ws.open_store() as store:
        assert all(f.active for f in store.facilitators(part.locality.id))
    _button(part, "Revoke").click()
    _button(part, "Yes, revoke").click()
    with ws.open_store() as store:
        (f,) = store.facilitators(part.locality.id)
    assert not f.active
    assert f"revoked on {f.revoked_at.date().isoformat()}" in _text(part.listing)  # type: ignore[union-attr]
    assert not [b for b in walk(part) if isinstance(b, W.Button) and "Revoke" in b.description]
    assert part.status.kind == "ok" and "key was revoked" in part.status.text


def test_spanish_and_labelled(ws: Workspace) -> None:
    section = keys_section(HomeContext(ws, "es"))
    assert "Personas facilitadoras y sus claves" in _text(section)
    part = _part(section, "giron")
    assert part.name.description == "Nombre de la nueva persona facilitadora (Girón)"
    part.name.value = "Beatriz"
    _button(part, "Agregar").click()
    assert "Su clave, que solo se muestra ahora" in part.new_key.value
    _button(part, "Revocar la clave de Beatriz").click()
    assert "¿Revocar la clave de Beatriz?" in _text(part)
    # every control has a visible name (keyboard and screen reader users)
    for w in walk(section):
        if isinstance(w, W.Button | W.Text):
            assert w.description.strip(), w
