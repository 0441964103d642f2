"""The World Café harvest: notes per table and round, tagged with themes; the common
themes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from civicnb.errors import InputError
from civicnb.html.recorded import recorded_by_column
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import t
from civicnb.records import HarvestNote
from civicnb.ui.facilitator.section import Section, offer, stacked
from civicnb.ui.inputs import text_area, text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.facilitation import common_themes

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["CafeSection"]


def _themes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(p.split()) for p in text.split(",") if p.strip()))


class CafeSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.table = text_box(description=t("fac_table", lang))
        self.cafe_round = W.BoundedIntText(
            value=1, min=1, max=20, description=t("fac_cafe_round", lang)
        )
        self.text = text_area(description=t("fac_harvest_text", lang), rows=3)
        self.tags = text_box(description=t("fac_themes_input", lang))
        stacked(self.table, self.cafe_round, self.text, self.tags)
        add = W.Button(description=t("fac_add_note", lang))
        add.add_class("civicnb-primary")
        add.on_click(self.guarded(self._add))
        self.notes = html_widget("")
        self.themes = html_widget("")
        self.theme = text_box(description=t("fac_theme", lang))
        self.note_pick = W.Dropdown(description=t("fac_note", lang))
        self.note_tags = text_box(description=t("fac_themes_input", lang))
        stacked(self.theme, self.note_pick, self.note_tags)
        tag = W.Button(description=t("fac_tag_theme", lang))
        tag.on_click(self.guarded(self._tag))
        retag = W.Button(description=t("fac_save_themes", lang))
        retag.on_click(self.guarded(self._retag))
        self._quiet = False
        self.note_pick.observe(self._picked, names="value")
        self.children = [
            html_widget(f"<h2>{_h(t('fac_cafe', lang))}</h2><p>{_h(t('fac_cafe_text', lang))}</p>"),
            self.themes,
            self.theme,
            tag,
            self.notes,
            html_widget(f"<h3>{_h(t('fac_new_note', lang))}</h3>"),
            self.table,
            self.cafe_round,
            self.text,
            self.tags,
            add,
            html_widget(f"<h3>{_h(t('fac_edit_themes', lang))}</h3>"),
            self.note_pick,
            self.note_tags,
            retag,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.rec.add_harvest_note(
            HarvestNote(
                self.round.id,
                self.table.value,
                self.text.value,
                cafe_round=int(self.cafe_round.value),
                themes=_themes(self.tags.value),
            )
        )
        self.text.value = ""
        self.tags.value = ""
        return f"✓ {t('saved', self.lang)}"

    def _tag(self) -> str:
        n = self.rec.tag_theme(self.round.id, self.theme.value)
        self.theme.value = ""
        return t("fac_tagged", self.lang, n=n)

    def _retag(self) -> str:
        for note in self.store.harvest_notes(self.round.id):
            if note.id == self.note_pick.value:
                self.rec.save_harvest_note(replace(note, themes=_themes(self.note_tags.value)))
                return f"✓ {t('saved', self.lang)}"
        raise InputError(t("fac_pick_note", self.lang))

    def _picked(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        for note in self.store.harvest_notes(self.round.id):
            if note.id == change["new"]:
                self.note_tags.value = ", ".join(note.themes)

    def refresh(self) -> None:
        lang = self.lang
        notes = self.store.harvest_notes(self.round.id)
        themes = common_themes(notes, lang)
        items = "".join(f"<li>{_h(name)} ({n})</li>" for name, n in themes)
        self.themes.value = f"<h3>{_h(t('fac_common_themes', lang))}</h3>" + (
            f"<ol>{items}</ol>" if items else f"<p>{_h(t('fac_no_themes', lang))}</p>"
        )
        rows: list[list[object]] = [
            [n.table, n.cafe_round, n.text, ", ".join(n.themes) or "—"] for n in notes
        ]
        head = [
            t(k, lang) for k in ("fac_table", "fac_cafe_round", "fac_harvest_text", "fac_themes")
        ]
        head, rows = recorded_by_column(head, rows, notes, lang)
        self.notes.value = f"<h3>{_h(t('fac_harvest', lang))}</h3>" + (
            html_table(head, rows, label=t("fac_harvest", lang))
            if notes
            else f"<p>{_h(t('fac_no_notes', lang))}</p>"
        )
        # the note being re-tagged stays chosen, and its themes as typed (a draft)
        self._quiet = True
        try:
            changed = offer(
                self.note_pick,
                [(f"{n.table} · {n.cafe_round}: {n.text[:60]}", n.id) for n in notes],
            )
        finally:
            self._quiet = False
        if changed:
            self._picked({"new": self.note_pick.value})
