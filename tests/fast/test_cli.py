"""The civicnb command: contract, one-line errors, exit statuses, did-you-mean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, db_dump

from civicnb.records import Side
from civicnb.workspace import Workspace

Run = Callable[..., Result]


def _one_line_error(res: Result, status: int) -> str:
    assert res.status == status, (res.status, res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1, res.err
    assert "Traceback" not in res.err
    assert lines[0].startswith("civicnb: ")
    return lines[0]


def test_init_then_list_is_empty(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "w"
    assert run("init", "--workspace", ws).status == 0
    assert (ws / "civicnb.sqlite").is_file()
    assert (ws / "facilitator.key").stat().st_mode & 0o077 == 0
    res = run("list", "--workspace", ws)
    assert res.status == 0 and "no localities yet" in res.out
    # init twice is harmless and keeps the key
    key = (ws / "facilitator.key").read_text()
    assert run("init", "--workspace", ws).status == 0
    assert (ws / "facilitator.key").read_text() == key


def test_demo_lists_the_demo_locality(demo_ws: Path, run: Run) -> None:
    res = run("list", "--workspace", demo_ws)
    assert res.status == 0
    line = res.out.strip().splitlines()[0]
    assert line.startswith("villaflor\tVillaflor\tes\tpamphlet\t16 participants")
    assert "Línea de base, Seguimiento" in line


def test_demo_reset_gives_the_same_data(demo_ws: Path, run: Run) -> None:
    before = db_dump(demo_ws)
    assert run("demo", "--reset", "--workspace", demo_ws).status == 0
    assert db_dump(demo_ws) == before


def test_civicnb_home_is_the_default_workspace(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIVICNB_HOME", str(tmp_path / "home"))
    assert run("init").status == 0
    assert (tmp_path / "home" / "workspace.json").is_file()
    assert run("new", "Bucaramanga", "--lang", "es").status == 0
    assert "bucaramanga" in run("list").out
    # the group-level option works too and wins over the environment
    other = tmp_path / "other"
    assert run("--workspace", other, "init").status == 0
    assert "no localities" in run("--workspace", other, "list").out


def test_no_workspace_is_one_clear_line(tmp_path: Path, run: Run) -> None:
    line = _one_line_error(run("list", "--workspace", tmp_path / "nothing"), 1)
    assert "civicnb init" in line


def test_misspelt_locality_gets_did_you_mean(demo_ws: Path, run: Run, tmp_path: Path) -> None:
    line = _one_line_error(run("export", "villaflr", "--workspace", demo_ws, "-o", tmp_path), 1)
    assert "did you mean 'villaflor'" in line


def test_bad_usage_exits_2_in_one_line(run: Run, demo_ws: Path) -> None:
    _one_line_error(run("export"), 2)
    _one_line_error(run("frobnicate"), 2)
    _one_line_error(run("export", "villaflor", "--format", "pdf", "-w", demo_ws), 2)
    line = _one_line_error(
        run("new", "X", "--edition", "blog", "--framework", "f.yaml", "-w", demo_ws), 2
    )
    assert "either" in line


def test_new_refuses_a_duplicate_and_bad_names(demo_ws: Path, run: Run) -> None:
    assert "exists already" in _one_line_error(run("new", "Villaflor", "-w", demo_ws), 1)
    _one_line_error(run("new", "!!!", "-w", demo_ws), 1)
    _one_line_error(run("new", "x" * 500, "-w", demo_ws), 1)
    line = _one_line_error(run("new", "Girón", "--edition", "blgo", "-w", demo_ws), 1)
    assert "did you mean 'blog'" in line


def test_new_with_the_blog_edition(demo_ws: Path, run: Run) -> None:
    res = run("new", "Highbury", "--edition", "blog", "-w", demo_ws)
    assert res.status == 0, res.err
    assert "highbury\tHighbury\ten\tblog\t0 participants" in run("list", "-w", demo_ws).out


def test_export_import_round_trip(demo_ws: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v.json"
    assert run("export", "villaflor", "--format", "json", "-o", out, "-w", demo_ws).status == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2 and doc["locality"]["slug"] == "villaflor"
    other = tmp_path / "other"
    assert run("init", "-w", other).status == 0
    res = run("import", out, "-w", other)
    assert res.status == 0, res.err
    out2 = tmp_path / "v2.json"
    assert run("export", "villaflor", "-o", out2, "-w", other).status == 0
    doc2 = json.loads(out2.read_text(encoding="utf-8"))
    doc.pop("exported_at")
    doc2.pop("exported_at")
    assert doc2 == doc
    # a second import is refused without --replace, accepted with it
    assert "--replace" in _one_line_error(run("import", out, "-w", other), 1)
    assert run("import", out, "--replace", "-w", other).status == 0


def test_export_csv_and_xlsx(demo_ws: Path, run: Run, tmp_path: Path) -> None:
    assert run("export", "villaflor", "--format", "csv", "-o", tmp_path, "-w", demo_ws).status == 0
    csv_text = (tmp_path / "villaflor.csv").read_text(encoding="utf-8-sig")
    header = csv_text.splitlines()[0]
    assert header.startswith("locality,round,round_date,question_id")  # for sharing
    assert "participant" not in header
    full = tmp_path / "full.csv"
    assert (
        run("export", "villaflor", "--format", "csv", "--full", "-o", full, "-w", demo_ws).status
        == 0
    )
    assert full.read_text(encoding="utf-8-sig").startswith(
        "locality,round,round_date,participant_id"
    )
    assert "--full" in _one_line_error(
        run("export", "villaflor", "--format", "json", "--full", "-w", demo_ws), 2
    )
    assert run("export", "villaflor", "--format", "xlsx", "-o", tmp_path, "-w", demo_ws).status == 0
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "villaflor.xlsx", read_only=True)
    assert {"Locality", "Ratings", "Actions", "Harvest notes", "Attendance"} <= set(wb.sheetnames)

    # in Spanish: sheet names, headers, sides and yes/no
    es = tmp_path / "es.xlsx"
    assert (
        run(
            "export", "villaflor", "--format", "xlsx", "--lang", "es", "-o", es, "-w", demo_ws
        ).status
        == 0
    )
    wb = load_workbook(es, read_only=True)
    assert {"Localidad", "Respuestas", "Acciones", "Asistencia"} <= set(wb.sheetnames)
    rows = list(wb["Respuestas"].iter_rows(values_only=True))
    head = list(rows[0])
    assert "Nombre del participante" in head and "participant_name" not in head
    assert {r[head.index("Parte del participante")] for r in rows[1:]} <= {"AL", "OSC", "otra"}
    assert {r[head.index("No sé")] for r in rows[1:]} == {"sí", "no"}
    es_csv = tmp_path / "es.csv"
    assert (
        run(
            "export", "villaflor", "--format", "csv", "--lang", "es", "-o", es_csv, "-w", demo_ws
        ).status
        == 0
    )
    assert es_csv.read_text(encoding="utf-8-sig").startswith("Localidad,Ronda,Fecha de la ronda")


def test_summary_in_the_localitys_language_or_another(demo_ws: Path, run: Run) -> None:
    spanish = run("summary", "villaflor", "-w", demo_ws)  # Villaflor answers in Spanish
    assert spanish.status == 0
    assert "Participantes: AL " in spanish.out and ", OSC " in spanish.out
    assert "Pares para conversar primero" in spanish.out and "Participants" not in spanish.out
    english = run("summary", "villaflor", "--lang", "en", "-w", demo_ws)
    assert "Participants: LA " in english.out and "self view" in english.out


def test_validate_files(demo_ws: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v.json"
    run("export", "villaflor", "-o", out, "-w", demo_ws)
    res = run("validate", out)
    assert res.status == 0 and "valid workbook" in res.out
    garbage = tmp_path / "g.json"
    garbage.write_text("{", encoding="utf-8")
    _one_line_error(run("validate", garbage), 1)
    _one_line_error(run("validate", tmp_path / "missing.json"), 1)


def test_console_script_entry_point(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("civicnb")
    env = {**os.environ, "CIVICNB_HOME": str(tmp_path / "h")}
    res = subprocess.run([str(exe), "list"], capture_output=True, text=True, env=env)
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    res = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("civicnb, version ")


def test_every_lang_option_offers_the_records_languages() -> None:
    """One --lang definition: the same choices everywhere, the records' languages; each
    command keeps its default (course and case Spanish, new English, reports the
    locality's)."""
    import click

    from civicnb.cli import LANGUAGES, cli
    from civicnb.records import LANGUAGES as RECORD_LANGUAGES

    assert LANGUAGES == RECORD_LANGUAGES
    found = {}
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and "--lang" in param.opts:
                assert isinstance(param.type, click.Choice)
                assert tuple(param.type.choices) == LANGUAGES
                found[name] = param.default
    assert found == {
        "case": "es",
        "course": "es",
        "course-grader": "es",
        "demo": "es",
        "new": "en",
        "serve": "en",
        "report": None,
        "batch": None,
        "summary": None,
        "export": "en",
        "import-template": None,
        "print": None,
        "network-report": "en",
        "network-consent": "en",
    }


def test_new_with_organisations_groups_and_k(ws: Workspace, run: Run) -> None:
    res = run(
        "new",
        "Floridablanca",
        "--organisation",
        "la:Secretaría de Planeación",
        "--organisation",
        "cso:Asociación de Sordos",
        "--organisation",
        "CSO:Red de Mujeres",
        "--group",
        "Youth",
        "--min-group",
        "3",
        "-w",
        ws.root,
    )
    assert res.status == 0, res.err
    with ws.open_store() as store:
        loc = store.get_locality("floridablanca")
        assert loc.min_group == 3
        by_side = {side: [o.name for o in store.organisations(loc.id, side)] for side in Side}
        (first,) = store.rounds(loc.id)
        assert [a.group for a in store.attendance(first.id)] == ["Youth"]
    assert by_side[Side.LA] == ["Secretaría de Planeación"]
    assert sorted(by_side[Side.CSO]) == ["Asociación de Sordos", "Red de Mujeres"]


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["--organisation", "council"], 2, "la:NAME or cso:NAME"),
        (["--organisation", "other:Forum"], 2, "la:NAME or cso:NAME"),
        (["--organisation", "cso:Red", "--organisation", "cso:RED"], 1, "given twice"),
        (["--min-group", "0"], 1, "between 1 and 100"),
        (["--min-group", "many"], 2, "many"),
    ],
)
def test_new_refuses_bad_organisations_and_k(
    demo_ws: Path, run: Run, args: list[str], status: int, words: str
) -> None:
    before = db_dump(demo_ws)
    res = run("new", "Lebrija", *args, "-w", demo_ws)
    assert res.status == status, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert words in res.err and "Traceback" not in res.err
    assert status == 2 or len(lines) == 1
    assert db_dump(demo_ws) == before
