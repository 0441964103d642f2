"""The domain types of civicnb: plain, immutable, validated records.

Every record validates its own ranges and sizes on construction (the browser can
send any value over the widget comm channel, so limits live here, not only in the
widgets). Participant text is kept exactly as typed: it is data, never markup, and
whoever displays it escapes it.

Ids are opaque strings (UUID4 hex by default) so that records keep their identity
when a workbook moves between workspaces.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from civicnb.errors import InputError, Term
from civicnb.framework.model import Side  # re-exported: records and their side go together
from civicnb.i18n import keyed, term
from civicnb.i18n.catalogs import LANGUAGES as _LANGUAGES
from civicnb.text import check_text

__all__ = [
    "ACTION_STATUSES",
    "ASSET_CATEGORIES",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_TEXT",
    "ROLES",
    "TBL_CATEGORIES",
    "Action",
    "Activity",
    "Asset",
    "Attendance",
    "Celebration",
    "Facilitator",
    "HarvestNote",
    "JointRating",
    "Locality",
    "LocalityRecords",
    "Organisation",
    "Outcome",
    "OutcomeReading",
    "Participant",
    "Rating",
    "Round",
    "Side",
    "new_id",
    "slugify",
    "utcnow",
]

MAX_NAME = 120
"""Longest name, label, title or owner (characters)."""
MAX_TEXT = 2_000
"""Longest one-paragraph text: an action, an outcome description, a narrative line."""
MAX_NOTE = 5_000
"""Longest evidence note, 'what would help', narrative or harvest note."""
MAX_LIST = 50
"""Most items in a list field (themes, links)."""

TBL_CATEGORIES = ("environment", "economy", "social")
"""The triple bottom line: environmental protection, sustainable economic development,
social justice."""
ACTION_STATUSES = ("proposed", "agreed", "in_progress", "done", "dropped")
ASSET_CATEGORIES = (
    "people",
    "association",
    "public_body",
    "business",
    "physical",
    "natural",
    "cultural",
    "other",
)
LANGUAGES = tuple(_LANGUAGES)
ROLES = ("", "elected", "officer")
"""A local authority participant's role: an elected member or an officer ('' = not said)."""


def new_id() -> str:
    """A fresh opaque record id."""
    return uuid.uuid4().hex


def utcnow() -> dt.datetime:
    """Now, in UTC, to the microsecond (the resolution every store keeps)."""
    return dt.datetime.now(dt.UTC)


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """A URL- and file-safe slug: 'Floridablanca (Santander)' -> 'floridablanca-santander'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _SLUG_STRIP.sub("-", ascii_name.lower()).strip("-")
    return slug[:60].strip("-")


# --- validation helpers -------------------------------------------------------------


def _field(key: str) -> Term:
    """The name of a field in error messages: the catalog message ``field_<key>``."""
    return term(f"field_{key}")


def _text(what: str, value: object, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(
            f"{what} must be text (got {type(value).__name__})",
            key="err_not_text",
            values={"field": what},
        )
    check_text(what, value)
    if len(value) > limit:
        raise keyed(InputError, "err_too_long", field=what, length=len(value), limit=limit)
    if required and not value.strip():
        raise keyed(InputError, "err_empty", field=what)
    return value


def _ident(what: str, value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > 64:
        raise InputError(f"{what} must be a non-empty id of at most 64 characters")
    return check_text(what, value)


def _opt_ident(what: str, value: object) -> str | None:
    return None if value is None else _ident(what, value)


def _choice(what: str, value: object, allowed: Iterable[str]) -> str:
    options = tuple(allowed)
    if value not in options:
        raise InputError(f"{what} must be one of {', '.join(options)} (got {value!r})")
    return str(value)


def _ids(what: str, values: Iterable[str]) -> tuple[str, ...]:
    out = tuple(values)
    if len(out) > MAX_LIST:
        raise InputError(f"{what} has {len(out)} items; the limit is {MAX_LIST}")
    for v in out:
        _ident(what, v)
    return out


def _aware(what: str, value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InputError(f"{what} must be a date and time")
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _opt_number(what: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise keyed(InputError, "err_not_number", field=what)
    f = float(value)
    if f != f or f in (float("inf"), float("-inf")):
        raise keyed(InputError, "err_not_finite", field=what)
    return f


def _recorded_by(value: object) -> None:
    _text(_field("recorded_by"), value, MAX_NAME)


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Locality:
    """A place whose local authority and civil society assess their partnership."""

    name: str
    slug: str = ""
    country: str = ""
    language: str = "en"
    edition: str = "pamphlet"
    """Framework id: a built-in edition ('pamphlet', 'blog') or a custom framework's id."""
    min_group: int = 5
    """Small-number rule: anonymous aggregates of a side need at least this many people."""
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        _text(_field("locality_name"), self.name, MAX_NAME, required=True)
        slug = self.slug or slugify(self.name)
        if not slug or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or len(slug) > 60:
            raise InputError(
                f"locality name {self.name!r} gives no usable slug; use letters or digits"
            )
        object.__setattr__(self, "slug", slug)
        _text(_field("country"), self.country, MAX_NAME)
        _choice("language", self.language, LANGUAGES)
        _ident("framework edition", self.edition)
        if isinstance(self.min_group, bool) or not isinstance(self.min_group, int):
            raise InputError("min_group must be a whole number")
        if not 1 <= self.min_group <= 100:
            raise InputError(f"min_group must be between 1 and 100 (got {self.min_group})")
        _ident("locality id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))


@dataclass(frozen=True, slots=True)
class Round:
    """One assessment round of a locality: the baseline, then follow-ups."""

    locality_id: str
    label: str
    date: dt.date | None = None
    position: int = 0
    """Order of the round within its locality (0 = baseline)."""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _text(_field("round_label"), self.label, MAX_NAME, required=True)
        if self.date is not None and (
            not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime)
        ):
            raise InputError("round date must be a date")
        if isinstance(self.position, bool) or not isinstance(self.position, int):
            raise InputError("round position must be a whole number")
        if not 0 <= self.position < 1000:
            raise InputError("round position must be between 0 and 999")
        _ident("round id", self.id)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation taking part for one side: a council department, the councillors,
    one of the alliance's member organisations…"""

    locality_id: str
    side: Side
    name: str
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        object.__setattr__(self, "side", Side.parse(self.side))
        _text(_field("organisation_name"), self.name, MAX_NAME, required=True)
        if self.name != self.name.strip():
            object.__setattr__(self, "name", self.name.strip())
        _ident("organisation id", self.id)


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone who answers the checklist for one side."""

    locality_id: str
    side: Side
    name: str
    """The name given, or a pseudonym. Shown to others only if ``named`` is true."""
    named: bool = False
    """Consent to be named in reports and the facilitator's view."""
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)
    organisation_id: str | None = None
    """The organisation (of the participant's side) they take part for; None: none, or
    speaking for themselves."""
    role: str = ""
    """On the local authority's side: 'elected' (an elected member) or 'officer'."""
    rates_organisation_id: str | None = None
    """Which organisation of the other side their answers to the other side's column are
    about; None: that side as a whole."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        object.__setattr__(self, "side", Side.parse(self.side))
        _text(_field("participant_name"), self.name, MAX_NAME, required=True)
        if not isinstance(self.named, bool):
            raise InputError("named (consent to be named) must be true or false")
        _ident("participant id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        _opt_ident("organisation id", self.organisation_id)
        _choice("role", self.role, ROLES)
        if self.role and self.side is not Side.LA:
            raise InputError("a role (elected member or officer) is for the local authority side")
        _opt_ident("organisation id", self.rates_organisation_id)


@dataclass(frozen=True, slots=True)
class Rating:
    """One participant's answer to one checklist question in one round.

    ``score`` is 1 (not at all) to 5 (very well); ``dont_know`` marks an explicit
    "don't know". Both unset means the participant wrote a note but has not rated yet.
    """

    round_id: str
    participant_id: str
    question_id: str
    score: int | None = None
    dont_know: bool = False
    note: str = ""
    """Evidence: what the rating is based on."""
    would_help: str = ""
    """Optional: what would help to do better."""
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)
    updated_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        _ident("round id", self.round_id)
        _ident("participant id", self.participant_id)
        _ident("question id", self.question_id)
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, int):
                raise InputError(
                    f"a rating must be a whole number from 1 to 5 (got {self.score!r})"
                )
            if not 1 <= self.score <= 5:
                raise InputError(f"a rating must be from 1 to 5 (got {self.score})")
        if not isinstance(self.dont_know, bool):
            raise InputError("dont_know must be true or false")
        if self.dont_know and self.score is not None:
            raise InputError('a rating is either a score or "don\'t know", not both')
        _text(_field("evidence_note"), self.note, MAX_NOTE)
        _text(_field("would_help"), self.would_help, MAX_NOTE)
        _ident("rating id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        updated = self.updated_at or self.created_at
        object.__setattr__(self, "updated_at", _aware("updated_at", updated))

    @property
    def answered(self) -> bool:
        """True when the participant chose a score or "don't know"."""
        return self.score is not None or self.dont_know


@dataclass(frozen=True, slots=True)
class JointRating:
    """The rating both sides agreed for one pair of questions, with its narrative."""

    round_id: str
    pair_id: str
    score: int | None = None
    narrative: str = ""
    id: str = field(default_factory=new_id)
    updated_at: dt.datetime = field(default_factory=utcnow)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("round id", self.round_id)
        _ident("pair id", self.pair_id)
        if self.score is not None and (
            isinstance(self.score, bool)
            or not isinstance(self.score, int)
            or not 1 <= self.score <= 5
        ):
            raise InputError(f"an agreed rating must be from 1 to 5 (got {self.score!r})")
        _text(_field("narrative"), self.narrative, MAX_NOTE)
        _ident("joint rating id", self.id)
        object.__setattr__(self, "updated_at", _aware("updated_at", self.updated_at))
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A valued outcome the locality agreed to pursue, optionally with an indicator."""

    locality_id: str
    title: str
    category: str
    """Part of the triple bottom line: 'environment', 'economy' or 'social'."""
    description: str = ""
    indicator: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    id: str = field(default_factory=new_id)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _text(_field("outcome_title"), self.title, MAX_NAME * 2, required=True)
        _choice("outcome category", self.category, TBL_CATEGORIES)
        _text(_field("outcome_description"), self.description, MAX_TEXT)
        _text(_field("indicator"), self.indicator, MAX_NAME * 2)
        _text(_field("unit"), self.unit, MAX_NAME)
        for name in ("baseline", "target", "current"):
            object.__setattr__(self, name, _opt_number(name, getattr(self, name)))
        _ident("outcome id", self.id)
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class Activity:
    """Something being done or planned locally, linked to the outcomes it serves."""

    locality_id: str
    title: str
    description: str = ""
    lead: str = ""
    outcome_ids: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _text(_field("activity_title"), self.title, MAX_NAME * 2, required=True)
        _text(_field("activity_description"), self.description, MAX_TEXT)
        _text(_field("activity_lead"), self.lead, MAX_NAME)
        object.__setattr__(self, "outcome_ids", _ids("activity outcomes", self.outcome_ids))
        _ident("activity id", self.id)
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class Action:
    """An action agreed (or proposed) in deliberation.

    ``screening`` maps each resilience design test id (see the framework's strand IV
    elements) to True (passes) / False (does not), and ``screening_notes`` holds the
    reasons given.
    """

    locality_id: str
    text: str
    strand: str = ""
    """Strand id ('I'…'VI') the action belongs to, or '' when cross-cutting."""
    owner: str = ""
    due: dt.date | None = None
    status: str = "proposed"
    round_id: str | None = None
    outcome_ids: tuple[str, ...] = ()
    screening: dict[str, bool] = field(default_factory=dict)
    screening_notes: str = ""
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _text(_field("action"), self.text, MAX_TEXT, required=True)
        if self.strand:
            _choice("action strand", self.strand, ("I", "II", "III", "IV", "V", "VI"))
        _text(_field("action_owner"), self.owner, MAX_NAME)
        if self.due is not None and (
            not isinstance(self.due, dt.date) or isinstance(self.due, dt.datetime)
        ):
            raise InputError("due must be a date")
        _choice("action status", self.status, ACTION_STATUSES)
        _opt_ident("round id", self.round_id)
        object.__setattr__(self, "outcome_ids", _ids("action outcomes", self.outcome_ids))
        if not isinstance(self.screening, dict) or len(self.screening) > MAX_LIST:
            raise InputError("screening must map design test ids to true/false")
        for key, value in self.screening.items():
            _ident("design test id", key)
            if not isinstance(value, bool):
                raise InputError(f"screening for {key!r} must be true or false")
        object.__setattr__(self, "screening", dict(sorted(self.screening.items())))
        _text(_field("screening_notes"), self.screening_notes, MAX_NOTE)
        _ident("action id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        _recorded_by(self.recorded_by)

    def __hash__(self) -> int:  # ``screening`` is a dict: hash by record id
        return hash(self.id)


@dataclass(frozen=True, slots=True)
class Asset:
    """A local asset (people, associations, businesses, nature…) and the priorities it
    could serve (valued outcome ids)."""

    locality_id: str
    category: str
    description: str
    outcome_ids: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _choice("asset category", self.category, ASSET_CATEGORIES)
        _text(_field("asset_description"), self.description, MAX_TEXT, required=True)
        object.__setattr__(self, "outcome_ids", _ids("asset priorities", self.outcome_ids))
        _ident("asset id", self.id)
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class HarvestNote:
    """A note harvested from a World Café table, with the themes it was tagged with."""

    round_id: str
    table: str
    text: str
    cafe_round: int = 1
    """Which conversation round of the café (1, 2, 3…)."""
    themes: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("round id", self.round_id)
        _text(_field("table"), self.table, MAX_NAME, required=True)
        _text(_field("harvest_note"), self.text, MAX_NOTE, required=True)
        if isinstance(self.cafe_round, bool) or not isinstance(self.cafe_round, int):
            raise InputError("café round must be a whole number")
        if not 1 <= self.cafe_round <= 20:
            raise InputError("café round must be from 1 to 20")
        themes = tuple(self.themes)
        if len(themes) > MAX_LIST:
            raise InputError(f"a harvest note has at most {MAX_LIST} themes")
        for theme in themes:
            _text(_field("theme"), theme, MAX_NAME, required=True)
        object.__setattr__(self, "themes", themes)
        _ident("harvest note id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class Attendance:
    """Who's not here: a stakeholder group expected in a round, whether it is present,
    and what outreach is planned if not; and, for a group in the room, whose voice and
    contribution are not being fully recognised (``unheard_note``)."""

    round_id: str
    group: str
    expected: bool = True
    present: bool = False
    outreach_note: str = ""
    id: str = field(default_factory=new_id)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""
    unheard_note: str = ""
    """Present, but whose voice or contribution is not being fully recognised, and how to
    hear it better ("" = nothing noted)."""

    def __post_init__(self) -> None:
        _ident("round id", self.round_id)
        _text(_field("stakeholder_group"), self.group, MAX_NAME, required=True)
        _text(_field("unheard_note"), self.unheard_note, MAX_NOTE)
        if not isinstance(self.expected, bool) or not isinstance(self.present, bool):
            raise InputError("expected and present must be true or false")
        _text(_field("outreach_note"), self.outreach_note, MAX_NOTE)
        _ident("attendance id", self.id)
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class Celebration:
    """Something the group celebrates (strand V's seventh practice): an entry of the
    locality's celebrations log, optionally tied to the round it was recorded in."""

    locality_id: str
    round_id: str | None
    text: str
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)

    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _opt_ident("round id", self.round_id)
        _text(_field("celebration"), self.text, MAX_TEXT, required=True)
        _ident("celebration id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        _recorded_by(self.recorded_by)


@dataclass(frozen=True, slots=True)
class OutcomeReading:
    """An outcome's indicator value as it stood in one round (kept when the next round
    is opened, so that progress between rounds can be shown)."""

    round_id: str
    outcome_id: str
    value: float | None = None
    recorded_by: str = ""
    """The facilitator who recorded it ("" = not known)."""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _ident("round id", self.round_id)
        _ident("outcome id", self.outcome_id)
        object.__setattr__(self, "value", _opt_number("indicator value", self.value))
        _recorded_by(self.recorded_by)
        _ident("outcome reading id", self.id)


@dataclass(frozen=True, slots=True)
class Facilitator:
    """A named facilitator of one locality with a key of their own (co-facilitation).

    Only the key's hash is kept, and facilitators are never part of a workbook: a key
    opens this workspace's pages, nothing else."""

    locality_id: str
    name: str
    key_hash: str
    id: str = field(default_factory=new_id)
    created_at: dt.datetime = field(default_factory=utcnow)
    revoked_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        _ident("locality id", self.locality_id)
        _text(_field("facilitator_name"), self.name, MAX_NAME, required=True)
        if not isinstance(self.key_hash, str) or not re.fullmatch(r"[0-9a-f]{64}", self.key_hash):
            raise InputError("a facilitator key hash must be 64 hexadecimal digits")
        _ident("facilitator id", self.id)
        object.__setattr__(self, "created_at", _aware("created_at", self.created_at))
        if self.revoked_at is not None:
            object.__setattr__(self, "revoked_at", _aware("revoked_at", self.revoked_at))

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class LocalityRecords:
    """Everything recorded for one locality, across all its rounds: the unit that
    workbooks export and import and that the store writes in one transaction."""

    locality: Locality
    rounds: tuple[Round, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    participants: tuple[Participant, ...] = ()
    ratings: tuple[Rating, ...] = ()
    joint_ratings: tuple[JointRating, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    activities: tuple[Activity, ...] = ()
    actions: tuple[Action, ...] = ()
    assets: tuple[Asset, ...] = ()
    harvest_notes: tuple[HarvestNote, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    celebrations: tuple[Celebration, ...] = ()
    outcome_readings: tuple[OutcomeReading, ...] = ()
