"""Easy read: civicnb's own adaptation of what a participant reads, in the framework
files (an optional ``easy_read`` per question, strand and scale level), measured with
textstat's readability formulas, and the original wording where there is none."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat
import yaml

from civicnb.errors import FrameworkError
from civicnb.framework import framework_from_dict, load_framework
from civicnb.framework.model import Framework, Text, easy_or_original

FIXTURES = Path(__file__).parent.parent / "data" / "frameworks"
EDITIONS = Path(__file__).resolve().parents[2] / "civicnb" / "framework" / "editions"

EASY_LANGUAGES = ("en", "es", "pt")
"""The languages every easy-read text of the built-in editions is written in."""
MEASURED = ("en", "es")
"""The languages textstat has a readability formula for (none for Portuguese)."""

MIN_FLESCH_EN = 70.0
"""Flesch reading ease (English): 70 and above is "fairly easy" (7th grade) or easier."""
MIN_FERNANDEZ_HUERTA_ES = 70.0
"""Fernández Huerta (Spanish): 70 and above is "bastante fácil" or easier."""


def score(text: str, lang: str) -> float:
    """textstat's readability score of ``text``: Flesch reading ease for English,
    Fernández Huerta for Spanish."""
    textstat.set_lang(lang)
    try:
        if lang == "es":
            return float(textstat.fernandez_huerta(text))
        return float(textstat.flesch_reading_ease(text))
    finally:
        textstat.set_lang("en")


THRESHOLD = {"en": MIN_FLESCH_EN, "es": MIN_FERNANDEZ_HUERTA_ES}


def easy_and_original(fw: Framework) -> Iterator[tuple[str, Text | None, Text]]:
    """Every (place, easy-read text, original wording) a participant reads as sentences:
    the guiding questions, the summaries and the questions."""
    for s in fw.strands:
        e = s.easy_read
        yield f"strand {s.id} guiding question", e and e.guiding_question, s.guiding_question
        yield f"strand {s.id} summary", e and e.summary, s.summary
        for q in s.questions:
            yield q.id, q.easy_read, q.text


@pytest.fixture(params=["pamphlet", "blog"])
def edition(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_every_easy_read_text_is_there(edition: str) -> None:
    fw = load_framework(edition)
    places = list(easy_and_original(fw))
    assert len(places) == 6 * 2 + 30
    for where, easy, original in places:
        assert easy is not None, where
        for lang in EASY_LANGUAGES:
            assert easy.has(lang) and easy.get(lang).strip(), (where, lang)
            assert easy.get(lang) != original.get(lang), (where, lang)
    for s in fw.strands:
        assert s.easy_read is not None and s.has_easy_read("es")
        assert s.easy_title("es") != s.title.es and s.easy_title("en") != s.title.en
    for level in fw.scale:
        assert level.easy_read is not None, level.value
        assert all(level.easy_read.has(lang) for lang in EASY_LANGUAGES)
    # one term for each thing, never an abbreviation: "the local council" / "la
    # administración local", "the group" / "el grupo"; Spanish punctuation kept
    for q in fw.questions:
        en, es, pt = (q.wording(lang, easy=True) for lang in EASY_LANGUAGES)
        assert es.endswith("?") and "¿" in es and en.endswith("?") and pt.endswith("?"), q.id
        assert not re.search(r"\b(LA|CSO|AL|OSC|GL|e\.g\.|p\. ?ej\.|ex\.)", f"{en} {es} {pt}"), q.id
        assert "local authority" not in en and "organisation" not in en, q.id


def test_easy_read_is_easy_and_the_original_is_not(edition: str) -> None:
    """Every easy-read text reaches the threshold; the original wording, on average, does
    not (and three in four of its texts do not either)."""
    fw = load_framework(edition)
    for lang in MEASURED:
        easy_scores, original_scores = [], []
        for where, easy, original in easy_and_original(fw):
            assert easy is not None
            value = score(easy.get(lang), lang)
            assert value >= THRESHOLD[lang], (where, lang, round(value, 1), easy.get(lang))
            easy_scores.append(value)
            original_scores.append(score(original.get(lang), lang))
        mean_easy = sum(easy_scores) / len(easy_scores)
        mean_original = sum(original_scores) / len(original_scores)
        assert mean_original < THRESHOLD[lang] <= mean_easy, (lang, mean_original, mean_easy)
        failing = sum(v < THRESHOLD[lang] for v in original_scores)
        assert failing >= 0.75 * len(original_scores), (lang, failing)


def test_the_formulas_tell_easy_from_hard() -> None:
    """The measure itself: a plain sentence scores above the threshold, a dense one below."""
    assert score("The group has goals. It says what they are.", "en") >= MIN_FLESCH_EN
    assert score("El grupo tiene metas. Dice cuáles son.", "es") >= MIN_FERNANDEZ_HUERTA_ES
    dense_en = load_framework("pamphlet").question("LA-05").text.en
    dense_es = load_framework("pamphlet").question("LA-05").text.es
    assert score(dense_en, "en") < MIN_FLESCH_EN
    assert score(dense_es, "es") < MIN_FERNANDEZ_HUERTA_ES


def test_a_language_the_easy_read_is_not_written_in_reads_the_original() -> None:
    """Easy read in English and Spanish only: a Portuguese page shows the original
    Portuguese wording, never the English easy read."""
    data = yaml.safe_load((EDITIONS / "pamphlet.yaml").read_text("utf-8"))
    for strand in data["strands"]:
        for text in strand["easy_read"].values():
            del text["pt"]
        for pair in strand.get("pairs", ()):
            for side in ("la", "cso"):
                del pair[side]["easy_read"]["pt"]
    for level in data["scale"]:
        del level["easy_read"]["pt"]
    fw = framework_from_dict(data, "no-pt-easy-read.yaml")
    q = fw.question("LA-01")
    assert q.easy_read is not None and q.has_easy_read("es") and not q.has_easy_read("pt")
    assert q.wording("pt", easy=True) == q.text.pt
    assert q.wording("es", easy=True) == q.easy_read.es
    s = fw.strand("I")
    assert not s.has_easy_read("pt")
    assert s.easy_summary("pt") == s.summary.pt and s.easy_title("pt") == s.title.pt
    assert fw.scale[2].word("pt", easy=True) == fw.scale[2].label.pt


def test_a_custom_framework_without_easy_read_reads_the_original() -> None:
    fw = load_framework(FIXTURES / "minimal.yaml")
    for s in fw.strands:
        assert s.easy_read is None and not s.has_easy_read("en")
        assert s.easy_title("es") == s.title.es
        assert s.easy_guiding_question("en") == s.guiding_question.en
        assert s.easy_summary("es") == s.summary.es
    for q in fw.questions:
        assert q.easy_read is None
        for lang in ("en", "es", "pt"):
            assert q.wording(lang, easy=True) == q.text.get(lang)
    assert [lv.word("es", easy=True) for lv in fw.scale] == [lv.label.es for lv in fw.scale]
    assert easy_or_original(None, Text("Original", es="Original es"), "es") == "Original es"


def _minimal() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((FIXTURES / "minimal.yaml").read_text("utf-8"))
    return data


def test_a_custom_framework_can_give_easy_read() -> None:
    data = _minimal()
    strands = data["strands"]
    assert isinstance(strands, list)
    strands[0]["easy_read"] = {
        "title": {"en": "What we want", "es": "Lo que queremos"},
        "guiding_question": {"en": "What should buses do?", "es": "¿Qué deben hacer?"},
        "summary": {"en": "We agree on goals.", "es": "Acordamos metas."},
    }
    strands[0]["pairs"][0]["la"]["easy_read"] = {"en": "Does the council plan?", "es": "¿Planea?"}
    data["scale"][2]["easy_read"] = {"en": "Some", "es": "Algo"}  # type: ignore[index]
    fw = framework_from_dict(data, "custom.yaml")
    assert fw.strand("I").easy_title("es") == "Lo que queremos"
    assert fw.question("LA-01").wording("en", easy=True) == "Does the council plan?"
    assert fw.question("LA-01").wording("en") == fw.question("LA-01").text.en
    assert fw.question("CSO-I").wording("es", easy=True) == fw.question("CSO-I").text.es
    assert fw.scale[2].word("es", True) == "Algo" and fw.scale[1].word("es", True) == "Poco"


def test_a_strand_easy_read_needs_all_three_texts() -> None:
    data = _minimal()
    data["strands"][0]["easy_read"] = {"title": {"en": "x", "es": "x"}}  # type: ignore[index]
    with pytest.raises(FrameworkError, match=r"strands\[0\]\.easy_read.*guiding_question"):
        framework_from_dict(data, "custom.yaml")
    data = _minimal()
    data["strands"][0]["pairs"][0]["la"]["easy_read"] = {"en": "Only English"}  # type: ignore[index]
    with pytest.raises(FrameworkError, match="'es' is a required property"):
        framework_from_dict(data, "custom.yaml")
