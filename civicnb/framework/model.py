"""The framework's types: strands, paired questions, named elements, all bilingual.

A :class:`Framework` is built from a validated framework file (see ``loader``); these
classes do no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from civicnb.errors import InputError, NotFoundError

__all__ = [
    "ROMAN",
    "Attribution",
    "Element",
    "ElementGroup",
    "Framework",
    "Pair",
    "Question",
    "ScaleLevel",
    "Side",
    "Strand",
    "StrandEasyRead",
    "StrandGroup",
    "Text",
    "easy_or_original",
]

ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV",
)  # fmt: skip


class Side(enum.StrEnum):
    """Which side of the civic partnership a participant speaks for."""

    LA = "LA"
    """Local authority (municipal leadership, officials, public bodies)."""
    CSO = "CSO"
    """Civil society organisation (e.g. a disabled people's organisation)."""
    OTHER = "other"
    """Anyone else (business, university, citizen with no organisation…)."""

    @classmethod
    def parse(cls, value: str | Side) -> Side:
        if isinstance(value, Side):
            return value
        for side in cls:
            if str(value).strip().lower() == side.value.lower():
                return side
        raise InputError(f"side must be one of LA, CSO, other (got {value!r})")


@dataclass(frozen=True, slots=True, init=False)
class Text:
    """A text in English and its translations (``Text("Strand", es="Eje", pt="Eixo")``).
    A language it lacks reads the English."""

    en: str
    translations: tuple[tuple[str, str], ...]
    """``(language code, text)`` pairs, sorted by code; blank ones left out."""

    def __init__(self, en: str, es: str = "", **more: str) -> None:
        object.__setattr__(self, "en", en)
        given = {"es": es, **more}
        object.__setattr__(
            self, "translations", tuple(sorted((k, v) for k, v in given.items() if v))
        )

    def get(self, lang: str) -> str:
        """The text in ``lang``; English when it has no translation in ``lang``."""
        for code, text in self.translations:
            if code == lang:
                return text
        return self.en

    @property
    def es(self) -> str:
        return self.get("es")

    @property
    def pt(self) -> str:
        """The Portuguese (Brazil) text; English when there is none (custom frameworks)."""
        return self.get("pt")

    @property
    def languages(self) -> frozenset[str]:
        """The languages this text is written in (English and its translations)."""
        return frozenset({"en", *(code for code, _ in self.translations)})

    def has(self, lang: str) -> bool:
        """True when this text is written in ``lang`` (not only read in English there)."""
        return lang in self.languages

    def __str__(self) -> str:
        return self.en


def easy_or_original(easy: Text | None, original: Text, lang: str) -> str:
    """The easy-read text in ``lang`` when there is one written in ``lang``, else the
    original wording in ``lang`` (a custom framework without easy read, or a language
    its easy read is not written in: never the English easy read on a Spanish page)."""
    if easy is not None and easy.has(lang):
        return easy.get(lang)
    return original.get(lang)


@dataclass(frozen=True, slots=True)
class Attribution:
    author: str
    title: str
    year: int
    publisher: str
    url: str = ""
    note: Text | None = None
    """Which wording this edition quotes, and from where."""


@dataclass(frozen=True, slots=True)
class Element:
    """A named element of a strand (one of strand II's five keys, strand IV's five
    resilience dimensions, strand V's seven inclusive practices…), in our own words."""

    id: str
    title: Text
    summary: Text
    test: Text | None = None
    """For strand IV's resilience dimensions: the design test an action is screened
    against ("Will it…?")."""


@dataclass(frozen=True, slots=True)
class ElementGroup:
    """A named list of elements, e.g. 'the five keys of whole-systems working'."""

    id: str
    title: Text
    elements: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class StrandGroup:
    """How some strands fit together, e.g. strand I 'defines purpose' (optional data)."""

    id: str
    title: Text
    """What the strands of the group do together, e.g. 'Defining purpose'."""
    strand_ids: tuple[str, ...]
    easy_read: Text | None = None
    """The title in easy read (optional)."""

    def easy_title(self, lang: str) -> str:
        return easy_or_original(self.easy_read, self.title, lang)


@dataclass(frozen=True, slots=True)
class Question:
    """One checklist question, quoted verbatim from the source."""

    id: str
    """'LA-01'…'LA-15' or 'CSO-I'…'CSO-XV'."""
    number: str
    """As printed in the source: '1'…'15' or 'I'…'XV'."""
    side: Side
    """The side the question is about (the column it stands in)."""
    pair_id: str
    strand_id: str
    text: Text
    easy_read: Text | None = None
    """civicnb's own easy-read adaptation of ``text`` (optional)."""

    def wording(self, lang: str, easy: bool = False) -> str:
        """The question in ``lang``: its easy read when ``easy`` and there is one."""
        return easy_or_original(self.easy_read, self.text, lang) if easy else self.text.get(lang)

    def has_easy_read(self, lang: str) -> bool:
        return self.easy_read is not None and self.easy_read.has(lang)

    short: Text | None = None
    """A short title in a few words (optional in the framework file)."""

    @property
    def title(self) -> Text:
        """The short title, or the question's text when the framework gives none."""
        return self.short if self.short is not None else self.text


@dataclass(frozen=True, slots=True)
class Pair:
    """Local-authority question n with civil-society question n (roman)."""

    id: str
    """'P01'…'P15'."""
    number: int
    strand_id: str
    la: Question
    cso: Question

    @property
    def questions(self) -> tuple[Question, Question]:
        return (self.la, self.cso)


@dataclass(frozen=True, slots=True)
class StrandEasyRead:
    """civicnb's own easy-read adaptation of a strand's title, guiding question and
    summary."""

    title: Text
    guiding_question: Text
    summary: Text


@dataclass(frozen=True, slots=True)
class Strand:
    id: str
    """'I'…'VI'."""
    number: int
    title: Text
    guiding_question: Text
    """Quoted verbatim from the source."""
    summary: Text
    """Our own one-paragraph summary."""
    element_groups: tuple[ElementGroup, ...] = ()
    pairs: tuple[Pair, ...] = ()
    easy_read: StrandEasyRead | None = None
    """civicnb's own easy-read adaptation (optional)."""

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for p in self.pairs for q in p.questions)

    def has_easy_read(self, lang: str) -> bool:
        return self.easy_read is not None and self.easy_read.summary.has(lang)

    def easy_title(self, lang: str) -> str:
        """The title in easy read (the original when there is none in ``lang``)."""
        e = self.easy_read
        return easy_or_original(e.title if e else None, self.title, lang)

    def easy_guiding_question(self, lang: str) -> str:
        e = self.easy_read
        return easy_or_original(e.guiding_question if e else None, self.guiding_question, lang)

    def easy_summary(self, lang: str) -> str:
        e = self.easy_read
        return easy_or_original(e.summary if e else None, self.summary, lang)


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    value: int
    label: Text
    easy_read: Text | None = None
    """The level's word in easy read (optional)."""

    def word(self, lang: str, easy: bool = False) -> str:
        return easy_or_original(self.easy_read, self.label, lang) if easy else self.label.get(lang)


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    """'pamphlet', 'blog', or a custom framework's id."""
    version: str
    title: Text
    attribution: Attribution
    strands: tuple[Strand, ...]
    scale: tuple[ScaleLevel, ...]
    """The five rating levels, 1 to 5, each with its label."""
    dont_know: Text
    well_being: ElementGroup | None = None
    """The five ways to well-being."""
    strand_groups: tuple[StrandGroup, ...] = ()
    """How the strands fit together (optional: empty when the data gives no grouping)."""
    _questions: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)
    _pairs: dict[str, Pair] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for strand in self.strands:
            for pair in strand.pairs:
                self._pairs[pair.id] = pair
                for q in pair.questions:
                    self._questions[q.id] = q

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions, pair by pair: LA-01, CSO-I, LA-02, CSO-II…"""
        return tuple(self._questions.values())

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(self._pairs.values())

    @property
    def question_ids(self) -> frozenset[str]:
        return frozenset(self._questions)

    def question(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise NotFoundError("question", question_id, self._questions) from None

    def pair(self, pair_id: str) -> Pair:
        try:
            return self._pairs[pair_id]
        except KeyError:
            raise NotFoundError("pair", pair_id, self._pairs) from None

    def strand(self, strand_id: str) -> Strand:
        for s in self.strands:
            if s.id == strand_id:
                return s
        raise NotFoundError("strand", strand_id, [s.id for s in self.strands])

    def element_group(self, group_id: str) -> ElementGroup:
        groups = {g.id: g for s in self.strands for g in s.element_groups}
        if self.well_being is not None:
            groups[self.well_being.id] = self.well_being
        try:
            return groups[group_id]
        except KeyError:
            raise NotFoundError("element group", group_id, groups) from None

    @property
    def design_tests(self) -> tuple[Element, ...]:
        """Strand IV's resilience dimensions that carry a design test, in order."""
        return tuple(
            e for s in self.strands for g in s.element_groups for e in g.elements if e.test
        )

    def __iter__(self) -> Iterator[Strand]:
        return iter(self.strands)
