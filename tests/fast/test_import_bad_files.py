"""`civicnb import` rejects every bad file with one line, exit 1, and changes nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, db_dump

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def good_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from civicnb.api import create_demo, export_locality

    ws = tmp_path_factory.mktemp("src")
    create_demo(ws)
    out = export_locality("villaflor", workspace=ws, out=ws / "v.json")
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def _mutate(doc: dict[str, Any], fn: Callable[[dict[str, Any]], object]) -> bytes:
    d = copy.deepcopy(doc)
    fn(d)
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _set(path: list[Any], value: object) -> Callable[[dict[str, Any]], None]:
    def fn(d: dict[str, Any]) -> None:
        target: Any = d
        for p in path[:-1]:
            target = target[p]
        target[path[-1]] = value

    return fn


def _corpus(doc: dict[str, Any]) -> dict[str, tuple[bytes, str]]:
    """name -> (file content, a fragment the error line must contain)."""
    good = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    latin1 = json.dumps(doc, ensure_ascii=False).encode("latin-1", errors="replace")
    return {
        "empty.json": (b"", "empty"),
        "malformed.json": (b'{"schema_version": 1, "locality": }', "not valid JSON"),
        "truncated.json": (good[: len(good) // 2], "truncated"),
        "latin1.json": (latin1, "not UTF-8"),
        "utf16.json": (json.dumps(doc).encode("utf-16"), "not UTF-8"),
        "binary.json": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not UTF-8"),
        "list.json": (b"[1, 2, 3]", "not a civicnb workbook"),
        "no_version.json": (_mutate(doc, lambda d: d.pop("schema_version")), "schema_version"),
        "future_version.json": (_mutate(doc, _set(["schema_version"], 99)), "newer"),
        "score_out_of_range.json": (
            _mutate(doc, _set(["ratings", 0, "score"], 7)),
            "ratings[0].score",
        ),
        "score_as_text.json": (
            _mutate(doc, _set(["ratings", 3, "score"], "4")),
            "ratings[3].score",
        ),
        "unknown_question.json": (
            _mutate(doc, _set(["ratings", 2, "question_id"], "LA-16")),
            "'LA-16'",
        ),
        "unknown_pair.json": (_mutate(doc, _set(["joint_ratings", 0, "pair_id"], "P16")), "'P16'"),
        "unknown_field.json": (_mutate(doc, _set(["locality", "mayor"], "x")), "mayor"),
        "dangling_participant.json": (
            _mutate(doc, _set(["ratings", 5, "participant_id"], "nobody")),
            "unknown participant",
        ),
        "dangling_outcome.json": (
            _mutate(doc, _set(["actions", 0, "outcome_ids"], ["nothing"])),
            "unknown outcome",
        ),
        "duplicate_id.json": (
            _mutate(doc, lambda d: d["participants"].append(copy.deepcopy(d["participants"][0]))),
            "used twice",
        ),
        "note_too_long.json": (_mutate(doc, _set(["ratings", 1, "note"], "x" * 6000)), "note"),
        "bad_date.json": (_mutate(doc, _set(["rounds", 0, "date"], "2025-02-30")), "date"),
        "naive_time.json": (
            _mutate(doc, _set(["ratings", 0, "created_at"], "2025-03-14T15:00:00")),
            "created_at",
        ),
        "bad_side.json": (_mutate(doc, _set(["participants", 0, "side"], "mayor")), "side"),
        "unknown_framework.json": (
            _mutate(
                doc,
                lambda d: (
                    _set(["framework", "id"], "nope")(d),
                    _set(["locality", "edition"], "nope")(d),
                ),
            ),
            "nope",
        ),
        "nul_in_text.json": (_mutate(doc, _set(["ratings", 1, "note"], "a\x00b")), "NUL"),
    }


def test_corpus_is_rejected_and_store_untouched(
    good_doc: dict[str, Any], tmp_path: Path, run: Run
) -> None:
    ws = tmp_path / "ws"
    assert run("demo", "--workspace", ws).status == 0
    assert run("new", "Girón", "--workspace", ws).status == 0
    before = db_dump(ws)
    frameworks_before = sorted((ws / "frameworks").iterdir())
    corpus_dir = tmp_path / "bad"
    corpus_dir.mkdir()
    for name, (content, fragment) in _corpus(good_doc).items():
        path = corpus_dir / name
        path.write_bytes(content)
        # import over the existing locality, so that a partial write would show
        res = run("import", path, "--replace", "--workspace", ws)
        assert res.status == 1, (name, res.err)
        lines = res.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in res.err, (name, res.err)
        assert fragment in lines[0], (name, lines[0])
        assert name.split(".")[0] in lines[0] or path.name in lines[0] or "no such" in lines[0]
    assert db_dump(ws) == before
    assert sorted((ws / "frameworks").iterdir()) == frameworks_before


def test_oversized_file_is_refused_before_reading(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "ws"
    run("init", "--workspace", ws)
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    res = run("import", big, "--workspace", ws)
    assert res.status == 1 and "at most 50 MB" in res.err


def test_missing_file(tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "ws"
    run("init", "--workspace", ws)
    res = run("import", tmp_path / "nope.json", "--workspace", ws)
    assert res.status == 1 and "no such file" in res.err


def test_good_file_still_imports(good_doc: dict[str, Any], tmp_path: Path, run: Run) -> None:
    ws = tmp_path / "ws"
    run("init", "--workspace", ws)
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good_doc), encoding="utf-8")
    res = run("import", path, "--workspace", ws)
    assert res.status == 0, res.err
