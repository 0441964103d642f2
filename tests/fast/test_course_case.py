"""The course's worked case (Las Acacias): shipped as workbooks equal to what
civicnb.course.case builds, in two languages with the same figures, telling its story in
every variant, and loadable with one command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result

from civicnb.analysis import analyse_round, compare_rounds, coverage
from civicnb.course.case import (
    case_document,
    case_records,
    case_slug,
    dump_case,
    read_case,
    shipped_case,
)
from civicnb.errors import InputError
from civicnb.exchange import workbook_to_dict
from civicnb.framework import load_framework
from civicnb.i18n import LANGUAGES
from civicnb.records import LocalityRecords, Side
from civicnb.workspace import open_workspace

FW = load_framework("pamphlet")
VOLATILE = ("exported_at", "generator")


def _analyses(records: LocalityRecords) -> list[Any]:
    rounds = sorted(records.rounds, key=lambda r: r.position)
    return [
        analyse_round(FW, records.participants, records.ratings, min_group=5, round_id=r.id)
        for r in rounds
    ]


def _by_id(records: LocalityRecords) -> dict[str, Any]:
    doc = workbook_to_dict(records, framework_version="x")
    for key in VOLATILE:
        doc.pop(key)
    return {
        k: sorted(v, key=lambda item: str(item["id"])) if isinstance(v, list) else v
        for k, v in doc.items()
    }


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_shipped_case_is_what_case_py_builds(lang: str) -> None:
    shipped = json.loads(shipped_case(lang).read_text(encoding="utf-8"))
    built = case_document(lang, 0)
    for key in VOLATILE:
        shipped.pop(key)
        built.pop(key)
    assert shipped == built, "run scripts/make-course-case.py after changing case.py"
    records = read_case(shipped_case(lang))
    assert records == case_records(lang, 0)


def test_both_languages_hold_the_same_figures_in_their_own_words() -> None:
    es, en = case_records("es"), case_records("en")
    assert [r.id for r in es.ratings] == [r.id for r in en.ratings]
    assert [(r.score, r.dont_know) for r in es.ratings] == [
        (r.score, r.dont_know) for r in en.ratings
    ]
    assert [r.label for r in es.rounds] == ["Línea de base", "Seis meses", "Doce meses"]
    assert [r.label for r in en.rounds] == ["Baseline", "Six months", "Twelve months"]
    assert (es.locality.language, en.locality.language) == ("es", "en")
    assert (es.locality.slug, en.locality.slug) == ("las-acacias", "las-acacias-en")
    assert "Marta Gómez (Asociación de Personas Sordas)" in {p.name for p in es.participants}
    assert "Marta Gómez (Association of Deaf People)" in {p.name for p in en.participants}

    # every free text is translated: no English text is Spanish, and the other way round
    def texts(r: LocalityRecords) -> list[str]:
        return (
            [n.note for n in r.ratings if n.note]
            + [o.title for o in r.outcomes]
            + [a.title for a in r.activities]
            + [a.text for a in r.actions]
            + [a.description for a in r.assets]
            + [h.text for h in r.harvest_notes]
            + [a.outreach_note for a in r.attendance if a.outreach_note]
            + [c.text for c in r.celebrations]
            + [j.narrative for j in r.joint_ratings]
        )

    t_es, t_en = texts(es), texts(en)
    assert len(t_es) == len(t_en) > 100
    assert not set(t_es) & set(t_en)
    assert all(" the " not in x.lower() for x in t_es)
    assert all(" de " not in x.lower() and " que " not in x.lower() for x in t_en)


def test_the_case_is_deterministic_and_variants_differ_only_in_ratings() -> None:
    assert case_records("es", 0) == case_records("es", 0)
    v0, v1, v2 = (case_records("en", v) for v in (0, 1, 2))
    scores = [[(r.question_id, r.score) for r in v.ratings] for v in (v0, v1, v2)]
    assert scores[0] != scores[1] != scores[2] != scores[0]
    assert [r.question_id for r in v1.ratings] == [r.question_id for r in v0.ratings]
    assert [o.title for o in v1.outcomes] == [o.title for o in v0.outcomes]
    assert [a.status for a in v1.actions] == [a.status for a in v0.actions]
    assert (
        case_slug("es", 3) == "las-acacias-grupo-3"
        and case_slug("en", 3) == "las-acacias-en-group-3"
    )
    gaps = [[p.max_abs_gap for p in _analyses(v)[0].pairs] for v in (v0, v1, v2)]
    assert gaps[0] != gaps[1] != gaps[2]


@pytest.mark.parametrize("variant", [0, 1, 2, 5, 17])
def test_the_story_keeps_its_shape_in_every_variant(variant: int) -> None:
    records = case_records("es", variant)
    base, six, twelve = _analyses(records)
    progress = compare_rounds(base, twelve)
    growth = {c.id: c.abs_gap_change for c in progress.pairs}
    # three gaps narrow clearly, one widens, more than any other
    for pair in ("P01", "P05", "P11"):
        assert growth[pair] is not None and growth[pair] < -0.4, (pair, growth[pair])
    widest = max(growth, key=lambda k: growth[k] or -9)
    assert widest == "P07" and (growth["P07"] or 0) > 0.6
    assert sorted(g or 0 for g in growth.values())[-2] < 0.4
    # strand V improves most
    rises = {c.id: c.self_change or 0 for c in progress.strands}
    assert max(rises, key=lambda k: rises[k]) == "V" and rises["V"] > 0.6
    # the small-number rule: the LA's view of CSO VIII is withheld at the baseline only
    # (too few anonymous officers answered), and two baseline groups where anonymous
    # people said "don't know" (which does not count towards k); third parties' figures
    # always are
    q = base.question("CSO-VIII")
    assert q.other_side.withheld is not None and q.gap is None
    assert six.question("CSO-VIII").other_side.withheld is None
    withheld = {
        (i, v.question_id)
        for i, a in enumerate((base, six, twelve))
        for v in a.questions
        if v.self_view.withheld or v.other_side.withheld
    }
    assert withheld == {(0, "CSO-VIII"), (0, "LA-05"), (0, "CSO-XIV")}
    assert base.question("LA-13").third_party.withheld is not None


def test_people_rounds_and_deliberation() -> None:
    r = case_records("es")
    sides = {s: [p for p in r.participants if p.side == s] for s in Side}
    assert len(sides[Side.LA]) >= 6 and len(sides[Side.CSO]) >= 8
    orgs = {p.name.split("(")[1].rstrip(")") for p in sides[Side.CSO]}
    assert len(orgs) == 5 and "Red Juvenil Las Acacias" in orgs
    assert any(p.named for p in r.participants) and any(not p.named for p in r.participants)
    assert all("(" in p.name for p in r.participants)  # the organisation in the name
    statuses = {a.status for a in r.actions}
    assert {"done", "in_progress", "dropped", "proposed"} <= statuses
    cov = coverage(r.outcomes, r.activities)
    assert len(cov.uncovered) == 1 and len(cov.win_win) == 1
    assert all(o.current is not None and o.current != o.baseline for o in r.outcomes[:6])
    by_round = {rd.id: rd.position for rd in r.rounds}
    missing = [
        sorted(a.group for a in r.attendance if by_round[a.round_id] == i and not a.present)
        for i in range(3)
    ]
    assert "Jóvenes" in missing[0] and "Jóvenes" not in missing[1] and "Jóvenes" in missing[2]
    assert all(a.outreach_note for a in r.attendance if not a.present and by_round[a.round_id] == 0)
    themes = [th for n in r.harvest_notes for th in n.themes]
    assert themes.count("accesibilidad") >= 3 and themes.count("jóvenes") >= 3
    assert {by_round[n.round_id] for n in r.harvest_notes} == {0, 1, 2}
    assert r.celebrations and r.joint_ratings and r.assets


def test_bad_language_or_variant_says_what_to_do() -> None:
    with pytest.raises(InputError, match="--lang en, es or pt"):
        case_records("fr")
    with pytest.raises(InputError, match="from 0 to 999"):
        case_records("es", -1)


def test_civicnb_case_loads_it_with_one_command(tmp_path: Path, run: Callable[..., Result]) -> None:
    ws = tmp_path / "ws"
    res = run("case", "--lang", "en", "--variant", "2", "--workspace", ws)
    assert res.status == 0, res.err
    assert res.out.strip() == "las-acacias-en-group-2"
    with open_workspace(ws).open_store() as store:
        stored = store.export_locality("las-acacias-en-group-2")
    assert _by_id(stored) == _by_id(case_records("en", 2))
    assert (ws / "localities" / "las-acacias-en-group-2" / "start.ipynb").exists()
    again = run("case", "--workspace", ws)  # Spanish, canonical; a second import replaces
    assert again.status == 0 and again.out.strip() == "las-acacias"
    assert run("case", "--workspace", ws).status == 0
    bad = run("case", "--variant", "-3", "--workspace", ws)
    assert bad.status == 2 and "--variant" in bad.err


def test_a_case_file_is_validated_once_until_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    dump_case(case_document("en", 1), path)
    first = read_case(path)
    assert read_case(path) is first  # a warm kernel's next module: no second validation
    dump_case(case_document("en", 2), path)  # another variant written over it
    second = read_case(path)
    assert second is not first and second != first
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError):
        read_case(path)  # a broken file is never answered from the cache
