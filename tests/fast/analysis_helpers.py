"""Builders for the analysis tests: a small framework, participants and ratings."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from civicnb.framework.model import (
    ROMAN,
    Attribution,
    Element,
    ElementGroup,
    Framework,
    Pair,
    Question,
    ScaleLevel,
    Strand,
    Text,
)
from civicnb.records import Participant, Rating, Side

LOC = "loc"
ROUND = "r1"
DESIGN_TESTS = ("democracy", "economy", "inclusive_culture", "wellbeing", "links")
STRANDS = ("I", "II", "III", "IV", "V")


def _t(s: str) -> Text:
    return Text(en=s, es=f"[es] {s}")


def make_framework(pairs_per_strand: Sequence[int] = (3, 3, 3, 3, 3)) -> Framework:
    """A framework shaped like the real one: strands I…V with 3 pairs each by default
    (pair n = LA-0n with CSO-roman n), strand VI without pairs, and strand IV's five
    design tests."""
    number = itertools.count(1)
    strands: list[Strand] = []
    for sid, n_pairs in zip((*STRANDS, "VI"), (*pairs_per_strand, 0), strict=True):
        pairs = []
        for _ in range(n_pairs):
            n = next(number)
            pid = f"P{n:02d}"
            la = Question(f"LA-{n:02d}", str(n), Side.LA, pid, sid, _t(f"LA question {n}"))
            cso = Question(f"CSO-{ROMAN[n - 1]}", ROMAN[n - 1], Side.CSO, pid, sid, _t("CSO q"))
            pairs.append(Pair(pid, n, sid, la, cso))
        groups: tuple[ElementGroup, ...] = ()
        if sid == "IV":
            groups = (
                ElementGroup(
                    "resilience",
                    _t("Resilience"),
                    tuple(
                        Element(e, _t(e.title()), _t(f"about {e}"), _t(f"Will it help {e}?"))
                        for e in DESIGN_TESTS
                    ),
                ),
            )
        strands.append(
            Strand(
                id=sid,
                number=len(strands) + 1,
                title=_t(f"Strand {sid}"),
                guiding_question=_t("?"),
                summary=_t("summary"),
                element_groups=groups,
                pairs=tuple(pairs),
            )
        )
    return Framework(
        id="test",
        version="0",
        title=_t("Test framework"),
        attribution=Attribution("A", "T", 2014, "P"),
        strands=tuple(strands),
        scale=tuple(ScaleLevel(v, _t(str(v))) for v in range(1, 6)),
        dont_know=_t("Don't know"),
    )


def person(pid: str, side: Side | str, *, named: bool = False) -> Participant:
    return Participant(LOC, Side.parse(side), pid, named=named, id=pid)


def people(prefix: str, side: Side | str, n: int, *, named: bool = False) -> list[Participant]:
    return [person(f"{prefix}{i}", side, named=named) for i in range(1, n + 1)]


_T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def rate(
    who: Participant | str,
    question_id: str,
    score: int | None,
    *,
    dont_know: bool = False,
    round_id: str = ROUND,
    minute: int = 0,
) -> Rating:
    """A rating; ``score=None`` with ``dont_know=False`` is a note-only rating."""
    pid = who if isinstance(who, str) else who.id
    when = _T0 + dt.timedelta(minutes=minute)
    return Rating(
        round_id,
        pid,
        question_id,
        score=score,
        dont_know=dont_know,
        note="" if score is not None or dont_know else "a note, no rating yet",
        created_at=when,
        updated_at=when,
    )


def rate_all(
    raters: Sequence[Participant], question_id: str, scores: Sequence[int | None]
) -> list[Rating]:
    """One rating per rater (``None`` = don't know)."""
    return [
        rate(p, question_id, s, dont_know=s is None) for p, s in zip(raters, scores, strict=True)
    ]
