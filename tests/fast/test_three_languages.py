"""Every language civicnb speaks works where the code keeps words by language: a
locality in Portuguese can be created, revealed and harvested (no KeyError for "pt"),
and the page's language reaches HTML as its BCP 47 tag (``pt-BR``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civicnb.execution.launcher import _words as launcher_words
from civicnb.i18n import LANGUAGES, language_name, language_tag, read_number, score
from civicnb.records import HarvestNote, Participant, Side, new_id
from civicnb.ui.context import PageContext
from civicnb.workshop.attendance import default_stakeholder_groups
from civicnb.workshop.facilitators import LEAD_NAME
from civicnb.workshop.reveal import pseudonyms
from civicnb.workshop.themes import common_themes


def day(n: int) -> datetime:
    return datetime(2026, 1, n, tzinfo=UTC)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_language_has_its_own_words_in_the_workshop_tables(lang: str) -> None:
    english = default_stakeholder_groups("en")
    groups = default_stakeholder_groups(lang)
    assert len(groups) == len(english)
    assert (groups == english) == (lang == "en")
    assert LEAD_NAME[lang] and (LEAD_NAME[lang] == LEAD_NAME["en"]) == (lang == "en")
    titles, english_titles = launcher_words(lang), launcher_words("en")
    assert set(titles) == set(english_titles)
    assert (titles == english_titles) == (lang == "en")
    locality = new_id()
    people = [
        Participant(locality_id=locality, name="Ana", side=Side.LA, created_at=day(1)),
        Participant(locality_id=locality, name="Bia", side=Side.CSO, created_at=day(2)),
    ]
    names = pseudonyms(people, lang)
    assert [names[p.id][-1] for p in people] == ["1", "1"]
    assert (names == pseudonyms(people, "en")) == (lang == "en")


def test_portuguese_stopwords_are_skipped_in_the_harvest() -> None:
    round_id = new_id()
    texts = ["não temos transporte", "transporte para você", "não há transporte"]
    notes = [HarvestNote(round_id=round_id, table="1", text=text) for text in texts]
    words = dict(common_themes(notes, lang="pt"))
    assert words.get("transporte") == 3
    assert "não" not in words and "nao" not in words


def test_the_html_tag_of_each_language() -> None:
    assert [language_tag(code) for code in LANGUAGES] == ["en", "es", "pt-BR"]
    assert language_tag("xx") == "en"
    assert language_name("pt", "en") == "Portuguese (Brazil)"
    assert language_name("en", "pt") == "inglês"
    page = PageContext(lang="pt")
    assert page.tag == "pt-BR"
    page.lang = "es"
    assert page.tag == "es"


def test_portuguese_numbers() -> None:
    assert score(3.25, "—", "pt") == "3,3"
    assert score(-0.5, "—", "pt", signed=True) == "-0,5"
    assert read_number("1.200,5", "pt") == 1200.5
    assert read_number("12.5", "pt") == 12.5  # typed in another language's notation


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_report_page_says_its_language_as_a_tag(lang: str) -> None:
    import nbformat

    from civicnb.reports.report import _exporter

    html, _ = _exporter(lang).from_notebook_node(nbformat.v4.new_notebook())  # type: ignore[no-untyped-call]
    assert f'<html lang="{language_tag(lang)}">' in html
