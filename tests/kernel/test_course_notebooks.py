"""The course packs: `civicnb course --groups 2` instantiates every course notebook with
papermill for each group (executed without errors, in one language, with nbgrader
metadata), the two packs differ in group name and data, the trainer's summary reads the
groups' learner's workbooks side by side, and the handouts are written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
import pytest
from notebook_compare import comparable, timeless

from civicnb.cli import main
from civicnb.course.checks import check_largest_gap
from civicnb.course.group_case import Case
from civicnb.course.learner import (
    find_learner_workbooks,
    record_answer,
    save_reflection,
    trainer_summary,
)
from civicnb.course.packs import MODULES, course_notebooks, localised, make_packs
from civicnb.errors import CivicnbError, ConflictError, InputError

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("course")]

SOURCES = [*MODULES, "trainer-summary"]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course") / "course"
    status = main(["course", "--groups", "2", "--lang", "en", "-o", str(root)])
    assert status == 0
    return root


def _outputs(nb: Any) -> list[dict[str, Any]]:
    return [o for c in nb.cells for o in c.get("outputs", [])]


def _html(nb: Any) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in _outputs(nb))


def _nbgrader_v3_problems(nb: Any) -> list[str]:
    """nbgrader's schema 3 rules for cell metadata (nbgrader is not a dependency)."""
    problems, ids = [], set()
    allowed = {
        "schema_version",
        "grade",
        "locked",
        "solution",
        "task",
        "grade_id",
        "points",
        "checksum",
        "cell_type",
    }
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        if set(meta) - allowed or meta.get("schema_version") != 3:
            problems.append(f"bad keys or version: {meta}")
        if not all(isinstance(meta.get(k), bool) for k in ("grade", "locked", "solution")):
            problems.append(f"missing flags: {meta}")
        if meta["grade"] or meta["solution"] or meta["locked"]:
            gid = meta.get("grade_id", "")
            if not re.fullmatch(r"[a-zA-Z0-9_\-]+", gid) or gid in ids:
                problems.append(f"bad or duplicate grade_id {gid!r}")
            ids.add(gid)
        if meta["grade"] and "points" not in meta:
            problems.append(f"graded cell without points: {meta}")
        if meta.get("task") and (cell.cell_type != "markdown" or "points" not in meta):
            problems.append(f"task cell must be markdown with points: {meta}")
    return problems


def test_every_module_executes_for_every_group(packs: Path) -> None:
    for group in ("group-1", "group-2"):
        folder = packs / group
        assert (folder / "case.json").is_file() and (folder / "learner-workbook.json").is_file()
        for module in MODULES:
            nb = nbformat.read(folder / f"{module}.ipynb", as_version=4)
            nbformat.validate(nb)
            assert not [o for o in _outputs(nb) if o.get("output_type") == "error"], module
            tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
            assert "injected-parameters" in tags and "lang-en" in tags and "lang-es" not in tags
            injected = next(
                c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])
            )
            assert (
                'case = "case.json"' in injected.source
                and 'learner = "learner-workbook.json"' in injected.source
            )
            # static copies: every exercise printed with its question and choices, no widgets
            html = _html(nb)
            exercise_cells = [
                c
                for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("ex-")
            ]
            assert exercise_cells, module
            assert html.count('class="civicnb-exercise"') == len(exercise_cells), module
            assert "Open this module in Voilà or JupyterLab" in html
            assert all(
                "application/vnd.jupyter.widget-view+json" not in o.get("data", {})
                for o in _outputs(nb)
            )
            assert not _nbgrader_v3_problems(nb), (module, _nbgrader_v3_problems(nb))
            headings = [c.source for c in nb.cells if c.cell_type == "markdown"]
            assert headings[0].startswith("# ") and any("## Reflection" in h for h in headings)


def test_the_source_notebooks_are_bilingual_and_nbgrader_valid() -> None:
    for name in SOURCES:
        nb = nbformat.read(course_notebooks() / f"{name}.ipynb", as_version=4)
        assert not _nbgrader_v3_problems(nb), name
        assert nb.cells[0].metadata.get("tags") == ["parameters"]
        en = [c for c in nb.cells if "lang-en" in c.metadata.get("tags", [])]
        es = [c for c in nb.cells if "lang-es" in c.metadata.get("tags", [])]
        assert len(en) == len(es) > 0, name
        assert all(not c.outputs for c in nb.cells if c.cell_type == "code"), (
            name
        )  # no stale outputs
        spanish = localised(nb, "es")
        assert all("lang-en" not in c.metadata.get("tags", []) for c in spanish.cells)


def test_two_packs_differ_in_group_name_and_data(packs: Path) -> None:
    cases = [
        json.loads((packs / g / "case.json").read_text(encoding="utf-8"))
        for g in ("group-1", "group-2")
    ]
    assert cases[0]["ratings"] != cases[1]["ratings"]
    books = [
        json.loads((packs / g / "learner-workbook.json").read_text(encoding="utf-8"))
        for g in ("group-1", "group-2")
    ]
    assert [b["group"] for b in books] == ["Group 1", "Group 2"]
    assert [b["variant"] for b in books] == [1, 2]
    nbs = [
        nbformat.read(packs / g / "01-strand-I.ipynb", as_version=4) for g in ("group-1", "group-2")
    ]
    assert "Group 1 · Las Acacias" in _html(nbs[0]) and "Group 2 · Las Acacias" in _html(nbs[1])
    # the same exercise shows different figures to the two groups
    tables = [re.sub(r"Group \d", "", _html(nb)) for nb in nbs]
    assert tables[0] != tables[1]
    # and each pack's checker works on its own data
    for g in ("group-1", "group-2"):
        case = Case.load(packs / g / "case.json")
        a = case.analysis(0)
        best = max((p for p in a.pairs if p.strand_id == "I"), key=lambda p: p.max_abs_gap or 0)
        assert check_largest_gap(case, best.pair_id, strand="I").correct


def test_the_trainer_summary_reads_the_groups_side_by_side(packs: Path, tmp_path: Path) -> None:
    one, two = (packs / g / "learner-workbook.json" for g in ("group-1", "group-2"))
    record_answer(one, "gap-I-r0", answer="P01", label="Pair 1", correct=True, module="01-strand-I")
    record_answer(
        two, "gap-I-r0", answer="P02", label="Pair 2", correct=False, module="01-strand-I"
    )
    save_reflection(two, "01-strand-I", "Our municipality has no shared targets yet.")
    assert find_learner_workbooks(packs) == [one, two]
    # the summary notebook, run again by the trainer (papermill here)
    out = tmp_path / "summary.ipynb"
    pm.execute_notebook(
        str(packs / "trainer-summary.ipynb"),
        str(out),
        parameters={"root": str(packs), "lang": "en"},
        kernel_name="python3",
        progress_bar=False,
        language="python",
    )
    html = _html(nbformat.read(out, as_version=4))
    assert "Group 1" in html and "Group 2" in html
    assert html.index("Group 1") < html.index("Group 2")
    assert "✓ Pair 1 (1)" in html and "✗ Pair 2 (1)" in html
    assert "Our municipality has no shared targets yet." in html
    assert html == trainer_summary([one, two], "en")._repr_html_()


def test_handouts_and_guide_are_written(packs: Path) -> None:
    assert (packs / "trainer-guide.md").read_text(encoding="utf-8").startswith("# Trainer's guide")
    index = (packs / "handouts" / "index.html").read_text(encoding="utf-8")
    for g in ("group-1", "group-2"):
        for module in MODULES:
            page = packs / "handouts" / g / f"{module}.html"
            assert f'href="{g}/{module}.html"' in index
            text = page.read_text(encoding="utf-8")
            assert '<html lang="en"' in text and "<script src" not in text
            assert "m.exercise(" not in text and "Module(" not in text  # no code
    assert (packs / "handouts" / "trainer-guide.html").is_file()


def test_a_folder_with_packs_is_not_overwritten(packs: Path) -> None:
    with pytest.raises(ConflictError, match="already holds course packs"):
        make_packs(1, "en", packs, progress=False)
    with pytest.raises(InputError, match="from 1 to 60"):
        make_packs(0, "en", packs / "new", progress=False)
    with pytest.raises(InputError, match="unknown course module"):
        make_packs(1, "en", packs / "new", progress=False, modules=["99-nope"])


def test_a_spanish_module_runs_on_the_canonical_case(tmp_path: Path) -> None:
    src = tmp_path / "in.ipynb"
    nbformat.write(
        localised(nbformat.read(course_notebooks() / "04-strand-IV.ipynb", as_version=4), "es"), src
    )
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(
        str(src),
        str(out),
        parameters={"lang": "es"},
        kernel_name="python3",
        progress_bar=False,
        language="python",
    )
    html = _html(nbformat.read(out, as_version=4))
    assert "Eje IV: Fortalecer la resiliencia" in html and "Las Acacias" in html
    assert "○ Par 11" in html and "☐ ¿Fortalecerá la democracia local?" in html


@pytest.mark.slow  # every pack twice: about three minutes on two cores
def test_warm_kernels_make_the_same_packs_as_a_kernel_per_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`civicnb course` runs its notebooks on a couple of warm kernels (civicnb.execution.batch),
    not one new kernel each, and writes the same packs: group 2's modules run on a kernel
    that ran group 1's, in group 2's folder, with nothing left over from group 1."""
    from jupyter_client.manager import AsyncKernelManager

    monkeypatch.setenv("PYTHONHASHSEED", "0")  # the kernels iterate sets in one order
    started: list[str] = []
    start_kernel = AsyncKernelManager.start_kernel

    async def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        started.append(self.kernel_name)
        await start_kernel(self, *args, **kwargs)

    monkeypatch.setattr(AsyncKernelManager, "start_kernel", counted)
    chosen = ["00-introduction", "03-strand-III", "05-strand-V"]
    new = tmp_path / "new"
    packs = make_packs(2, "es", new, progress=False, handouts=False, modules=chosen)
    assert len(started) <= 2, f"{len(started)} kernels started for 7 notebooks"
    assert packs.groups == (new / "grupo-1", new / "grupo-2")  # named in Spanish
    started.clear()
    old = tmp_path / "old"
    make_packs(2, "es", old, progress=False, handouts=False, modules=chosen, engine="papermill")
    assert len(started) == 7  # the old way: a new kernel per notebook
    files = sorted(p.relative_to(new) for p in new.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file())
    assert len([f for f in files if f.suffix == ".ipynb"]) == 7  # no temporary sources left
    for rel in files:
        if rel.suffix == ".ipynb":
            assert comparable(new / rel, new) == comparable(old / rel, old), rel
        else:  # the case and the learner's workbook: the same but for when they were made
            assert timeless(new / rel) == timeless(old / rel), rel
    # the groups' own figures, each in its own pack
    intro = [
        _html(nbformat.read(new / g / "00-introduction.ipynb", as_version=4))
        for g in ("grupo-1", "grupo-2")
    ]
    assert "Grupo 1" in intro[0] and "Grupo 2" in intro[1] and intro[0] != intro[1]


def test_a_failing_course_notebook_is_one_clear_error(tmp_path: Path) -> None:
    """A notebook that fails on a warm kernel: one line naming it, the cell and the
    partial notebook."""
    bad = tmp_path / "src"
    bad.mkdir()
    for name in (*MODULES, "trainer-summary"):
        nb = nbformat.read(course_notebooks() / f"{name}.ipynb", as_version=4)
        if name == "03-strand-III":
            nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('broken module')"))
        nbformat.write(nb, bad / f"{name}.ipynb")
    import civicnb.course.packs as packs_module

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(packs_module, "course_notebooks", lambda: bad)
        with pytest.raises(CivicnbError) as info:
            make_packs(1, "en", tmp_path / "out", progress=False, modules=["03-strand-III"])
    message = str(info.value)
    assert "group-1/03-strand-III.ipynb" in message and "broken module" in message
    assert "\n" not in message
