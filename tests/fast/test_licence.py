"""The licence and the notice: LICENSE is the licence pyproject.toml declares; NOTICE
names the quoted instrument as the framework data cites it and credits the five ways to
well-being; the full source documents are not in the repository."""

from __future__ import annotations

import tomllib
from pathlib import Path

from civicnb.framework import builtin_editions, load_framework

ROOT = Path(__file__).resolve().parents[2]


def test_license_is_the_declared_one() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["license"]
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert declared == "MIT" and text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text


def test_notice_names_the_instrument_and_credits_the_five_ways() -> None:
    notice = " ".join((ROOT / "NOTICE").read_text("utf-8").split())
    for edition in builtin_editions():
        a = load_framework(edition).attribution
        assert f'{a.author}, "{a.title}". {a.publisher}, {a.year}.' in notice
        assert a.url in notice, edition
    assert "New Economics Foundation, 2008" in notice and "Five Ways to Wellbeing" in notice
    assert "civicnb's own translation" in notice


def test_no_full_copy_of_the_sources_is_kept() -> None:
    data = ROOT / "tests" / "data"
    assert not (data / "seeds").exists()
    for path in data.rglob("*"):
        if path.is_file() and path.suffix in {".txt", ".md", ".yaml"}:
            # the pamphlet's preface and introduction are not kept
            assert "Centre for Inclusive Futures summarises its mission" not in path.read_text(
                "utf-8", errors="replace"
            ), path
