"""Issue 18, data kept and files trusted: make run keeps the workshop, imports can be
finished, --replace replaces only what was named, bad text and bad files are one clear
line, personal files are private, names cannot drive the terminal."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result

from civicnb.records import JointRating, Participant, Rating, Side
from civicnb.workspace import open_workspace

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]


def _one_line_error(res: Result, status: int = 1) -> str:
    assert res.status == status, (res.status, res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1, res.err
    assert "Traceback" not in res.err and "unexpected error" not in res.err, res.err
    assert lines[0].startswith("civicnb: ")
    return lines[0]


def _add_workshop_data(ws: Path) -> tuple[str, str]:
    """A participant with a rating and an agreed rating, as a trial workshop adds them
    (in the latest round: the earlier ones are read-only)."""
    w = open_workspace(ws)
    with w.open_store() as store:
        loc = store.get_locality("villaflor")
        base = store.rounds(loc.id)[-1]
        p = store.add_participant(Participant(loc.id, Side.CSO, "Trial person"))
        store.save_rating(Rating(base.id, p.id, "CSO-I", score=4, note="typed in the room"))
        store.delete_joint_rating(base.id, "P02")
        store.save_joint_rating(JointRating(base.id, "P02", 4, "agreed in the room"))
        store.set_reveal(base.id, "II", True)
    return p.id, base.id


def _workshop_data_there(ws: Path, pid: str, round_id: str) -> bool:
    w = open_workspace(ws)
    with w.open_store() as store:
        ratings = store.ratings(participant_id=pid)
        joint = {j.pair_id: j for j in store.joint_ratings(round_id)}
    return (
        [r.note for r in ratings] == ["typed in the room"]
        and "P02" in joint
        and joint["P02"].narrative == "agreed in the room"
    )


# --- item 1: `make run` and `civicnb demo` keep a workshop ---------------------------------


def test_demo_again_refuses_and_says_what_would_be_lost(demo_ws: Path, run: Run) -> None:
    pid, rid = _add_workshop_data(demo_ws)
    line = _one_line_error(run("demo", "--workspace", demo_ws))
    assert "--reset" in line
    for what in (
        "participants: 17",
        "ratings: 929",
        "agreed ratings: 4",
        "actions: 3",
        "harvest notes: 6",
        "revealed strands: 1",
    ):
        assert what in line, line
    assert _workshop_data_there(demo_ws, pid, rid)
    # --keep keeps it too, without complaint
    assert run("demo", "--keep", "--workspace", demo_ws).status == 0
    assert _workshop_data_there(demo_ws, pid, rid)
    # --reset rebuilds the demo: the trial's data is gone, the demo is as new
    assert run("demo", "--reset", "--workspace", demo_ws).status == 0
    assert not _workshop_data_there(demo_ws, pid, rid)
    assert "16 participants" in run("list", "--workspace", demo_ws).out


def _make_run_commands(ws: Path, bin_dir: Path) -> list[list[str]]:
    """The commands of `make run` (dry run), with BIN pointing at ``bin_dir``."""
    out = subprocess.run(
        ["make", "-s", "-n", "run", f"WORKSPACE={ws}", f"BIN={bin_dir}",
         "-o", f"{bin_dir}/civicnb-installed"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return [shlex.split(line) for line in out.splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_second_make_run_keeps_the_workshop(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "civicnb").symlink_to(Path(sys.executable).with_name("civicnb"))
    ws = tmp_path / "ws"
    commands = _make_run_commands(ws, bin_dir)
    assert commands[-1][:2] == [str(bin_dir / "civicnb"), "serve"]
    env = {**os.environ, "CIVICNB_EXECUTE_NOTEBOOKS": "0"}

    def make_run_without_serving() -> None:
        for cmd in commands[:-1]:  # everything but the server
            subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)

    make_run_without_serving()
    pid, rid = _add_workshop_data(ws)
    make_run_without_serving()
    assert _workshop_data_there(ws, pid, rid)


# --- item 3: an import interrupted after its commit can be finished -----------------------


def test_an_interrupted_import_is_finished_by_importing_again(
    demo_ws: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import civicnb.execution.instantiate as inst

    exported = tmp_path / "v.json"
    assert run("export", "villaflor", "-o", exported, "--workspace", demo_ws).status == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["locality"].update(slug="otra", name="Otra")
    other_ws = tmp_path / "other"  # a fresh workspace: the ids are new there
    assert run("init", "--workspace", other_ws).status == 0
    file = tmp_path / "otra.json"
    file.write_text(json.dumps(doc), encoding="utf-8")

    real = inst.instantiate_locality

    def killed_after_commit(ws: object, locality: object, **kw: object) -> Path:
        tmp = other_ws / "localities" / ".otra.tmp"
        tmp.mkdir(parents=True)
        raise KeyboardInterrupt  # Ctrl-C (or a kill) while the pages are written

    monkeypatch.setattr(inst, "instantiate_locality", killed_after_commit)
    res = run("import", file, "--workspace", other_ws)
    assert res.status == 1 and "aborted" in res.err, res.err
    monkeypatch.setattr(inst, "instantiate_locality", real)
    assert not (other_ws / "localities" / "otra" / "start.ipynb").exists()

    listed = run("list", "--workspace", other_ws).out
    assert "otra" in listed and "NO PAGES" in listed and "civicnb repair otra" in listed

    res = run("import", file, "--workspace", other_ws)
    assert res.status == 0, res.err
    assert (other_ws / "localities" / "otra" / "start.ipynb").is_file()
    assert "NO PAGES" not in run("list", "--workspace", other_ws).out

    # the same file with other content still needs --replace (nothing is overwritten)
    shutil.rmtree(other_ws / "localities" / "otra")
    doc["participants"][0]["name"] = "Someone else"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert "--replace" in _one_line_error(run("import", file, "--workspace", other_ws))
    # `civicnb repair` writes the missing pages of any locality
    res = run("repair", "--workspace", other_ws)
    assert res.status == 0 and "otra" in res.out
    assert (other_ws / "localities" / "otra" / "start.ipynb").is_file()
    assert "nothing to repair" in run("repair", "otra", "--workspace", other_ws).out


# --- item 4: --replace replaces only the locality named -----------------------------------


def test_replace_never_deletes_another_locality(demo_ws: Path, run: Run, tmp_path: Path) -> None:
    import json

    from cli_helpers import db_dump

    exported = tmp_path / "v.json"
    assert run("export", "villaflor", "-o", exported, "--workspace", demo_ws).status == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["locality"].update(slug="otra", name="Otra")  # same id as villaflor
    file = tmp_path / "otra.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert run("new", "Otra", "--workspace", demo_ws).status == 0
    before = db_dump(demo_ws)
    line = _one_line_error(run("import", file, "--replace", "--workspace", demo_ws))
    assert "'otra'" in line and "'villaflor'" in line, line
    assert db_dump(demo_ws) == before
    # under a new slug, with or without --replace: the same line (not "use --replace")
    doc["locality"].update(slug="otra-2", name="Otra 2")
    file.write_text(json.dumps(doc), encoding="utf-8")
    before = db_dump(demo_ws)
    for args in ((), ("--replace",)):
        line = _one_line_error(run("import", file, *args, "--workspace", demo_ws))
        assert "'otra-2'" in line and "'villaflor'" in line, line
    assert db_dump(demo_ws) == before
    listed = run("list", "--workspace", demo_ws).out
    assert "villaflor" in listed and "16 participants" in listed


# --- item 14: only regular files are read, with a size limit ------------------------------


def _civicnb(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The civicnb command in a subprocess: a hang fails (timeout) instead of hanging."""
    exe = Path(sys.executable).with_name("civicnb")
    env = {**os.environ, "CIVICNB_EXECUTE_NOTEBOOKS": "0"}
    return subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env
    )


def _one_line(proc: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("civicnb: "), proc.stderr
    assert fragment in lines[0], lines[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_are_refused_at_once(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert _civicnb("init", "--workspace", ws).returncode == 0
    _one_line(_civicnb("new", "X", "--framework", "/dev/zero", "--workspace", ws), "regular file")
    _one_line(_civicnb("validate", "/dev/zero"), "regular file")
    _one_line(_civicnb("import", "/dev/zero", "--workspace", ws), "regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_are_refused_at_once(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert _civicnb("init", "--workspace", ws).returncode == 0
    for name in ("fifo.yaml", "fifo.json", "fifo"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        _one_line(_civicnb("validate", fifo, timeout=30), "regular file")
        _one_line(_civicnb("import", fifo, "--workspace", ws, timeout=30), "regular file")
    _one_line(
        _civicnb("new", "X", "--framework", tmp_path / "fifo.yaml", "--workspace", ws, timeout=30),
        "regular file",
    )


# --- item 5: text that is not text is one clear line ---------------------------------------

BAD_TEXTS = ["a\ud800b", "\udce9", "x\ufffe", "\ufdd0", "y\U0010ffff"]


@pytest.mark.parametrize("bad", BAD_TEXTS)
def test_records_refuse_lone_surrogates_and_non_characters(bad: str) -> None:
    from civicnb.errors import InputError
    from civicnb.records import HarvestNote, Locality

    with pytest.raises(InputError, match="not valid text") as err:
        Rating("r", "p", "LA-I", score=3, note=bad)
    assert "\n" not in str(err.value)
    str(err.value).encode("utf-8")  # the message itself can be printed and stored
    with pytest.raises(InputError, match="participant name"):
        Participant("l", Side.LA, f"Ana {bad}")
    with pytest.raises(InputError, match="not valid text"):
        Locality(name=bad + "Villa")
    with pytest.raises(InputError, match="theme"):
        HarvestNote("r", "Mesa 1", "ok", themes=("fine", bad))
    with pytest.raises(InputError, match="not valid text"):
        Rating("r", "p" + bad, "LA-I", score=3)  # ids too


def test_saving_such_a_note_through_the_library_is_a_clear_error(demo_ws: Path) -> None:
    from civicnb.errors import CivicnbError

    w = open_workspace(demo_ws)
    with w.open_store() as store:
        loc = store.get_locality("villaflor")
        base = store.rounds(loc.id)[0]
        pid = store.participants(loc.id)[0].id
        before = store.ratings(participant_id=pid)
        with pytest.raises(CivicnbError, match="not valid text"):
            store.save_rating(Rating(base.id, pid, "LA-I", score=2, note="bad \ud800"))
        assert store.ratings(participant_id=pid) == before


def _workbook_with(tmp_path: Path, ws: Path, run: Run, raw_note: str) -> Path:
    exported = tmp_path / "v.json"
    assert run("export", "villaflor", "-o", exported, "--workspace", ws).status == 0
    text = exported.read_text(encoding="utf-8")
    marker = '"note": "'
    i = text.index(marker) + len(marker)
    bad = tmp_path / "bad.json"
    bad.write_text(text[:i] + raw_note + text[i:], encoding="utf-8")  # JSON escapes, as typed
    return bad


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\uffff", "\\ufdd0"])
def test_validate_and_import_refuse_such_a_workbook(
    demo_ws: Path, run: Run, tmp_path: Path, escape: str
) -> None:
    from cli_helpers import db_dump

    bad = _workbook_with(tmp_path, demo_ws, run, escape)
    line = _one_line_error(run("validate", bad))
    assert "bad.json" in line and "ratings[" in line and "not valid text" in line
    before = db_dump(demo_ws)
    line = _one_line_error(run("import", bad, "--replace", "--workspace", demo_ws))
    assert "not valid text" in line
    assert db_dump(demo_ws) == before


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_validate_refuses_such_a_framework(tmp_path: Path, run: Run, suffix: str) -> None:
    import json

    import yaml

    fixture = ROOT / "tests" / "data" / "frameworks" / "minimal.yaml"
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    data["title"]["en"] = "Title \ud800"
    path = tmp_path / f"custom{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data), encoding="utf-8")  # "\ud800" escaped, as JSON allows
    else:
        path.write_text(
            fixture.read_text(encoding="utf-8").replace("title:", 'title_x: "\\ud800"\ntitle:', 1),
            encoding="utf-8",
        )
    line = _one_line_error(run("validate", path))
    assert "not valid text" in line, line
    ws = tmp_path / "ws"
    assert run("init", "--workspace", ws).status == 0
    assert "not valid text" in _one_line_error(
        run("new", "X", "--framework", path, "--workspace", ws)
    )


def test_arguments_that_are_not_utf8_are_one_clear_line(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "ws"
    assert run("init", "--workspace", ws).status == 0
    line = _one_line_error(run("new", "Caf\udce9", "--workspace", ws))
    assert "argument 2" in line and "Caf\\xe9" in line and "UTF-8" in line
    assert "no localities" in run("list", "--workspace", ws).out
    # as the shell passes them: raw bytes
    exe = Path(sys.executable).with_name("civicnb")
    proc = subprocess.run(
        [os.fsencode(exe), b"new", b"Caf\xe9", b"--workspace", os.fsencode(ws)],
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr.decode("utf-8").strip().splitlines()
    assert len(err) == 1 and "not valid UTF-8" in err[0] and "unexpected" not in err[0]


# --- item 11 (CLI): names cannot drive the terminal ---------------------------------------

CONTROLS = ("\x1b", "\x9b", "\u202e", "\r", "\x07")


def _no_controls(text: str) -> None:
    for c in CONTROLS:
        assert c not in text, (c, text)


def test_cli_output_shows_names_without_terminal_controls(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "ws"
    assert run("init", "--workspace", ws).status == 0
    evil = "Evil\x1b[2J\x1b]0;owned\x07 \u202eacitsuj\u202c\r\x9b2J town"
    res = run("new", evil, "--workspace", ws)
    assert res.status == 0, res.err
    _no_controls(res.out)
    w = open_workspace(ws)
    with w.open_store() as store:
        loc = store.localities()[0]
        slug = loc.slug
        assert loc.name == evil.strip()  # kept exactly as typed: it is data
        base = store.rounds(loc.id)[0]
        store.add_participant(Participant(loc.id, Side.LA, "P\x1b[2J"))
        store.add_round(type(base)(loc.id, "R2\x1b[2J\u202e", position=1))
    listed = run("list", "--workspace", ws)
    assert listed.status == 0
    _no_controls(listed.out)
    line = listed.out.strip().splitlines()[0]
    assert "\\x1b[2J" in line and "\\u202e" in line  # shown, escaped
    assert len(line.split("\t")) == 7  # the name does not break the columns
    summary = run("summary", slug, "--workspace", ws)
    assert summary.status == 0, summary.err
    _no_controls(summary.out)
    assert "\\x1b[2J" in summary.out
    # errors too: a file name with controls
    res = run("import", tmp_path / "x\x1b[2J.json", "--workspace", ws)
    _no_controls(_one_line_error(res))
    assert "\\x1b[2J" in res.err


# --- item 8: personal data is private; no password in workspace.json ----------------------


def _mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture
def open_umask() -> object:
    old = os.umask(0o022)  # the usual umask: files 0644 unless civicnb says otherwise
    yield
    os.umask(old)


def test_workspace_files_are_private(tmp_path: Path, run: Run, open_umask: object) -> None:
    ws = tmp_path / "ws"
    assert run("demo", "--workspace", ws).status == 0
    assert _mode(ws) == 0o700
    for folder in ("frameworks", "localities", "reports", "localities/villaflor"):
        assert _mode(ws / folder) == 0o700, folder
    for name in ("workspace.json", "civicnb.sqlite", "facilitator.key"):
        assert _mode(ws / name) == 0o600, name
    # the SQLite journal files, while a connection is open
    w = open_workspace(ws)
    with w.open_store() as store:
        loc = store.get_locality("villaflor")
        store.add_participant(Participant(loc.id, Side.LA, "Ana"))
        for suffix in ("-wal", "-shm"):
            journal = ws / f"civicnb.sqlite{suffix}"
            assert journal.exists() and _mode(journal) == 0o600, suffix
    # exports, by the command and by the library
    for fmt in ("json", "csv", "xlsx"):
        out = tmp_path / f"v.{fmt}"
        assert run("export", "villaflor", "--format", fmt, "-o", out, "--workspace", ws).status == 0
        assert _mode(out) == 0o600, fmt
    from civicnb.api import export_locality, init

    for fmt in ("json", "csv"):
        out = export_locality("villaflor", workspace=ws, fmt=fmt, out=tmp_path / f"lib.{fmt}")
        assert _mode(out) == 0o600, fmt
    # the library alone (no command line) creates a private workspace too
    lib_ws = init(tmp_path / "lib")
    assert _mode(lib_ws.root) == 0o700
    assert _mode(lib_ws.root / "civicnb.sqlite") == 0o600
    assert _mode(lib_ws.root / "workspace.json") == 0o600
    assert os.umask(0o022) == 0o022  # the command restored the caller's umask


def test_no_password_is_written_into_workspace_json(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import civicnb.workspace as workspace_module
    from civicnb.workspace import init_workspace, without_password

    assert without_password("postgresql://ana:s3cr%40t@db.example/civ?sslmode=require") == (
        "postgresql://ana@db.example/civ?sslmode=require",
        True,
    )
    assert without_password("postgresql://ana@db/civ?password=x") == (
        "postgresql://ana@db/civ",
        True,
    )
    assert without_password("postgresql://ana@db/civ") == ("postgresql://ana@db/civ", False)
    assert without_password("/some/path.sqlite") == ("/some/path.sqlite", False)

    opened: list[str] = []

    class FakeStore:
        def __enter__(self) -> FakeStore:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def fake_open_store(url: str, create: bool = False) -> FakeStore:
        opened.append(url)
        return FakeStore()

    import civicnb.store

    monkeypatch.setattr(civicnb.store, "open_store", fake_open_store)
    url = "postgresql://ana:s3cret@db.example/civ"
    ws_path = tmp_path / "pg"
    res = run("init", "--workspace", ws_path, "--store", url)
    assert res.status == 0, res.err
    assert opened == [url]  # used to create the store now…
    text = (ws_path / "workspace.json").read_text(encoding="utf-8")
    assert "s3cret" not in text  # …but never written down
    assert json.loads(text)["store_url"] == "postgresql://ana@db.example/civ"
    assert "PGPASSWORD" in res.err and "CIVICNB_STORE_URL" in res.err
    # later: libpq finds the password (PGPASSWORD, ~/.pgpass), or CIVICNB_STORE_URL gives it
    monkeypatch.delenv("CIVICNB_STORE_URL", raising=False)
    assert open_workspace(ws_path).store_url == "postgresql://ana@db.example/civ"
    monkeypatch.setenv("CIVICNB_STORE_URL", url)
    assert open_workspace(ws_path).store_url == url
    monkeypatch.setenv("CIVICNB_STORE_URL", "postgresql://bob:x@elsewhere/other")
    assert open_workspace(ws_path).store_url == "postgresql://ana@db.example/civ"
    # init again with the password is the same store; an existing workspace that holds
    # a password (made by an older civicnb) keeps working as it is
    assert run("init", "--workspace", ws_path, "--store", url).status == 0
    old = tmp_path / "old"
    old.mkdir()
    (old / "workspace.json").write_text(
        json.dumps({"format_version": 1, "store_url": url}), encoding="utf-8"
    )
    assert open_workspace(old).store_url == url
    assert workspace_module.STORE_URL_ENV == "CIVICNB_STORE_URL"
    init_workspace  # noqa: B018 - the API used by `civicnb init`
