"""What a participant does, without any user interface: join a locality, answer
questions (each change saved at once), see their own answers, take their workbook
away, bring it back.

The participant pages (``civicnb.ui``) are thin bindings of widgets to these functions,
which are tested without a kernel.

Kiosk sessions (one shared device, participants taking turns): the pages carry an
unguessable token instead of the participant's id; ending the session makes every page
opened with it show the "not joined" notice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from civicnb.errors import InputError, NotFoundError, WorkbookError
from civicnb.framework.model import Framework
from civicnb.model import Locality, LocalityRecords, Participant, Rating, Round, Side, utcnow
from civicnb.store import Store

__all__ = [
    "ParticipantSession",
    "end_kiosk_session",
    "join",
    "kiosk_participant",
    "merge_workbook",
    "participant_records",
    "start_kiosk_session",
]

_UNSET: Any = object()


def join(store: Store, locality: Locality, side: Side | str, name: str, named: bool) -> Participant:
    """Register a participant (validated; committed when this returns)."""
    person = Participant(locality.id, Side.parse(side), name.strip(), bool(named))
    return store.add_participant(person)


def current_round(store: Store, locality: Locality, label: str | None = None) -> Round:
    """The round named ``label``, or the latest round of the locality."""
    if label:
        return store.get_round(locality.id, label)
    rounds = store.rounds(locality.id)
    if not rounds:
        raise InputError(f"the locality {locality.slug!r} has no round yet")
    return rounds[-1]


@dataclass
class ParticipantSession:
    """One participant answering one round of one locality."""

    store: Store
    framework: Framework
    locality: Locality
    round: Round
    participant: Participant

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
            raise InputError(
                "this participant link is not known here: join again from the start page"
            ) from None
        if person.locality_id != locality.id:
            raise InputError("this participant link belongs to another locality")
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
    """A workbook holding one participant and their answers (all rounds)."""
    return LocalityRecords(
        locality=locality,
        rounds=tuple(store.rounds(locality.id)),
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


# --- kiosk sessions -----------------------------------------------------------------------

_KIOSK_PREFIX = "kiosk:"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def _kiosk_key(token: str) -> str:
    # the store keeps a hash of the token: whoever reads the database cannot use it
    return _KIOSK_PREFIX + hashlib.sha256(token.encode("ascii")).hexdigest()


def start_kiosk_session(store: Store, participant_id: str) -> str:
    """A new unguessable token standing for ``participant_id`` on a shared device."""
    store.get_participant(participant_id)  # unknown participant: NotFoundError
    token = secrets.token_urlsafe(32)
    value = json.dumps({"p": participant_id, "started": utcnow().isoformat()})
    store.set_setting(_kiosk_key(token), value)
    return token


def kiosk_participant(store: Store, token: str | None) -> str | None:
    """The participant id a live kiosk token stands for, else None (unknown, ended or
    malformed tokens alike)."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    value = store.get_setting(_kiosk_key(token))
    if value is None:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    pid = data.get("p") if isinstance(data, dict) else None
    return pid if isinstance(pid, str) and pid else None


def end_kiosk_session(store: Store, token: str | None) -> bool:
    """End a kiosk session (True if it was live); its token then stands for nobody."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return False
    return store.delete_setting(_kiosk_key(token))
