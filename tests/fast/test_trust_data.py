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

from civicnb.model import JointRating, Participant, Rating, Side
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
    """A participant with a rating and an agreed rating, as a trial workshop adds them."""
    w = open_workspace(ws)
    with w.open_store() as store:
        loc = store.get_locality("villaflor")
        base = store.rounds(loc.id)[0]
        p = store.add_participant(Participant(loc.id, Side.CSO, "Trial person"))
        store.save_rating(Rating(base.id, p.id, "CSO-I", score=4, note="typed in the room"))
        store.delete_joint_rating(base.id, "P02")
        store.save_joint_rating(JointRating(base.id, "P02", 4, "agreed in the room"))
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
        "17 participants",
        "agreed ratings",
        "actions",
        "harvest notes",
        "0 reveals",
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

    import civicnb.instantiate as inst

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
