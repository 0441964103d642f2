"""Portuguese (Brazil) end to end in the browser (issue 14): a locality created in
Portuguese; a participant joins on its start page and rates strand I; their summary,
the facilitator's reveal ("Mostrar à sala") and the locality's report are in Portuguese,
with Portuguese numbers (a decimal comma: "3,5"). Every word looked for comes from the
catalog (``t(key, "pt")``) or from the framework as civicnb shows it in Portuguese
(``Text.get("pt")``, which is English until the framework is translated): nothing here
depends on a translation being worded one way.

Served by standalone Voilà on 127.0.0.1 (its own language Portuguese), driven in headless
Chromium, the start page checked with axe-core; requests leaving the machine are caught
by ``page``. ``CIVICNB_SCREENSHOT_DIR`` keeps a screenshot of each step.
"""

from __future__ import annotations

import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civicnb.api import init, new_locality
from civicnb.framework import load_framework
from civicnb.i18n import message, t
from civicnb.records import Side
from civicnb.reports.report import run_report
from civicnb.ui.rating import scale_labels
from civicnb.workshop.participation import ParticipantSession, current_round, join
from civicnb.workspace import Workspace, open_workspace

from .conftest import NetworkGuard, describe, notebooks_prepared_only

PT = "pt"
FW = load_framework("pamphlet")
PLACE = "São Bento do Sul"
SLUG = "sao-bento-do-sul"
TIMEOUT = 90_000
# Rita (in the browser) rates her own side's questions 3, 4, 4 (average 3.7) and the
# local authority's 2, 3, 3; Sônia (without a browser) rates CSO-I 4: its average is 3.5
RITA = {"CSO-I": 3, "CSO-II": 4, "CSO-III": 4, "LA-01": 2, "LA-02": 3, "LA-03": 3}

SHOTS = (
    Path(os.environ["CIVICNB_SCREENSHOT_DIR"]) if os.environ.get("CIVICNB_SCREENSHOT_DIR") else None
)

pytestmark = [pytest.mark.xdist_group("portuguese"), pytest.mark.slow]


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"pt-{name}.png"), full_page=True)


def _decimals(text: str) -> tuple[list[str], list[str]]:
    """Numbers with a decimal comma, and with a decimal point, in ``text``."""
    return re.findall(r"\b\d,\d\b", text), re.findall(r"\b\d\.\d\b", text)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    path = tmp_path_factory.mktemp("portuguese")
    with notebooks_prepared_only():
        init(path)
        loc = new_locality(PLACE, workspace=path, language=PT, min_group=2)
    assert loc.slug == SLUG and loc.language == PT
    return open_workspace(path)


def _group(page: Any, qid: str) -> Any:
    q = FW.question(qid)
    legend = f"{q.number}. {q.text.get(PT)}"
    return page.get_by_role("group", name=re.compile("^" + re.escape(legend[:50])))


def _wait_rated(ws: Workspace, name: str, count: int) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with ws.open_store() as store:
            people = store.participants(store.get_locality(SLUG).id)
            pid = next((p.id for p in people if p.name == name), None)
            if pid and len([r for r in store.ratings(participant_id=pid) if r.score]) >= count:
                return pid
        time.sleep(0.2)
    raise AssertionError(f"{name}'s {count} ratings were not saved")


def _second_rater(ws: Workspace) -> None:
    with ws.open_store() as store:
        loc = store.get_locality(SLUG)
        person = join(store, loc, Side.CSO, "Sônia", False)
        session = ParticipantSession(store, FW, loc, current_round(store, loc), person)
        session.save("CSO-I", score=4)


def test_a_portuguese_participant_strand_I_summary_reveal_and_report(
    page: Any,
    ws: Workspace,
    voila_server: Callable[..., str],
    net: NetworkGuard,
    axe_serious: Callable[[Any], list[dict[str, Any]]],
) -> None:
    base = voila_server(ws.localities_dir, language=PT) + f"voila/render/{SLUG}/"

    # the start page, in Portuguese: <html lang="pt-BR">, no serious axe violation
    page.goto(base + "start.ipynb?lang=pt")
    begin = page.get_by_role("button", name=t("begin", PT), exact=True)
    begin.wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    title = f"{PLACE}: {t('app_name', PT)}"
    assert page.get_by_role("heading", level=1, name=title).count() == 1
    assert t("welcome_text", PT, place=PLACE) in page.locator("body").inner_text()
    languages = page.get_by_role("group", name=t("language", PT), exact=True)
    assert languages.get_by_role("radio", name="Português (Brasil)").is_checked()
    assert languages.locator("span[lang='pt-BR']").count() == 1
    _shot(page, "start")
    violations = axe_serious(page)
    assert not violations, describe(violations)

    # Rita joins for a civil society organisation
    page.get_by_role("group", name=t("side", PT), exact=True).get_by_role(
        "radio", name=t("side_CSO", PT), exact=True
    ).check()
    box = page.get_by_label(t("name", PT))
    box.fill("Rita")
    box.press("Tab")
    begin.click()
    joined = t("joined_as", PT, name="Rita", side=t("side_short_CSO", PT))
    page.get_by_text(joined).wait_for(timeout=TIMEOUT)
    _shot(page, "joined")

    # strand I: she rates its six questions (the scale as civicnb shows it in Portuguese)
    labels = scale_labels(FW.scale, PT)
    strand_i = re.compile("^" + re.escape(t("strand_n", PT, n="I")) + "(?![IVX])")
    page.get_by_role("link", name=strand_i).first.click()
    page.wait_for_selector("fieldset", timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    for qid, score in RITA.items():
        group = _group(page, qid)
        assert group.get_attribute("lang") == "pt-BR"
        group.get_by_role("radio", name=labels[score - 1], exact=True).check(timeout=TIMEOUT)
    _wait_rated(ws, "Rita", len(RITA))
    page.get_by_text(t("saved", PT)).first.wait_for(timeout=TIMEOUT)
    body = page.locator("body").inner_text()
    assert t("column_CSO", PT) in body and t("column_LA", PT) in body
    _shot(page, "strand-I")

    # her summary: Portuguese words, Portuguese numbers (3, 4, 4 -> "3,7")
    page.goto(base + "summary.ipynb?lang=pt")
    caption = page.get_by_text(t("table_caption", PT))
    caption.first.wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    summary = page.locator("body").inner_text()
    assert t("summary_title", PT) in summary
    said = message("summary_text", PT).split("{best}")[0].format(answered=3, total=15)
    assert said in summary, said
    comma, point = _decimals(summary)
    assert "3,7" in comma and not point, (comma, point)
    _shot(page, "summary")

    # the facilitator shows strand I to the room: the room's answers, in Portuguese
    _second_rater(ws)
    page.goto(base + "facilitator.ipynb?lang=pt")
    page.get_by_label(t("fac_key", PT)).fill(ws.facilitator_key(), timeout=TIMEOUT)
    page.get_by_role("button", name=t("fac_open", PT), exact=True).click()
    page.get_by_text(t("fac_room", PT), exact=True).wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name=t("fac_tab_reveal", PT), exact=True).click()
    reveal = page.get_by_role("button", name=t("fac_reveal", PT), exact=True)
    assert t("fac_reveal", PT) == "Mostrar à sala"  # the glossary's word for the reveal
    reveal.click(timeout=TIMEOUT)
    view = t("fac_room_view", PT, strand=t("strand_n", PT, n="I"))
    page.get_by_text(view).first.wait_for(timeout=TIMEOUT)
    room = page.locator("body").inner_text()
    for key in ("fac_mean", "col_strand"):
        assert t(key, PT) in room, key
    assert t("fac_view_self", PT, side=t("side_short_CSO", PT)) in room
    comma, point = _decimals(room)
    assert "3,5" in comma and not point, (comma, point)  # CSO-I: Rita 3, Sônia 4
    _shot(page, "reveal")

    # the locality's report (HTML): in Portuguese, with Portuguese numbers
    files = run_report(ws, SLUG, pdf=False)  # the locality's language
    assert files.html is not None
    page.goto(files.html.resolve().as_uri())
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    report = str(page.evaluate("document.body.textContent"))  # not CSS's capitals
    for key in ("rep_kicker", "rep_exec_summary", "rep_self", "rep_other"):
        assert t(key, PT) in report, key
    assert t("rep_pairs_caption", PT, strand="I") in report
    pairs = page.locator("table.civicnb-paired").first.inner_text()
    comma, point = _decimals(pairs)
    assert "3,5" in comma and not point, (comma, point)
    _shot(page, "report")
    assert not net.external and not net.dialogs

    # the server's own pages (an unknown address) in its language, Portuguese
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "no-such-page.ipynb", timeout=30)
    assert missing.value.code == 404
    error_page = missing.value.read().decode()
    assert '<html lang="pt-BR">' in error_page and "Esta página não existe" in error_page
