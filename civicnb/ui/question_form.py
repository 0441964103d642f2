"""One question of a strand page, saved as the participant answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from civicnb.errors import CivicnbError, RoundClosedError
from civicnb.framework.model import Framework, Question
from civicnb.i18n import error_text, language_tag, t
from civicnb.records import MAX_NOTE, Rating
from civicnb.ui.rating import QuestionCard, scale_labels
from civicnb.workshop.participation import ParticipantSession, SessionEnded

__all__ = ["QuestionForm"]


class QuestionForm(QuestionCard):
    """One question. Built from framework data alone (so that a preheated kernel can
    build the whole page before anyone asks for it), then bound to a participant's
    session: every change is saved at once and the card says "Saved" (or what went
    wrong, keeping the text in the box)."""

    def __init__(
        self, framework: Framework, question: Question, lang: str, easy: bool = False
    ) -> None:
        super().__init__(**self._texts(framework, question, lang, easy), max_note=MAX_NOTE)
        self.question = question
        self.ui_lang = lang
        self.session: ParticipantSession | None = None
        self._binding = False
        self._on_saved: Callable[[], None] = lambda: None
        self.observe(self._rating_changed, names=["value", "dont_know"])
        self.observe(lambda c: self._save(note=c["new"]), names="note")
        self.observe(lambda c: self._save(would_help=c["new"]), names="would_help")
        self.add_class("civicnb-question")

    @staticmethod
    def _texts(
        framework: Framework, question: Question, lang: str, easy: bool = False
    ) -> dict[str, Any]:
        """The card's texts; in easy read, the question's easy read (the original
        wording behind a disclosure) and the easy words of the scale."""
        easy_here = easy and question.has_easy_read(lang)
        levels = sorted(framework.scale, key=lambda s: s.value)
        return {
            "legend": f"{question.number}. {question.wording(lang, easy)}",
            "labels": [f"{s.value} — {s.word(lang, True)}" for s in levels]
            if easy
            else scale_labels(framework.scale, lang),
            "original": question.text.get(lang) if easy_here else "",
            "original_label": t("original_wording", lang),
            "dont_know_label": framework.dont_know.get(lang),
            "lang": language_tag(lang),
            "heading": t("column_" + question.side.value, lang),
            "note_label": t("evidence", lang, n=question.number),
            "help_label": t("would_help", lang, n=question.number),
            "text_refused": t("saving_failed", lang, reason=t("text_unencodable", lang)),
        }

    def relabel(self, framework: Framework, lang: str, easy: bool = False) -> None:
        """Every text in ``lang`` (in easy read: ``easy``), in one message (before a
        participant is bound)."""
        with self.hold_sync():
            for name, value in self._texts(framework, self.question, lang, easy).items():
                setattr(self, name, value)
        self.ui_lang = lang

    def bind(
        self, session: ParticipantSession, stored: Rating | None, on_saved: Callable[[], None]
    ) -> None:
        """Show the participant's stored answer and save their changes from now on."""
        self._binding = True
        try:
            with self.hold_sync():
                mine = self.question.side == session.participant.side
                self.heading_tag = t("your_side" if mine else "optional_side", self.ui_lang)
                self.note = stored.note if stored else ""
                self.would_help = stored.would_help if stored else ""
                if stored is not None:
                    self.set_answer(stored.score, stored.dont_know)
        finally:
            self._binding = False
        self.session = session
        self._on_saved = on_saved

    def _rating_changed(self, change: dict[str, Any]) -> None:
        if change["name"] == "dont_know":
            if change["new"]:
                self._save(dont_know=True)
        elif change["new"]:
            self._save(score=int(change["new"]))

    def _save(self, **fields: Any) -> None:
        if self.session is None or self._binding:
            return
        lang = self.ui_lang
        try:
            self.session.save(self.question.id, **fields)
        except SessionEnded:
            self.show_status(t("session_ended", lang), "error")
            return
        except RoundClosedError as exc:  # the next round was opened since the page opened
            self.show_status(t("round_closed", lang, closed=exc.closed, latest=exc.latest), "error")
            return
        except CivicnbError as exc:
            # the text stays in the box: nothing typed is lost
            self.show_status(t("saving_failed", lang, reason=error_text(exc, lang)), "error")
            return
        except Exception as exc:  # whatever the library refuses: never "Saved" when not
            what = t("save_refused", lang, what=type(exc).__name__)
            self.show_status(t("saving_failed", lang, reason=what), "error")
            return
        # a new text at every save, so that screen readers announce each one
        now = datetime.now().strftime("%H:%M:%S")
        text = f"✓ {t('saved_at', lang, time=now)}"
        if text == self.status_text:
            text = f"✓ {t('saved_again_at', lang, time=now)}"
        self.show_status(text, "ok")
        self._on_saved()
