"""Who's not here: the groups expected, whether they came, and the outreach to them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as W

from civicnb.errors import CivicnbError, InputError
from civicnb.html.reveal import attendance_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import Attendance
from civicnb.ui.facilitator.section import Section, failure, offer, stacked
from civicnb.ui.inputs import text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.facilitation import not_fully_heard, whos_not_here

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["AttendanceSection"]


class _AttendanceRow(W.VBox):
    """One stakeholder group: present or not, and the outreach note (saved on change;
    a note that cannot be saved stays in the box as a draft)."""

    def __init__(self, section: AttendanceSection, a: Attendance) -> None:
        lang = section.lang
        self.draft = False
        present = W.Checkbox(
            value=a.present, description=t("fac_present", lang, group=a.group), indent=False
        )
        present.layout.width = "auto"
        note = text_box(
            value=a.outreach_note,
            description=t("fac_outreach", lang, group=a.group),
        )
        stacked(note)
        unheard = text_box(
            value=a.unheard_note,
            description=t("fac_not_heard", lang, group=a.group),
        )
        stacked(unheard)
        self.present, self.note, self.unheard = present, note, unheard

        def show() -> None:
            # outreach for a group not here; for a group here, whose voice is not heard
            note.layout.display = "none" if present.value else None
            unheard.layout.display = None if present.value else "none"

        def save(_c: Any) -> None:
            show()
            try:
                section.rec.save_attendance(
                    Attendance(
                        a.round_id,
                        a.group,
                        True,
                        present.value,
                        note.value,
                        id=a.id,
                        unheard_note=unheard.value,
                    )
                )
            except CivicnbError as exc:
                self.draft = True
                section.status.show(failure(exc, lang), "error")
                return
            self.draft = False
            section.status.show(f"✓ {t('saved', lang)}", "ok")
            section._summary()

        present.observe(save, names="value")
        note.observe(save, names="value")
        unheard.observe(save, names="value")
        show()
        super().__init__([present, note, unheard])
        self.add_class("civicnb-attendance")


class AttendanceSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.rec.add_default_attendance(self.round.id, lang)
        self.rows = W.VBox([])
        self.row_of: dict[str, _AttendanceRow] = {}
        """The row of each group, kept while it holds a note that could not be saved."""
        self.group = text_box(description=t("fac_new_group", lang))
        stacked(self.group)
        add = W.Button(description=t("fac_add_group", lang))
        add.on_click(self.guarded(self._add))
        self.drop = W.Dropdown(description=t("fac_group", lang))
        stacked(self.drop)
        remove = W.Button(description=t("fac_remove_group", lang))
        remove.on_click(self.guarded(self._remove))
        self.missing = html_widget("")
        self.children = [
            html_widget(
                f"<h2>{_h(t('fac_whos_not_here', lang))}</h2><p>{_h(t('fac_attendance_text', lang))}</p>"
                f"<p>{_h(t('fac_not_heard_text', lang))}</p>"
            ),
            self.rows,
            self.missing,
            html_widget(f"<h3>{_h(t('fac_edit_groups', lang))}</h3>"),
            self.group,
            add,
            self.drop,
            remove,
            self.status,
        ]
        self.refresh()

    def _add(self) -> str:
        self.rec.save_attendance(Attendance(self.round.id, self.group.value, True, False))
        self.group.value = ""
        return f"✓ {t('saved', self.lang)}"

    def _remove(self) -> str:
        if not self.drop.value:
            raise InputError(t("fac_pick_group", self.lang))
        self.rec.delete_attendance(self.drop.value)
        return f"✓ {t('saved', self.lang)}"

    def _summary(self) -> None:
        rid = self.round.id
        self.missing.value = attendance_html(
            whos_not_here(self.store, rid), self.lang, not_fully_heard(self.store, rid)
        )

    def refresh(self) -> None:
        records = [a for a in self.store.attendance(self.round.id) if a.expected]
        rows: list[_AttendanceRow] = []
        for a in records:
            row = self.row_of.get(a.id)
            if row is None or not row.draft:
                row = self.row_of[a.id] = _AttendanceRow(self, a)
            rows.append(row)
        self.rows.children = rows
        offer(self.drop, [(a.group, a.id) for a in records])
        self._summary()
