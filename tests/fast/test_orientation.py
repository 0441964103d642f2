"""Orientation: the start page says what the six strands are and how they fit together
(the framework's optional ``strand_groups``), what the rating scale means and that the
checklist is framed as questions, not answers (also in easy read); strand IV shows the
five ways to well-being with their credit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from widget_helpers import walk

from civicnb.errors import FrameworkError
from civicnb.framework import framework_from_dict, load_framework
from civicnb.html.orientation import orientation_html, well_being_html

pytest.importorskip("ipywidgets")
from civicnb.ui.context import PageContext
from civicnb.ui.locality_context import Context
from civicnb.ui.start_page import StartPage
from civicnb.ui.strand_page import StrandPage

EDITIONS = Path(__file__).resolve().parents[2] / "civicnb" / "framework" / "editions"


def _text(markup: str) -> str:
    return re.sub(r"<[^>]+>", " ", markup).replace("&#x27;", "'")


@pytest.mark.parametrize("edition", ["pamphlet", "blog"])
def test_each_edition_groups_every_strand_once_as_the_pamphlet_does(edition: str) -> None:
    fw = load_framework(edition)
    groups = {g.id: g.strand_ids for g in fw.strand_groups}
    # I defines purpose; III and V wide participation; II and IV effectiveness; VI all
    assert groups == {
        "purpose": ("I",),
        "participation": ("III", "V"),
        "effectiveness": ("II", "IV"),
        "cooperative_solutions": ("VI",),
    }
    for g in fw.strand_groups:
        for lang in ("en", "es", "pt"):
            assert g.title.get(lang) and g.easy_title(lang) != g.title.get(lang)


def _pamphlet_data() -> dict[str, Any]:
    data = yaml.safe_load((EDITIONS / "pamphlet.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_framework_without_grouping_lists_each_strand_on_its_own() -> None:
    data = _pamphlet_data()
    del data["strand_groups"]
    fw = framework_from_dict(data, "no-groups")
    assert fw.strand_groups == ()
    markup = orientation_html(fw, "en")
    assert "<strong>" not in markup
    lines = re.findall(r"<li>([^<]+)</li>", markup)
    assert lines == [f"Strand {s.id}: {s.title.get('en')}" for s in fw.strands]


def test_a_strand_missing_from_the_groups_is_still_shown() -> None:
    data = _pamphlet_data()
    data["strand_groups"] = data["strand_groups"][:1]  # only strand I grouped
    fw = framework_from_dict(data, "one-group")
    text = _text(orientation_html(fw, "en"))
    for s in fw.strands:
        assert f"Strand {s.id}: {s.title.get('en')}" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g[1]["strands"].append("I"), r"strand I is already in a group"),
        (lambda g: g[1].update(id="purpose"), r"duplicate strand group id 'purpose'"),
        (lambda g: g[0]["strands"].append("VII"), r"strand_groups"),
    ],
)
def test_a_bad_grouping_is_refused_with_where(change: Any, message: str) -> None:
    data = _pamphlet_data()
    change(data["strand_groups"])
    with pytest.raises(FrameworkError, match=message):
        framework_from_dict(data, "bad-groups")


def test_orientation_in_english_and_spanish() -> None:
    fw = load_framework("pamphlet")
    en = _text(orientation_html(fw, "en"))
    assert "What this checklist is" in en
    assert "Defining purpose" in en and "Strand III: Co-producing the future" in en
    assert "from 1, “Not at all”, to 5, “Very well”" in en and "“Don't know”" in en
    assert "framed as questions, not answers" in en and "not a score to win" in en
    es = _text(orientation_html(fw, "es"))
    assert "Qué es esta lista de verificación" in es
    assert "Definir el propósito" in es and "Eje I: Definir resultados valorados" in es
    assert "«Nada»" in es and "«Muy bien»" in es and "«No sé»" in es
    assert "preguntas, no como respuestas" in es and "What" not in es


def test_orientation_in_easy_read() -> None:
    fw = load_framework("pamphlet")
    en = _text(orientation_html(fw, "en", easy=True))
    assert "There are 6 parts" in en and "Why we work together" in en
    assert f"Strand I: {fw.strand('I').easy_title('en')}" in en
    assert "Defining purpose" not in en and "There are no wrong answers" in en
    es = _text(orientation_html(fw, "es", easy=True))
    assert "Hay 6 partes" in es and "Por qué trabajamos juntos" in es
    assert "No hay respuestas equivocadas" in es


def _html(root: Any) -> str:
    return "\n".join(str(getattr(w, "value", "")) for w in walk(root) if hasattr(w, "value"))


@pytest.mark.parametrize(("lang", "easy"), [("en", False), ("es", False), ("es", True)])
def test_the_start_form_shows_the_orientation(ctx: Context, lang: str, easy: bool) -> None:
    ctx.lang, ctx.easy_read = lang, easy
    start = StartPage(ctx, {})
    start.page.ready = True
    start.show_form()
    markup = _html(start.root)
    assert orientation_html(ctx.framework, lang, easy=easy) in markup
    # before the form: read before joining
    assert markup.index("civicnb-orientation") < markup.index(
        'class="civicnb-hint"', markup.index("civicnb-orientation")
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_strand_four_shows_the_five_ways_with_their_credit(ctx: Context, lang: str) -> None:
    fw = ctx.framework
    assert fw.well_being is not None
    page = StrandPage(ctx, None, fw.strand("IV"), PageContext())
    page.relabel(lang)
    intro = page.intro.value
    for e in fw.well_being.elements:
        assert e.title.get(lang) in intro
    assert "New Economics Foundation" in intro and "Five Ways to Wellbeing: The Evidence" in intro
    assert ("short descriptions" if lang == "en" else "descripciones breves") in intro
    # in easy read too, and not with another strand
    ctx.easy_read = True
    page.relabel(lang, easy=True)
    assert "New Economics Foundation" in page.intro.value
    other = StrandPage(ctx, None, fw.strand("III"), PageContext())
    other.relabel(lang, easy=True)
    assert "civicnb-well-being" not in other.intro.value
    assert well_being_html(fw, fw.strand("II"), lang) == ""
