"""The booklet in easy read as HTML (no browser): every easy-read question, strand title,
big question and summary of both editions in English and Spanish, each followed by its
original wording in small print; the scale's easy words each with its picture (an SVG
with a text alternative, the word beside it); civicnb's adaptation said on the cover;
a custom framework without easy read printed in its original wording, once; large
print at 18 pt."""

from __future__ import annotations

import html as std
import re
from pathlib import Path

import pytest

from civicnb.framework import load_framework
from civicnb.html.booklet import LARGE_PT
from civicnb.html.easy_booklet import EASY_PT, easy_booklet_html
from civicnb.i18n import t

FIXTURES = Path(__file__).parent.parent / "data" / "frameworks"
XSS = "<img src=x onerror=alert(1)>"


def _text(doc: str) -> str:
    """What a reader sees: the text without tags (nor the pictures' titles)."""
    doc = re.sub(r"<title>.*?</title>", " ", doc)
    return " ".join(std.unescape(re.sub(r"<[^>]+>", " ", doc)).split())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _originals(doc: str) -> list[str]:
    """The texts printed as "Original wording" in small print."""
    return [
        _one_line(std.unescape(m))
        for m in re.findall(r'<p class="ep-original"[^>]*><span[^>]*>[^<]*</span> ([^<]*)</p>', doc)
    ]


@pytest.mark.parametrize("edition", ["pamphlet", "blog"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_easy_read_text_with_its_original(edition: str, lang: str) -> None:
    fw = load_framework(edition)
    doc = easy_booklet_html(fw, lang, place="Villaflor", round_label="2026")
    text = _text(doc)
    originals = _originals(doc)
    for q in fw.questions:
        assert q.easy_read is not None and q.has_easy_read(lang)
        assert _one_line(q.easy_read.get(lang)) in text, q.id
        assert _one_line(q.text.get(lang)) in originals, q.id
    for s in fw.strands:
        assert s.has_easy_read(lang)
        for easy, original in (
            (s.easy_title(lang), s.title),
            (s.easy_guiding_question(lang), s.guiding_question),
            (s.easy_summary(lang), s.summary),
        ):
            assert _one_line(easy) in text, s.id
            assert _one_line(original.get(lang)) in originals, s.id
    # one sentence a line: the easy read of the first question is set in lines
    first = fw.questions[0].easy_read
    assert first is not None and first.get(lang).count(". ") >= 1
    assert doc.count('<span class="ep-line">') > len(fw.questions) * 2
    # whose adaptation it is, on the cover
    assert _one_line(t("ep_adaptation", lang)) in text
    assert t("original_wording", lang) + ":" in text
    assert fw.attribution.author in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_answer_has_its_picture_with_a_text_alternative_and_its_word(lang: str) -> None:
    fw = load_framework("pamphlet")
    doc = easy_booklet_html(fw, lang, place="Villaflor", round_label="2026")
    words = [lv.word(lang, easy=True) for lv in fw.scale] + [fw.dont_know.get(lang)]
    assert [lv.easy_read is not None for lv in fw.scale] == [True] * 5
    for word in words:
        name = t("easy_picture", lang, what=word)
        svg = re.compile(
            r'<svg role="img" aria-label="([^"]+)"[^>]*><title>([^<]+)</title>'
            r"(?:(?!</svg>).)*</svg><span>([^<]+)</span>"
        )
        found = [m for m in svg.finditer(doc) if std.unescape(m[3]) == word]
        # the cover's list of answers, and one per question (30)
        assert len(found) == 1 + len(fw.questions), word
        for m in found:
            assert std.unescape(m[1]) == std.unescape(m[2]) == name
    # each strand's picture, named by its easy-read title
    assert doc.count('class="civicnb-symbol civicnb-symbol-strand"') == len(fw.strands)
    for s in fw.strands:
        label = std.escape(t("easy_picture", lang, what=s.easy_title(lang)))
        assert f'aria-label="{label}"' in doc, s.id
    # a box to tick beside each answer of each question
    assert doc.count('<li><span class="box"></span><svg role="img"') == 6 * len(fw.questions)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_custom_framework_without_easy_read_prints_its_original_wording(lang: str) -> None:
    fw = load_framework(FIXTURES / "minimal.yaml")
    doc = easy_booklet_html(fw, lang, place="Town", round_label="R")
    text = _text(doc)
    for q in fw.questions:
        assert q.easy_read is None
        assert text.count(_one_line(q.text.get(lang))) == 1, q.id  # once, not twice
    for s in fw.strands:
        assert _one_line(s.guiding_question.get(lang)) in text
        assert _one_line(s.summary.get(lang)) in text
    for lv in fw.scale:
        assert f"<span>{std.escape(lv.label.get(lang))}</span>" in doc
    assert _originals(doc) == []  # nothing to compare with
    assert _one_line(t("ep_adaptation", lang)) not in text  # no adaptation to speak of


def test_easy_read_text_is_large_and_large_print_larger() -> None:
    fw = load_framework("pamphlet")
    body = re.compile(r"body \{[^}]*font-size: ([\d.]+)pt")
    small = re.compile(r"\.ep-original \{ font-size: ([\d.]+)pt")
    easy = easy_booklet_html(fw, "en", place="V", round_label="R")
    large = easy_booklet_html(fw, "en", place="V", round_label="R", large_print=True)
    assert float(body.search(easy)[1]) == EASY_PT >= 14  # type: ignore[index]
    assert float(body.search(large)[1]) == LARGE_PT >= 18  # type: ignore[index]
    assert float(small.search(large)[1]) >= LARGE_PT  # type: ignore[index]
    assert "grid-template-columns: 1fr;" in easy  # one column


def test_the_easy_booklet_escapes_the_place_and_fetches_nothing() -> None:
    doc = easy_booklet_html(load_framework("blog"), "pt", place=XSS, round_label=XSS)
    assert XSS not in doc and "&lt;img src=x" in doc
    assert not re.search(r"""(src|href)=["']?https?:""", doc) and "@import" not in doc
    assert '<html lang="pt-BR">' in doc
