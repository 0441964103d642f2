"""Withdrawal and erasure: a participant's answers leave the workbook for good.

A participant withdraws from their "My summary" page; a facilitator erases someone with
``civicnb forget LOCALITY PARTICIPANT`` or from the facilitator page. Both are
:func:`erase_participant`: in one transaction it deletes

* the participant and all their answers (scores, "don't know", evidence notes, "what
  would help") in every round of the locality;
* the sessions (kiosk or their own device) that stand for them (the ``session:``
  settings whose JSON value names them as ``{"p": <id>}``);
* the booklets typed in for them on the facilitator's page (the ``collected:…:booklet:``
  settings that name them: their key is a digest of the side and the name);
* their answers from every reveal snapshot of the locality's rounds: what a reveal
  shows is then recomputed from the remaining people under the small-number rule (a
  group that no longer has enough anonymous scores becomes withheld).

Future reports and exports are made from the store, so they no longer hold them.
Reports made before are files: :func:`forget` lists them so they can be remade.
Harvest notes and attendance records have no author in civicnb (they are the table's
and the facilitator's), so there is nothing of the participant's to delete there.

No Jupyter imports: the CLI and the pages are thin over these functions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from civicnb.errors import InputError, NotFoundError
from civicnb.records import Locality, Participant
from civicnb.store import Store
from civicnb.workshop.collection import booklet_claims
from civicnb.workshop.participation import device_key, participant_sessions
from civicnb.workshop.snapshots import drop_from_snapshots
from civicnb.workspace import Workspace, open_workspace

__all__ = ["Erasure", "erase_participant", "find_participant", "forget", "made_reports"]


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure removed (counts only: the records are gone)."""

    participant_id: str
    side: str
    answers: int
    """Answers deleted (scores, "don't know" and notes, all rounds)."""
    sessions: int
    """Kiosk (or other device) sessions ended."""
    reveals: int
    """Reveal snapshots recomputed without them."""
    reports: tuple[Path, ...] = ()
    """Reports made before the erasure, which still hold their answers."""


def erase_participant(
    store: Store, participant_id: str, *, locality_id: str | None = None
) -> Erasure:
    """Delete a participant everywhere in the store, in one transaction (see the
    module's docstring). ``locality_id``, if given, must be the participant's
    locality (a page of one locality cannot erase someone of another)."""
    with store.transaction():
        try:
            person = store.get_participant(participant_id)
        except NotFoundError:
            raise NotFoundError("participant", participant_id) from None
        if locality_id is not None and person.locality_id != locality_id:
            raise InputError("this participant belongs to another locality: nothing was erased")
        answers = len(store.ratings(participant_id=person.id))
        rounds = [r.id for r in store.rounds(person.locality_id)]
        reveals = drop_from_snapshots(store, rounds, person.id)
        sessions = participant_sessions(store, person.id)
        for key in sessions:
            store.delete_setting(key)
        store.delete_setting(device_key(person.locality_id, person.id))  # counted no more
        for key in booklet_claims(store, rounds, person.id):
            store.delete_setting(key)
        store.delete_participant(person.id)  # their ratings go with them (cascade)
    store.scrub()  # no copy left in SQLite's write-ahead log
    return Erasure(person.id, person.side.value, answers, len(sessions), reveals)


def find_participant(store: Store, locality: Locality, who: str) -> Participant:
    """The participant of ``locality`` with this id, or else with this name (case and
    spacing ignored). An unknown name gets "did you mean"; a name shared by several
    people is refused with their ids, so that the right one can be given."""
    wanted = " ".join(str(who).split())
    if not wanted:
        raise InputError("give the participant's id or name")
    people = store.participants(locality.id)
    for p in people:
        if p.id == wanted:
            return p
    key = wanted.casefold()
    same = [p for p in people if " ".join(p.name.split()).casefold() == key]
    if len(same) == 1:
        return same[0]
    if same:
        ids = ", ".join(
            f"{p.id} ({p.side.value}, joined {p.created_at:%Y-%m-%d %H:%M})" for p in same
        )
        raise InputError(
            f"{len(same)} participants of {locality.slug!r} are called {wanted!r}; "
            f"give the id of the one to erase: {ids}"
        )
    raise NotFoundError(
        "participant",
        wanted,
        sorted({p.name for p in people}),
        hint=f"in {locality.slug!r}: give their id or their name as they typed it",
    )


def made_reports(ws: Workspace, locality: Locality) -> tuple[Path, ...]:
    """The report files already made for the locality (``W/reports/<slug>/``)."""
    folder = ws.reports_dir / locality.slug
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.rglob("*") if p.is_file()))


def forget(
    locality: str,
    participant: str,
    *,
    workspace: Workspace | str | os.PathLike[str] | None = None,
    dry_run: bool = False,
) -> tuple[Participant, Erasure | None, tuple[Path, ...]]:
    """``civicnb forget``: find the participant (id or name), erase them (unless
    ``dry_run``), and list the reports made before, which still hold their answers."""
    ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace)
    with ws.open_store() as store:
        loc = store.get_locality(locality)
        person = find_participant(store, loc, participant)
        done = None if dry_run else erase_participant(store, person.id, locality_id=loc.id)
    reports = made_reports(ws, loc)
    if done is not None:
        done = Erasure(
            done.participant_id, done.side, done.answers, done.sessions, done.reveals, reports
        )
    return person, done, reports
