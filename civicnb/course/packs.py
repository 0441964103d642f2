"""``civicnb course``: one pack of course notebooks per course group.

``make_packs(3, "en", out)`` writes::

    out/group-1/case.json                the group's variant of the worked case
    out/group-1/learner-workbook.json    its learner's workbook (answers, reflections)
    out/group-1/00-introduction.ipynb …  the course modules, instantiated by papermill
    out/group-2/ …
    out/trainer-summary.ipynb            the groups' answers side by side
    out/trainer-guide.md                 a one-day course and a two-hour taster
    out/handouts/index.html              print-friendly handouts, per group and module

The folders are named in the course's language (:mod:`civicnb.course.names`): a Spanish
pack has ``grupo-1/`` … and ``material-impreso/``, a Portuguese one ``grupo-1/`` … and
``material-impresso/``.

The modules are the notebooks of ``notebooks/course/`` with the cells of the other
languages removed (cells tagged ``lang-en`` / ``lang-es`` / ``lang-pt``) and the group's parameters
injected (group name, language, variant, case and workbook paths relative to the pack,
so a pack can be moved or zipped). Each is executed once without a front-end, so that it
reads as a static document; opened in Voilà or JupyterLab, it runs again with its
exercises live. Group *n* works on variant *n* of the case, so groups compare different
figures.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.course.case import case_document, dump_case
from civicnb.course.learner import LEARNER_FILE, new_learner_workbook
from civicnb.course.names import HANDOUTS_FOLDER, TRAINER_GUIDE, group_folder
from civicnb.errors import CivicnbError, ConflictError, InputError
from civicnb.i18n import LANGUAGES, t

__all__ = ["MODULES", "CoursePacks", "chosen_modules", "course_notebooks", "make_packs"]

MODULES = (
    "00-introduction",
    "01-strand-I",
    "02-strand-II",
    "03-strand-III",
    "04-strand-IV",
    "05-strand-V",
    "06-strand-VI",
    "07-running-a-workshop",
)
SUMMARY = "trainer-summary"
CASE_FILE = "case.json"
MAX_GROUPS = 60


@dataclass(frozen=True)
class CoursePacks:
    root: Path
    groups: tuple[Path, ...]
    summary: Path
    guide: Path
    handouts: Path | None


def course_notebooks() -> Path:
    """The folder of the course's source notebooks (installed copy or checkout)."""
    from civicnb.execution.instantiate import source_notebooks

    return source_notebooks() / "course"


def localised(nb: Any, lang: str) -> Any:
    """The notebook without the markdown cells of the other languages."""
    others = {f"lang-{code}" for code in LANGUAGES if code != lang}
    nb.cells = [c for c in nb.cells if not others & set(c.get("metadata", {}).get("tags", []))]
    return nb


def _run(
    source: Path, out: Path, lang: str, params: dict[str, Any], cwd: Path, execute: bool
) -> None:
    import nbformat
    import papermill as pm

    nbf: Any = nbformat
    nb = localised(nbf.read(source, as_version=4), lang)
    tmp = out.with_name(f".{out.stem}.source.ipynb")
    nbf.write(nb, tmp)
    try:
        pm.execute_notebook(
            str(tmp),
            str(out),
            parameters=params,
            kernel_name="python3",
            progress_bar=False,
            language="python",
            cwd=str(cwd),
            prepare_only=not execute,
        )
    except Exception as exc:
        if isinstance(exc, CivicnbError):
            raise
        cell = getattr(exc, "exec_count", None)
        where = f" in cell {cell}" if cell is not None else ""
        reason = " ".join(str(getattr(exc, "evalue", exc)).split())[:200]
        raise CivicnbError(
            f"the course notebook {source.name} failed{where}: {type(exc).__name__}: {reason} "
            f"(the partial notebook is {out})"
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Notebook:
    """A course notebook to instantiate: its source, its output, its parameters, and the
    folder it runs in (its relative paths are relative to it)."""

    key: str
    source: Path
    out: Path
    params: dict[str, Any]
    cwd: Path


def _localised_source(nb: _Notebook, lang: str) -> Path:
    """The source without the other language's cells, next to the output (as _run
    writes it)."""
    import nbformat

    nbf: Any = nbformat
    tmp = nb.out.with_name(f".{nb.out.stem}.source.ipynb")
    nbf.write(localised(nbf.read(nb.source, as_version=4), lang), tmp)
    return tmp


def _run_warm(runs: Sequence[_Notebook], lang: str, progress: bool, workers: int) -> None:
    """Every notebook on a few warm kernels (civicnb.execution.batch); one clear error if any
    failed (the others are still written)."""
    from civicnb.execution.batch import Job, run_batch

    jobs: list[Job] = []
    try:
        for nb in runs:
            tmp = _localised_source(nb, lang)
            jobs.append(Job(nb.key, tmp, nb.out, dict(nb.params), nb.cwd))
        result = run_batch(jobs, workers=workers, progress=progress)
    finally:
        for job in jobs:
            Path(job.input_path).unlink(missing_ok=True)
    if result.failed:
        key, reason = result.failed[0]
        more = f" ({len(result.failed) - 1} more failed)" if len(result.failed) > 1 else ""
        raise CivicnbError(f"the course notebook {key} failed: {reason}{more}")


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="course packs", unit="nb", file=sys.stderr, disable=not enabled)


def chosen_modules(modules: Sequence[str] | None) -> tuple[str, ...]:
    """The course modules asked for (all of them for None), checked: a clear error for
    an unknown one or none."""
    chosen = tuple(MODULES if modules is None else modules)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown or not chosen:
        raise InputError(
            f"unknown course module {unknown[0]!r}; the modules are {', '.join(MODULES)}"
            if unknown
            else "choose at least one course module"
        )
    return chosen


def make_packs(
    groups: int,
    lang: str,
    out_dir: str | Path,
    progress: bool = True,
    *,
    execute: bool = True,
    handouts: bool = True,
    modules: Sequence[str] | None = None,
    engine: str = "warm",
    workers: int = 2,
) -> CoursePacks:
    """One pack per course group in ``out_dir`` (see the module docs). Refuses a folder
    that already holds packs, so that no group's answers are overwritten.

    ``modules`` picks some of :data:`MODULES` (e.g. a two-hour taster: 00, 03, 04, 07);
    ``execute=False`` only injects the parameters (quicker; no handouts then).

    The notebooks run on ``workers`` warm kernels (:func:`civicnb.execution.batch.run_batch`, as
    ``civicnb batch`` runs reports): the same notebooks as papermill writes, without a
    kernel started for each. ``engine="papermill"`` runs each in a new kernel instead (the
    old way, kept to compare with)."""
    if isinstance(groups, bool) or not isinstance(groups, int) or not 1 <= groups <= MAX_GROUPS:
        raise InputError(f"--groups must be a whole number from 1 to {MAX_GROUPS} (got {groups!r})")
    if lang not in LANGUAGES:
        raise InputError(f"--lang must be one of {', '.join(sorted(LANGUAGES))} (got {lang!r})")
    if engine not in ("warm", "papermill"):
        raise InputError(f"engine must be warm or papermill (got {engine!r})")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a whole number of at least 1 (got {workers!r})")
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise InputError(f"{root} is a file: give a folder for the course packs (-o DIR)")
    existing = sorted(root.glob(f"*/{LEARNER_FILE}")) if root.is_dir() else []
    if existing:
        raise ConflictError(
            f"{root} already holds course packs ({existing[0].parent.name}…): choose another "
            "folder with -o, or move the old one away (its learners' answers are in it)"
        )
    chosen = chosen_modules(modules)
    src = course_notebooks()
    root.mkdir(parents=True, exist_ok=True)
    folders: list[Path] = []
    runs: list[_Notebook] = []
    for n in range(1, groups + 1):
        folder = root / group_folder(lang, n)
        folder.mkdir(exist_ok=True)
        name = t("crs_group_name", lang, n=n)
        dump_case(case_document(lang, n), folder / CASE_FILE)
        new_learner_workbook(folder / LEARNER_FILE, group=name, lang=lang, variant=n)
        params = {
            "group": name,
            "lang": lang,
            "variant": n,
            "case": CASE_FILE,
            "learner": LEARNER_FILE,
        }
        for module in chosen:
            out = folder / f"{module}.ipynb"
            runs.append(_Notebook(f"{folder.name}/{out.name}", src / out.name, out, params, folder))
        folders.append(folder)
    summary = root / f"{SUMMARY}.ipynb"
    runs.append(
        _Notebook(summary.name, src / summary.name, summary, {"root": ".", "lang": lang}, root)
    )
    from civicnb.execution.instantiate import static_kernels

    with static_kernels():
        if execute and engine == "warm":
            _run_warm(runs, lang, progress, workers)
        else:
            bar = _progress(len(runs), progress)
            try:
                for nb in runs:
                    bar.set_postfix_str(nb.key)
                    _run(nb.source, nb.out, lang, nb.params, nb.cwd, execute)
                    bar.update(1)
            finally:
                bar.close()
    guide = root / "trainer-guide.md"
    shutil.copyfile(src / TRAINER_GUIDE[lang], guide)
    printed: Path | None = None
    if handouts and execute:
        from civicnb.course.handouts import render_handout, render_markdown_handout, write_index

        printed = root / HANDOUTS_FOLDER[lang]
        pages = [render_markdown_handout(guide, printed / "trainer-guide.html", lang)]
        for folder in folders:
            for module in chosen:
                pages.append(
                    render_handout(
                        folder / f"{module}.ipynb", printed / folder.name / f"{module}.html", lang
                    )
                )
        write_index(pages, printed / "index.html", lang)
    return CoursePacks(root, tuple(folders), summary, guide, printed)
