"""Answers collected away from the pages, into a locality's current round: the
submissions of the XLSForm (KoBoToolbox, ODK Central) and the paper-answers template.

Everything in the file is checked first; a row in error is reported with its row
number and then nothing of the file is imported. The rest is written in one
transaction: one participant per row and their ratings. Each submission's instance id
(for a paper row: a digest of its cells) is kept as a setting of the round
(``collected:<round id>:<digest>``), so the same submissions imported again are not
imported twice, and a participant forgotten since (``civicnb forget``) does not come back.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from civicnb.errors import CivicnbError, InputError, NotFoundError, WorkbookError
from civicnb.exchange.entry_template import form_code
from civicnb.exchange.submissions import (
    Answer,
    Submission,
    form_of_rows,
    read_submission_table,
    submissions,
)
from civicnb.exchange.xlsform import DONT_KNOW, NONE
from civicnb.framework.model import Framework
from civicnb.i18n import LANGUAGES, keyed, t
from civicnb.records import Locality, Organisation, Participant, Rating, Round, Side
from civicnb.store import Store

__all__ = [
    "MAX_LISTED",
    "Booklet",
    "CollectResult",
    "booklet_claims",
    "booklets_entered",
    "enter_booklet",
    "import_submissions",
]

MAX_LISTED = 20
"""The most rows in error a refusal lists (then how many more)."""
_KEY_PREFIX = "collected:"


@dataclass(frozen=True, slots=True)
class CollectResult:
    locality: Locality
    round: Round
    imported: int
    """Participants added."""
    ratings: int
    """Answers stored (a score, "don't know", or a note)."""
    skipped: int
    """Submissions imported before (the same instance id): left as they were."""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(*keys: str) -> set[str]:
    return {_fold(t(k, lang)) for k in keys for lang in LANGUAGES}


class _Reader:
    """Turns a row's cells into records, or says what is wrong with them."""

    def __init__(
        self, framework: Framework, locality: Locality, round: Round, orgs: list[Organisation]
    ) -> None:
        self.framework = framework
        self.locality = locality
        self.round = round
        self.orgs = orgs
        self.sides: dict[str, Side] = {}
        for side in Side:
            for word in {side.value} | _words(f"side_{side.value}", f"side_short_{side.value}"):
                self.sides[_fold(word)] = side
            if side is Side.OTHER:
                continue
            for column in _words(f"column_{side.value}"):  # "… (OSC)": the abbreviation
                short = re.search(r"\((\w+)\)$", column)
                if short:
                    self.sides.setdefault(short.group(1), side)
        self.yes = {"yes", "y", "1", "true"} | _words("collect_yes")
        self.no = {"", "no", "n", "0", "false"} | _words("collect_no")
        self.no_org = {"", NONE} | _words("org_none")
        self.roles = {NONE: "", "": ""}
        for role in ("elected", "officer"):
            self.roles[role] = role
            self.roles.update(dict.fromkeys(_words(f"role_{role}"), role))
        self.roles.update(dict.fromkeys(_words("role_none"), ""))
        self.answers: dict[str, int | None] = {DONT_KNOW: None}
        dont_know = framework.dont_know
        for lang in LANGUAGES:
            self.answers[_fold(dont_know.get(lang))] = None
            for level in framework.scale:
                label = level.label.get(lang)
                self.answers[_fold(label)] = level.value
                self.answers[_fold(f"{level.value} — {label}")] = level.value
                easy = level.word(lang, easy=True)  # the form's easy-read languages
                self.answers[_fold(easy)] = level.value
                self.answers[_fold(f"{level.value} — {easy}")] = level.value
        for level in framework.scale:
            self.answers[str(level.value)] = level.value

    def organisation(self, value: str, side: Side) -> str | None:
        folded = _fold(value)
        if folded in self.no_org:
            return None
        for o in self.orgs:
            if value == o.id or folded == _fold(o.name):
                if o.side is not side:
                    raise InputError(
                        f"the organisation {o.name!r} is of the {o.side.value} side, not "
                        f"the participant's ({side.value})"
                    )
                return o.id
        raise InputError(
            f"the organisation {value!r} is not one of {self.locality.name}'s: add it on the "
            "facilitator page first, or leave the cell empty"
        )

    def person(self, sub: Submission) -> Participant:
        side = self.sides.get(_fold(sub.side))
        if side is None:
            raise InputError(
                f"the side {sub.side!r} is not one of {', '.join(s.value for s in Side)}"
                if sub.side
                else "the side is empty"
            )
        consent = _fold(sub.consent)
        if consent not in self.yes and consent not in self.no:
            raise InputError(f"consent to be named {sub.consent!r} is neither yes nor no")
        role = self.roles.get(_fold(sub.role))
        if role is None:
            raise InputError(f"the role {sub.role!r} is neither elected nor officer")
        if not sub.name.strip():
            raise InputError("the name or pseudonym is empty")
        return Participant(
            self.locality.id,
            side,
            sub.name.strip(),
            consent in self.yes,
            organisation_id=self.organisation(sub.organisation, side),
            role=role if side is Side.LA else "",
        )

    def ratings(self, sub: Submission, person: Participant) -> list[Rating]:
        out: list[Rating] = []
        for qid, cells in sub.answers.items():
            value = _fold(cells.answer)
            if value and value not in self.answers:
                try:
                    number = float(value)
                except ValueError:
                    number = 0.5
                if number.is_integer() and str(int(number)) in self.answers:
                    value = str(int(number))
                else:
                    raise InputError(
                        f"{qid}: {cells.answer!r} is not an answer (1 to 5, or "
                        f"{self.framework.dont_know.get(self.locality.language)!r})"
                    )
            score = self.answers[value] if value else None
            if not value and not cells.note and not cells.would_help:
                continue
            try:
                rating = Rating(
                    self.round.id,
                    person.id,
                    qid,
                    score=score,
                    dont_know=bool(value) and score is None,
                    note=cells.note,
                    would_help=cells.would_help,
                )
            except CivicnbError as exc:
                raise InputError(f"{qid}: {exc}") from None
            out.append(rating)
        return out


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _instance(sub: Submission, kind: str, code: str) -> str:
    if kind != "paper":
        return sub.instance_id
    cells = [sub.side, sub.organisation, sub.name, sub.consent]
    answers = sorted((q, a.answer) for q, a in sub.answers.items())
    return "paper:" + _digest(json.dumps([code, cells, answers], ensure_ascii=False))


def _refusal(source: str, errors: list[tuple[int, str]]) -> InputError:
    lines = [f"row {row}: {message}" for row, message in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(f"… and {len(errors) - MAX_LISTED} more rows")
    head = (
        f"{source}: nothing imported, {len(errors)} row(s) in error; correct them and "
        "import the file again:"
    )
    return InputError(f"{head} {'; '.join(lines)}")


def _target(store: Store, source: str, locality_id: str, round_id: str) -> tuple[Locality, Round]:
    try:
        locality = store.get_locality(locality_id)
    except NotFoundError:
        raise WorkbookError(
            f"{source}: collected with a form of a locality this workspace does not have "
            f"(locality id {locality_id[:40]!r}); import it into the workspace that made the form"
        ) from None
    if locality.id != locality_id:  # a slug that happens to equal the id in the file
        raise WorkbookError(f"{source}: collected with a form of another locality")
    rounds = store.rounds(locality.id)
    if not rounds:
        raise WorkbookError(f"{source}: the locality {locality.slug} has no round")
    current = rounds[-1]
    if current.id != round_id:
        made_for = next((r.label for r in rounds if r.id == round_id), None)
        what = f"round {made_for!r}" if made_for else "a round this locality no longer has"
        raise WorkbookError(
            f"{source}: the form was made for {what} of {locality.slug}, whose current round "
            f"is {current.label!r} (earlier rounds are read-only): collect with a new form "
            "(`civicnb xlsform` or `civicnb import-template`)"
        )
    return locality, current


def import_submissions(
    store: Store,
    path: str | os.PathLike[str],
    framework_of: Callable[[str], Framework],
    *,
    locality: str | None = None,
) -> CollectResult:
    """Import a file of submissions (KoBoToolbox or ODK Central export, CSV or XLSX; or
    the paper-answers template) into its locality's current round, all or nothing.

    ``framework_of(edition)`` gives a locality's framework. ``locality`` (a slug or id),
    when given, must be the locality the file was collected for.
    """
    source = Path(path).name
    table = read_submission_table(path)
    locality_id, round_id = form_of_rows(table)
    loc, current = _target(store, source, locality_id, round_id)
    if locality is not None and locality not in (loc.slug, loc.id):
        raise WorkbookError(
            f"{source}: collected with the form of {loc.slug}, not of {locality}: "
            "check which file you meant to import"
        )
    framework = framework_of(loc.edition)
    rows = submissions(table, framework)
    if not rows:
        raise WorkbookError(f"{source}: the file holds no answers")
    reader = _Reader(framework, loc, current, store.organisations(loc.id))
    code = form_code(loc, current)
    done = store.settings_with_prefix(f"{_KEY_PREFIX}{current.id}:")
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    new: list[tuple[str, Participant, list[Rating]]] = []
    skipped = 0
    for sub in rows:
        instance = _instance(sub, table.kind, code)
        if not instance:
            errors.append((sub.row, "no instance id (meta/instanceID, _uuid or KEY)"))
            continue
        if instance in seen:
            errors.append((sub.row, f"repeats row {seen[instance]} (the same submission)"))
            continue
        seen[instance] = sub.row
        try:
            person = reader.person(sub)
            ratings = reader.ratings(sub, person)
        except CivicnbError as exc:
            errors.append((sub.row, str(exc)))
            continue
        key = f"{_KEY_PREFIX}{current.id}:{_digest(instance)}"
        if key in done:
            skipped += 1
            continue
        new.append((key, person, ratings))
    if errors:
        raise _refusal(source, errors)
    _store(store, new)
    return CollectResult(loc, current, len(new), sum(len(r) for _, _, r in new), skipped)


def _store(store: Store, new: Iterable[tuple[str, Participant, list[Rating]]]) -> None:
    with store.transaction():
        for key, person, ratings in new:
            store.add_participant(person)
            for rating in ratings:
                store.save_rating(rating)
            store.set_setting(key, json.dumps({"p": person.id}))


# --- one paper booklet typed in on the facilitator's page --------------------------------

_BOOKLET = "booklet:"


@dataclass(frozen=True, slots=True)
class Booklet:
    """One participant's paper booklet as a facilitator types it in: what a row of the
    paper-answers template holds."""

    side: Side
    name: str
    """The name or pseudonym written on the booklet."""
    consent: bool
    """Agrees to be named in reports."""
    answers: Mapping[str, str]
    """By question id, what was typed: 1 to 5, "?" or the framework's "don't know";
    an empty string for a question not answered."""
    organisation_id: str | None = None
    role: str = ""
    """On the local authority's side: "elected", "officer" or "" (not said)."""
    notes: Mapping[str, str] = field(default_factory=dict)
    """By question id, the evidence note written beside it ("" or absent: none)."""
    would_help: Mapping[str, str] = field(default_factory=dict)
    """By question id, what would help, as written beside it."""


def booklets_entered(store: Store, round: Round) -> int:
    """How many booklets were typed in on the facilitator's page in ``round``."""
    return len(store.settings_with_prefix(f"{_KEY_PREFIX}{round.id}:{_BOOKLET}"))


def booklet_claims(store: Store, round_ids: Iterable[str], participant_id: str) -> list[str]:
    """The settings that hold a participant's typed booklets in these rounds (their key
    is a digest of the side and the name): an erasure deletes them with the participant,
    so that no digest of a forgotten name stays behind."""
    keys = []
    for rid in round_ids:
        for key, value in store.settings_with_prefix(f"{_KEY_PREFIX}{rid}:{_BOOKLET}").items():
            try:
                if json.loads(value).get("p") == participant_id:
                    keys.append(key)
            except (ValueError, AttributeError):
                continue
    return keys


def enter_booklet(
    store: Store, framework: Framework, locality: Locality, round: Round, booklet: Booklet
) -> tuple[Participant, int]:
    """Store a booklet typed in as a participant of ``round`` and their ratings, in one
    transaction, read exactly as a row of the paper-answers template is by
    :func:`import_submissions`; returns the participant and the booklet's number in the
    round.

    Refused, with nothing stored (an :class:`InputError` naming the question or the
    field): an empty name, an answer that is neither 1 to 5 nor "don't know" ("?"), a
    booklet with neither an answer nor a note, and a booklet whose name and side are
    those of a booklet saved before or of a participant who already answered in this
    round (the same booklet typed twice, on one page or on two at once)."""
    name = booklet.name.strip()
    if not name:
        raise keyed(InputError, "entry_err_name")
    reader = _Reader(framework, locality, round, store.organisations(locality.id))
    answers: dict[str, Answer] = {}
    for q in framework.questions:
        typed = booklet.answers.get(q.id, "").strip()
        note = booklet.notes.get(q.id, "").strip()
        would_help = booklet.would_help.get(q.id, "").strip()
        if not (typed or note or would_help):
            continue
        if typed == "?":
            typed = DONT_KNOW
        elif typed and _fold(typed) not in reader.answers:
            raise keyed(InputError, "entry_err_answer", question=q.id, text=typed)
        answers[q.id] = Answer(typed, note, would_help)
    if not answers:
        raise keyed(InputError, "entry_err_empty")
    sub = Submission(
        row=0,
        instance_id="",
        locality_id=locality.id,
        round_id=round.id,
        side=booklet.side.value,
        organisation=booklet.organisation_id or "",
        role=booklet.role,
        name=name,
        consent="yes" if booklet.consent else "no",
        answers=answers,
    )
    person = reader.person(sub)
    ratings = reader.ratings(sub, person)
    # One booklet per side and name in a round: claimed by a key of the round's settings,
    # in the transaction that stores it, so that two facilitators saving the same booklet
    # at the same moment store it once (the store's unique key decides).
    key = f"{_KEY_PREFIX}{round.id}:{_BOOKLET}{_digest(booklet.side.value + ':' + _fold(name))}"
    with store.transaction():
        number = booklets_entered(store, round) + 1
        if not store.add_setting(key, json.dumps({"p": person.id})):
            raise keyed(InputError, "entry_err_twice", name=name)
        answered = {r.participant_id for r in store.ratings(round_id=round.id)}
        for p in store.participants(locality.id):
            if p.side is booklet.side and _fold(p.name) == _fold(name) and p.id in answered:
                raise keyed(InputError, "entry_err_twice", name=name)
        store.add_participant(person)
        for rating in ratings:
            store.save_rating(rating)
    return person, number
