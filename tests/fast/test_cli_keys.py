"""`civicnb key add|list|revoke`: a co-facilitator's key printed once (only its hash
kept), listed without it, revoked by name; bad names get one clear line."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from cli_helpers import Result

from civicnb.workspace import open_workspace

Run = Callable[..., Result]


def _one_line_error(res: Result, status: int = 1) -> str:
    assert res.status == status, (res.status, res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.err, res.err
    assert lines[0].startswith("civicnb: ")
    return lines[0]


def _key_of(res: Result) -> str:
    line = next(x for x in res.out.splitlines() if x.startswith("key (shown only now"))
    return line.rsplit(" ", 1)[1]


def test_add_list_revoke(demo_ws: Path, run: Run) -> None:
    res = run("key", "add", "villaflor", "Ana", "--workspace", demo_ws)
    assert res.status == 0, res.err
    key = _key_of(res)
    assert len(key) >= 32
    assert f"villaflor/facilitator.ipynb?key={key}" in res.out
    with open_workspace(demo_ws).open_store() as store:
        (ana,) = store.facilitators(store.get_locality("villaflor").id)
    assert ana.key_hash == hashlib.sha256(key.encode()).hexdigest()
    # a second key, different; the workspace option given before the command works too
    res2 = run("--workspace", demo_ws, "key", "add", "villaflor", "Luis")
    assert res2.status == 0 and _key_of(res2) != key
    listed = run("key", "list", "villaflor", "--workspace", demo_ws)
    assert listed.status == 0
    lines = listed.out.strip().splitlines()
    assert [x.split("\t")[0] for x in lines] == ["Ana", "Luis"]
    assert all(x.endswith("\tactive") for x in lines)
    assert key not in listed.out and ana.key_hash not in listed.out
    # revoke by name, whatever its case
    res = run("key", "revoke", "villaflor", "ana", "--workspace", demo_ws)
    assert res.status == 0 and "revoked the key of 'Ana'" in res.out
    lines = run("key", "list", "villaflor", "--workspace", demo_ws).out.strip().splitlines()
    assert lines[0].startswith("Ana\t") and "\trevoked " in lines[0]
    assert lines[1].endswith("\tactive")
    # revoked twice: no active Ana any more
    err = _one_line_error(run("key", "revoke", "villaflor", "Ana", "--workspace", demo_ws))
    assert "no active facilitator of villaflor named 'Ana'" in err


def test_bad_input_is_one_line_and_changes_nothing(demo_ws: Path, run: Run) -> None:
    assert run("key", "add", "villaflor", "Ana", "--workspace", demo_ws).status == 0
    err = _one_line_error(run("key", "add", "villaflor", "ANA", "--workspace", demo_ws))
    assert "already has a facilitator called 'ANA'" in err
    err = _one_line_error(run("key", "add", "villaflor", "   ", "--workspace", demo_ws))
    assert "facilitator name" in err
    err = _one_line_error(run("key", "add", "villaflr", "Bea", "--workspace", demo_ws))
    assert "did you mean 'villaflor'" in err
    err = _one_line_error(run("key", "revoke", "villaflor", "Anna", "--workspace", demo_ws))
    assert "did you mean 'Ana'" in err
    _one_line_error(run("key", "add", "villaflor", "--workspace", demo_ws), status=2)
    lines = run("key", "list", "villaflor", "--workspace", demo_ws).out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Ana\t")


def test_list_without_keys_and_escaped_names(demo_ws: Path, run: Run) -> None:
    res = run("key", "list", "villaflor", "--workspace", demo_ws)
    assert res.status == 0 and "no facilitator with a key of their own yet" in res.out
    assert run("key", "add", "villaflor", "Eve\x1b[2J", "--workspace", demo_ws).status == 0
    out = run("key", "list", "villaflor", "--workspace", demo_ws).out
    assert "\x1b" not in out and "Eve\\x1b[2J" in out
