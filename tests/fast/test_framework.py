"""The framework as data: the two built-in editions against the seed texts, the schema,
the loader's one-line errors on custom framework files."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from civicnb.errors import FrameworkError
from civicnb.framework import (
    Framework,
    builtin_editions,
    framework_from_dict,
    framework_schema,
    load_framework,
    validate_framework_file,
)
from civicnb.framework.loader import MAX_FILE_BYTES, roman
from civicnb.framework.model import ROMAN, Text
from civicnb.framework.schema_check import _PATTERN_HINTS
from civicnb.i18n import LANGUAGES
from civicnb.records import Side

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = DATA / "sources"
FIXTURES = DATA / "frameworks"
EDITIONS_DIR = Path(__file__).resolve().parents[2] / "civicnb" / "framework" / "editions"
STRANDS = ("I", "II", "III", "IV", "V", "VI")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    """Only whitespace and quote characters are normalised."""
    return " ".join(text.translate(QUOTES).split())


# --- the sources: the questions as the documents print them ----------------------------

SOURCE_TEXT: dict[str, Any] = yaml.safe_load(
    (SOURCES / "towell-2014.yaml").read_text(encoding="utf-8")
)
"""Edition → its source (author, title, year, publisher, url), guiding questions and
questions by number, extracted from the documents the edition quotes."""

SEED_QUESTIONS = {
    edition: {str(n): norm(q) for n, q in SOURCE_TEXT[edition]["questions"].items()}
    for edition in ("pamphlet", "blog")
}
SEED_GUIDING = {
    edition: {s: norm(q) for s, q in SOURCE_TEXT[edition]["guiding_questions"].items()}
    for edition in ("pamphlet", "blog")
}


def _source_runs() -> frozenset[str]:
    lines = (SOURCES / "source-8-word-runs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _run_digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:12]


def test_the_sources_hold_every_question() -> None:
    for edition, questions in SEED_QUESTIONS.items():
        assert list(questions) == [str(n) for n in range(1, 16)] + list(ROMAN), edition
        assert all(q.endswith("?") and "--" not in q for q in questions.values()), edition
        assert list(SEED_GUIDING[edition]) == list(STRANDS), edition
        assert all(q.endswith("?") for q in SEED_GUIDING[edition].values()), edition
    # the blog series has no post on strand I among the sources: the pamphlet's question
    assert SEED_GUIDING["blog"]["I"] == SEED_GUIDING["pamphlet"]["I"]
    assert SEED_GUIDING["blog"]["VI"] != SEED_GUIDING["pamphlet"]["VI"]
    # the runs of the documents hold the questions' own runs (the same normalisation)
    runs = _source_runs()
    assert len(runs) > 5_000
    words = SEED_QUESTIONS["pamphlet"]["1"].lower().split()
    assert _run_digest(words[:8]) in runs


def test_the_sources_are_cited_as_the_editions_cite_them(edition: str) -> None:
    a = load_framework(edition).attribution
    source = SOURCE_TEXT[edition]["source"]
    assert (a.author, a.title, a.year, a.publisher, a.url) == (
        source["author"],
        source["title"],
        source["year"],
        source["publisher"],
        source["url"],
    )


# --- the built-in editions --------------------------------------------------------------


@pytest.fixture(params=["pamphlet", "blog"])
def edition(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def texts(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every {en, es} text in parsed framework data, with its path."""
    if isinstance(value, dict):
        if set(value) >= {"en", "es"}:
            yield path, value
            return
        for key, item in value.items():
            yield from texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")


def raw_edition(edition: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EDITIONS_DIR / f"{edition}.yaml").read_text("utf-8"))
    return data


def test_builtin_editions() -> None:
    assert builtin_editions() == ("pamphlet", "blog")
    for name in builtin_editions():
        assert isinstance(load_framework(name), Framework)


def test_builtin_editions_are_cached(edition: str) -> None:
    assert load_framework(edition) is load_framework(edition)


def test_questions_are_verbatim(edition: str) -> None:
    fw = load_framework(edition)
    seed = SEED_QUESTIONS[edition]
    assert len(fw.questions) == 30
    for q in fw.questions:
        assert norm(q.text.en) == seed[q.number], q.id


def test_guiding_questions_are_verbatim(edition: str) -> None:
    fw = load_framework(edition)
    for strand in fw.strands:
        assert norm(strand.guiding_question.en) == SEED_GUIDING[edition][strand.id], strand.id


def test_editions_differ_where_the_sources_do() -> None:
    pamphlet, blog = load_framework("pamphlet"), load_framework("blog")
    differ = {
        q.id for q in pamphlet.questions if norm(q.text.en) != norm(blog.question(q.id).text.en)
    }
    assert differ == {"LA-01", "LA-04", "LA-05", "LA-10", "CSO-I", "CSO-II", "CSO-III", "CSO-XII"}
    assert "Rights of Persons with Disabilities" in pamphlet.question("CSO-I").text.en
    assert "Derechos de las Personas con Discapacidad" in pamphlet.question("CSO-I").text.es
    assert "Direitos das Pessoas com Deficiência" in pamphlet.question("CSO-I").text.pt
    assert "Disabilities" not in blog.question("CSO-I").text.en
    assert "positive change" in pamphlet.strand("VI").guiding_question.en
    assert "transformative change" in blog.strand("VI").guiding_question.en


def test_ids_and_pairing(edition: str) -> None:
    fw = load_framework(edition)
    assert fw.id == edition
    assert fw.version == "1.0.0"
    assert [s.id for s in fw.strands] == list(STRANDS)
    assert [s.number for s in fw.strands] == [1, 2, 3, 4, 5, 6]
    assert [p.id for p in fw.pairs] == [f"P{n:02d}" for n in range(1, 16)]
    for n, pair in enumerate(fw.pairs, start=1):
        assert pair.number == n
        assert (pair.la.id, pair.la.number, pair.la.side) == (f"LA-{n:02d}", str(n), Side.LA)
        assert (pair.cso.id, pair.cso.number, pair.cso.side) == (
            f"CSO-{ROMAN[n - 1]}",
            ROMAN[n - 1],
            Side.CSO,
        )
        assert pair.la.pair_id == pair.cso.pair_id == pair.id
        assert pair.la.strand_id == pair.cso.strand_id == pair.strand_id
        assert fw.question(pair.la.id) is pair.la
        assert fw.pair(pair.id) is pair
    for strand in fw.strands[:5]:
        assert len(strand.pairs) == 3, strand.id
        assert [p.number for p in strand.pairs] == [3 * strand.number - 2 + i for i in range(3)]
    assert fw.strand("VI").pairs == ()
    assert len(fw.question_ids) == 30


def test_titles_and_scale(edition: str) -> None:
    fw = load_framework(edition)
    assert [s.title.en for s in fw.strands] == [
        "Defining valued outcomes",
        "Engaging whole systems",
        "Co-producing the future",
        "Strengthening resilience",
        "Working inclusively",
        "Seeking cooperative solutions",
    ]
    assert [lv.value for lv in fw.scale] == [1, 2, 3, 4, 5]
    assert fw.scale[0].label.es == "Nada" and fw.scale[4].label.en == "Very well"
    assert (fw.dont_know.en, fw.dont_know.es, fw.dont_know.pt) == ("Don't know", "No sé", "Não sei")
    a = fw.attribution
    assert (a.author, a.year, a.publisher) == ("David Towell", 2014, "Centre for Inclusive Futures")
    assert a.title == (
        "Building a better future through civic partnership: six strands of local strategy"
    )
    assert a.note is not None and a.note.en and a.note.es and a.note.pt


def test_blog_attribution_says_where_strand_one_comes_from() -> None:
    note = load_framework("blog").attribution.note
    assert note is not None
    assert "strand I" in note.en and "pamphlet" in note.en
    assert "eje I" in note.es and "folleto" in note.es
    assert "eixo I" in note.pt and "folheto" in note.pt


SIDE_WORDS = {
    "LA": ("AL", "GL", "administración local", "governo local"),
    "CSO": ("OSC", "OSC", "sociedad civil", "sociedade civil"),
}
"""Side → its abbreviation in es and pt, and the words of its full name."""


def test_every_text_has_every_language(edition: str) -> None:
    """Completeness is equal across languages: every text of a built-in edition is written
    in every language civicnb speaks, none blank, none left in English."""
    found = list(texts(raw_edition(edition)))
    # … 30 short titles and 53 easy-read texts (tests/fast/test_easy_read.py), and the
    # 4 strand groups' titles, each also in easy read (tests/fast/test_orientation.py)
    assert len(found) == 127 + 30 + 53 + 8  # 30 questions, 60 in element groups…
    for path, text in found:
        assert set(text) == set(LANGUAGES), path
        assert all(text[lang].strip() for lang in LANGUAGES), path
    fw = load_framework(edition)
    loaded = list(_loaded_texts(fw))
    assert len(loaded) == 127 + 30 + 53 + 8
    for where, text in loaded:
        assert text.languages == set(LANGUAGES), where
        for lang in sorted(set(LANGUAGES) - {"en"}):
            # nothing is left in English, but for a name
            if text.get(lang) == text.en:
                assert text.en in {"World Café"}, (where, lang)
    for q in fw.questions:
        assert q.text.es.startswith("¿") and q.text.es.endswith("?"), q.id
        assert q.text.pt.endswith("?") and not q.text.pt.startswith("¿"), q.id
        # the column names the side in full; a question names it by its abbreviation
        if f"the {q.side.value}" in q.text.en:
            es_abbr, pt_abbr, es_full, pt_full = SIDE_WORDS[q.side.value]
            assert re.search(rf"\b{es_abbr}\b", q.text.es), q.id
            assert re.search(rf"\b{pt_abbr}\b", q.text.pt), q.id
            assert es_full not in q.text.es and pt_full not in q.text.pt, q.id
        if q.text.en.startswith("How well"):
            assert q.text.es.startswith("¿En qué medida "), q.id
            assert q.text.pt.startswith("Em que medida "), q.id
    for strand in fw.strands:
        assert strand.guiding_question.es.startswith("¿")
        assert strand.guiding_question.pt.endswith("?")


def _loaded_texts(value: object, where: str = "") -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield where, value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _loaded_texts(item, f"{where}[{i}]")
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _loaded_texts(getattr(value, name), f"{where}.{name}")


def test_the_translation_is_marked_as_civicnbs_own(edition: str) -> None:
    note = load_framework(edition).attribution.note
    assert note is not None
    assert "civicnb's own translation" in note.en
    assert "traducción propia de civicnb" in note.es
    assert "tradução própria do civicnb" in note.pt


def test_summaries_are_short_and_not_copied(edition: str) -> None:
    fw = load_framework(edition)
    runs = _source_runs()  # every run of 8 words of the sources, as digests
    for strand in fw.strands:
        sentences = [s for s in re.split(r"(?<=[.;])\s+", strand.summary.en) if s]
        assert 2 <= len(sentences) <= 4, strand.id
        # no run of 8 words taken from the sources
        words = norm(strand.summary.en).lower().split()
        for i in range(len(words) - 7):
            assert _run_digest(words[i : i + 8]) not in runs, (strand.id, words[i : i + 8])


def test_element_groups(edition: str) -> None:
    fw = load_framework(edition)
    ids = {g.id: [e.id for e in g.elements] for s in fw.strands for g in s.element_groups}
    assert ids["triple_bottom_line"] == ["environment", "economy", "social"]
    assert len(ids["whole_systems_keys"]) == 5
    assert len(ids["coproduction_ways"]) == 5
    assert ids["resilience_dimensions"] == [
        "democracy",
        "economy",
        "inclusive_culture",
        "wellbeing",
        "links",
    ]
    assert len(ids["inclusive_practices"]) == 7
    assert fw.strand("I").element_groups[0].id == "triple_bottom_line"
    assert fw.strand("IV").element_groups[0].id == "resilience_dimensions"
    assert fw.well_being is not None
    assert [e.id for e in fw.well_being.elements] == [
        "connect",
        "be_active",
        "take_notice",
        "keep_learning",
        "give",
    ]
    assert fw.element_group("five_ways_to_well_being") is fw.well_being
    for group in [*(g for s in fw.strands for g in s.element_groups), fw.well_being]:
        for e in group.elements:
            for lang in sorted(LANGUAGES):
                assert e.title.get(lang) and e.summary.get(lang), (e.id, lang)


def test_design_tests(edition: str) -> None:
    fw = load_framework(edition)
    tests = fw.design_tests
    assert [e.id for e in tests] == [
        "democracy",
        "economy",
        "inclusive_culture",
        "wellbeing",
        "links",
    ]
    for e in tests:
        assert e.test is not None
        assert e.test.en.startswith("Will it ") and e.test.en.endswith("?")
        assert e.test.es.startswith("¿") and e.test.es.endswith("?")
        assert e.test.pt.endswith("?") and e.test.pt != e.test.en
    assert tests[0].test is not None and tests[0].test.en == "Will it enhance local democracy?"


def test_question_lookup_errors() -> None:
    from civicnb.errors import NotFoundError

    fw = load_framework("pamphlet")
    with pytest.raises(NotFoundError, match="did you mean 'LA-01'"):
        fw.question("la-01")


# --- the schema -----------------------------------------------------------------------


def _properties(node: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}/{i}")


def test_schema_is_valid_and_documented() -> None:
    schema = framework_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    props = list(_properties(schema))
    assert len(props) > 30
    for path, sub in props:
        assert isinstance(sub.get("description"), str) and sub["description"].strip(), path
    for name, sub in schema["$defs"].items():
        assert sub.get("description"), name


def test_schema_is_a_fresh_copy() -> None:
    framework_schema()["title"] = "changed"
    assert framework_schema()["title"] == "civicnb framework"


def test_every_id_pattern_has_a_hint() -> None:
    patterns = set(re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', json.dumps(framework_schema())))
    patterns = {json.loads(f'"{p}"') for p in patterns} - {"\\S"}
    assert patterns == set(_PATTERN_HINTS)


def test_shipped_editions_validate_against_the_schema(edition: str) -> None:
    data = raw_edition(edition)
    errors = list(Draft202012Validator(framework_schema()).iter_errors(data))
    assert errors == []
    assert validate_framework_file(EDITIONS_DIR / f"{edition}.yaml") == load_framework(edition)
    assert framework_from_dict(data, source=edition) == load_framework(edition)


# --- custom frameworks and errors -----------------------------------------------------


def test_minimal_custom_framework() -> None:
    fw = load_framework(FIXTURES / "minimal.yaml")
    assert fw.id == "transport_access"
    assert [q.id for q in fw.questions] == ["LA-01", "CSO-I", "LA-02", "CSO-II", "LA-03", "CSO-III"]
    assert [p.strand_id for p in fw.pairs] == ["I", "II", "III"]
    assert fw.well_being is None
    assert [e.id for e in fw.design_tests] == ["democracy"]
    assert fw.attribution.url == "" and fw.attribution.note is None
    # also as a str path, and as JSON
    assert load_framework(str(FIXTURES / "minimal.yaml")) == fw


def test_a_custom_framework_without_portuguese_shows_english_in_its_place() -> None:
    """Portuguese is optional in a custom framework (the built-in editions have it)."""
    raw = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert "pt:" not in raw
    fw = load_framework(FIXTURES / "minimal.yaml")
    assert fw.strand("I").title.languages == {"en", "es"}
    q = fw.question("LA-01")
    assert q.text.pt == q.text.get("pt") == q.text.en and q.text.es != q.text.en
    assert fw.dont_know.pt == "Don't know" and fw.scale[0].label.pt == "Not at all"
    # and a custom framework that has it shows it
    data = yaml.safe_load(raw)
    data["strands"][0]["title"]["pt"] = "Definir resultados valorizados"
    assert framework_from_dict(data, source="x").strand("I").title.pt == (
        "Definir resultados valorizados"
    )
    assert validate_framework_file(FIXTURES / "minimal.yaml") == fw
    assert "Portuguese (Brazil) optional" in framework_schema()["$defs"]["text"]["description"]


def test_custom_framework_as_json(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    assert load_framework(path) == load_framework(FIXTURES / "minimal.yaml")
    path.write_text('{"id": "x",\n "version": }', encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    assert str(err.value).startswith(f"{path}: line 2: not valid JSON: ")


def test_a_file_named_like_an_edition_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "pamphlet"
    shutil.copy(FIXTURES / "minimal.yaml", path)
    assert validate_framework_file(path).id == "transport_access"
    assert load_framework("pamphlet").id == "pamphlet"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("missing_es.yaml", "strands[2].pairs[0].la.text: 'es' is a required property"),
        (
            "misspelt_key.yaml",
            "strands[1]: 'guiding_question' is a required property "
            "(found 'guiding_questoin': is it misspelt?)",
        ),
        ("empty_text.yaml", "title.en: must not be empty"),
        ("four_levels.yaml", "scale: has 4 item(s); at least 5 required"),
        (
            "duplicate_number.yaml",
            "strands[2].pairs[0].la.number: duplicate question number '2' "
            "(also at strands[1].pairs[0].la.number)",
        ),
        (
            "skipped_number.yaml",
            "strands[1].pairs[0].cso.number: expected 'II' but found 'III': pairs are "
            "numbered consecutively from 1 across the strands, CSO questions in roman numerals",
        ),
        (
            "strands_out_of_order.yaml",
            "strands[1].id: expected 'II' but found 'III': the strands are I to VI, in order",
        ),
        (
            "bad_id.yaml",
            "id: 'My Framework' is not valid: use lower-case letters, digits, '_' or '-', "
            "starting with a letter (at most 64 characters)",
        ),
        (
            "duplicate_element.yaml",
            "strands[3].element_groups[0].elements[1].id: duplicate element id 'democracy' "
            "(also at strands[3].element_groups[0].elements[0].id)",
        ),
        ("bad_yaml.yaml", "line 4, column 27: not valid YAML: expected ',' or '}', but got"),
        (
            "not_mapping.yaml",
            "the top level must be a mapping of keys (id, version, title, …) "
            "but the file is a list",
        ),
    ],
)
def test_invalid_fixtures(fixture: str, message: str) -> None:
    path = FIXTURES / fixture
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    text = str(err.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: {message}"), text
    assert err.value.exit_code == 1


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _minimal() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yaml").read_text("utf-8"))
    return data


def _error(path: Path) -> str:
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    assert "\n" not in str(err.value)
    return str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    assert _error(path) == f"{path}: no such file"
    assert "is a folder" in _error(tmp_path)


def test_unknown_edition() -> None:
    with pytest.raises(
        FrameworkError, match="no framework edition named 'pamflet'; did you mean 'pamphlet'"
    ):
        load_framework("pamflet")


def test_not_utf8(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, "latin1.yaml", text.encode("latin-1", errors="replace"))
    line = text[: text.index("ó")].count("\n") + 1
    assert _error(path).startswith(f"{path}: line {line}: the file is not UTF-8 text (byte 0xf3")


def test_too_big(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.yaml", "# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert _error(path).startswith(f"{path}: the file is 2,097,160 bytes; a framework file")


def test_empty_and_scalar_files(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.yaml", "# nothing here\n")
    assert _error(empty) == (
        f"{empty}: the top level must be a mapping of keys (id, version, title, …) "
        "but the file is empty"
    )
    scalar = _write(tmp_path, "scalar.yaml", "just some text\n")
    assert _error(scalar).endswith("but the file is a single text value")


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    text = "a: &x [1, 2]\nb: *x\n"
    path = _write(tmp_path, "alias.yaml", text)
    assert _error(path) == (
        f"{path}: line 2: YAML aliases (*name) are not allowed in framework files; "
        "write the value out in full"
    )


def test_deep_nesting(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.yaml", "a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nested too deeply" in _error(path) or "not valid YAML" in _error(path)


def test_unquoted_version(tmp_path: Path) -> None:
    data = _minimal()
    path = _write(
        tmp_path,
        "v.yaml",
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True).replace(
            "version: 0.1.0", "version: 1.5"
        ),
    )
    assert _error(path) == (
        f"{path}: version: 1.5 is not of type 'string': it must be text (put it in quotes)"
    )


def test_first_error_in_document_order(tmp_path: Path) -> None:
    data = _minimal()
    del data["strands"][4]["summary"]["es"]
    del data["strands"][1]["title"]["en"]
    path = _write(tmp_path, "two.yaml", yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert _error(path) == f"{path}: strands[1].title: 'en' is a required property"


def test_missing_top_level_key(tmp_path: Path) -> None:
    data = _minimal()
    del data["dont_know"]
    with pytest.raises(FrameworkError) as err:
        framework_from_dict(data, source="custom.yaml")
    assert str(err.value) == "custom.yaml: (top level): 'dont_know' is a required property"


def test_wrong_scale_order_and_strand_number() -> None:
    data = _minimal()
    data["scale"][0]["value"], data["scale"][1]["value"] = 2, 1
    with pytest.raises(FrameworkError, match=r"^x: scale\[0\]\.value: expected 1 but found 2"):
        framework_from_dict(data, source="x")
    data = _minimal()
    data["strands"][5]["number"] = 5
    with pytest.raises(FrameworkError, match=r"^x: strands\[5\]\.number: expected 6 but found 5"):
        framework_from_dict(data, source="x")


def test_duplicate_group_id() -> None:
    data = _minimal()
    data["well_being"] = data["strands"][3]["element_groups"][0]
    with pytest.raises(
        FrameworkError,
        match=r"^x: strands\[3\]\.element_groups\[0\]\.id: duplicate element group id "
        r"'resilience_dimensions' \(also at well_being\.id\)$",
    ):
        framework_from_dict(data, source="x")


def test_long_values_are_shortened_in_messages() -> None:
    data = _minimal()
    data["id"] = "X" * 500
    with pytest.raises(FrameworkError) as err:
        framework_from_dict(data, source="x")
    assert len(str(err.value)) < 250


def test_more_pairs_than_fifteen() -> None:
    data = _minimal()
    pair = data["strands"][4].setdefault("pairs", [])
    for n in range(4, 21):
        pair.append(
            {
                "la": {"number": str(n), "text": {"en": f"LA {n}?", "es": f"AL {n}?"}},
                "cso": {"number": roman(n), "text": {"en": f"CSO {n}?", "es": f"OSC {n}?"}},
            }
        )
    fw = framework_from_dict(data, source="x")
    assert fw.questions[-1].id == "CSO-XX" and fw.pairs[-1].id == "P20"


def test_roman() -> None:
    assert [roman(n) for n in range(1, 16)] == list(ROMAN)
    assert roman(1999) == "MCMXCIX"
    with pytest.raises(ValueError):
        roman(0)


def test_no_jupyter_imports() -> None:
    package = EDITIONS_DIR.parent
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for name in ("ipywidgets", "papermill", "voila", "nbclient", "IPython"):
            assert not re.search(rf"^\s*(import|from)\s+{name}\b", text, re.M), (source, name)
