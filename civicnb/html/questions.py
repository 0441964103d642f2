"""Questions and pairs named in words: a code ("LA 10", "CSO XII", "Pair 11") never stands
alone in what people read, its short title (or the question's text, for a framework
that gives no short title: :attr:`~civicnb.framework.model.Question.title`) stands
beside it, in the reader's language.

Plain text (callers escape it); no Jupyter import.
"""

from __future__ import annotations

from civicnb.framework.model import Pair, Question
from civicnb.i18n import t

__all__ = ["pair_label", "question_code", "question_label"]


def question_code(q: Question, lang: str) -> str:
    """The question's code alone: "LA 1", "CSO I" ("AL 1", "OSC I"; "GL 1")."""
    return t("rep_axis_" + q.side.value, lang, n=q.number)


def question_label(q: Question, lang: str) -> str:
    """ "LA 1: Triple bottom line responsibility"."""
    return t("rep_q_titled", lang, code=question_code(q, lang), title=q.title.get(lang))


def pair_label(pair: Pair, lang: str) -> str:
    """ "Pair 1: Triple bottom line responsibility / Goals as valued outcomes"."""
    return t(
        "rep_pair_titled",
        lang,
        n=pair.number,
        la=pair.la.title.get(lang),
        cso=pair.cso.title.get(lang),
    )
