"""`civicnb xlsform`: the XLSForm converts with pyxform (the converter KoBoToolbox and
ODK use) without an error or a warning, in both framework editions, with labels in
English, Spanish and Portuguese and civicnb's question ids as names.

pyxform runs without ODK Validate (which needs Java): the conversion's own checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result
from pyxform import xls2xform as pyxform

from civicnb.exchange.xlsform import form_fields, write_xlsform
from civicnb.framework import load_framework
from civicnb.records import Locality, Organisation, Round, Side

LANGUAGE_COLUMNS = ("English (en)", "Español (es)", "Português (pt)")


def _convert(path: Path) -> str:
    warnings: list[str] = []
    result = pyxform.convert(xlsform=str(path), warnings=warnings, validate=False)
    assert warnings == [], warnings
    xform: str = result.xform
    return xform


@pytest.mark.parametrize("edition", ["pamphlet", "blog"])
@pytest.mark.parametrize("with_orgs", [True, False], ids=["organisations", "none"])
def test_form_converts_cleanly_in_three_languages(
    tmp_path: Path, edition: str, with_orgs: bool
) -> None:
    fw = load_framework(edition)
    loc = Locality(name="São João (Norte) ${pseudonym}", edition=edition, language="pt")
    rnd = Round(loc.id, "Linha de base", position=0)
    orgs = (
        [
            Organisation(loc.id, Side.LA, '=Prefeitura, "Obras" ${nowhere}'),
            Organisation(loc.id, Side.CSO, "Associação de Surdos"),
        ]
        if with_orgs
        else []
    )
    xform = _convert(write_xlsform(fw, loc, rnd, orgs, tmp_path / "form.xlsx"))
    for lang in LANGUAGE_COLUMNS:
        assert f'<translation lang="{lang}"' in xform
    assert 'default="true()"' in xform.split('lang="Português (pt)"')[1][:40]
    assert 'id="civicnb_sao_joao_norte_pseudonym_r1"' in xform
    assert "São João (Norte) $ {pseudonym}" in xform  # a name, not a reference
    assert re.search(f'version="{edition}-{fw.version}-{rnd.id[:12]}-[0-9a-f]{{8}}"', xform)
    # every question, note and "what would help" is a field named by civicnb's ids
    binds = set(re.findall(r'<bind nodeset="/[^/"]+/(?:strand_[IVX]+/)?([^"]+)"', xform))
    for field in form_fields(fw):
        if field.name in ("organisation", "role") and not with_orgs:
            continue
        assert field.name in binds, field.name
    q = fw.strands[1].pairs[0].cso
    for text in (q.text.en, q.text.es, q.text.pt, fw.dont_know.pt, fw.scale[0].label.es):
        assert text.replace("'", "&apos;").split("’")[0][:30] in xform.replace("'", "&apos;")
    assert f"'{loc.id}'" in xform and f"'{rnd.id}'" in xform
    if with_orgs:
        assert "=Prefeitura, &quot;Obras&quot;" in xform or '=Prefeitura, "Obras"' in xform


def test_cli_writes_the_demo_localitys_form(
    demo_ws: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    out = tmp_path / "villaflor.xlsx"
    res = run("xlsform", "villaflor", "-o", out, "--workspace", demo_ws)
    assert res.status == 0, res.err
    xform = _convert(out)
    assert 'id="civicnb_villaflor_r2"' in xform  # the current round: Seguimiento
    assert "Secretaría de Infraestructura" in xform
    assert '<translation lang="Español (es)" default="true()">' in xform


def test_cli_refuses_an_unknown_locality(demo_ws: Path, run: Callable[..., Result]) -> None:
    res = run("xlsform", "nowhere", "--workspace", demo_ws)
    assert res.status == 1
    assert res.err.count("\n") == 1 and "nowhere" in res.err


def test_the_version_changes_with_the_form_only(tmp_path: Path) -> None:
    """ODK Central takes a form's new version only under a new version string."""
    from openpyxl import load_workbook

    fw = load_framework("pamphlet")
    loc = Locality(name="Villa", language="es")
    rnd = Round(loc.id, "Base")
    orgs = [Organisation(loc.id, Side.CSO, "Red")]

    def version(orgs: list[Organisation], name: str) -> str:
        book = load_workbook(write_xlsform(fw, loc, rnd, orgs, tmp_path / name))
        return str(book["settings"]["C2"].value)

    first = version(orgs, "a.xlsx")
    assert version(orgs, "b.xlsx") == first
    assert version([*orgs, Organisation(loc.id, Side.LA, "Alcaldía")], "c.xlsx") != first


EASY_COLUMNS = (
    "English, easy read (en)",
    "Español, lectura fácil (es)",
    "Português, leitura fácil (pt)",
)


def _itext(xform: str) -> dict[str, dict[str, str]]:
    """The form's labels: language -> text id (e.g. '/civicnb_x/strand_I/LA-01:label') ->
    the text."""
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2002/xforms}"
    root = ET.fromstring(xform)
    out: dict[str, dict[str, str]] = {}
    for tr in root.iter(f"{ns}translation"):
        texts = out.setdefault(tr.attrib["lang"], {})
        for text in tr.iter(f"{ns}text"):
            value = text.find(f"{ns}value")
            texts[text.attrib["id"]] = "".join(value.itertext()) if value is not None else ""
    return out


def _label(texts: dict[str, str], suffix: str) -> str:
    (found,) = [v for k, v in texts.items() if k.endswith(suffix)]
    return found


def _straight(text: str) -> str:
    """pyxform makes curly quotes straight."""
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


@pytest.mark.parametrize("edition", ["pamphlet", "blog"])
def test_easy_read_is_a_language_of_the_form(tmp_path: Path, edition: str) -> None:
    """Easy read in three more languages, without a pyxform warning (the language names
    keep a valid code); the easy-read label of a question is the framework's easy read,
    of a strand its easy title and big question, of the scale its easy words."""
    from civicnb.exchange.xlsform import label_headers
    from civicnb.i18n import t

    fw = load_framework(edition)
    loc = Locality(name="Villaflor", edition=edition, language="es")
    xform = _convert(write_xlsform(fw, loc, Round(loc.id, "Base"), [], tmp_path / "f.xlsx"))
    itext = _itext(xform)
    assert set(itext) == set(LANGUAGE_COLUMNS) | set(EASY_COLUMNS)
    for lang, column in zip(("en", "es", "pt"), EASY_COLUMNS, strict=True):
        easy, plain = itext[column], itext[LANGUAGE_COLUMNS[("en", "es", "pt").index(lang)]]
        for q in fw.questions:
            assert q.easy_read is not None
            wording = _straight(q.easy_read.get(lang))
            label = _label(easy, f"/{q.id}:label")
            assert label == f"{t('column_' + q.side.value, lang)} — {q.number}. {wording}", q.id
            assert _label(plain, f"/{q.id}:label").endswith(_straight(q.text.get(lang)))
            assert label_headers(fw)[label].question_id == q.id  # a "Labels" export
        for s in fw.strands:
            if s.pairs:
                guiding = _straight(s.easy_guiding_question(lang))
                assert _label(easy, f"/strand_{s.id}_intro:label") == guiding
                assert _label(easy, f"/strand_{s.id}:label").endswith(_straight(s.easy_title(lang)))
        levels = sorted(fw.scale, key=lambda lv: lv.value)
        for i, lv in enumerate(levels):  # the choices' texts: 'scale-0'…, in the sheet's order
            assert easy[f"scale-{i}"] == f"{lv.value} — {lv.word(lang, easy=True)}"
        assert easy[f"scale-{len(levels)}"] == fw.dont_know.get(lang)
        assert easy["scale-2"] != plain["scale-2"]  # "3 — Some", "3 — Partly"
        # words of civicnb's own, in the easy-read language too
        assert _label(easy, "/pseudonym:label") == t("name", lang)
    assert itext["Português, leitura fácil (pt)"] != itext["Português (pt)"]


def test_without_easy_read_the_easy_read_language_has_the_original_wording(
    tmp_path: Path,
) -> None:
    fw = load_framework(Path(__file__).parent.parent / "data" / "frameworks" / "minimal.yaml")
    loc = Locality(name="Town", edition=fw.id, language="en")
    xform = _convert(write_xlsform(fw, loc, Round(loc.id, "Base"), [], tmp_path / "f.xlsx"))
    itext = _itext(xform)
    assert itext["English, easy read (en)"] == itext["English (en)"]
    assert itext["Español, lectura fácil (es)"] == itext["Español (es)"]
