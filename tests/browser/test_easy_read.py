"""Easy read in the browser (issue 17): a participant switches a strand page to easy
read and back; the language and easy read both carry to the next page; the page in easy
read has no serious axe violation; its pictures have text alternatives; the original
wording opens under a question. Every word looked for comes from the catalog (``t``) or
the framework (``Question.wording``…).

Served by standalone Voilà on 127.0.0.1, driven in headless Chromium; requests leaving
the machine are caught by ``page``. ``CIVICNB_SCREENSHOT_DIR`` keeps a screenshot of
each step.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import init, new_locality
from civicnb.framework import load_framework
from civicnb.i18n import t
from civicnb.records import Side
from civicnb.workshop.participation import join
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only, open_as

ES = "es"
FW = load_framework("pamphlet")
PLACE = "Villafácil"
TIMEOUT = 90_000

SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)

pytestmark = [pytest.mark.xdist_group("easy_read"), pytest.mark.slow]


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"easy-read-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, str, str]:
    """An English locality; a civil society participant who reads Spanish."""
    path = tmp_path_factory.mktemp("easy-read")
    with notebooks_prepared_only():
        init(path)
        loc = new_locality(PLACE, workspace=path, language="en", min_group=2)
    workspace = open_workspace(path)
    with workspace.open_store() as store:
        person = join(store, store.get_locality(loc.slug), Side.CSO, "Lucía", False)
    return workspace, loc.slug, person.id


def _group(page: Any, text: str) -> Any:
    return page.get_by_role("group", name=re.compile("^" + re.escape(text[:50])))


def test_easy_read_on_and_off_carried_with_the_language(
    page: Any,
    ws: tuple[Workspace, str, str],
    voila_server: Callable[..., str],
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    workspace, slug, pid = ws
    page.set_default_timeout(TIMEOUT)  # a Voilà page runs its notebook as it loads
    base = voila_server(workspace.localities_dir) + f"voila/render/{slug}/"
    strand_i, strand_ii = FW.strand("I"), FW.strand("II")
    la01 = FW.question("LA-01")

    # strand I in Spanish, original wording: the switch says easy read is off
    open_as(page, base, workspace, pid, "strand-I.ipynb?lang=es")
    _group(page, f"1. {la01.text.get(ES)}").wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert t("easy_read_is_off", ES) in page.locator("body").inner_text()
    assert page.locator("svg[role=img]").count() == 0

    # on: the same page in easy read, still in Spanish
    page.get_by_role("link", name=t("easy_read_turn_on", ES), exact=True).click()
    easy_legend = f"1. {la01.wording(ES, easy=True)}"
    _group(page, easy_legend).wait_for(timeout=TIMEOUT)
    assert "easy=1" in page.url and "lang=es" in page.url
    assert page.evaluate("document.documentElement.lang") == "es"
    title = f"{t('strand_n', ES, n='I')}: {strand_i.easy_title(ES)}"
    assert page.get_by_role("heading", level=1, name=title).count() == 1
    body = page.locator("body").inner_text()
    assert t("easy_read_is_on", ES) in body
    assert t("easy_read_adaptation", ES) in body
    assert strand_i.easy_guiding_question(ES) in body
    # a picture for the strand and one for each answer, each with a text alternative
    pictures = page.get_by_role("img")
    names = [pictures.nth(i).get_attribute("aria-label") for i in range(pictures.count())]
    assert t("easy_picture", ES, what=strand_i.easy_title(ES)) in names
    for level in FW.scale:
        assert t("easy_picture", ES, what=level.word(ES, easy=True)) in names
    assert t("easy_picture", ES, what=FW.dont_know.get(ES)) in names
    assert all(n and n.strip() for n in names), names
    # the answers with their words in easy read ("Algo" for "En parte"), large text
    group = _group(page, easy_legend)
    size = group.locator("legend").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 22, size  # 1.05 em of 1.375 rem (the question's usual size is 18.9 px)
    assert group.get_by_role("radio", name=f"3 — {FW.scale[2].word(ES, True)}").count() == 1
    # the original wording, one click away under the question
    original = group.locator("details.civicnb-rating__original")
    assert not original.locator("p").is_visible()
    original.locator("summary").click()
    assert original.locator("p").inner_text() == la01.text.get(ES)
    assert original.locator("summary").inner_text() == t("original_wording", ES)
    _shot(page, "strand-I-es")
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # the next strand: Spanish and easy read both carried
    nxt = t("next_strand", ES, strand=f"{t('strand_n', ES, n='II')}: {strand_ii.easy_title(ES)}")
    page.get_by_role("link", name=re.compile("^" + re.escape(nxt))).click()
    la04 = FW.question("LA-04")
    _group(page, f"{la04.number}. {la04.wording(ES, easy=True)}").wait_for(timeout=TIMEOUT)
    assert "strand-II.ipynb" in page.url and "easy=1" in page.url and "lang=es" in page.url
    assert page.evaluate("document.documentElement.lang") == "es"
    nav = page.get_by_role("navigation", name=t("nav_label", ES))
    hrefs = [nav.get_by_role("link").nth(i).get_attribute("href") for i in range(8)]
    assert all(h and "easy=1" in h and "lang=es" in h for h in hrefs), hrefs
    _shot(page, "strand-II-es")

    # off again: the original wording, no pictures, the language kept
    page.get_by_role("link", name=t("easy_read_turn_off", ES), exact=True).click()
    _group(page, f"{la04.number}. {la04.text.get(ES)}").wait_for(timeout=TIMEOUT)
    assert "easy=1" not in page.url and "lang=es" in page.url
    assert page.locator("svg[role=img]").count() == 0
    assert page.locator("details.civicnb-rating__original:visible").count() == 0
    _shot(page, "strand-II-es-off")

    # the start page in easy read: a picture beside each strand, the larger text
    page.goto(base + "start.ipynb?lang=es&easy=1")
    strands = page.locator(".civicnb-easy-strands")
    strands.wait_for(timeout=TIMEOUT)
    for s in FW.strands:
        name = t("easy_picture", ES, what=s.easy_title(ES))
        assert strands.get_by_role("img", name=name, exact=True).count() == 1, name
    size = page.locator(".civicnb-easy-strands a").first.evaluate(
        "a => parseFloat(getComputedStyle(a).fontSize)"
    )
    assert size >= 21.5, size  # 1.375 rem: 22 px (the pages' usual text is 18 px)
    _shot(page, "start-es")
    violations = axe_serious(page)
    assert not violations, describe(violations)
