"""One word for each concept: no text civicnb shows uses a variant its language's
glossary (civicnb/locale/<locale>/glossary.yaml) says not to use."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import pytest
import yaml
from babel.messages.pofile import read_po

from civicnb.demo import DEMO_LANGUAGES, demo_records
from civicnb.framework import load_framework
from civicnb.framework.model import Text
from civicnb.i18n import LANGUAGES, MESSAGES
from civicnb.i18n.catalogs import DOMAIN, LOCALE_DIR, LOCALES


@cache
def glossary(lang: str) -> dict[str, object]:
    path = LOCALE_DIR / LOCALES[lang] / "glossary.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == lang
    return data  # type: ignore[no-any-return]


def _variants(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for term in glossary(lang)["terms"]:  # type: ignore[attr-defined]
        for phrase in term.get("avoid", []):
            pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
            out.append((f"{term['concept']}: {term['use']!r}, not {phrase!r}", pattern))
    return out


# --- the texts, by source -------------------------------------------------------------


def _catalog(lang: str) -> Iterator[tuple[str, str]]:
    if lang == "en":
        yield from MESSAGES.items()
        return
    with (LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        for entry in read_po(handle):
            if entry.id and isinstance(entry.string, str):
                yield str(entry.context), entry.string


def _texts(value: object, where: str) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield where, value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]")
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:  # type: ignore[union-attr]
            yield from _texts(getattr(value, name), f"{where}.{name}")


def _framework(lang: str) -> Iterator[tuple[str, str]]:
    for edition in ("pamphlet", "blog"):
        for where, text in _texts(load_framework(edition), edition):
            yield where, text.get(lang)


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:  # type: ignore[union-attr]
            yield from _strings(getattr(value, name), f"{where}.{name}")


def _course(lang: str) -> Iterator[tuple[str, str]]:
    """The course's texts in ``lang``: its messages (exercises, feedback: ``crs_*`` in the
    catalog), the worked case (as the workbook a group gets), the story's texts, and what
    a pack's notebooks and trainer's guide say (the source notebooks without the other
    languages' cells, as civicnb.course.packs writes them)."""
    import nbformat

    from civicnb.course.case import case_document
    from civicnb.course.case_story import pick, story_texts
    from civicnb.course.names import TRAINER_GUIDE
    from civicnb.course.packs import MODULES, SUMMARY, course_notebooks, localised

    yield from ((key, text) for key, text in _catalog(lang) if key.startswith("crs_"))
    yield from _strings(case_document(lang, 0), "case")
    for i, texts in enumerate(story_texts()):
        yield f"story[{i}]", pick(texts, lang)
    for name in (*MODULES, SUMMARY):
        nb = localised(nbformat.read(course_notebooks() / f"{name}.ipynb", as_version=4), lang)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                yield f"{name}.ipynb#{cell.id}", cell.source
    guide = course_notebooks() / TRAINER_GUIDE[lang]
    yield guide.name, guide.read_text(encoding="utf-8")


def _demo(lang: str) -> Iterator[tuple[str, str]]:
    """Every text of the demo locality in that language (names, notes, outcomes,
    actions, assets, World Café notes, groups…); English has no demo locality."""
    if lang in DEMO_LANGUAGES:
        yield from _strings(demo_records(load_framework("pamphlet"), lang), "demo")


SOURCES: dict[str, Callable[[str], Iterator[tuple[str, str]]]] = {
    "catalog": _catalog,
    "course": _course,
    "demo": _demo,
    "framework": _framework,
}


@pytest.mark.parametrize(
    ("lang", "source"), [(lang, source) for lang in sorted(LANGUAGES) for source in sorted(SOURCES)]
)
def test_no_variant_the_glossary_rules_out(lang: str, source: str) -> None:
    variants = _variants(lang)
    found = [
        f"{where}: {rule}: …{text[max(0, m.start() - 30) : m.end() + 30]}…"
        for where, text in SOURCES[source](lang)
        for rule, pattern in variants
        for m in [pattern.search(text)]
        if m
    ]
    assert not found, f"{len(found)} variants:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_language_has_a_glossary_with_a_word_for_each_concept(lang: str) -> None:
    terms = glossary(lang)["terms"]  # type: ignore[index]
    concepts = {t["concept"].split(" (")[0] for t in terms}  # type: ignore[index]
    assert {"side", "strand", "own view", "gap", "triple bottom line", "win-win"} <= concepts
    for term in terms:  # type: ignore[attr-defined]
        assert term["use"].strip(), term
        for phrase in term.get("avoid", []):
            assert phrase.lower() not in term["use"].lower(), term
