"""`civicnb import` of answers collected away from the pages: KoBoToolbox and ODK
Central exports of the demo locality's form (tests/data/collect/, written from their
documented layouts), and the paper-answers template filled in.

All or nothing: rows in error are listed with their row numbers and nothing is
imported; another form's file is refused in one line; the same submissions imported
again add nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, db_dump

from civicnb.framework import load_framework
from civicnb.records import Participant, Rating
from civicnb.workspace import open_workspace

DATA = Path(__file__).parent.parent / "data" / "collect"
KOBO_CSV = DATA / "kobo-villaflor.csv"
KOBO_XLSX = DATA / "kobo-villaflor-labels.xlsx"
ODK_CSV = DATA / "odk-central-villaflor.csv"
BASELINE_ROUND = "34c581c8f0af45a495d741dcea807a8b"  # the demo's first round

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def _demo_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from civicnb.api import create_demo

    ws = tmp_path_factory.mktemp("demo") / "ws"
    create_demo(ws, notebooks=False)
    return ws


@pytest.fixture
def demo_ws(_demo_once: Path, tmp_path: Path) -> Path:
    """A copy of a workspace with the demo locality (made once for the module)."""
    ws = tmp_path / "ws"
    shutil.copytree(_demo_once, ws)
    return ws


# what the KoBoToolbox export holds (by pseudonym): side, organisation, role, named,
# and the answers (question -> score, don't know, note, what would help)
KOBO = {
    "Kobo Uno": (
        "LA",
        "Secretaría de Infraestructura",
        "officer",
        True,
        {
            "LA-01": (4, False, "Plan de obras publicado", ""),
            "CSO-I": (None, True, "", ""),
            "LA-02": (2, False, "", ""),
        },
    ),
    "Kobo Dos": (
        "CSO",
        "Asociación de Personas Sordas",
        "",
        False,
        {
            "CSO-I": (5, False, "", ""),
            "CSO-II": (3, False, "", ""),
            "LA-03": (None, False, "", "Más reuniones en el barrio"),
        },
    ),
    "Kobo Tres": ("other", None, "", False, {"LA-04": (1, False, "", "")}),
}
ODK = {
    "Central Uno": (
        "CSO",
        "Red de cuidadoras y cuidadores",
        "",
        True,
        {
            "CSO-I": (2, False, 'Nos invitan "a última hora", sin actas', ""),
            "LA-01": (None, True, "", ""),
        },
    ),
    "Central Dos": (
        "LA",
        "Gobierno municipal (despacho, secretarías y Concejo)",
        "elected",
        False,
        {
            "LA-05": (5, False, "", "Presupuesto participativo,\ncon seguimiento"),
            "CSO-V": (4, False, "", ""),
        },
    ),
}


def _stored(ws: Path, names: set[str]) -> dict[str, tuple[object, ...]]:
    """The named participants of Villaflor's current round, as KOBO/ODK describe them."""
    with open_workspace(ws).open_store() as store:
        loc = store.get_locality("villaflor")
        current = store.rounds(loc.id)[-1]
        orgs = {o.id: o.name for o in store.organisations(loc.id)}
        people: list[Participant] = [p for p in store.participants(loc.id) if p.name in names]
        out: dict[str, tuple[object, ...]] = {}
        for p in people:
            ratings: list[Rating] = store.ratings(round_id=current.id, participant_id=p.id)
            answers = {r.question_id: (r.score, r.dont_know, r.note, r.would_help) for r in ratings}
            org = orgs[p.organisation_id] if p.organisation_id else None
            assert p.name not in out, f"{p.name} imported twice"
            out[p.name] = (p.side.value, org, p.role, p.named, answers)
        return out


@pytest.mark.parametrize(
    ("path", "expected"),
    [(KOBO_CSV, KOBO), (KOBO_XLSX, KOBO), (ODK_CSV, ODK)],
    ids=["kobo-csv", "kobo-xlsx-labels", "odk-central-csv"],
)
def test_export_imports_into_the_right_participants_and_questions(
    demo_ws: Path, run: Run, path: Path, expected: dict[str, tuple[object, ...]]
) -> None:
    res = run("import", path, "--workspace", demo_ws)
    assert res.status == 0, res.err
    assert f"imported {len(expected)} participants" in res.out
    assert "round 'Seguimiento'" in res.out
    assert _stored(demo_ws, set(expected)) == expected


def test_the_same_submissions_imported_again_add_nothing(demo_ws: Path, run: Run) -> None:
    assert run("import", KOBO_CSV, "--workspace", demo_ws).status == 0
    before = db_dump(demo_ws)
    again = run("import", KOBO_CSV, "--workspace", demo_ws)
    assert again.status == 0, again.err
    assert "imported 0 participants" in again.out and "3 already imported" in again.out
    # the XLSX export of the same submissions (same _uuid) is the same submissions
    xlsx = run("import", KOBO_XLSX, "--workspace", demo_ws)
    assert xlsx.status == 0 and "3 already imported" in xlsx.out
    assert db_dump(demo_ws) == before
    assert _stored(demo_ws, set(KOBO)) == KOBO


def test_a_forgotten_participant_does_not_come_back(demo_ws: Path, run: Run) -> None:
    assert run("import", ODK_CSV, "--workspace", demo_ws).status == 0
    from civicnb.workshop.erasure import erase_participant

    with open_workspace(demo_ws).open_store() as store:
        loc = store.get_locality("villaflor")
        (uno,) = [p for p in store.participants(loc.id) if p.name == "Central Uno"]
        erase_participant(store, uno.id)
    res = run("import", ODK_CSV, "--workspace", demo_ws)
    assert res.status == 0 and "2 already imported" in res.out
    assert set(_stored(demo_ws, set(ODK))) == {"Central Dos"}


def _edit_csv(src: Path, dst: Path, edits: dict[tuple[int, str], str]) -> Path:
    """Copy a CSV export, changing cells: (row number in the file, header) -> value."""
    import csv

    delimiter = ";" if src.read_text(encoding="utf-8").count(";") else ","
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    for (row, column), value in edits.items():
        rows[row - 1][rows[0].index(column)] = value
    with dst.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return dst


def test_rows_in_error_are_listed_and_nothing_is_imported(
    demo_ws: Path, tmp_path: Path, run: Run
) -> None:
    bad = _edit_csv(
        KOBO_CSV,
        tmp_path / "bad.csv",
        {
            (2, "strand_I/LA-02"): "7",
            (4, "side"): "",
            (3, "organisation"): "f3f49249dc284f90a5aec7978306d03b",  # an LA organisation
        },
    )
    before = db_dump(demo_ws)
    res = run("import", bad, "--workspace", demo_ws)
    assert res.status == 1
    assert res.err.count("\n") == 1, res.err
    assert "nothing imported, 3 row(s) in error" in res.err
    assert "row 2: LA-02: '7' is not an answer" in res.err
    assert "row 3: the organisation 'Secretaría de Infraestructura' is of the LA side" in res.err
    assert "row 4: the side is empty" in res.err
    assert db_dump(demo_ws) == before


def test_a_submission_twice_in_one_file_is_an_error(
    demo_ws: Path, tmp_path: Path, run: Run
) -> None:
    twice = _edit_csv(
        ODK_CSV, tmp_path / "twice.csv", {(3, "KEY"): "uuid:3f6c1a2e-9b8d-4e7f-a1c2-d3e4f5a6b7c8"}
    )
    before = db_dump(demo_ws)
    res = run("import", twice, "--workspace", demo_ws)
    assert res.status == 1 and "row 3: repeats row 2" in res.err
    assert db_dump(demo_ws) == before


@pytest.mark.parametrize(
    ("edits", "says"),
    [
        ({}, "not the export of a form made by `civicnb xlsform`"),
        ({(2, "civicnb_locality"): "0" * 32}, "different forms"),
        (
            {(r, "civicnb_locality"): "0" * 32 for r in (2, 3)},
            "a locality this workspace does not have",
        ),
        (
            {(r, "civicnb_round"): BASELINE_ROUND for r in (2, 3)},
            "made for round 'Línea de base' of villaflor, whose current round is 'Seguimiento'",
        ),
    ],
    ids=["another-form", "mixed-forms", "another-locality", "earlier-round"],
)
def test_another_forms_export_is_refused_in_one_line(
    demo_ws: Path, tmp_path: Path, run: Run, edits: dict[tuple[int, str], str], says: str
) -> None:
    path = tmp_path / "other.csv"
    if not edits:  # a KoBoToolbox export of some other form
        path.write_text(
            '"start";"end";"q1";"q2";"_id";"_uuid";"__version__";"_index"\n'
            '"2026-11-20";"2026-11-20";"3";"yes";"1";"abc";"v1";"1"\n',
            encoding="utf-8",
        )
    else:
        path = _edit_csv(ODK_CSV, path, edits)
    before = db_dump(demo_ws)
    res = run("import", path, "--workspace", demo_ws)
    assert res.status == 1
    assert res.err.count("\n") == 1, res.err
    assert says in res.err, res.err
    assert db_dump(demo_ws) == before


def _fill(template: Path, rows: list[list[object]], out: Path) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book.worksheets[0]
    for i, row in enumerate(rows, start=4):
        for j, value in enumerate(row, start=1):
            sheet.cell(row=i, column=j, value=value)
    book.save(out)
    return out


def test_the_paper_template_round_trips(demo_ws: Path, tmp_path: Path, run: Run) -> None:
    from openpyxl import load_workbook

    template = tmp_path / "answers.xlsx"
    res = run(
        "import-template", "villaflor", "-o", template, "--lang", "pt", "--workspace", demo_ws
    )
    assert res.status == 0, res.err
    sheet = load_workbook(template).worksheets[0]
    headers = [c.value for c in sheet[3]]
    assert headers[:4] == ["Parte", "Organização", "Nome ou pseudônimo", "Aceita ser nomeado(a)"]
    fw = load_framework("pamphlet")
    order = [q.id for s in fw.strands for q in s.questions]  # the booklet's order
    assert [str(h).split(":")[0] for h in headers[4:]] == order
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert (
        lists["A4:A503"].startswith("lists!")
        and f"E4:{sheet.cell(3, 4 + len(order)).column_letter}503" in lists
    )
    answers = [c.value for c in load_workbook(template)["lists"]["D"] if c.value is not None]
    assert answers == ["1", "2", "3", "4", "5", "Não sei"]

    filled = _fill(
        template,
        [
            ["O governo local", "Secretaría de Desarrollo Social", "Papel Um", "Sim", 3, "Não sei"],
            ["OSC", None, "Papel Dois", "Não", None, "5", "2"],
        ],
        tmp_path / "filled.xlsx",
    )
    res = run("import", filled, "--workspace", demo_ws)
    assert res.status == 0, res.err
    assert "imported 2 participants (4 answers)" in res.out
    assert _stored(demo_ws, {"Papel Um", "Papel Dois"}) == {
        "Papel Um": (
            "LA",
            "Secretaría de Desarrollo Social",
            "",
            True,
            {"LA-01": (3, False, "", ""), "CSO-I": (None, True, "", "")},
        ),
        "Papel Dois": (
            "CSO",
            None,
            "",
            False,
            {"CSO-I": (5, False, "", ""), "LA-02": (2, False, "", "")},
        ),
    }
    again = run("import", filled, "--workspace", demo_ws)
    assert again.status == 0 and "2 already imported" in again.out


def test_paper_rows_in_error_import_nothing(demo_ws: Path, tmp_path: Path, run: Run) -> None:
    template = tmp_path / "answers.xlsx"
    assert run("import-template", "villaflor", "-o", template, "--workspace", demo_ws).status == 0
    filled = _fill(
        template,
        [
            ["La administración local", None, "Bien", "Sí", 4],
            [None, None, None, None, None],  # a blank row is skipped
            ["Una organización de la sociedad civil", None, "", "No", 2],
            ["OSC", "Nadie", "Mal", "quizás", "6"],
        ],
        tmp_path / "filled.xlsx",
    )
    before = db_dump(demo_ws)
    res = run("import", filled, "--workspace", demo_ws)
    assert res.status == 1
    assert "2 row(s) in error" in res.err
    assert "row 6: the name or pseudonym is empty" in res.err
    assert "row 7: consent to be named 'quizás' is neither yes nor no" in res.err
    assert "row 4" not in res.err
    assert db_dump(demo_ws) == before


def test_replace_is_refused_for_collected_answers(demo_ws: Path, run: Run) -> None:
    res = run("import", KOBO_CSV, "--replace", "--workspace", demo_ws)
    assert res.status == 2 and "only ever added" in res.err


def test_deleting_the_locality_drops_what_was_imported(demo_ws: Path, run: Run) -> None:
    assert run("import", KOBO_CSV, "--workspace", demo_ws).status == 0
    with open_workspace(demo_ws).open_store() as store:
        assert len(store.settings_with_prefix("collected:")) == 3
        store.delete_locality("villaflor")
        assert store.settings_with_prefix("collected:") == {}


def test_the_templates_words_are_in_the_catalogs(
    demo_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the pseudo-locale every word of the template is inside markers but data (the
    locality's and organisations' names, the round's label) and codes."""
    from openpyxl import load_workbook
    from pseudo_locale import PSEUDO, install, leaks

    from civicnb.api import write_import_template

    install(monkeypatch)
    path = write_import_template(
        "villaflor", workspace=demo_ws, out=tmp_path / "t.xlsx", lang=PSEUDO
    )
    with open_workspace(demo_ws).open_store() as store:
        loc = store.get_locality("villaflor")
        data = [loc.name, *(r.label for r in store.rounds(loc.id))]
        data += [o.name for o in store.organisations(loc.id)]
    book = load_workbook(path)
    sheet, lists = book.worksheets
    texts = [sheet.title, sheet["A1"].value, sheet["C1"].value, sheet["A2"].value]
    texts += [c.value for c in sheet[3][:4]]
    texts += [c.value for row in lists.iter_rows() for c in row if c.value is not None]
    assert len(texts) > 15
    for text in texts:
        assert leaks(str(text), data) == [], text


def test_a_submission_edited_on_the_server_is_the_same_submission(
    demo_ws: Path, tmp_path: Path, run: Run
) -> None:
    """KoBoToolbox gives an edited submission a new _uuid and keeps its first one in
    meta/rootUuid: the edit is not a new participant."""
    import csv

    assert run("import", KOBO_CSV, "--workspace", demo_ws).status == 0
    with KOBO_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    uuid = rows[0].index("_uuid")
    rows[0].append("meta/rootUuid")
    for row in rows[1:]:
        row.append("uuid:" + row[uuid])
        row[uuid] = row[uuid][::-1]  # the edited instance's own id
    rows[1][rows[0].index("strand_I/LA-01")] = "1"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    before = db_dump(demo_ws)
    res = run("import", edited, "--workspace", demo_ws)
    assert res.status == 0 and "3 already imported" in res.out, res.err
    assert db_dump(demo_ws) == before


def test_an_export_labelled_in_easy_read_imports_the_same(
    demo_ws: Path, tmp_path: Path, run: Run
) -> None:
    """KoBoToolbox's "Labels" export in the form's easy-read Spanish: the questions'
    headers and the scale's words ("3 — Algo" for "3 — En parte") read back the same."""
    from openpyxl import load_workbook

    from civicnb.exchange.xlsform import language_column, write_xlsform

    ws = open_workspace(demo_ws)
    with ws.open_store() as store:
        loc = store.get_locality("villaflor")
        rnd = store.rounds(loc.id)[-1]
        orgs = store.organisations(loc.id)
    form = load_workbook(
        write_xlsform(ws.framework(loc.edition), loc, rnd, orgs, tmp_path / "f.xlsx")
    )
    plain, easy = language_column("label", "es"), language_column("label", "es", easy=True)
    assert easy == "label::Español, lectura fácil (es)"
    to_easy: dict[str, str] = {}
    for sheet in ("survey", "choices"):
        rows = list(form[sheet].iter_rows(values_only=True))
        at_plain, at_easy = rows[0].index(plain), rows[0].index(easy)
        for row in rows[1:]:
            if row[at_plain] and row[at_plain] != row[at_easy]:
                to_easy[str(row[at_plain])] = str(row[at_easy])
    assert to_easy["3 — En parte"] == "3 — Algo"
    book = load_workbook(KOBO_XLSX)
    sheet = book.active
    assert sheet is not None
    changed = 0
    for cells in sheet.iter_rows():
        for c in cells:
            if isinstance(c.value, str):
                new = "/".join(to_easy.get(part, part) for part in c.value.split("/"))
                changed += new != c.value
                c.value = new
    assert changed > 20  # the headers of strands and questions, and "3 — Algo"
    export = tmp_path / "kobo-easy-read-labels.xlsx"
    book.save(export)
    res = run("import", export, "--workspace", demo_ws)
    assert res.status == 0, res.err
    assert _stored(demo_ws, set(KOBO)) == KOBO
