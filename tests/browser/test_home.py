"""The home page at the server's root, in headless Chromium: where a bare server address
lands, what it shows without the facilitator key (and what the kernel sends the browser:
no model of the set-up panel), what a wrong key and the right one do, and Voilà's other
addresses a person can reach (each with ``lang``, nothing loaded from off the machine)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from civicnb.workspace import Workspace

from .conftest import NetworkGuard, demo_workspace, describe

pytestmark = pytest.mark.xdist_group("home")

SETUP_MARKER = "civicnb-home-setup"
"""The CSS class of the set-up panel (civicnb.ui.home.setup): in its widget model."""


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return demo_workspace(tmp_path_factory, "home")


@pytest.fixture(scope="module")
def root(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir)


class Frames:
    """Everything the server sent this page over its websockets (the kernel's messages:
    every widget model the browser is given)."""

    def __init__(self, page: Any) -> None:
        self.received: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framereceived", self._add)

    def _add(self, payload: Any) -> None:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        self.received.append(str(text))

    def say(self, marker: str) -> bool:
        return any(marker in f for f in self.received)


def _gate(page: Any) -> Any:
    key = page.get_by_label("Facilitator key")
    key.wait_for(timeout=60_000)
    return key


def test_the_server_root_is_the_home_page(
    page: Any, root: str, axe_serious: Callable[[Any], list[Any]], net: NetworkGuard
) -> None:
    page.goto(root)
    page.get_by_role("heading", name="Open for answering").wait_for(timeout=60_000)
    assert page.url == root + "voila/render/home.ipynb"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Civic partnership workbook"
    _gate(page)
    violations = axe_serious(page)
    assert not violations, describe(violations)
    # the join link, relative to the page: the start page of the demo locality
    page.get_by_role("link", name="Villaflor").click()
    page.wait_for_url("**/voila/render/villaflor/start.ipynb?lang=es")
    page.get_by_role("heading", name="Villaflor: Cuaderno de la alianza cívica").wait_for(
        timeout=60_000
    )
    assert net.external == []


def test_the_home_page_in_spanish(page: Any, root: str) -> None:
    page.goto(root + "?lang=es")  # the address's query is kept across the redirect
    page.get_by_role("heading", name="Abiertos para responder").wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_label("Clave de facilitación").is_visible()


def test_the_home_page_in_portuguese_links_to_the_other_languages(page: Any, root: str) -> None:
    from civicnb.i18n import t

    page.goto(root + "?lang=pt")
    page.get_by_role("heading", name=t("hp_open_title", "pt")).wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    assert page.get_by_label(t("fac_key", "pt")).is_visible()
    # the demo's locality is Spanish: its language named in Portuguese
    villaflor = page.get_by_role("listitem").filter(has_text="Villaflor")
    assert t("hp_in_language", "pt", language="espanhol") in villaflor.inner_text()
    for code, tag in (("en", "en"), ("es", "es")):
        link = page.get_by_role("link", name=t("hp_this_page", code), exact=True)
        assert link.get_attribute("lang") == tag and link.get_attribute("href") == f"?lang={code}"
    assert page.get_by_role("link", name=t("hp_this_page", "pt")).count() == 0
    page.get_by_role("link", name=t("hp_this_page", "es"), exact=True).click()
    page.get_by_role("heading", name=t("hp_open_title", "es")).wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "es"


def test_without_the_key_the_browser_is_sent_no_set_up(page: Any, root: str, ws: Workspace) -> None:
    frames = Frames(page)
    page.goto(root)
    key = _gate(page)
    page.wait_for_timeout(1000)  # whatever else the kernel would send
    assert frames.received, "no websocket traffic seen: the check below would prove nothing"
    assert not frames.say(SETUP_MARKER) and not frames.say("facilitator.ipynb")
    assert SETUP_MARKER not in page.content()
    # a wrong key: the same page and a message, nothing more
    key.fill("not-the-key")
    page.get_by_role("button", name="Open the set-up").click()
    page.get_by_text("That is not the facilitator key").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert not frames.say(SETUP_MARKER) and SETUP_MARKER not in page.content()
    # the right key: the set-up is built, and only now sent
    key.fill(ws.facilitator_key())
    page.get_by_role("button", name="Open the set-up").click()
    page.get_by_role("heading", name="Facilitate a workshop").wait_for(timeout=30_000)
    assert frames.say(SETUP_MARKER)
    assert page.get_by_role("link", name="The facilitator's page of Villaflor").is_visible()
    assert not page.get_by_label("Facilitator key").count()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("voila/tree", 200),  # Voilà's file list: now the home page
        ("voila/tree/villaflor", 200),
        ("no/such/address", 404),
        ("voila/render/no-such-page.ipynb", 404),
        ("voila/api/contents/", 404),
        ("voila/files/villaflor/start.ipynb", 403),
        ("voila/static/no-such-file.js", 403),
    ],
)
def test_every_other_address_has_lang_and_loads_nothing_from_off_the_machine(
    page: Any,
    root: str,
    path: str,
    status: int,
    axe_serious: Callable[[Any], list[Any]],
    net: NetworkGuard,
) -> None:
    response = page.goto(root + path)
    assert response is not None and response.status == status
    page.locator("h1").first.wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "en"
    if status == 200:
        assert page.url == root + "voila/render/home.ipynb"
    else:
        assert "Voilà" not in page.title() and "Voil" not in page.content()
        violations = axe_serious(page)
        assert not violations, describe(violations)
    assert net.external == []


def test_a_preheated_home_page_reads_the_address_after_the_request(
    page: Any, ws: Workspace, voila_server: Callable[..., str]
) -> None:
    """`civicnb serve` preheats the home page: its kernel built nothing before the
    request, so the language in the address (kept across the root's redirect) counts."""
    import time

    root = voila_server(ws.localities_dir, preheat=1)
    deadline = time.monotonic() + 180
    while "pool of home.ipynb is filled" not in voila_server.log_of(root):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the kernel pool never filled"
        time.sleep(0.5)
    page.goto(root + "?lang=es")
    page.get_by_role("heading", name="Abiertos para responder").wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Using pre-heated kernel" in voila_server.log_of(root)  # type: ignore[attr-defined]
