"""The reveal: showing the room a strand pair by pair, and recording the agreed rating
of each pair with the narrative behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as W

from civicnb.errors import CivicnbError
from civicnb.html.organisations import organisations_pair_html
from civicnb.html.recorded import recorded_by_note
from civicnb.html.reveal import pair_reveal_html, reveal_intro_html
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import t
from civicnb.records import JointRating
from civicnb.ui.context import LiveStatus
from civicnb.ui.facilitator.section import Section, failure, stacked
from civicnb.ui.inputs import text_area
from civicnb.ui.markup import html_widget
from civicnb.ui.rating import RatingGroup, scale_labels
from civicnb.workshop.facilitation import hide_strand, reveal_strand, reveal_view, revealed_strands
from civicnb.workshop.progress import then_and_now

if TYPE_CHECKING:
    from civicnb.ui.facilitator.page import FacilitatorPage

__all__ = ["JointForm", "RevealSection"]


class JointForm(W.VBox):
    """The agreed rating of one pair and the narrative behind it.

    Saved on change (a rating chosen, the narrative left), like a participant's answers;
    the button saves again. What could not be saved stays in the form as a draft, and
    :meth:`load` (coming back to the section) never overwrites a draft.
    """

    def __init__(self, section: RevealSection, pair_id: str, current: JointRating | None) -> None:
        lang = section.lang
        fw = section.ctx.framework
        pair = fw.pair(pair_id)
        self.section = section
        self.pair_id = pair_id
        self.lang = lang
        self.score = RatingGroup(
            legend=t("fac_agreed_rating", lang, n=pair.number),
            labels=scale_labels(fw.scale, lang),
            dont_know_label=t("fac_not_agreed", lang),
            lang=lang,
        )
        self.narrative = text_area(description=t("fac_narrative", lang, n=pair.number), rows=3)
        stacked(self.narrative)
        save = W.Button(description=t("fac_save_agreed", lang, n=pair.number))
        save.add_class("civicnb-primary")
        self.status = LiveStatus()
        self.by = html_widget("", "civicnb-joint-by")
        """Who recorded the stored agreement ("recorded by NAME")."""
        self._stored: tuple[int | None, str] = (None, "")
        self._quiet = False
        self.load(current)
        self.score.observe(self._changed, names=["value", "dont_know"])
        self.narrative.observe(self._changed, names="value")
        save.on_click(lambda _b: self.save())
        super().__init__(
            [
                html_widget(f"<h4>{_h(t('fac_agreed_title', lang, n=pair.number))}</h4>"),
                self.score,
                self.narrative,
                self.by,
                save,
                self.status,
            ]
        )
        self.add_class("civicnb-joint")

    def agreed(self) -> tuple[int | None, str]:
        """What the form shows: (score or None, narrative)."""
        return self.score.score, self.narrative.value

    @property
    def draft(self) -> bool:
        """True while the form holds something the store does not."""
        return self.agreed() != self._stored

    def load(self, current: JointRating | None) -> None:
        """Show the stored agreement, unless the form holds a draft."""
        if self.draft:
            return
        score, narrative = (current.score, current.narrative) if current else (None, "")
        self._quiet = True
        try:
            self.score.set_answer(score, dont_know=score is None)
            self.narrative.value = narrative
        finally:
            self._quiet = False
        self._stored = (score, narrative)
        self._show_by(current.recorded_by if current else "")

    def _show_by(self, name: str) -> None:
        note = recorded_by_note(name, self.lang)
        self.by.value = f"<p>{note}</p>" if note else ""

    def _changed(self, _change: Any) -> None:
        if not self._quiet and self.draft:
            self.save()

    def save(self) -> None:
        score, narrative = self.agreed()
        sec = self.section
        try:
            saved = sec.rec.save_joint_rating(
                JointRating(sec.round.id, self.pair_id, score, narrative)
            )
        except CivicnbError as exc:
            self.status.show(failure(exc, self.lang), "error")
            return
        self._stored = (score, narrative)
        self._show_by(saved.recorded_by)
        self.status.show(f"✓ {t('saved', self.lang)}", "ok")


class RevealSection(Section):
    def __init__(self, fac: FacilitatorPage) -> None:
        super().__init__(fac)
        lang = self.lang
        fw = self.ctx.framework
        self.strand = W.Dropdown(
            options=[
                (f"{t('strand_n', lang, n=s.id)}: {s.title.get(lang)}", s.id)
                for s in fw.strands
                if s.pairs
            ],
            description=t("fac_strand", lang),
        )
        stacked(self.strand)
        reveal = W.Button(description=t("fac_reveal", lang))
        reveal.add_class("civicnb-primary")
        hide = W.Button(description=t("fac_hide", lang))
        reveal.on_click(self.guarded(self._reveal))
        hide.on_click(self.guarded(self._hide))
        self.body = W.VBox([])
        self.forms: dict[str, JointForm] = {}
        """One form per pair, kept for the page's life (drafts survive)."""
        self.strand.observe(lambda _c: self.refresh(), names="value")
        self.children = [
            html_widget(
                f"<h2>{_h(t('fac_reveal_title', lang))}</h2><p>{_h(t('fac_reveal_text', lang))}</p>"
            ),
            self.strand,
            W.HBox([reveal, hide], layout=W.Layout(flex_flow="row wrap")),
            self.status,
            self.body,
        ]
        self.refresh()

    def _reveal(self) -> str:
        self.rec.check()
        reveal_strand(  # the snapshot the room sees is taken now (docs/privacy.md)
            self.store,
            self.round.id,
            self.strand.value,
            framework=self.ctx.framework,
            locality=self.ctx.locality,
        )
        return t("fac_now_revealed", self.lang, n=self.strand.value)

    def _hide(self) -> str:
        self.rec.check()
        hide_strand(self.store, self.round.id, self.strand.value)
        return t("fac_now_hidden", self.lang, n=self.strand.value)

    def refresh(self) -> None:
        lang = self.lang
        sid = self.strand.value
        if sid not in revealed_strands(self.store, self.round.id):
            self.body.children = [
                html_widget(f'<p role="note">{_h(t("fac_still_hidden", lang, n=sid))}</p>')
            ]
            return
        fw = self.ctx.framework
        reveal = reveal_view(self.store, fw, self.ctx.locality, self.round, sid, lang=lang)
        joint = {j.pair_id: j for j in self.store.joint_ratings(self.round.id)}
        then_now = then_and_now(self.store, fw, self.ctx.locality, self.round, reveal)
        parts: list[W.Widget] = [html_widget(reveal_intro_html(reveal, fw, lang))]
        for pr in reveal.pairs:
            parts.append(html_widget(pair_reveal_html(pr, fw, lang, then_now), "civicnb-reveal"))
            pid = pr.pair.pair_id
            by_org = organisations_pair_html(reveal.organisations, pid, fw, lang)
            if by_org:
                parts.append(html_widget(by_org, "civicnb-reveal"))
            form = self.forms.get(pid)
            if form is None:
                form = self.forms[pid] = JointForm(self, pid, joint.get(pid))
            else:
                form.load(joint.get(pid))
            parts.append(form)
        self.body.children = parts
