"""The facilitator's page logic without a browser (ipywidgets work without a kernel):
nothing before the key, every section records through the store, and a page built
afterwards (a restarted server) finds the records again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from widget_helpers import walk

from civicnb.api import create_demo
from civicnb.facilitation import revealed_strands
from civicnb.model import Side
from civicnb.participation import join

pytest.importorskip("ipywidgets")
from civicnb.ui import facilitator as fac
from civicnb.ui import pages
from civicnb.ui.page import PageContext

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def _text(w: Any) -> str:
    return " ".join(str(getattr(x, "value", "")) for x in walk(w) if hasattr(x, "value"))


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fac")
    create_demo(path, notebooks=False)
    return path


@pytest.fixture
def ctx(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[pages.Context]:
    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.setattr(fac, "FAILED_KEY_DELAY", 0)
    c = pages.Context.open("villaflor", str(ws_path), "en", None)
    yield c
    c.store.close()


def _unlocked(ctx: pages.Context) -> fac.FacilitatorPage:
    page = fac.FacilitatorPage(ctx, PageContext())
    assert page.unlock(ctx.workspace.facilitator_key())
    return page


def test_nothing_before_the_key(ctx: pages.Context) -> None:
    page = fac.FacilitatorPage(ctx, PageContext())
    names = {p.name for p in ctx.store.participants(ctx.locality.id)}
    for candidate in (None, "", "x" * 300, "wrong", ctx.workspace.facilitator_key()[:-1]):
        assert not page.unlock(candidate)
        text = _text(page)
        assert not any(n in text for n in names)
        assert "Participants:" not in text and not page.sections
    assert page.unlock("  " + ctx.workspace.facilitator_key() + "\n")
    assert "Participants: 16" in _text(page)
    assert page.page.query.startswith("key=")


def test_reveal_and_agree(ctx: pages.Context) -> None:
    page = _unlocked(ctx)
    page.open_section("fac_tab_reveal")
    section = page.sections["fac_tab_reveal"]
    assert isinstance(section, fac.RevealSection)
    section.strand.value = "II"
    assert "Strand II is not revealed yet" in _text(section)
    section._hide()  # a fresh start whatever the demo did
    section.guarded(section._reveal)()
    rnd = page.round
    assert "II" in revealed_strands(ctx.store, rnd.id)
    forms = [w for w in walk(section) if isinstance(w, fac.JointForm)]
    assert len(forms) == 3
    form = forms[0]
    form.score.value = 4
    form.narrative.value = "Agreed " + XSS
    save = next(w for w in walk(form) if getattr(w, "description", "").startswith("Save"))
    save.click()
    assert form.status.kind == "ok"
    stored = {j.pair_id: j for j in ctx.store.joint_ratings(rnd.id)}
    pair_id = next(
        p
        for p in ctx.framework.strand("II").pairs
        if p.number == int(form.score.description.split()[-1])
    ).id
    assert stored[pair_id].score == 4 and stored[pair_id].narrative == "Agreed " + XSS
    # the participant pages show the room's view now (same store)
    person = join(ctx.store, ctx.locality, Side.LA, "Ana", named=False)
    strand = pages.StrandPage(
        ctx, ctx.session(person.id), ctx.framework.strand("II"), PageContext()
    )
    assert "The room&#x27;s view of Strand II" in _text(strand)
    section.guarded(section._hide)()
    strand.show_room()
    assert "Your answers are private" in _text(strand)


def test_records_survive_a_new_page(ctx: pages.Context) -> None:
    page = _unlocked(ctx)
    for key, _ in fac.SECTIONS:
        page.open_section(key)  # every section builds from the demo data
    acts = page.sections["fac_tab_actions"]
    assert isinstance(acts, fac.ActionsSection)
    acts.text.value = "Rampas en la plaza " + XSS
    acts.owner.value = "Obras"
    acts.due.value = dt.date(2027, 3, 1)
    acts.tests[0][1].value = True
    acts.tests[3][1].value = True
    acts.guarded(acts._add)()
    assert acts.status.text.startswith("✓ Saved. It passes 2 of 5")
    outs = page.sections["fac_tab_outcomes"]
    assert isinstance(outs, fac.OutcomesSection)
    outs.title.value = "Plaza accesible"
    outs.category.value = "social"
    outs.baseline.value = "abc"
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "error" and "Baseline must be a number" in outs.status.text
    assert outs.title.value == "Plaza accesible"  # nothing typed is lost
    outs.baseline.value = "2,5"
    outs.guarded(outs._add_outcome)()
    assert outs.status.kind == "ok"
    cafe = page.sections["fac_tab_cafe"]
    assert isinstance(cafe, fac.CafeSection)
    cafe.table.value = "Mesa 9"
    cafe.text.value = "Las rampas de la plaza " + XSS
    cafe.tags.value = "accesibilidad, plaza, plaza"
    cafe.guarded(cafe._add)()
    cel = page.sections["fac_tab_celebrations"]
    assert isinstance(cel, fac.CelebrationsSection)
    cel.text.value = "Primera sesión con intérprete"
    cel.guarded(cel._add)()
    att = page.sections["fac_tab_attendance"]
    assert isinstance(att, fac.AttendanceSection)
    att.group.value = "Recicladores"
    att.guarded(att._add)()

    # a new page (the server restarted) reads everything back from the store
    again = _unlocked(ctx)
    for key, _ in fac.SECTIONS:
        again.open_section(key)
    everything = " ".join(_text(s) for s in again.sections.values())
    for expected in (
        "Rampas en la plaza &lt;img",
        "Plaza accesible",
        "2.5",
        "Las rampas de la plaza &lt;img",
        "Primera sesión con intérprete",
        "Recicladores",
    ):
        assert expected in everything, expected
    assert "<img src=x" not in everything
    notes = [n for n in ctx.store.harvest_notes(page.round.id) if n.table == "Mesa 9"]
    assert notes[0].themes == ("accesibilidad", "plaza")
