# ruff: noqa: E501  (HTML built from escaped parts)
"""The course notebooks' exercise widgets (ipywidgets; Voilà and JupyterLab).

A module notebook makes one :class:`Module` and calls it cell by cell::

    m = Module("01-strand-I", group=group, lang=lang, variant=variant, case=case,
               learner=learner)
    m.exercise("largest_gap", strand="I", round=0)
    m.reflection()

An exercise shows its question, the evidence to look at, a labelled answer control
(radio buttons, or checkboxes when several answers are ticked), a "Check my answer"
button and a polite ``role=status`` region for the feedback, which is set as text (never
markup). Every checked answer and every reflection is saved in the learner's workbook
(:mod:`civicnb.course.learner`).

Executed without a front-end (papermill, when packs are made), nothing interactive is
shown: the question, the evidence and the choices are printed as a static copy, which is
also what the printable handouts show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import ipywidgets as W
from IPython import display as _ipython_display

from civicnb.course.exercises import Exercise, exercise
from civicnb.course.group_case import Case
from civicnb.course.learner import MAX_TEXT, LearnerWorkbook
from civicnb.course.names import course_lang
from civicnb.errors import CivicnbError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import MESSAGES, number, t
from civicnb.ui.context import LiveStatus, PageContext
from civicnb.ui.environment import is_interactive
from civicnb.ui.inputs import text_area

__all__ = ["Module"]

# IPython's display functions carry no type information
display: Any = _ipython_display.display
HTML: Any = _ipython_display.HTML


class Module:
    """One course module: its case data, its learner's workbook, its exercises."""

    def __init__(
        self,
        module: str,
        *,
        group: str = "",
        lang: str = "es",
        variant: int = 0,
        case: str = "",
        learner: str = "",
        graded: bool = False,
    ) -> None:
        self.module = module
        self.graded = graded
        """True in the course for nbgrader (:mod:`civicnb.course.grading`): exercises show
        lettered choices, answered in the cell below and checked by :meth:`check`."""
        self.group = group
        self.lang = course_lang(lang)
        self.variant = variant
        self.case = Case.load(case, self.lang)
        self.workbook = LearnerWorkbook(Path(learner), module) if learner else None
        self.interactive = is_interactive()
        self._count = 0

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def _unwritable(self) -> str:
        """Why an answer or reflection was not saved, in the learner's language (the
        file system's own message is English: it is not shown)."""
        name = self.workbook.path.name if self.workbook is not None else "—"
        return self._t("crs_workbook_unwritable", file=name)

    # --- the top of the module --------------------------------------------------------

    def title(self, module: str = "") -> str:
        """The title of this module (or of ``module``): its strand's name, or its own."""
        module = module or self.module
        found = re.fullmatch(r"\d\d-strand-(I|II|III|IV|V|VI)", module)
        if found:
            return self.case.strand_label(found.group(1))
        key = f"crs_title_{module[:2]}"
        return self._t(key) if key in MESSAGES else module

    def navigation(self, folder: str | Path = ".") -> str:
        """Links to the pack's modules (the notebooks next to this one, in the course's
        order), this one marked as the current page; empty for a module alone. Relative
        links: they work in Voilà (``civicnb serve --course``) and in JupyterLab."""
        from civicnb.course.packs import MODULES

        here = Path(folder)
        present = [m for m in MODULES if (here / f"{m}.ipynb").is_file()]
        if len(present) < 2:
            return ""
        items = "".join(
            f'<li><a href="{_h(m)}.ipynb"'
            + (' aria-current="page"' if m == self.module else "")
            + f">{int(m[:2])}. {_h(self.title(m))}</a></li>"
            for m in present
        )
        label = _h(self._t("crs_modules_nav"))
        return (
            f'<nav class="civicnb-nav civicnb-modules" aria-label="{label}"><ul>{items}</ul></nav>'
        )

    def header(self, title: str = "") -> None:
        """The group and the case this module works on (and, served, the page language
        and title)."""
        loc = self.case.records.locality
        parts = [loc.name]
        if self.group:
            parts.insert(0, self.group)
        if self.variant:
            parts.append(self._t("crs_variant", n=self.variant))
        line = f'<p class="civicnb-place">{_h(" · ".join(parts))}</p>'
        if self.interactive:
            page = PageContext(lang=self.lang, title=title or self.title())
            box = W.VBox([page, W.HTML(line + self.navigation())])
            box.add_class("civicnb-page")
            display(box)
        else:
            display(HTML(line))

    def strand(self, strand_id: str) -> None:
        """A strand as the framework gives it: its guiding question (quoted from the
        source), our summary, its named elements, and the source."""
        fw = self.case.framework
        s = fw.strand(strand_id)
        a = fw.attribution
        groups = "".join(
            f"<h3>{_h(g.title.get(self.lang))}</h3><ul>"
            + "".join(
                f"<li><strong>{_h(e.title.get(self.lang))}</strong>: {_h(e.summary.get(self.lang))}"
                + (f" <em>{_h(e.test.get(self.lang))}</em>" if e.test else "")
                + "</li>"
                for e in g.elements
            )
            + "</ul>"
            for g in s.element_groups
        )
        source = self._t("source", source=f"{a.author}, {a.title} ({a.publisher}, {a.year})")
        display(
            HTML(
                f'<section class="civicnb-strand"><h2>{_h(self.case.strand_label(s.id))}</h2>'
                f"<blockquote>{_h(s.guiding_question.get(self.lang))}</blockquote>"
                f"<p>{_h(s.summary.get(self.lang))}</p>{groups}"
                f'<p class="civicnb-hint">{_h(source)}</p></section>'
            )
        )

    def download(self) -> None:
        """A button to download the learner's workbook (to hand it to the trainer)."""
        if not self.interactive or self.workbook is None:
            return
        from civicnb.course.learner import read_learner_workbook
        from civicnb.ui.context import DownloadButton

        path = self.workbook.path
        status = LiveStatus()

        def data() -> bytes:
            doc = read_learner_workbook(path)
            return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

        def failed(exc: Exception) -> None:
            status.show(self._t("crs_not_saved", reason=self._unwritable()), "error")

        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.group).strip("-") or "group"
        button = DownloadButton(
            self._t("crs_download"), f"learner-{name}.json", "application/json", data, failed
        )
        box = W.VBox([button, status])
        box.add_class("civicnb-page")
        display(box)

    # --- exercises ---------------------------------------------------------------------

    def exercise(self, kind: str, **params: Any) -> None:
        """Show the exercise ``kind`` on this module's case (see
        :func:`civicnb.course.exercises.exercise` for the kinds and their parameters)."""
        ex = exercise(self.case, kind, **params)
        self._count += 1
        if self.graded:
            display(HTML(self._lettered(ex)))
        elif self.interactive:
            display(self._widget(ex))
        else:
            display(HTML(self._static(ex)))

    def _heading(self, ex: Exercise) -> str:
        hint = f'<p class="civicnb-hint">{_h(ex.hint)}</p>' if ex.hint else ""
        return (
            f"<h3>{_h(self._t('crs_exercise'))} {self._count}</h3>"
            f'<p class="civicnb-question"><strong>{_h(ex.prompt)}</strong></p>{hint}'
            f'<div class="civicnb-evidence" style="overflow-wrap: normal">{ex.evidence}</div>'
        )

    def _static(self, ex: Exercise) -> str:
        box = "☐" if ex.multiple else "○"
        items = "".join(f"<li>{box} {_h(c.label)}</li>" for c in ex.choices)
        return (
            f'<section class="civicnb-exercise" id="{_h(ex.id)}">{self._heading(ex)}'
            f"<p>{_h(self._t('crs_choices'))}</p>"
            f'<ul class="civicnb-choices">{items}</ul>'
            f'<p class="civicnb-hint civicnb-static-note"><em>{_h(self._t("crs_static_note"))}</em></p>'
            "</section>"
        )

    def _lettered(self, ex: Exercise) -> str:
        """The exercise for nbgrader: its choices lettered, answered in the next cell."""
        from civicnb.course.grading import letter

        items = "".join(
            f"<li><strong>{letter(i)}</strong>: {_h(c.label)}</li>"
            for i, c in enumerate(ex.choices)
        )
        where = self._t("crs_nbg_where_many" if ex.multiple else "crs_nbg_where_one")
        return (
            f'<section class="civicnb-exercise" id="{_h(ex.id)}">{self._heading(ex)}'
            f"<p>{_h(self._t('crs_choices'))}</p>"
            f'<ul class="civicnb-choices civicnb-lettered" style="list-style: none">{items}</ul>'
            f'<p class="civicnb-hint"><em>{_h(where)}</em></p></section>'
        )

    def check(self, kind: str, answer: object, **params: Any) -> None:
        """nbgrader's test of an exercise (:mod:`civicnb.course.grading`): print the
        feedback on a right ``answer`` (letters, as the learner wrote them), raise
        :class:`~civicnb.course.grading.NotRight` (an AssertionError) with the feedback on
        any other."""
        from civicnb.course.grading import NotRight, check_letters

        feedback = check_letters(exercise(self.case, kind, **params), answer, self.lang)
        if not feedback.correct:
            raise NotRight(feedback.message)
        print(feedback.message)

    def _widget(self, ex: Exercise) -> W.VBox:
        question = W.HTML(self._heading(ex))
        control: W.Widget
        boxes: list[W.Checkbox] = []
        radio: W.RadioButtons | None = None
        if ex.multiple:
            boxes = [
                W.Checkbox(
                    value=False, description=c.label, indent=False, layout=W.Layout(width="auto")
                )
                for c in ex.choices
            ]
            control = W.VBox(boxes)
            control.add_class("civicnb-choices")
        else:
            radio = W.RadioButtons(
                options=[(c.label, c.value) for c in ex.choices],
                value=None,
                description=self._t("crs_your_answer"),
                layout=W.Layout(width="auto"),
            )
            radio.style.description_width = "initial"
            radio.add_class("civicnb-stacked")
            control = radio
        check = W.Button(
            description=self._t("crs_check"),
            button_style="primary",
            layout=W.Layout(width="max-content"),  # Lab would cut the label at its width
        )
        status = LiveStatus()

        def answer() -> str | list[str]:
            if radio is not None:
                return str(radio.value) if radio.value is not None else ""
            return [c.value for c, b in zip(ex.choices, boxes, strict=True) if b.value]

        def on_check(_button: Any) -> None:
            given = answer()
            fb = ex.check(given)
            text = fb.message
            if self.workbook is not None and fb.answered:
                try:
                    self.workbook.record(ex.id, given, ex.label_of(given), fb.correct)
                except (CivicnbError, OSError):
                    text += " " + self._t("crs_not_saved", reason=self._unwritable())
            status.show(text, "ok" if fb.correct else "error")

        check.on_click(on_check)
        box = W.VBox([question, control, check, status])
        box.add_class("civicnb-exercise")
        box.add_class("civicnb-page")
        return box

    # --- reflection ---------------------------------------------------------------------

    def reflection(self) -> None:
        """A text box for the module's reflection (its prompt is the markdown cell above),
        saved in the learner's workbook when the learner leaves the box or presses
        "Save my reflection"."""
        if not self.interactive:
            lines = '<div class="civicnb-write-here" aria-hidden="true"></div>'
            display(HTML(f'<section class="civicnb-reflection">{lines}</section>'))
            return
        saved = self.workbook.reflection() if self.workbook is not None else ""
        text = text_area(
            value=saved,
            description=self._t("crs_reflection_label"),
            rows=6,
            layout=W.Layout(width="100%"),
        )
        text.style.description_width = "initial"
        text.add_class("civicnb-stacked")
        button = W.Button(
            description=self._t("crs_save_reflection"), layout=W.Layout(width="max-content")
        )
        status = LiveStatus()

        def save(_: Any = None) -> None:
            if self.workbook is None:
                status.show(self._t("crs_not_saved", reason=self._t("crs_no_workbook")), "error")
                return
            if not text.value.strip():
                status.show(self._t("crs_reflection_empty"), "error")
                return
            if len(text.value) > MAX_TEXT:
                n, most = number(len(text.value), self.lang), number(MAX_TEXT, self.lang)
                status.show(self._t("crs_reflection_too_long", max=most, n=n), "error")
                return
            try:
                self.workbook.save_reflection(text.value)
            except (CivicnbError, OSError):
                status.show(self._t("crs_not_saved", reason=self._unwritable()), "error")
            else:
                status.show(self._t("crs_reflection_saved"), "ok")

        button.on_click(save)
        text.observe(lambda change: save() if change["new"].strip() else None, names="value")
        box = W.VBox([text, button, status])
        box.add_class("civicnb-reflection")
        box.add_class("civicnb-page")
        display(box)
