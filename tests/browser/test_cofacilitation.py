"""Co-facilitation in the browser: two facilitators of one locality, each with a key of
their own, open its facilitator page side by side; each records something (an agreed
rating, an action) and every record shows who recorded it, on both pages. Revoked, a
key stops saving on the page still open and opens nothing afterwards.

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium, checked with
axe-core; no request leaves the machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from civicnb.api import add_facilitator_key, init, new_locality, revoke_facilitator_key
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only

PLACE = "Floridablanca"
SLUG = "floridablanca"
ANA = "Ana (council)"
BETO = "Beto <b>alliance</b>"

pytestmark = pytest.mark.xdist_group("cofacilitation")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("cofac")
    with notebooks_prepared_only():
        init(path)
        new_locality(PLACE, workspace=path, language="en")
    return open_workspace(path)


@pytest.fixture(scope="module")
def base(ws: Workspace, voila_server: Callable[..., str]) -> str:
    return voila_server(ws.localities_dir) + f"voila/render/{SLUG}/"


@pytest.fixture
def second(browser: Any, net: NetworkGuard) -> Iterator[Any]:
    """The other facilitator's browser (a context of its own: no shared storage)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.route("**/*", net.handle)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        yield pg
    finally:
        context.close()


def _text(page: Any) -> str:
    return str(page.evaluate("document.body.innerText"))


def _open_actions(page: Any) -> None:
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_label("What will be done").wait_for()


def _add_action(page: Any, text: str) -> None:
    _open_actions(page)
    page.get_by_label("What will be done").fill(text)
    page.get_by_role("button", name="Add the action").click()


def test_two_facilitators_each_record_and_each_record_says_who(
    page: Any,
    second: Any,
    base: str,
    ws: Workspace,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
) -> None:
    ana = add_facilitator_key(SLUG, ANA, workspace=ws.root)
    beto = add_facilitator_key(SLUG, BETO, workspace=ws.root)
    assert ana.address == f"{SLUG}/facilitator.ipynb?key={ana.key}"

    # Ana opens her page from the address she was given
    page.goto(base + f"facilitator.ipynb?lang=en&key={ana.key}")
    page.get_by_text(f"Signed in as {ANA}").wait_for(timeout=90_000)
    page.get_by_role("button", name="Reveal and agree").click()
    page.get_by_role("button", name="Reveal to the room").click()
    agreed = page.get_by_role("group", name="Agreed rating for pair 1", exact=True)
    agreed.wait_for(timeout=60_000)
    agreed.get_by_role("radio", name=re.compile("^3 — ")).check()
    page.get_by_text(f"recorded by {ANA}").wait_for(timeout=30_000)
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # Beto types his key into the form, in his own browser
    second.goto(base + "facilitator.ipynb?lang=en")
    second.get_by_label("Facilitator key").fill(beto.key)
    second.get_by_role("button", name="Open the facilitator's page").click()
    second.get_by_text(f"Signed in as {BETO}").wait_for(timeout=90_000)
    assert second.locator("b", has_text="alliance").count() == 0  # his name is text
    _add_action(second, "Publish the shared targets")
    row = second.get_by_role("row", name=re.compile("Publish the shared targets"))
    row.wait_for(timeout=30_000)
    assert BETO in row.inner_text()
    # and he sees who agreed pair 1
    second.get_by_role("button", name="Reveal and agree").click()
    second.get_by_text(f"recorded by {ANA}").wait_for(timeout=30_000)

    # Ana sees Beto's action, recorded by him
    _open_actions(page)
    row = page.get_by_role("row", name=re.compile("Publish the shared targets"))
    row.wait_for(timeout=30_000)
    assert BETO in row.inner_text()
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        rnd = store.rounds(loc.id)[0]
        assert [(j.pair_id, j.recorded_by) for j in store.joint_ratings(rnd.id)] == [("P01", ANA)]
        assert [(a.text, a.recorded_by) for a in store.actions(loc.id)] == [
            ("Publish the shared targets", BETO)
        ]

    # Ana's key is revoked while her page is open: her next save is refused, clearly
    revoke_facilitator_key(SLUG, ANA, workspace=ws.root)
    _add_action(page, "An action after revocation")
    page.get_by_text("Your facilitator key was revoked").wait_for(timeout=30_000)
    with ws.open_store() as store:
        assert [a.text for a in store.actions(store.get_locality(SLUG).id)] == [
            "Publish the shared targets"
        ]
    # and the revoked key opens nothing any more
    page.goto(base + f"facilitator.ipynb?lang=en&key={ana.key}")
    page.get_by_label("Facilitator key").wait_for(timeout=90_000)
    page.get_by_text("That is not the facilitator key").wait_for()
    html = page.content()
    for leaked in ("Signed in as", "Publish the shared targets", "Reveal to the room"):
        assert leaked not in html
    # Beto's key still works
    _add_action(second, "Invite the youth council")
    second.get_by_role("row", name=re.compile("Invite the youth council")).wait_for()
    assert not net.external and not net.dialogs


def _keys_notebook(folder: Any, ws: Workspace, lang: str) -> None:
    """A page showing only the home page's keys section (the home page composes it)."""
    import nbformat

    code = (
        "import ipywidgets as W\n"
        "from civicnb.ui.context import PageContext\n"
        "from civicnb.ui.home.context import HomeContext\n"
        "from civicnb.ui.home.keys import keys_section\n"
        "from civicnb.workspace import open_workspace\n"
        f"W.VBox([PageContext(lang={lang!r}, title='Keys'),"
        f" keys_section(HomeContext(open_workspace({str(ws.root)!r}), {lang!r}))])"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(folder / "keys.ipynb"))


def test_the_keys_section_by_keyboard(
    page: Any,
    ws: Workspace,
    voila_server: Callable[..., str],
    tmp_path_factory: pytest.TempPathFactory,
    net: NetworkGuard,
    axe_serious: Callable[..., Any],
) -> None:
    folder = tmp_path_factory.mktemp("keys-page")
    _keys_notebook(folder, ws, "en")
    page.goto(voila_server(folder) + "voila/render/keys.ipynb")
    name = page.get_by_label(f"New facilitator's name ({PLACE})")
    name.wait_for(timeout=90_000)
    # by keyboard: type the name, Tab to "Add a facilitator", Enter
    name.fill("Carla")
    name.press("Tab")
    focused = page.evaluate("document.activeElement.innerText")
    assert "Add a facilitator" in focused, focused
    page.keyboard.press("Enter")
    shown = page.locator(".civicnb-new-key code")
    shown.wait_for(timeout=30_000)
    key = shown.inner_text()
    link = page.get_by_role("link", name=f"{SLUG}/facilitator.ipynb?key={key}")
    assert link.get_attribute("href") == f"{SLUG}/facilitator.ipynb?key={key}"
    violations = axe_serious(page)
    assert not violations, describe(violations)
    with ws.open_store() as store:
        carla = next(
            f for f in store.facilitators(store.get_locality(SLUG).id) if f.name == "Carla"
        )
    assert carla.active
    # revoke: a confirmation first, focus on "No, keep it"
    page.get_by_role("button", name="Revoke Carla's key").click()
    page.get_by_text("Revoke Carla's key? Their pages stop saving at once.").wait_for()
    page.wait_for_function("document.activeElement.innerText.includes('No, keep it')")
    assert key not in page.content()  # shown once only
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Yes, revoke Carla's key"
    page.get_by_text("Carla's key was revoked.").wait_for(timeout=30_000)
    with ws.open_store() as store:
        carla = next(
            f for f in store.facilitators(store.get_locality(SLUG).id) if f.name == "Carla"
        )
    assert not carla.active
    violations = axe_serious(page)
    assert not violations, describe(violations)
    assert not net.external and not net.dialogs
