"""Opening the next round of a locality, and what the rounds before it keep.

A locality's rounds are its baseline and the follow-ups after it; the latest round is
the one the pages answer and record in (:func:`civicnb.workshop.participation.current_round`),
and every round before it is read-only (the store refuses writes into it with
:class:`~civicnb.errors.RoundClosedError`). :func:`open_round` is the one way to open the
next round: the CLI (``civicnb round``), :func:`civicnb.api.open_round` and the home
page's rounds section all call it.

What opening a round carries forward (see ``docs/rounds.md``):

* the valued outcomes and their indicators: each outcome's ``current`` value is kept as
  an :class:`~civicnb.records.OutcomeReading` of the round being closed, then cleared
  so that the facilitator enters the new round's value (the last one is shown beside
  it, :func:`last_readings`);
* the expected stakeholder groups: the last round's attendance groups, not present yet,
  their outreach notes kept;
* actions, activities, assets and organisations belong to the locality, not to a
  round: they stay as they are, and the actions still open (neither done nor dropped)
  are listed as carried forward with their status to update (:func:`carried_actions`).

Ratings, agreed ratings and harvest notes start empty in the new round.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from civicnb.errors import ConflictError, InputError
from civicnb.i18n import keyed
from civicnb.records import MAX_NAME, Action, Attendance, Locality, OutcomeReading, Round
from civicnb.store import Store

__all__ = [
    "EARLIEST_DATE",
    "carried_actions",
    "check_round_date",
    "last_readings",
    "open_round",
    "previous_round",
]

EARLIEST_DATE = dt.date(2000, 1, 1)
"""No round of a civic partnership self-assessment is dated before this."""
LATEST_YEARS_AHEAD = 5
"""A round may be dated up to this many years ahead (a round planned, not a typo)."""
CLOSED_STATUSES = ("done", "dropped")


def check_round_date(date: object, after: dt.date | None = None) -> dt.date | None:
    """``date`` if it is a plausible round date (or None), else InputError: a date, not
    a date and time, from :data:`EARLIEST_DATE` to five years from today, and not before
    ``after`` (the date of the round before it)."""
    if date is None:
        return None
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise keyed(InputError, "err_round_date")
    latest = dt.date.today().replace(year=dt.date.today().year + LATEST_YEARS_AHEAD)
    if not EARLIEST_DATE <= date <= latest:
        raise keyed(
            InputError,
            "err_round_date_range",
            earliest=EARLIEST_DATE.isoformat(),
            latest=latest.isoformat(),
            date=date.isoformat(),
        )
    if after is not None and date < after:
        raise keyed(
            InputError, "err_round_date_order", date=date.isoformat(), before=after.isoformat()
        )
    return date


def _check_label(label: object, rounds: Sequence[Round]) -> str:
    if not isinstance(label, str) or not label.strip():
        raise keyed(InputError, "err_round_label")
    label = label.strip()
    if len(label) > MAX_NAME:
        raise keyed(InputError, "err_round_label_long", limit=MAX_NAME)
    for r in rounds:
        if r.label.casefold() == label.casefold():
            raise keyed(ConflictError, "err_round_label_taken", label=r.label)
    return label


def open_round(
    store: Store,
    locality: Locality,
    label: str,
    date: dt.date | None = None,
    *,
    recorded_by: str = "",
) -> Round:
    """Open the next round of ``locality`` (after its latest) and return it.

    Everything happens in one store transaction: a bad label (empty, too long, the label
    of another round of the locality, whatever its case) or a bad date raises
    :class:`~civicnb.errors.InputError` / :class:`~civicnb.errors.ConflictError` and
    the store is left as it was. From then on, the rounds before the new one are
    read-only. ``recorded_by`` names the facilitator (on the records written).
    """
    with store.transaction():
        rounds = store.rounds(locality.id)
        label = _check_label(label, rounds)
        last = rounds[-1] if rounds else None
        date = check_round_date(date, last.date if last else None)
        position = last.position + 1 if last else 0
        new = Round(locality.id, label, date, position)  # validated (position < 1000)
        if last is not None:
            for o in store.outcomes(locality.id):
                if o.current is not None:
                    store.save_outcome_reading(
                        OutcomeReading(last.id, o.id, o.current, recorded_by=recorded_by)
                    )
                    store.save_outcome(dataclasses.replace(o, current=None))
            groups = store.attendance(last.id)
        else:
            groups = []
        store.add_round(new)
        for g in groups:
            store.save_attendance(
                Attendance(
                    new.id,
                    g.group,
                    expected=g.expected,
                    present=False,
                    outreach_note=g.outreach_note,
                    recorded_by=recorded_by,
                )
            )
    return new


def previous_round(store: Store, locality: Locality, rnd: Round) -> Round | None:
    """The round just before ``rnd`` in its locality (None for the first)."""
    rounds = store.rounds(locality.id)
    ids = [r.id for r in rounds]
    if rnd.id not in ids:
        return None
    i = ids.index(rnd.id)
    return rounds[i - 1] if i > 0 else None


def carried_actions(store: Store, locality: Locality, rnd: Round) -> list[Action]:
    """The actions agreed in a round before ``rnd`` that are still open (neither done
    nor dropped): carried forward into ``rnd``, their status to update."""
    before = {r.id for r in store.rounds(locality.id) if r.position < rnd.position}
    return [
        a
        for a in store.actions(locality.id)
        if a.round_id in before and a.status not in CLOSED_STATUSES
    ]


def last_readings(store: Store, locality: Locality, rnd: Round) -> dict[str, float | None]:
    """Outcome id -> its indicator value in the round before ``rnd`` (outcomes with a
    reading there only)."""
    prev = previous_round(store, locality, rnd)
    if prev is None:
        return {}
    return {
        r.outcome_id: r.value for r in store.outcome_readings(locality.id) if r.round_id == prev.id
    }
