"""What a participant does, without any user interface: join a locality, answer
questions (each change saved at once), see their own answers, take their workbook
away, bring it back.

The participant pages (``civicnb.ui``) are thin bindings of widgets to these functions,
which are tested without a kernel.

Sessions: a page never carries the participant's id in its address; the browser keeps an
unguessable session token (see "sessions" below). Kiosk sessions (one shared device,
participants taking turns) end with "Next participant"; ending a session makes every page
opened with it refuse to save and show the "not joined" notice when reloaded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from civicnb.errors import InputError, NotFoundError, WorkbookError
from civicnb.framework.model import Framework
from civicnb.i18n import keyed
from civicnb.records import Locality, LocalityRecords, Participant, Rating, Round, Side, utcnow
from civicnb.store import Store

__all__ = [
    "DeviceSession",
    "ParticipantSession",
    "SessionEnded",
    "device_counts",
    "end_kiosk_session",
    "end_session",
    "join",
    "kiosk_participant",
    "merge_own_workbook",
    "merge_workbook",
    "new_device_token",
    "participant_records",
    "participant_sessions",
    "session_info",
    "session_participant",
    "start_kiosk_session",
    "start_session",
]

_UNSET: Any = object()


def join(
    store: Store,
    locality: Locality,
    side: Side | str,
    name: str,
    named: bool,
    *,
    organisation_id: str | None = None,
    role: str = "",
    rates_organisation_id: str | None = None,
) -> Participant:
    """Register a participant (validated; committed when this returns).

    ``organisation_id``: the organisation of their side they take part for (None or "":
    none, speaking for themselves); ``role``: on the local authority's side, "elected"
    or "officer" ("" = not said); ``rates_organisation_id``: the organisation of the
    other side their answers to its column are about (None or "": that side as a
    whole). An organisation that is not the locality's, or of the wrong side, is refused
    with an InputError and nothing is stored."""
    person = Participant(
        locality.id,
        Side.parse(side),
        name.strip(),
        bool(named),
        organisation_id=organisation_id or None,
        role=role,
        rates_organisation_id=rates_organisation_id or None,
    )
    return store.add_participant(person)  # checks the organisations (same transaction)


def current_round(store: Store, locality: Locality, label: str | None = None) -> Round:
    """The round named ``label``, or the latest round of the locality."""
    if label:
        return store.get_round(locality.id, label)
    rounds = store.rounds(locality.id)
    if not rounds:
        raise keyed(InputError, "err_no_round", locality=locality.slug)
    return rounds[-1]


@dataclass
class ParticipantSession:
    """One participant answering one round of one locality."""

    store: Store
    framework: Framework
    locality: Locality
    round: Round
    participant: Participant
    token: str | None = None
    """The device session this page was opened with: checked again on every save."""

    def check_live(self) -> None:
        """Raise :class:`SessionEnded` unless the page's session still stands for this
        participant (no-op for sessions opened without a token, e.g. from a script)."""
        if self.token is None:
            return
        info = session_info(self.store, self.token, touch=True)
        if info is None or info.participant_id != self.participant.id:
            raise SessionEnded()

    @classmethod
    def resume(
        cls,
        store: Store,
        framework: Framework,
        locality: Locality,
        participant_id: str,
        round_label: str | None = None,
    ) -> ParticipantSession:
        """The session of a participant who joined before (e.g. after a reload)."""
        try:
            person = store.get_participant(participant_id)
        except NotFoundError:
            raise keyed(InputError, "err_unknown_link") from None
        if person.locality_id != locality.id:
            raise keyed(InputError, "err_other_locality_link")
        return cls(store, framework, locality, current_round(store, locality, round_label), person)

    def answers(self) -> dict[str, Rating]:
        """This participant's ratings in this round, by question id."""
        return {
            r.question_id: r
            for r in self.store.ratings(round_id=self.round.id, participant_id=self.participant.id)
        }

    def save(
        self,
        question_id: str,
        *,
        score: int | None = _UNSET,
        dont_know: bool = _UNSET,
        note: str = _UNSET,
        would_help: str = _UNSET,
    ) -> Rating:
        """Change some fields of one answer and save it; returns the stored rating.

        Choosing a score clears "don't know" and the other way round. Bad values
        (out of range, too long) raise InputError and leave the stored answer as it was.
        """
        self.framework.question(question_id)  # unknown question: NotFoundError
        self.check_live()
        current = self.answers().get(question_id) or Rating(
            self.round.id, self.participant.id, question_id
        )
        changes: dict[str, Any] = {}
        if score is not _UNSET:
            changes["score"] = score
            if score is not None:
                changes["dont_know"] = False
        if dont_know is not _UNSET:
            changes["dont_know"] = bool(dont_know)
            if dont_know:
                changes["score"] = None
        if note is not _UNSET:
            changes["note"] = note
        if would_help is not _UNSET:
            changes["would_help"] = would_help
        updated = dataclasses.replace(current, **changes, updated_at=utcnow())
        return self.store.save_rating(updated)

    def progress(self) -> dict[str, tuple[int, int]]:
        """Per strand: (answered own-side questions, own-side questions)."""
        answers = self.answers()
        out: dict[str, tuple[int, int]] = {}
        for strand in self.framework.strands:
            own = [q for q in strand.questions if q.side == self.participant.side]
            if self.participant.side == Side.OTHER:
                own = list(strand.questions)
            done = sum(1 for q in own if q.id in answers and answers[q.id].answered)
            out[strand.id] = (done, len(own))
        return out

    def my_records(self) -> LocalityRecords:
        return participant_records(self.store, self.locality, self.participant)


def participant_records(store: Store, locality: Locality, person: Participant) -> LocalityRecords:
    """A workbook holding one participant and their answers (all rounds), with the
    organisations they named (their own, the one they rate), so that it imports whole."""
    named = {person.organisation_id, person.rates_organisation_id}
    return LocalityRecords(
        locality=locality,
        rounds=tuple(store.rounds(locality.id)),
        organisations=tuple(o for o in store.organisations(locality.id) if o.id in named),
        participants=(person,),
        ratings=tuple(store.ratings(locality_id=locality.id, participant_id=person.id)),
    )


def merge_workbook(store: Store, records: LocalityRecords) -> Mapping[str, int]:
    """Bring a downloaded workbook back: import it whole if its locality is new here,
    else add its participants and answers to the same locality.

    Ratings already in the store are kept when they are newer than the file's. Only
    participants and ratings are merged into an existing locality; the deliberation
    records (actions, outcomes…) of a workbook are imported only with a new locality.
    """
    try:
        existing = store.get_locality(records.locality.slug)
    except NotFoundError:
        store.import_locality(records)
        return {"participants": len(records.participants), "ratings": len(records.ratings)}
    if existing.id != records.locality.id:
        raise WorkbookError(
            f"this workbook belongs to another locality also called {existing.slug!r}; "
            "ask the facilitator to import it with `civicnb import --replace`"
        )
    known_rounds = {r.id for r in store.rounds(existing.id)}
    missing = [r.label for r in records.rounds if r.id not in known_rounds]
    if missing:
        raise WorkbookError(
            f"this workbook has rounds this workspace does not know: {missing[0]!r}"
        )
    counts = {"participants": 0, "ratings": 0}
    with store.transaction():
        known = {p.id for p in store.participants(existing.id)}
        for person in records.participants:
            if person.id not in known:
                store.add_participant(person)
                counts["participants"] += 1
        stored = {
            (r.round_id, r.participant_id, r.question_id): r
            for r in store.ratings(locality_id=existing.id)
        }
        for r in records.ratings:
            old = stored.get((r.round_id, r.participant_id, r.question_id))
            if old is None or (old.updated_at or old.created_at) < (r.updated_at or r.created_at):
                store.save_rating(r)
                counts["ratings"] += 1
    return counts


_DELIBERATION = (
    "joint_ratings",
    "outcomes",
    "activities",
    "actions",
    "assets",
    "harvest_notes",
    "attendance",
    "celebrations",
)


def merge_own_workbook(
    store: Store, records: LocalityRecords, locality: Locality, person: Participant
) -> Mapping[str, int]:
    """Bring one's own downloaded workbook back on a participant page: only ``person``'s
    answers in ``locality`` are merged (newer answers win). A workbook naming another
    locality, another participant or holding deliberation records is refused with one
    clear line and nothing changes (the facilitator imports whole workbooks with
    ``civicnb import``)."""
    if records.locality.id != locality.id:
        raise keyed(
            WorkbookError,
            "err_wb_other_locality",
            theirs=records.locality.name,
            ours=locality.name,
        )
    others = [p for p in records.participants if p.id != person.id]
    if others or any(r.participant_id != person.id for r in records.ratings):
        raise keyed(WorkbookError, "err_wb_other_person")
    if any(getattr(records, name) for name in _DELIBERATION):
        raise keyed(WorkbookError, "err_wb_room")
    known_rounds = {r.id for r in store.rounds(locality.id)}
    missing = [r.label for r in records.rounds if r.id not in known_rounds]
    missing += [r.round_id for r in records.ratings if r.round_id not in known_rounds][:1]
    if missing:
        raise keyed(WorkbookError, "err_wb_rounds", label=missing[0])
    counts = {"participants": 0, "ratings": 0}
    with store.transaction():
        stored = {
            (r.round_id, r.question_id): r
            for r in store.ratings(locality_id=locality.id, participant_id=person.id)
        }
        for r in records.ratings:
            old = stored.get((r.round_id, r.question_id))
            if old is None or (old.updated_at or old.created_at) < (r.updated_at or r.created_at):
                store.save_rating(r)
                counts["ratings"] += 1
    return counts


# --- sessions: who is answering on this device -----------------------------------------
#
# A page never carries a participant's id in its address. After joining, the browser keeps
# an unguessable session token (localStorage) and every page sends it to its kernel; the
# store keeps only a hash of the token, with the participant it stands for and when it
# ends. Kiosk sessions (a shared device) end with "Next participant" or after
# KIOSK_IDLE of inactivity; ordinary sessions last PERSONAL_LIFETIME (a workshop) or until
# "forget me on this device". Every save checks the token again (another tab may have
# ended the session).

_SESSION_PREFIX = "session:"
_DEVICE_PREFIX = "device:"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
KIOSK_IDLE = timedelta(minutes=30)
"""A kiosk session ends after this long without a save or a page opened."""
PERSONAL_LIFETIME = timedelta(hours=12)
"""An ordinary session (one's own phone or laptop) lasts a workshop."""
_TOUCH_EVERY = timedelta(seconds=60)


class SessionEnded(InputError):
    """The session token of a page stands for nobody any more (ended or expired)."""

    def __init__(self) -> None:
        super().__init__(
            "this session has ended (on this device or in another tab): "
            "join again from the start page"
        )


@dataclass(frozen=True)
class DeviceSession:
    """What a live session token stands for."""

    participant_id: str
    kiosk: bool
    started: datetime
    seen: datetime


def _session_key(token: str) -> str:
    # the store keeps a hash of the token: whoever reads the database cannot use it
    return _SESSION_PREFIX + hashlib.sha256(token.encode("ascii")).hexdigest()


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def start_session(
    store: Store, participant_id: str, *, kiosk: bool = False, device: str | None = None
) -> str:
    """A new unguessable token standing for ``participant_id`` on one device (kept by the
    browser, never put in an address). ``device`` is the browser's device token (see
    :func:`new_device_token`): only its hash is recorded, to count devices."""
    person = store.get_participant(participant_id)  # unknown participant: NotFoundError
    token = secrets.token_urlsafe(32)
    now = utcnow().isoformat()
    value = {"p": participant_id, "kiosk": bool(kiosk), "started": now, "seen": now}
    store.set_setting(_session_key(token), json.dumps(value))
    if isinstance(device, str) and _TOKEN.match(device):
        store.set_setting(device_key(person.locality_id, person.id), _hash(device))
    return token


def device_key(locality_id: str, participant_id: str) -> str:
    """The setting that holds the hash of the device a participant joined from."""
    return f"{_DEVICE_PREFIX}{locality_id}:{participant_id}"


def new_device_token() -> str:
    """An unguessable token naming one browser (kept in its localStorage)."""
    return secrets.token_urlsafe(24)


def valid_token(token: object) -> bool:
    return isinstance(token, str) and bool(_TOKEN.match(token))


def session_info(
    store: Store, token: str | None, *, touch: bool = False, now: datetime | None = None
) -> DeviceSession | None:
    """What a live session token stands for, else None (unknown, ended, expired or
    malformed tokens alike; an expired one is deleted). ``touch`` records activity (a
    kiosk session's idle time starts again)."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    key = _session_key(token)
    value = store.get_setting(key)
    if value is None:
        return None
    try:
        data = json.loads(value)
        pid = data["p"]
        started = datetime.fromisoformat(data["started"])
        seen = datetime.fromisoformat(data.get("seen", data["started"]))
        kiosk = bool(data.get("kiosk", False))
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(pid, str) or not pid:
        return None
    now = now or utcnow()
    expired = now - seen > KIOSK_IDLE if kiosk else now - started > PERSONAL_LIFETIME
    if expired:
        store.delete_setting(key)
        return None
    if touch and now - seen > _TOUCH_EVERY:
        data["seen"] = now.isoformat()
        store.set_setting(key, json.dumps(data))
        seen = now
    return DeviceSession(pid, kiosk, started, seen)


def session_participant(store: Store, token: str | None) -> str | None:
    """The participant id a live session token stands for, else None."""
    info = session_info(store, token)
    return info.participant_id if info else None


def end_session(store: Store, token: str | None) -> bool:
    """End a session (True if it was live); its token then stands for nobody."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return False
    return store.delete_setting(_session_key(token))


def participant_sessions(store: Store, participant_id: str) -> list[str]:
    """The settings keys of the sessions (live or expired) that stand for
    ``participant_id``, by key. A prefix query: other settings are not read."""
    return [
        key
        for key, value in store.settings_with_prefix(_SESSION_PREFIX).items()
        if _names_participant(value, participant_id)
    ]


def _names_participant(value: str, participant_id: str) -> bool:
    try:
        data = json.loads(value)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("p") == participant_id


def device_counts(store: Store, locality_id: str) -> tuple[int, int]:
    """(people who joined with a recorded device, distinct devices they joined from)."""
    known = {p.id for p in store.participants(locality_id)}
    prefix = f"{_DEVICE_PREFIX}{locality_id}:"
    devices = {
        key[len(prefix) :]: value
        for key, value in store.settings_with_prefix(prefix).items()
        if key[len(prefix) :] in known
    }
    return len(devices), len(set(devices.values()))


# kiosk sessions: the same sessions, ended by "Next participant" or after inactivity


def start_kiosk_session(store: Store, participant_id: str, device: str | None = None) -> str:
    """A new kiosk token standing for ``participant_id`` on a shared device."""
    return start_session(store, participant_id, kiosk=True, device=device)


def kiosk_participant(store: Store, token: str | None) -> str | None:
    """The participant id a live kiosk token stands for, else None."""
    info = session_info(store, token)
    return info.participant_id if info and info.kiosk else None


def end_kiosk_session(store: Store, token: str | None) -> bool:
    """End a kiosk session (True if it was live); its token then stands for nobody."""
    return end_session(store, token)
