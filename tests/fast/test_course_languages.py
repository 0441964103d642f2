"""The course in every language of civicnb.i18n.LANGUAGES: every per-language course text
exists in each (the case's story, the notebooks' cells, the packs' names), the Portuguese
case holds the same figures in its own words, a Portuguese pack is made with its folders
named in Portuguese, and a Portuguese exercise checks right and wrong answers."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from civicnb.course import names
from civicnb.course.case import GROUP_SLUGS, SLUGS, case_records, case_slug, shipped_case
from civicnb.course.case_story import ORDER, pick, story_texts
from civicnb.course.exercises import exercise
from civicnb.course.grading import _WORKBOOK_SENTENCE
from civicnb.course.group_case import Case
from civicnb.course.learner import LEARNER_FILE, read_learner_workbook
from civicnb.course.packs import MODULES, SUMMARY, course_notebooks, localised, make_packs
from civicnb.course.serving import course_plan
from civicnb.execution.launcher import course_launcher_entries
from civicnb.framework import load_framework
from civicnb.i18n import LANGUAGES, MESSAGES
from civicnb.records import LocalityRecords

FW = load_framework("pamphlet")


# --- completeness --------------------------------------------------------------------------


def test_every_story_text_is_in_every_language() -> None:
    assert set(ORDER) == set(LANGUAGES) and len(ORDER) == len(LANGUAGES)
    texts = story_texts()
    assert len(texts) > 150
    for t in texts:
        assert len(t) == len(ORDER), t
        # a text is empty in every language (a note nobody wrote) or in none
        assert all(x.strip() for x in t) or not any(x.strip() for x in t), t
    # and each language's sentence is its own (no language left as a copy of another),
    # apart from names and short words that are the same (e.g. "Mesa", "Seis meses")
    for a in ORDER:
        for b in ORDER:
            if a < b:
                same = [t for t in texts if pick(t, a) == pick(t, b) and len(pick(t, a)) > 12]
                assert not same, (a, b, same[:3])


@pytest.mark.parametrize(
    "table",
    [
        names.GROUP_FOLDER,
        names.HANDOUTS_FOLDER,
        names.HANDOUTS_TITLE,
        names.QUOTES,
        names.TRAINER_GUIDE,
        SLUGS,
        GROUP_SLUGS,
        _WORKBOOK_SENTENCE,
    ],
)
def test_every_course_name_table_has_every_language(table: dict[str, object]) -> None:
    assert set(table) == set(LANGUAGES)
    assert all(table.values())


def test_every_language_has_its_shipped_case_and_trainer_guide() -> None:
    for lang in LANGUAGES:
        doc = json.loads(shipped_case(lang).read_text(encoding="utf-8"))
        assert doc["locality"]["language"] == lang
        assert doc["locality"]["slug"] == case_slug(lang)
        assert (course_notebooks() / names.TRAINER_GUIDE[lang]).is_file()


def _role(cell_id: str, lang: str) -> str:
    return cell_id.removesuffix(f"-{lang}")


@pytest.mark.parametrize("name", [*MODULES, SUMMARY])
def test_every_notebook_has_each_cell_in_every_language(name: str) -> None:
    nb = nbformat.read(course_notebooks() / f"{name}.ipynb", as_version=4)
    roles = {
        lang: [_role(c.id, lang) for c in nb.cells if f"lang-{lang}" in c.metadata.get("tags", [])]
        for lang in LANGUAGES
    }
    assert roles["en"], name
    assert all(r == roles["en"] for r in roles.values()), roles
    for lang in LANGUAGES:
        cells = localised(copy.deepcopy(nb), lang).cells  # localised edits in place
        tags = {t for c in cells for t in c.metadata.get("tags", []) if t.startswith("lang-")}
        assert tags == {f"lang-{lang}"}, (name, lang, tags)
        if name != SUMMARY:
            # the reflection's prompt ends with the sentence civicnb.course.grading replaces
            prompts = [c for c in cells if "reflection" in c.id and c.cell_type == "markdown"]
            assert len(prompts) == 1 and _WORKBOOK_SENTENCE[lang] in prompts[0].source
            grade_id = prompts[0].metadata["nbgrader"]["grade_id"]
            assert grade_id.endswith(f"-{lang}"), grade_id


# --- the Portuguese case ---------------------------------------------------------------------


def _free_texts(r: LocalityRecords) -> list[str]:
    return (
        [n.note for n in r.ratings if n.note]
        + [o.title for o in r.outcomes]
        + [a.title for a in r.activities]
        + [a.text for a in r.actions]
        + [a.description for a in r.assets]
        + [h.text for h in r.harvest_notes]
        + [a.outreach_note for a in r.attendance if a.outreach_note]
        + [c.text for c in r.celebrations]
        + [j.narrative for j in r.joint_ratings]
    )


def test_the_portuguese_case_holds_the_same_figures_in_its_own_words() -> None:
    pt, es, en = (case_records(lang) for lang in ("pt", "es", "en"))
    assert [(r.id, r.score, r.dont_know) for r in pt.ratings] == [
        (r.id, r.score, r.dont_know) for r in es.ratings
    ]
    assert pt.locality.language == "pt" and pt.locality.slug == "las-acacias-pt"
    assert case_slug("pt", 3) == "las-acacias-pt-grupo-3"
    assert [r.label for r in pt.rounds] == ["Linha de base", "Seis meses", "Doze meses"]
    assert "Marta Gómez (Associação de Pessoas Surdas)" in {p.name for p in pt.participants}
    texts = _free_texts(pt)
    assert len(texts) == len(_free_texts(es)) > 100
    assert not set(texts) & set(_free_texts(es)) and not set(texts) & set(_free_texts(en))
    assert all(" the " not in f" {x.lower()} " for x in texts)
    assert sum(" não " in f" {x.lower()} " for x in texts) > 5  # Portuguese, not Spanish


# --- a Portuguese pack and exercise -----------------------------------------------------------


def test_a_portuguese_pack_names_its_folders_in_portuguese(tmp_path: Path) -> None:
    root = tmp_path / "curso"
    modules = ["00-introduction", "01-strand-I"]
    packs = make_packs(2, "pt", root, progress=False, execute=False, modules=modules)
    assert packs.groups == (root / "grupo-1", root / "grupo-2")
    assert not list(root.glob("group-*"))
    book = read_learner_workbook(root / "grupo-2" / LEARNER_FILE)
    assert book["lang"] == "pt" and book["variant"] == 2
    case = json.loads((root / "grupo-2" / "case.json").read_text(encoding="utf-8"))
    assert case["locality"]["slug"] == "las-acacias-pt-grupo-2"
    for module in modules:
        nb = nbformat.read(root / "grupo-1" / f"{module}.ipynb", as_version=4)
        tags = {t for c in nb.cells for t in c.metadata.get("tags", []) if t.startswith("lang-")}
        assert tags == {"lang-pt"}
        injected = next(c for c in nb.cells if "injected-parameters" in c.metadata["tags"])
        assert 'lang = "pt"' in injected.source
    intro = nbformat.read(root / "grupo-1" / "00-introduction.ipynb", as_version=4)
    assert any("## Objetivos de aprendizagem" in c.source for c in intro.cells)
    plan = course_plan(root, port=18611)
    assert list(plan.urls) == ["grupo-1", "grupo-2", "trainer-summary"]
    assert "--VoilaExporter.language_code=pt" in plan.command
    # JupyterLab's launcher finds the groups by their workbook, whatever the folder's name
    paths = [s["args"]["path"] for e in course_launcher_entries(root) for s in e["source"]]
    assert paths[:2] == ["grupo-1/00-introduction.ipynb", "grupo-2/00-introduction.ipynb"]


def _pt_case() -> Case:
    return Case(case_records("pt", 0, FW), FW)


def test_a_portuguese_exercise_checks_a_right_and_a_wrong_answer() -> None:
    case = _pt_case()
    ex = exercise(case, "uncovered")
    titles = {c.label: c.value for c in ex.choices}
    assert "Pessoas idosas acompanhadas e ativas na vida comunitária" in titles
    right = ex.check(titles["Pessoas idosas acompanhadas e ativas na vida comunitária"])
    assert right.correct
    assert "Pessoas idosas acompanhadas e ativas na vida comunitária" in right.message
    # the assets that could serve it, quoted the Brazilian way
    assert "“Salão comunitário de El Progreso”" in right.message
    wrong = ex.check(titles["Educação inclusiva para crianças e jovens com deficiência"])
    assert not wrong.correct
    assert "“Hortas escolares com a feira do produtor”" in wrong.message
    assert "«" not in wrong.message  # the Spanish marks are the Spanish case's


def _english_words(text: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return words & {"the", "is", "served", "by", "correct", "not", "quite", "look", "for"}


def test_the_portuguese_feedback_has_no_english() -> None:
    case = _pt_case()
    ex = exercise(case, "uncovered")
    for choice in ex.choices:
        message = ex.check(choice.value).message
        assert not message.startswith((MESSAGES["crs_correct"], MESSAGES["crs_not_quite"]))
        assert not _english_words(message), message


def test_a_reflection_that_cannot_be_saved_says_why_in_the_learners_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import ipywidgets as W

    from civicnb.course.learner import MAX_TEXT, new_learner_workbook
    from civicnb.course.widgets import Module

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    shown: list[object] = []
    monkeypatch.setattr("civicnb.course.widgets.display", shown.append)
    folder = tmp_path / "grupo-1"
    folder.mkdir()
    book = new_learner_workbook(folder / LEARNER_FILE, group="Grupo 1", lang="es", variant=1)
    m = Module("01-strand-I", group="Grupo 1", lang="es", variant=1, learner=str(book))
    m.reflection()
    box = shown[-1]
    assert isinstance(box, W.VBox)
    text, _button, status = box.children
    status_any: Any = status
    text.value = "x" * (MAX_TEXT + 1)
    assert status_any.kind == "error"
    assert status_any.text.startswith("Una reflexión tiene como máximo 20")
    shutil.rmtree(folder)  # the workbook's folder is gone: the save fails
    text.value = "Una reflexión corta."
    said = status_any.text
    assert status_any.kind == "error" and "no se pudo escribir el cuaderno" in said, said
    assert "learner-workbook.json" in said and "cannot" not in said and "folder" not in said


def test_a_portuguese_grader_course_reads_in_portuguese(tmp_path: Path) -> None:
    from civicnb.course.grading import write_grader_course

    made = write_grader_course(tmp_path, "pt", modules=["01-strand-I"])
    assert made.reflections == {"01-strand-I": ("reflection-01",)}
    nb = nbformat.read(tmp_path / "source" / "01-strand-I" / "01-strand-I.ipynb", as_version=4)
    text = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert text[0] == "# Módulo 1 — Eixo I: Definir resultados valorizados"
    prompt = next(t for t in text if t.startswith("## Reflexão"))
    # the widget's sentence is replaced by where to write in the graded notebook
    assert _WORKBOOK_SENTENCE["pt"] not in prompt
    assert not [t for t in text if "## Reading" in t or "## Lectura" in t]
