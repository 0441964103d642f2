"""The case a course group works on: its records, its analyses (cached per round), the
labels of its pairs, questions and strands, and what the exercises ask about (attendance,
who answered, common themes), as :mod:`civicnb.course.checks` and
:mod:`civicnb.course.exercises` both show them. No Jupyter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from civicnb.analysis import RoundAnalysis, analyse_round
from civicnb.errors import InputError, NotFoundError
from civicnb.framework.model import Framework
from civicnb.i18n import LANGUAGES, score, t
from civicnb.records import LocalityRecords, Round, Side
from civicnb.workshop.facilitation import common_themes

__all__ = ["Case"]


class Case:
    """The case data a course group works on, with its analyses (cached per round)."""

    def __init__(self, records: LocalityRecords, framework: Framework, lang: str = "") -> None:
        self.records = records
        self.framework = framework
        self.lang = lang or records.locality.language
        if self.lang not in LANGUAGES:
            raise InputError(
                f"language must be one of {', '.join(sorted(LANGUAGES))} (got {self.lang!r})"
            )
        self.rounds = tuple(sorted(records.rounds, key=lambda r: r.position))
        if not self.rounds:
            raise InputError(f"{records.locality.name} has no round: the case needs its rounds")
        self._analyses: dict[str, RoundAnalysis] = {}

    @classmethod
    def load(cls, path: str | Path = "", lang: str = "") -> Case:
        """Read a case workbook (empty: the canonical case shipped with civicnb)."""
        from civicnb.course.case import read_case, shipped_case
        from civicnb.framework import load_framework

        records = read_case(path or shipped_case(lang or "es"))
        return cls(records, load_framework(records.locality.edition), lang)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def round(self, key: int | str) -> Round:
        """A round by position (0 = baseline, -1 = the latest), label or id."""
        if isinstance(key, int):
            try:
                return self.rounds[key]
            except IndexError:
                raise InputError(f"the case has {len(self.rounds)} rounds (got {key})") from None
        for r in self.rounds:
            if key in (r.label, r.id):
                return r
        raise NotFoundError("round", key, [r.label for r in self.rounds])

    def analysis(self, key: int | str) -> RoundAnalysis:
        rnd = self.round(key)
        if rnd.id not in self._analyses:
            self._analyses[rnd.id] = analyse_round(
                self.framework,
                self.records.participants,
                self.records.ratings,
                min_group=self.records.locality.min_group,
                round_id=rnd.id,
            )
        return self._analyses[rnd.id]

    # labels
    def pair_label(self, pair_id: str, *, with_strand: bool = False) -> str:
        pair = self.framework.pair(pair_id)
        label = self.t("pair_n", n=pair.number)
        return f"{label} ({self.t('strand_n', n=pair.strand_id)})" if with_strand else label

    def question_label(self, question_id: str) -> str:
        q = self.framework.question(question_id)
        return self.t("rep_axis_" + q.side.value, n=q.number)

    def strand_label(self, strand_id: str) -> str:
        s = self.framework.strand(strand_id)
        return f"{self.t('strand_n', n=s.id)}: {s.title.get(self.lang)}"

    # what the exercises ask about, as their checkers and their evidence both show it
    def num(self, value: float | None, *, signed: bool = True, digits: int = 1) -> str:
        """A figure as the learner sees it (one decimal unless told)."""
        return score(value, "—", self.lang, signed=signed, digits=digits)

    def pairs_of(self, strand: str | None) -> list[str]:
        """The pairs' ids of ``strand`` (None: every pair)."""
        return [p.id for p in self.framework.pairs if strand is None or p.strand_id == strand]

    def attendance(self, round: int | str) -> list[tuple[str, bool, str]]:
        """(group, present, outreach note) of every group expected at ``round``."""
        rnd = self.round(round)
        return [
            (a.group, a.present, a.outreach_note)
            for a in self.records.attendance
            if a.round_id == rnd.id and a.expected
        ]

    def who_answered(self, question: str, round: int | str) -> dict[Side, tuple[int, int]]:
        """Per side, how many named and anonymous participants scored ``question``."""
        rnd = self.round(round)
        people = {p.id: p for p in self.records.participants}
        seen: dict[str, Side] = {}
        named: dict[str, bool] = {}
        for r in self.records.ratings:
            if r.round_id == rnd.id and r.question_id == question and r.score is not None:
                p = people.get(r.participant_id)
                if p is not None:
                    seen[p.id] = p.side
                    named[p.id] = p.named
        out = {}
        for side in Side:
            ids = [pid for pid, s in seen.items() if s == side]
            n_named = sum(1 for pid in ids if named[pid])
            out[side] = (n_named, len(ids) - n_named)
        return out

    def flags_text(self, flags: Sequence[str]) -> str:
        return ", ".join(self.t("fac_flag_" + f) for f in flags) or self.t("crs_no_flags")

    def theme_counts(self, round: int | str) -> dict[str, int]:
        """The World Café's common themes at ``round`` that its notes were tagged with."""
        rnd = self.round(round)
        notes = [n for n in self.records.harvest_notes if n.round_id == rnd.id]
        tagged = {" ".join(th.split()).casefold() for n in notes for th in n.themes}
        return {name: n for name, n in common_themes(notes, self.lang) if name.casefold() in tagged}
