"""Paper booklets: a facilitator types in one participant's paper booklet at a time.

Keyboard-first: the side, the organisation and, on the local authority's side, the role
(when the locality has organisations), the name or pseudonym and the consent, then one
small text box per question in the booklet's order (1 to 5, ``?`` for "don't know",
empty when not answered), then "Save booklet". The booklet's written notes (evidence,
"what would help") are typed in too when "The booklet has written notes" is ticked: a
box for each beside every question, hidden (and out of the Tab order) otherwise. The booklet is read and stored exactly as a row of the paper-answers template
(:func:`civicnb.workshop.collection.enter_booklet`): all or nothing, in one
transaction. On an error nothing is saved and everything typed stays; once saved, the
form is emptied for the next booklet and the focus goes back to its top."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as W

from civicnb.errors import InputError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import keyed, t
from civicnb.records import Side
from civicnb.ui.facilitator.section import Section, offer, stacked
from civicnb.ui.inputs import text_area, text_box
from civicnb.ui.markup import html_widget
from civicnb.workshop.collection import Booklet, enter_booklet

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["EntrySection"]


class EntrySection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        self.side = W.Dropdown(
            description=t("entry_side", lang),
            options=[(t("entry_choose_side", lang), "")]
            + [(t(f"side_{s.value}", lang), s.value) for s in Side],
            value="",
        )
        self.organisation = W.Dropdown(description=t("entry_organisation", lang))
        self.role = W.Dropdown(
            description=t("entry_role", lang),
            options=[
                (t("role_none", lang), ""),
                (t("role_elected", lang), "elected"),
                (t("role_officer", lang), "officer"),
            ],
            value="",
        )
        self.with_notes = W.Checkbox(description=t("entry_with_notes", lang), indent=False)
        self.with_notes.layout.width = "auto"
        self.name = text_box(description=t("entry_name", lang))
        self.consent = W.Checkbox(description=t("entry_consent", lang), indent=False)
        self.consent.layout.width = "auto"
        stacked(self.side, self.organisation, self.role, self.name)
        self.answers: dict[str, W.Text] = {}
        """One box per question, by question id, in the booklet's order."""
        self.notes: dict[str, W.Textarea] = {}
        """The evidence note written beside each question, by question id."""
        self.would_help: dict[str, W.Text] = {}
        """What would help, as written beside each question, by question id."""
        self.note_boxes: list[W.Box] = []
        parts: list[W.Widget] = []
        for strand in self.ctx.framework.strands:
            if not strand.questions:
                continue
            parts.append(
                html_widget(
                    f"<h3>{_h(t('entry_strand', lang, strand=strand.id, title=strand.title.get(lang)))}</h3>"
                )
            )
            for q in strand.questions:
                box = text_box(
                    description=f"{q.id} · {q.title.get(lang)}",
                    placeholder=t("entry_placeholder", lang),
                )
                box.style.description_width = "initial"
                box.add_class("civicnb-entry-answer")
                self.answers[q.id] = box
                note = text_area(description=t("entry_note", lang, question=q.id), rows=2)
                helps = text_box(description=t("entry_would_help", lang, question=q.id))
                stacked(note, helps)
                self.notes[q.id], self.would_help[q.id] = note, helps
                notes = W.VBox([note, helps])
                notes.add_class("civicnb-entry-notes")
                self.note_boxes.append(notes)
                parts += [box, notes]
        self.save = W.Button(description=t("entry_save", lang))
        self.save.add_class("civicnb-primary")
        self.save.on_click(self.guarded(self._save))
        self.side.observe(lambda _c: self._organisations(), names="value")
        self.with_notes.observe(lambda _c: self._show_notes(), names="value")
        self._show_notes()
        self.org_box = W.VBox([])
        self.children = [
            html_widget(
                f"<h2>{_h(t('entry_heading', lang))}</h2><p>{_h(t('entry_text', lang))}</p>"
            ),
            self.side,
            self.org_box,
            self.name,
            self.consent,
            self.with_notes,
            *parts,
            self.save,
            self.status,
        ]
        self.refresh()

    def _organisations(self) -> None:
        """The organisations of the side chosen, when the locality has any."""
        orgs = self.store.organisations(self.ctx.locality.id)
        la = self.side.value == Side.LA.value
        self.org_box.children = ([self.organisation] + ([self.role] if la else [])) if orgs else []
        offer(
            self.organisation,
            [(t("org_none", self.lang), "")]
            + [(o.name, o.id) for o in orgs if o.side.value == self.side.value],
        )
        if self.organisation.value is None:
            self.organisation.value = ""  # "No organisation", shown as such

    def _show_notes(self) -> None:
        """The note boxes shown only for a booklet with notes: hidden boxes are out of
        the page's Tab order, so a booklet of numbers alone is typed answer to answer."""
        for box in self.note_boxes:
            box.layout.display = "" if self.with_notes.value else "none"

    def _save(self) -> str:
        if not self.side.value:
            raise keyed(InputError, "entry_err_side")
        self.rec.check()  # a revoked key writes nothing
        booklet = Booklet(
            Side(self.side.value),
            self.name.value,
            bool(self.consent.value),
            {qid: box.value for qid, box in self.answers.items()},
            organisation_id=self.organisation.value or None if self.org_box.children else None,
            role=self.role.value if self.role in self.org_box.children else "",
            notes={qid: box.value for qid, box in self.notes.items()},
            would_help={qid: box.value for qid, box in self.would_help.items()},
        )
        person, number = enter_booklet(
            self.store, self.ctx.framework, self.ctx.locality, self.round, booklet
        )
        self._clear()
        self.fac.chooser.focus(self.marker)  # back to the top, for the next booklet
        return t("entry_saved", self.lang, number=number, name=person.name)

    def _clear(self) -> None:
        self.side.value = ""
        self.name.value = ""
        self.consent.value = False
        self.role.value = ""
        for box in [*self.answers.values(), *self.notes.values(), *self.would_help.values()]:
            box.value = ""

    def refresh(self) -> None:
        self._organisations()
