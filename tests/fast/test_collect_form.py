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
