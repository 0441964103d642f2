"""What the facilitator of a workshop does, without any user interface: check the
facilitator key, follow the room (counts only), reveal a strand and read it pair by pair
with the evidence behind it, see who's not here, and draw the common themes out of the
World Café harvest.

The facilitator pages are thin bindings of widgets to these functions, which are
tested without a kernel. See ``docs/facilitation.md``.

Privacy, in short (the details are in :func:`reveal_view`):

* before a strand is revealed, nobody gets aggregates, names, notes or scores of it
  from here -- :func:`room_counts` gives counts of people only;
* a revealed strand shows aggregates under the small-number rule of
  :mod:`civicnb.analysis.privacy`, and evidence notes under the same rule: an anonymous
  participant's note (with their score) is shown only when at least ``min_group``
  anonymous participants of their side answered the question; named participants'
  notes are always shown, with their names.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from civicnb.analysis import analyse_round, rank_pairs
from civicnb.analysis.views import GroupView, PairView, QuestionView
from civicnb.errors import CivicnbError, InputError, NotRevealedError
from civicnb.framework.model import Framework, Question
from civicnb.model import (
    Attendance,
    HarvestNote,
    Locality,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store
from civicnb.workspace import Workspace

__all__ = [
    "MAX_KEY_LENGTH",
    "EvidenceNote",
    "PairReveal",
    "QuestionReveal",
    "RoomCounts",
    "SideCounts",
    "StrandProgress",
    "StrandReveal",
    "add_default_attendance",
    "check_facilitator_key",
    "common_themes",
    "default_stakeholder_groups",
    "hide_strand",
    "pseudonyms",
    "reveal_strand",
    "reveal_view",
    "revealed_strands",
    "room_counts",
    "tag_theme",
    "whos_not_here",
]

MAX_KEY_LENGTH = 256
"""Longer candidates are refused without comparing (the real key is far shorter)."""

_SIDES = (Side.LA, Side.CSO, Side.OTHER)


# --- the facilitator key ------------------------------------------------------------------


def check_facilitator_key(workspace: Workspace, candidate: str | None) -> bool:
    """True iff ``candidate`` is the workspace's facilitator key.

    Compared with :func:`hmac.compare_digest` (constant time for equal lengths).
    False -- never an exception -- for None, non-text, empty or over-long input, and
    when the workspace's key cannot be read. Surrounding whitespace is ignored (the key
    is often pasted).
    """
    if not isinstance(candidate, str):
        return False
    given = candidate.strip()
    if not given or len(given) > MAX_KEY_LENGTH:
        return False
    try:
        key = workspace.facilitator_key()
    except CivicnbError:
        return False
    if not key:
        return False
    try:
        given_bytes = given.encode("utf-8")
    except UnicodeError:  # lone surrogates from a browser
        return False
    return hmac.compare_digest(given_bytes, key.encode("utf-8"))


# --- reveal state -------------------------------------------------------------------------


def reveal_strand(store: Store, round_id: str, strand_id: str) -> bool:
    """Reveal a strand of a round to the room (kept in the store); True if it was hidden."""
    return store.set_reveal(round_id, strand_id, True)


def hide_strand(store: Store, round_id: str, strand_id: str) -> bool:
    """Hide a revealed strand again; True if it was revealed."""
    return store.set_reveal(round_id, strand_id, False)


def revealed_strands(store: Store, round_id: str) -> frozenset[str]:
    """The ids of the round's revealed strands."""
    return frozenset(store.reveals(round_id))


# --- the room: counts only ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SideCounts:
    """A number of people per side."""

    la: int = 0
    cso: int = 0
    other: int = 0

    def __getitem__(self, side: Side) -> int:
        return {Side.LA: self.la, Side.CSO: self.cso, Side.OTHER: self.other}[side]

    @property
    def total(self) -> int:
        return self.la + self.cso + self.other

    @classmethod
    def of(cls, counter: Counter[Side]) -> SideCounts:
        return cls(counter[Side.LA], counter[Side.CSO], counter[Side.OTHER])


@dataclass(frozen=True, slots=True)
class StrandProgress:
    """How far each side got with its own-side questions of one strand."""

    strand_id: str
    all_answered: SideCounts
    """Participants who answered (a score or "don't know") every own-side question."""
    some: SideCounts
    """Participants who answered at least one but not all."""
    none: SideCounts
    """Participants who answered none yet."""


@dataclass(frozen=True, slots=True)
class RoomCounts:
    """What the facilitator sees live: counts of people, never names, notes or scores."""

    round_id: str
    participants: SideCounts
    strands: tuple[StrandProgress, ...]

    def strand(self, strand_id: str) -> StrandProgress:
        for s in self.strands:
            if s.strand_id == strand_id:
                return s
        raise InputError(f"no strand {strand_id!r} in the room counts")


def own_questions(framework: Framework, strand_id: str, side: Side) -> tuple[Question, ...]:
    """A side's own questions of a strand (all of them for side 'other'), as
    :meth:`civicnb.participation.ParticipantSession.progress` counts them."""
    questions = framework.strand(strand_id).questions
    if side == Side.OTHER:
        return tuple(questions)
    return tuple(q for q in questions if q.side == side)


def room_counts(store: Store, framework: Framework, locality: Locality, round: Round) -> RoomCounts:
    """Participants of the locality by side and, per strand with questions, how many of
    each side answered all / some / none of their own-side questions in ``round``.

    Every participant who joined the locality is counted (participants belong to a
    locality, not to a round).
    """
    people = store.participants(locality.id)
    answered: dict[str, set[str]] = {}
    for r in store.ratings(round_id=round.id):
        if r.answered:
            answered.setdefault(r.participant_id, set()).add(r.question_id)
    strands: list[StrandProgress] = []
    for strand in framework.strands:
        if not strand.questions:
            continue
        own = {side: {q.id for q in own_questions(framework, strand.id, side)} for side in _SIDES}
        full: Counter[Side] = Counter()
        some: Counter[Side] = Counter()
        none: Counter[Side] = Counter()
        for p in people:
            wanted = own[p.side]
            done = len(wanted & answered.get(p.id, set()))
            if wanted and done == len(wanted):
                full[p.side] += 1
            elif done:
                some[p.side] += 1
            else:
                none[p.side] += 1
        strands.append(
            StrandProgress(strand.id, SideCounts.of(full), SideCounts.of(some), SideCounts.of(none))
        )
    return RoomCounts(round.id, SideCounts.of(Counter(p.side for p in people)), tuple(strands))


# --- the reveal ---------------------------------------------------------------------------

_PSEUDONYM = {
    "en": {
        Side.LA: "LA participant {n}",
        Side.CSO: "CSO participant {n}",
        Side.OTHER: "Other participant {n}",
    },
    "es": {
        Side.LA: "Participante AL {n}",
        Side.CSO: "Participante OSC {n}",
        Side.OTHER: "Otro participante {n}",
    },
}


def _lang(lang: str) -> str:
    if lang not in ("en", "es"):
        raise InputError(f"language must be 'en' or 'es' (got {lang!r})")
    return lang


def pseudonyms(participants: Iterable[Participant], lang: str = "en") -> dict[str, str]:
    """A stable pseudonym per participant id: 'LA participant 3' is the third local
    authority participant to join the locality (join order: created_at, then id)."""
    labels = _PSEUDONYM[_lang(lang)]
    seen: Counter[Side] = Counter()
    out: dict[str, str] = {}
    for p in sorted(participants, key=lambda p: (p.created_at, p.id)):
        seen[p.side] += 1
        out[p.id] = labels[p.side].format(n=seen[p.side])
    return out


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    """One participant's evidence behind their answer to one question."""

    who: str
    """Their name if they consented to be named, else their pseudonym."""
    side: Side
    named: bool
    score: int | None
    dont_know: bool
    note: str
    would_help: str


@dataclass(frozen=True, slots=True)
class QuestionReveal:
    view: QuestionView
    """Self view, other side's view, third parties, gap and agreement (small-number rule)."""
    notes: tuple[EvidenceNote, ...]
    """Shown notes: by side (LA, CSO, other), then join order."""
    notes_withheld: tuple[Side, ...]
    """Sides whose group aggregate is withheld: their anonymous notes are withheld too."""


@dataclass(frozen=True, slots=True)
class PairReveal:
    pair: PairView
    rank: int
    """Discussion order within the strand (1 = discuss first), by :func:`rank_pairs`."""
    priority: float
    la: QuestionReveal
    cso: QuestionReveal


@dataclass(frozen=True, slots=True)
class StrandReveal:
    round_id: str
    strand_id: str
    revealed_at: dt.datetime
    min_group: int
    pairs: tuple[PairReveal, ...]
    """In discussion order (rank 1 first)."""


def _group_of(view: QuestionView, side: Side) -> GroupView:
    if side == Side.OTHER:
        return view.third_party
    return view.self_view if side == view.about else view.other_side


def _question_reveal(
    view: QuestionView,
    ratings: Sequence[Rating],
    people: dict[str, Participant],
    order: dict[str, int],
    names: dict[str, str],
    min_group: int,
) -> QuestionReveal:
    mine = [r for r in ratings if r.question_id == view.question_id and r.participant_id in people]
    anon_answered: Counter[Side] = Counter(
        people[r.participant_id].side
        for r in mine
        if r.answered and not people[r.participant_id].named
    )
    notes: list[tuple[int, int, EvidenceNote]] = []
    for r in mine:
        if not (r.note.strip() or r.would_help.strip()):
            continue
        p = people[r.participant_id]
        if not p.named and anon_answered[p.side] < min_group:
            continue  # the small-number rule: see reveal_view
        who = p.name if p.named else names[p.id]
        note = EvidenceNote(who, p.side, p.named, r.score, r.dont_know, r.note, r.would_help)
        notes.append((_SIDES.index(p.side), order[p.id], note))
    notes.sort(key=lambda t: (t[0], t[1]))
    withheld = tuple(side for side in _SIDES if not _group_of(view, side).disclosed)
    return QuestionReveal(view, tuple(n for _, _, n in notes), withheld)


def reveal_view(
    store: Store,
    framework: Framework,
    locality: Locality,
    round: Round,
    strand_id: str,
    *,
    lang: str = "en",
) -> StrandReveal:
    """The revealed strand, pair by pair, in discussion order.

    Raises :class:`~civicnb.errors.NotRevealedError` unless the facilitator revealed
    the strand in this round (NotFoundError for a strand the framework does not have).

    Aggregates follow the small-number rule with ``locality.min_group``. Evidence notes
    follow the same rule, per question and per side of the writer:

    * a named participant's note is shown with their name and answer (they consented);
    * an anonymous participant's note is shown with their pseudonym and answer only
      when at least ``min_group`` anonymous participants of their side answered the
      question -- the condition under which the side's aggregate is shown because of
      its anonymous raters. Otherwise it is left out, so that a note and its score
      cannot single out one of the few people the rule protects. This also leaves out
      a lone anonymous note when no anonymous person of that side answered (the
      aggregate is then "shown" but protects nobody).
    * ``notes_withheld`` lists the sides whose aggregate is withheld, as a notice to
      show; it never says how many notes were left out.
    """
    _lang(lang)
    framework.strand(strand_id)  # NotFoundError for an unknown strand
    revealed = store.reveals(round.id)
    if strand_id not in revealed:
        raise NotRevealedError(
            f"strand {strand_id} of round {round.label!r} has not been revealed yet"
        )
    participants = store.participants(locality.id)
    ratings = store.ratings(round_id=round.id)
    analysis = analyse_round(
        framework, participants, ratings, min_group=locality.min_group, round_id=round.id
    )
    strand_pairs = [p for p in analysis.pairs if p.strand_id == strand_id]
    people = {p.id: p for p in participants}
    joined = sorted(participants, key=lambda p: (p.created_at, p.id))
    order = {p.id: i for i, p in enumerate(joined)}
    names = pseudonyms(participants, lang)
    in_strand = {q.id for q in framework.strand(strand_id).questions}
    strand_ratings = [r for r in ratings if r.question_id in in_strand]
    pairs = tuple(
        PairReveal(
            pair=ranked.pair,
            rank=ranked.rank,
            priority=ranked.priority,
            la=_question_reveal(
                ranked.pair.la, strand_ratings, people, order, names, locality.min_group
            ),
            cso=_question_reveal(
                ranked.pair.cso, strand_ratings, people, order, names, locality.min_group
            ),
        )
        for ranked in rank_pairs(strand_pairs)
    )
    return StrandReveal(round.id, strand_id, revealed[strand_id], locality.min_group, pairs)


# --- who's not here -----------------------------------------------------------------------

_STAKEHOLDERS = {
    "en": (
        "Disabled people",
        "Older people",
        "Young people",
        "Children and families",
        "Women's groups",
        "Minority and ethnic groups",
        "Migrants and refugees",
        "Carers",
        "People on low incomes",
        "Businesses",
        "Public bodies",
        "Schools and universities",
        "Faith groups",
        "Neighbourhood associations",
    ),
    "es": (
        "Personas con discapacidad",
        "Personas mayores",
        "Jóvenes",
        "Niños, niñas y familias",
        "Organizaciones de mujeres",
        "Minorías y grupos étnicos",
        "Personas migrantes y refugiadas",
        "Personas cuidadoras",
        "Personas con bajos ingresos",
        "Empresas",
        "Entidades públicas",
        "Colegios y universidades",
        "Comunidades religiosas",
        "Juntas de acción comunal",
    ),
}


def default_stakeholder_groups(lang: str = "en") -> tuple[str, ...]:
    """The stakeholder groups a workshop usually expects (the facilitator edits them)."""
    return _STAKEHOLDERS[_lang(lang)]


def add_default_attendance(store: Store, round_id: str, lang: str = "en") -> list[Attendance]:
    """Give a round the default expected groups if it has no attendance record yet;
    returns the round's attendance records (unchanged if it had some)."""
    groups = default_stakeholder_groups(lang)
    with store.transaction():
        if not store.attendance(round_id):
            for g in groups:
                store.save_attendance(Attendance(round_id, g, expected=True, present=False))
    return store.attendance(round_id)


def whos_not_here(store: Store, round_id: str) -> list[Attendance]:
    """The groups expected in the round but not present (by name), with their outreach
    notes."""
    return [a for a in store.attendance(round_id) if a.expected and not a.present]


# --- common themes of the World Café harvest ----------------------------------------------

_EN_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    even every few for from further get got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like lot lots made make many may
    me more most much must my myself need needs no nor not now of off often on once one only
    or other others our ours ourselves out over own really same say said see she should so
    some still such than that the their theirs them themselves then there these they thing
    things think this those through to too under until up upon us very want was we well were
    what when where which while who whom why will with within without would yes yet you your
    yours yourself yourselves"""
_ES_WORDS = """a al algo algunas algunos ante antes aqui asi aun aunque bien cada casi como con
    contra cual cuales cuando de del desde donde dos el ella ellas ello ellos en entre era
    eran es esa esas ese eso esos esta estaba estado estamos estan estar estas este esto
    estos fue fueron gran ha haber habia hace hacer hacia han hasta hay la las le les lo los
    mas me mi mientras mis mucho muchos muy nada ni no nos nosotros nuestra nuestro o os
    otra otras otro otros para pero poco por porque puede pueden que quien quienes se sea
    segun ser si sido siempre sin sino sobre solo son su sus tal tambien tampoco tan tanto
    te tener tiene tienen todo todos tu tus un una unas uno unos usted ustedes va vamos van
    y ya yo"""
_STOPWORDS = {"en": frozenset(_EN_WORDS.split()), "es": frozenset(_ES_WORDS.split())}
"""Small built-in stopword lists, accent-free (words are folded before the lookup)."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Movilidad ' and 'movilidád' fold together."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _spelling(forms: Counter[str]) -> str:
    """The most used spelling of a theme (ties: not ALL CAPS, then the smallest)."""
    return min(forms, key=lambda f: (-forms[f], f.isupper(), f))


def common_themes(
    notes: Sequence[HarvestNote],
    lang: str = "en",
    *,
    min_count: int = 2,
    max_words: int = 20,
) -> list[tuple[str, int]]:
    """The common themes of a harvest, as (theme, number of notes) pairs.

    First the themes the facilitator tagged, counted across notes (each note counts
    once; case, accents and spacing are ignored when merging; the most used spelling
    is shown), most common first. Then content words of the note texts that appear in
    at least ``min_count`` notes (at most ``max_words`` of them; stopwords of ``lang``
    and words of fewer than 3 letters skipped; words that are tagged themes already are
    not repeated), most common first. Ties are broken alphabetically (on the folded
    form), so the result is deterministic.
    """
    stop = _STOPWORDS[_lang(lang)]
    tag_counts: Counter[str] = Counter()
    tag_forms: dict[str, Counter[str]] = {}
    word_counts: Counter[str] = Counter()
    word_forms: dict[str, Counter[str]] = {}
    for note in notes:
        keys: set[str] = set()
        for theme in note.themes:
            key = _fold(theme)
            if key:
                keys.add(key)
                tag_forms.setdefault(key, Counter())[" ".join(theme.split())] += 1
        tag_counts.update(keys)
        words: set[str] = set()
        for match in _WORD.finditer(note.text):
            form = match.group().casefold()
            key = _fold(form)
            if len(key) < 3 or key in stop:
                continue
            words.add(key)
            word_forms.setdefault(key, Counter())[form] += 1
        word_counts.update(words)
    tagged = sorted(tag_counts, key=lambda k: (-tag_counts[k], k))
    out = [(_spelling(tag_forms[k]), tag_counts[k]) for k in tagged]
    frequent = sorted(
        (k for k, n in word_counts.items() if n >= min_count and k not in tag_counts),
        key=lambda k: (-word_counts[k], k),
    )
    out += [(_spelling(word_forms[k]), word_counts[k]) for k in frequent[: max(0, max_words)]]
    return out


def tag_theme(store: Store, round_id: str, theme: str) -> int:
    """Tag with ``theme`` every harvest note of the round that mentions it (whole words,
    case and accents ignored) and is not tagged with it yet; returns how many notes were
    tagged. This is how the facilitator turns a suggested common theme into a theme of
    the harvest (kept in the notes, so it is in the exported workbook)."""
    name = " ".join(theme.split())
    key = _fold(name)
    if not key:
        raise InputError("a theme needs some text")
    pattern = re.compile(r"(?<![^\W\d_])" + re.escape(key) + r"(?![^\W\d_])")
    tagged = 0
    with store.transaction():
        for note in store.harvest_notes(round_id):
            if any(_fold(th) == key for th in note.themes):
                continue
            if not pattern.search(_fold(note.text)):
                continue
            store.save_harvest_note(replace(note, themes=(*note.themes, name)))
            tagged += 1
    return tagged
