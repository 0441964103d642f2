"""The learner's workbook keeps every answer and reflection (atomic writes, no lost
update between notebooks, unreadable files kept aside), the trainer's summary shows the
groups side by side with their text escaped, and the exercise widgets check answers and
save them -- all without a kernel."""

from __future__ import annotations

import html
import json
import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest

from civicnb.course.group_case import Case
from civicnb.course.learner import (
    export_learner_workbook,
    find_learner_workbooks,
    new_learner_workbook,
    read_learner_workbook,
    record_answer,
    save_reflection,
    trainer_summary,
)
from civicnb.errors import InputError

XSS = "<img src=x onerror=alert(1)>"


def _book(tmp_path: Path, name: str = "group-1", group: str = "Group 1") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    return new_learner_workbook(folder / "learner-workbook.json", group=group, lang="en", variant=1)


def test_answers_and_reflections_are_kept(tmp_path: Path) -> None:
    path = _book(tmp_path)
    record_answer(
        path, "gap-I-r0", answer="P02", label="Pair 2", correct=False, module="01-strand-I"
    )
    record_answer(
        path, "gap-I-r0", answer="P01", label="Pair 1", correct=True, module="01-strand-I"
    )
    record_answer(path, "missing-r1", answer=["A", "B"], label="A; B", correct=True)
    save_reflection(path, "01-strand-I", "first thoughts")
    save_reflection(path, "01-strand-I", "second thoughts")
    doc = read_learner_workbook(path)
    assert doc["group"] == "Group 1" and doc["variant"] == 1
    assert [a["correct"] for a in doc["answers"]["gap-I-r0"]] == [False, True]
    assert doc["answers"]["missing-r1"][0]["answer"] == ["A", "B"]
    entry = doc["reflections"]["01-strand-I"]
    assert entry["text"] == "second thoughts"
    assert [h["text"] for h in entry["history"]] == ["first thoughts"]  # nothing typed is lost
    # creating the workbook again keeps what is in it
    new_learner_workbook(path, group="Other", lang="en", variant=9)
    assert read_learner_workbook(path)["group"] == "Group 1"
    assert not list(path.parent.glob("*.tmp"))


def _writer(args: tuple[str, int]) -> None:
    path, k = args
    for i in range(15):
        record_answer(path, f"ex-{k}", answer=str(i), label=str(i), correct=i % 2 == 0)


def test_notebooks_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = _book(tmp_path)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        pool.map(_writer, [(str(path), k) for k in range(4)])
    doc = read_learner_workbook(path)
    assert {k: len(v) for k, v in doc["answers"].items()} == {f"ex-{k}": 15 for k in range(4)}


def test_an_unreadable_workbook_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    path = _book(tmp_path)
    path.write_text("{ this is not json", encoding="utf-8")
    with pytest.raises(InputError):
        read_learner_workbook(path)
    save_reflection(path, "00-introduction", "still saved")
    kept = list(path.parent.glob("learner-workbook.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ this is not json"
    assert read_learner_workbook(path)["reflections"]["00-introduction"]["text"] == "still saved"


def test_bad_input_is_refused_with_a_message(tmp_path: Path) -> None:
    path = _book(tmp_path)
    with pytest.raises(InputError, match="at most"):
        save_reflection(path, "m", "x" * 20_001)
    with pytest.raises(InputError, match="exercise id"):
        record_answer(path, "bad id!", answer="a", label="a", correct=True)
    with pytest.raises(InputError, match="does not exist"):
        save_reflection(tmp_path / "nowhere" / "w.json", "m", "text")
    other = tmp_path / "not-a-workbook.json"
    other.write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="not a civicnb learner's workbook"):
        read_learner_workbook(other)


def test_trainer_summary_shows_groups_side_by_side_escaped(tmp_path: Path) -> None:
    one = _book(tmp_path, "group-1", "Group 1")
    two = _book(tmp_path, "group-2", f"Group {XSS}")
    record_answer(one, "gap-I-r0", answer="P01", label="Pair 1", correct=True, module="01-strand-I")
    record_answer(
        two, "gap-I-r0", answer="P03", label=f"Pair 3 {XSS}", correct=False, module="01-strand-I"
    )
    record_answer(
        two, "gap-I-r0", answer="P03", label="Pair 3", correct=False, module="01-strand-I"
    )
    save_reflection(two, "01-strand-I", f"We learnt {XSS}")
    collected = tmp_path / "collected"
    collected.mkdir()
    export_learner_workbook(one, collected)
    (collected / "broken.json").write_text("[]", encoding="utf-8")
    paths = find_learner_workbooks(tmp_path)
    assert [p.parent.name for p in paths[:2]] == ["group-1", "group-2"]
    assert (collected / "learner-group-1.json") in paths
    html = trainer_summary(paths, "en")._repr_html_()
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "✓ Pair 1 (1)" in html and "✗ Pair 3 (2)" in html  # last answer, attempts
    assert "We learnt" in html and "not a civicnb learner&#x27;s workbook" in html
    assert html.index("Group 1") < html.index("Group &lt;img")
    empty = trainer_summary([], "es")._repr_html_()
    assert "Todavía no se encontró" in empty


def _controls(box: Any) -> dict[str, Any]:
    import ipywidgets as W

    found: dict[str, Any] = {"checkboxes": []}

    def walk(w: Any) -> None:
        if isinstance(w, W.RadioButtons):
            found["radio"] = w
        elif isinstance(w, W.Checkbox):
            found["checkboxes"].append(w)
        elif isinstance(w, W.Button):
            found["button"] = w
        elif type(w).__name__ == "LiveStatus":
            found["status"] = w
        for child in getattr(w, "children", ()):
            walk(child)

    walk(box)
    return found


def test_the_exercise_widget_checks_and_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicnb.course.exercises import exercise
    from civicnb.course.widgets import Module

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    path = _book(tmp_path)
    m = Module("01-strand-I", group="Group 1", lang="en", variant=0, learner=str(path))
    assert m.interactive and m.title() == "Strand I: Defining valued outcomes"
    ex = exercise(m.case, "largest_gap", strand="I", round=0)
    ui = _controls(m._widget(ex))
    ui["radio"].value = "P03"
    ui["button"].click()
    assert ui["status"].text.startswith("Not quite.") and ui["status"].kind == "error"
    ui["radio"].value = "P01"
    ui["button"].click()
    assert ui["status"].text.startswith("Correct.") and ui["status"].kind == "ok"
    attempts = read_learner_workbook(path)["answers"][ex.id]
    assert [(a["answer"], a["correct"], a["module"]) for a in attempts] == [
        ("P03", False, "01-strand-I"),
        ("P01", True, "01-strand-I"),
    ]
    # checkboxes: the screening of an action
    screen = exercise(m.case, "screening", action=0)
    ui = _controls(m._widget(screen))
    assert len(ui["checkboxes"]) == 5 and "radio" not in ui
    ui["button"].click()  # ticking no test is an answer too: it passes none
    assert ui["status"].text.startswith("Not quite. Your screening differs")
    assert read_learner_workbook(path)["answers"][screen.id][0]["answer"] == []
    missing = exercise(m.case, "missing", round=1)
    ui_missing = _controls(m._widget(missing))
    ui_missing["button"].click()
    assert ui_missing["status"].text == "Choose an answer first."
    assert missing.id not in read_learner_workbook(path)["answers"]  # nothing to save
    for box in ui["checkboxes"][:3]:
        box.value = True  # democracy, economy, inclusive culture: as the partnership
    ui["button"].click()
    assert ui["status"].text.startswith("Correct.")


def test_the_static_copy_shows_question_evidence_and_choices(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from civicnb.course.widgets import Module

    monkeypatch.setenv("CIVICNB_STATIC", "1")
    m = Module("03-strand-III", lang="es")
    assert not m.interactive
    shown: list[Any] = []
    monkeypatch.setattr("civicnb.course.widgets.display", shown.append)
    m.exercise("withheld", question="CSO-VIII", raters="LA", round=0)
    m.reflection()
    html = shown[0].data
    assert "¿el informe muestra o reserva" in html and "○ Se reserva" in html
    assert "Abra este módulo en Voilà o en JupyterLab" in html
    assert "civicnb-write-here" in shown[1].data
    assert Case.load("", "es").records.locality.language == "es"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_served_module_links_to_the_packs_other_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from civicnb.course.widgets import Module

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.chdir(tmp_path)
    m = Module("03-strand-III", lang=lang)
    assert m.navigation() == ""  # a module alone: nowhere to go
    for name in ("00-introduction", "03-strand-III", "07-running-a-workshop"):
        (tmp_path / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "trainer-summary.ipynb").write_text("{}", encoding="utf-8")
    nav = m.navigation()
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    assert [(href, bool(cur)) for href, cur, _ in links] == [
        ("00-introduction.ipynb", False),
        ("03-strand-III.ipynb", True),
        ("07-running-a-workshop.ipynb", False),
    ]
    assert links[1][2] == "3. " + html.escape(m.case.strand_label("III"))
    label = "Course modules" if lang == "en" else "Módulos del curso"
    assert f'<nav class="civicnb-nav civicnb-modules" aria-label="{label}"><ul>' in nav
    shown: list[Any] = []
    monkeypatch.setattr("civicnb.course.widgets.display", shown.append)
    m.header()
    assert nav in _html_of(shown[0])


def _html_of(widget: Any) -> str:
    out = [getattr(widget, "value", "") or ""]
    for child in getattr(widget, "children", ()):
        out.append(_html_of(child))
    return "".join(str(x) for x in out)
