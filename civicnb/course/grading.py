"""The course for nbgrader: an nbgrader course folder made from the course modules, and
the letters a learner writes as answers. No Jupyter import (nbformat only).

``write_grader_course("curso", "es")`` writes::

    curso/nbgrader_config.py                          course id, friendly stubs
    curso/source/01-strand-I/01-strand-I.ipynb        one assignment per module
    …

The trainer then runs ``nbgrader generate_assignment 01-strand-I`` and, on the learners'
submissions, ``nbgrader autograde 01-strand-I`` (docs/course.md, "Grading with nbgrader").

Each exercise of a module becomes three cells:

- the question (locked): the question, its evidence and its choices, lettered A, B, C…
  (:meth:`civicnb.course.widgets.Module.exercise` of a ``graded`` module);
- the answer (an nbgrader solution cell): ``respuesta_1 = ""`` and, between ``### BEGIN
  SOLUTION`` and ``### END SOLUTION``, the right letters, which ``generate_assignment``
  removes;
- the check (a locked autograder tests cell worth one point): ``m.check(kind, answer,
  **params)`` runs the exercise's own checker (:mod:`civicnb.course.checks`, on the case
  data) and fails with its feedback when the answer is not right; a right answer prints
  its explanation. Learners can run it to get the same feedback as in Voilà.

A reflection becomes a markdown answer cell graded by hand (one point): the learner's
text is in the submitted notebook, where nbgrader's formgrader shows it. (The widgets'
learner's workbook is not used: nbgrader collects notebooks, not workbooks.)

All learners work on the canonical case (variant 0), so their answers can be compared.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.course.checks import Answer, Feedback
from civicnb.course.exercises import Exercise, exercise
from civicnb.course.group_case import Case
from civicnb.errors import CivicnbError, ConflictError, InputError
from civicnb.i18n import LANGUAGES, t

__all__ = [
    "CONFIG_FILE",
    "GraderCourse",
    "NotRight",
    "answer_of",
    "check_letters",
    "letter",
    "solution_letters",
    "write_grader_course",
]

CONFIG_FILE = "nbgrader_config.py"
MAX_SUBSETS_OF = 12
"""A many-answers exercise's right set is found by trying every set of its choices: up to
2**12 of them."""
_SCHEMA = 3


class NotRight(AssertionError):
    """An answer the exercise's checker did not accept: nbgrader sees a failed test;
    IPython (JupyterLab, the graded notebook) shows the feedback alone, no traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


def letter(index: int) -> str:
    """The letter of the ``index``-th choice (0: A)."""
    if not 0 <= index < 26:
        raise InputError(f"an exercise has at most 26 choices (got choice {index + 1})")
    return chr(ord("A") + index)


def _given(answer: object) -> str:
    if answer is None:
        return ""
    if isinstance(answer, list | tuple | set):
        return "".join(str(a) for a in answer)
    return str(answer)


def answer_of(ex: Exercise, letters: object, lang: str) -> Answer | Feedback:
    """The choices' values the learner's ``letters`` name (``"b"``, ``"A, C"``; ``"0"``:
    none of a many-answers exercise's choices), or :class:`Feedback` that says what to
    write instead."""
    given = _given(letters)
    text = re.sub(r"[\s,;/+&.()\"'-]+", "", given).upper()
    if not text:
        return Feedback(False, t("crs_nbg_no_answer", lang), answered=False)
    if ex.multiple and text == "0":
        return []  # none of the choices
    n = len(ex.choices)
    span = {"first": "A", "last": letter(n - 1), "given": given.strip()}
    picked = [ord(ch) - ord("A") for ch in text]
    if any(not 0 <= i < n for i in picked) or len(set(picked)) != len(picked):
        key = "crs_nbg_letters" if ex.multiple else "crs_nbg_one_letter"
        return Feedback(False, t(key, lang, **span))
    if not ex.multiple:
        if len(picked) != 1:
            return Feedback(False, t("crs_nbg_one_letter", lang, **span))
        return ex.choices[picked[0]].value
    return [ex.choices[i].value for i in sorted(picked)]


def check_letters(ex: Exercise, letters: object, lang: str) -> Feedback:
    """The exercise's own feedback on the answer the learner wrote as letters."""
    answer = answer_of(ex, letters, lang)
    if isinstance(answer, Feedback):
        return answer
    return ex.check(answer)


def solution_letters(ex: Exercise) -> str:
    """The letters of a right answer, found with the exercise's own checker (the first
    right choice; for many answers, the smallest right set)."""
    letters = [letter(i) for i in range(len(ex.choices))]
    values = [c.value for c in ex.choices]
    if not ex.multiple:
        for mark, value in zip(letters, values, strict=True):
            if ex.check(value).correct:
                return mark
    else:
        if len(values) > MAX_SUBSETS_OF:
            raise InputError(
                f"exercise {ex.id} has {len(values)} choices: too many to find its right set"
            )
        indices = range(len(values))
        for size in range(len(values) + 1):
            for combo in itertools.combinations(indices, size):
                if ex.check([values[i] for i in combo]).correct:
                    return "".join(letters[i] for i in combo) or "0"
    raise CivicnbError(f"exercise {ex.id} has no right answer on this case: report this bug")


# --- the nbgrader course folder -------------------------------------------------------------


@dataclass(frozen=True)
class GraderCourse:
    root: Path
    config: Path
    config_written: bool
    """False when the folder had an ``nbgrader_config.py`` already (kept as it was)."""
    assignments: tuple[str, ...]
    exercises: dict[str, tuple[str, ...]]
    """Per assignment, the grade ids of its automatically graded cells, in order."""
    reflections: dict[str, tuple[str, ...]]
    """Per assignment, the grade ids of its cells graded by hand."""


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int = 0) -> Any:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": _SCHEMA,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _call(source: str) -> tuple[str, list[Any], dict[str, Any]] | None:
    """``m.name(args…)`` as (name, literal args, literal keywords), else None."""
    try:
        tree = ast.parse(source.strip())
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "m"
    ):
        return None
    args = [ast.literal_eval(a) for a in call.args]
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    return call.func.attr, args, kwargs


_WORKBOOK_SENTENCE = {
    "en": "Write your answer in the box below; it is saved in your group's learner's workbook.",
    "es": "Escriba su respuesta en el recuadro de abajo; se guarda en el cuaderno de "
    "aprendizaje de su grupo.",
    "pt": "Escreva sua resposta no quadro abaixo; ela fica salva no caderno de "
    "aprendizagem do seu grupo.",
}


@dataclass
class _Built:
    nb: Any
    exercises: list[str]
    reflections: list[str]


def _graded_notebook(source: Path, module: str, lang: str, case: Case) -> _Built:
    import nbformat

    from civicnb.course.packs import localised

    nbf: Any = nbformat
    v4: Any = nbformat.v4
    nb = localised(nbf.read(source, as_version=4), lang)
    cells: list[Any] = []
    exercises: list[str] = []
    reflections: list[str] = []
    var = t("crs_nbg_var", lang)
    number = 0
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        src = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        if "parameters" in meta.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            if meta.get("nbgrader", {}).get("task"):  # the reflection's prompt
                new = src.replace(_WORKBOOK_SENTENCE[lang], t("crs_nbg_reflection_where", lang))
                cell = v4.new_markdown_cell(new)
                gid = meta["nbgrader"]["grade_id"].removesuffix(f"-{lang}") + "-prompt"
                cell.metadata.update(_meta(gid, grade=False, solution=False, locked=True))
            cells.append(cell)
            continue
        if "Module(" in src:
            setup = (
                "from civicnb.course.widgets import Module\n\n"
                f"m = Module({module!r}, lang={lang!r}, graded=True)\n"
                "m.header()"
            )
            cell = v4.new_code_cell(setup)
            cell.metadata.update(_meta("setup", grade=False, solution=False, locked=True))
            cells.append(cell)
            continue
        call = _call(src)
        if call is None:
            cells.append(v4.new_code_cell(src))
            continue
        name, args, kwargs = call
        old_id = str(meta.get("nbgrader", {}).get("grade_id", ""))
        if name == "download":
            continue  # the learner's workbook: not used with nbgrader
        if name == "reflection":
            gid = old_id.removesuffix("-box") or f"reflection-{module[:2]}"
            answer = v4.new_markdown_cell(t("crs_nbg_text_stub", lang))
            answer.metadata.update(_meta(gid, grade=True, solution=True, locked=False, points=1))
            cells.append(answer)
            reflections.append(gid)
            continue
        if name != "exercise":
            cells.append(v4.new_code_cell(src))
            continue
        number += 1
        kind, params = args[0], kwargs
        ex = exercise(case, kind, **params)
        gid = old_id or f"ex-{module[:2]}-{number}"
        question = v4.new_code_cell(src)
        question.metadata.update(_meta(f"{gid}-question", grade=False, solution=False, locked=True))
        name_n = f"{var}_{number}"
        how = "crs_nbg_write_many" if ex.multiple else "crs_nbg_write_one"
        solution = (
            f"# {t(how, lang, n=number, var=name_n)}\n"
            f'{name_n} = ""\n'
            "### BEGIN SOLUTION\n"
            f"{name_n} = {solution_letters(ex)!r}\n"
            "### END SOLUTION"
        )
        answer = v4.new_code_cell(solution)
        answer.metadata.update(_meta(f"{gid}-answer", grade=False, solution=True, locked=False))
        keywords = "".join(f", {k}={v!r}" for k, v in params.items())
        check = v4.new_code_cell(f"m.check({kind!r}, {name_n}{keywords})")
        check.metadata.update(_meta(gid, grade=True, solution=False, locked=True, points=1))
        cells += [question, answer, check]
        exercises.append(gid)
    nb.cells = cells
    nb.metadata.pop("papermill", None)
    return _Built(nb, exercises, reflections)


def _config(course_id: str, lang: str) -> str:
    return (
        "# nbgrader's configuration for civicnb's course, written by `civicnb course-grader`.\n"
        "# See docs/course.md, 'Grading with nbgrader'.\n"
        "c = get_config()  # noqa: F821 (nbgrader gives it)\n\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n"
        "# what replaces the right answers in the learners' version\n"
        f"c.ClearSolutions.code_stub = {{'python': {t('crs_nbg_code_stub', lang)!r}}}\n"
        f"c.ClearSolutions.text_stub = {t('crs_nbg_text_stub', lang)!r}\n"
        "# a module imports civicnb and reads the case: give its cells time on a busy machine\n"
        "c.Execute.timeout = 300\n"
    )


def write_grader_course(
    out_dir: str | Path,
    lang: str = "es",
    *,
    modules: Sequence[str] | None = None,
    course_id: str = "",
) -> GraderCourse:
    """An nbgrader course folder in ``out_dir`` with one assignment per course module
    (see the module docs). Refuses to overwrite a module's source notebook; keeps an
    ``nbgrader_config.py`` that is there already (the trainer's own course)."""
    from civicnb.course.packs import chosen_modules, course_notebooks

    if lang not in LANGUAGES:
        raise InputError(f"--lang must be one of {', '.join(sorted(LANGUAGES))} (got {lang!r})")
    chosen = chosen_modules(modules)
    course_id = course_id or f"civicnb-course-{lang}"
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", course_id):
        raise InputError("the course id must be 1 to 60 letters, digits, '_' or '-'")
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise InputError(f"{root} is a file: give a folder for the nbgrader course (-o DIR)")
    targets = {m: root / "source" / m / f"{m}.ipynb" for m in chosen}
    there = [p for p in targets.values() if p.exists()]
    if there:
        raise ConflictError(
            f"{there[0]} exists already: choose another folder with -o, or move the old "
            "source notebooks away (nbgrader's gradebook refers to them)"
        )
    import nbformat

    nbf: Any = nbformat
    case = Case.load("", lang)
    src = course_notebooks()
    built = {m: _graded_notebook(src / f"{m}.ipynb", m, lang, case) for m in chosen}
    for module, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        nbf.validate(built[module].nb)
        nbf.write(built[module].nb, target)
    config = root / CONFIG_FILE
    written = not config.exists()
    if written:
        config.write_text(_config(course_id, lang), encoding="utf-8")
    return GraderCourse(
        root,
        config,
        written,
        chosen,
        {m: tuple(b.exercises) for m, b in built.items()},
        {m: tuple(b.reflections) for m, b in built.items()},
    )
