"""``civicnb print``: the booklet and the one-page checklist printed by headless
Chromium, read back from the PDF as a person's tools would read them: every question
is text that pdftotext finds, large print's body text is at least 18 pt (font sizes
read from the PDF's text with pypdf), the checklist is one page holding all 15 pairs,
the attribution is printed."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.reports.printing import print_paper
from civicnb.workspace import Workspace, open_workspace

from .conftest import _missing


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Workspace:
    if shutil.which("pdftotext") is None:
        _missing("pdftotext not installed (Debian: poppler-utils; scripts/install-debian.sh)")
    path = tmp_path_factory.mktemp("paper")
    create_demo(path, notebooks=False)
    return open_workspace(path)


def _text(pdf: Path) -> str:
    """The PDF's text in the order it is drawn (cell by cell), whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return " ".join(out.stdout.split())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _pages(pdf: Path) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(pdf).pages]


def _font_sizes(pdf: Path) -> Counter[float]:
    """Characters by the size they are printed at, in points: the font size the text
    is set in, times the vertical scale of its text and graphics matrices."""
    from pypdf import PdfReader

    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


def _is(size: tuple[float, float], paper: tuple[float, float]) -> bool:
    return abs(size[0] - paper[0]) < 1.5 and abs(size[1] - paper[1]) < 1.5


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_booklet_holds_every_question(ws: Workspace, tmp_path: Path, lang: str) -> None:
    pdf = print_paper("villaflor", tmp_path / "booklet.pdf", workspace=ws, lang=lang)
    fw = ws.framework("pamphlet")
    text = _text(pdf)
    missing = [q.id for q in fw.questions if _one_line(q.text.get(lang)) not in text]
    assert missing == []
    for strand in fw.strands:
        assert _one_line(strand.guiding_question.get(lang)) in text, strand.id
    assert "Villaflor" in text
    # the attribution is printed, and says whose translation the Spanish is
    note = fw.attribution.note
    assert note is not None and _one_line(note.get(lang)) in text
    assert "David Towell" in text
    if lang == "es":
        assert "traducción propia de civicnb" in text
    pages = _pages(pdf)
    assert len(pages) > 6 and all(_is(p, A4) for p in pages)


def test_the_easy_read_booklet_holds_every_easy_read_question(
    ws: Workspace, tmp_path: Path
) -> None:
    pdf = print_paper("villaflor", tmp_path / "easy.pdf", workspace=ws, lang="en", easy_read=True)
    fw = ws.framework("pamphlet")
    text = _text(pdf)
    easy = {q.id: q.easy_read.en for q in fw.questions if q.easy_read is not None}
    assert len(easy) == len(fw.questions)
    assert [i for i, words in easy.items() if _one_line(words) not in text] == []
    # the original wording in small print, the easy words of the scale, the attribution
    assert [q.id for q in fw.questions if _one_line(q.text.en) not in text] == []
    assert all(lv.word("en", easy=True) in text for lv in fw.scale)
    assert "Original wording:" in text and "David Towell" in text


def test_large_print_body_text_is_at_least_18_pt(ws: Workspace, tmp_path: Path) -> None:
    normal = _font_sizes(print_paper("villaflor", tmp_path / "n.pdf", workspace=ws, lang="pt"))
    large_pdf = print_paper(
        "villaflor", tmp_path / "l.pdf", workspace=ws, lang="pt", large_print=True
    )
    large = _font_sizes(large_pdf)
    assert min(normal) < 18  # the measure sees small text when there is some
    body, _count = large.most_common(1)[0]
    assert body >= 18.0
    assert min(large) >= 17.95, large  # nothing smaller, headings larger
    fw = ws.framework("pamphlet")
    text = _text(large_pdf)
    assert [q.id for q in fw.questions if _one_line(q.text.pt) not in text] == []


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_checklist_is_one_page_with_all_fifteen_pairs(
    ws: Workspace, tmp_path: Path, lang: str
) -> None:
    pdf = print_paper("villaflor", tmp_path / "c.pdf", workspace=ws, lang=lang, checklist=True)
    pages = _pages(pdf)
    assert len(pages) == 1 and _is(pages[0], A4)
    fw = ws.framework("pamphlet")
    text = _text(pdf)
    for pair in fw.pairs:
        for q in pair.questions:
            assert f"{q.number}. {_one_line(q.text.get(lang))}" in text, q.id
    assert "David Towell" in text


def test_the_command_prints_on_letter_paper(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-m", "civicnb.cli", "print", "villaflor", "--paper", "letter",
         "--checklist", "-o", str(out), "--workspace", str(ws.root)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    pages = _pages(out)
    assert len(pages) == 1 and _is(pages[0], LETTER)
    bad = subprocess.run(
        [sys.executable, "-m", "civicnb.cli", "print", "villaflor", "--checklist",
         "--large-print", "-o", str(out), "--workspace", str(ws.root)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 1 and "--large-print" in bad.stderr
