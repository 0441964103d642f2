"""Co-facilitation without a user interface: named keys per locality (only their hash
stored), the key check (constant-time path, one locality's key never opens another's,
revoked or bad input -> None), and every deliberation record written through a
:class:`~civicnb.workshop.facilitation.Recorder` carrying its holder's name."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import civicnb.workshop.facilitators as facilitators
from civicnb.errors import ConflictError, InputError, NotFoundError
from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Locality,
    Outcome,
    OutcomeReading,
    Round,
)
from civicnb.store import Store
from civicnb.workshop.facilitation import (
    Holder,
    KeyRevoked,
    Recorder,
    add_facilitator,
    facilitator_for_key,
    revoke_facilitator,
)
from civicnb.workshop.facilitators import LEAD_NAME
from civicnb.workspace import Workspace


@pytest.fixture
def store(ws: Workspace) -> Iterator[Store]:
    with ws.open_store() as s:
        yield s


@pytest.fixture
def two(store: Store) -> tuple[Locality, Locality]:
    a = store.add_locality(Locality("Girón"))
    b = store.add_locality(Locality("Floridablanca", language="es"))
    for loc in (a, b):
        store.add_round(Round(loc.id, "baseline"))
    return a, b


def _files_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_only_the_hash_is_stored(ws: Workspace, store: Store, two: tuple[Locality, ...]) -> None:
    a, _ = two
    ana, key = add_facilitator(store, a, "  Ana   Ruiz ")
    _, other = add_facilitator(store, a, "Luis")
    assert ana.name == "Ana Ruiz" and ana.active
    assert len(key) >= 32 and key != other
    assert ana.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = store.facilitators(a.id)
    assert [f.name for f in stored] == ["Ana Ruiz", "Luis"]
    assert all(key not in repr(f) for f in stored)
    store.close()  # everything written to disk: the key is nowhere in the workspace
    blob = _files_under(ws.root)
    assert key.encode() not in blob and other.encode() not in blob
    assert ana.key_hash.encode() in blob


def test_names_are_checked(store: Store, two: tuple[Locality, ...]) -> None:
    a, b = two
    add_facilitator(store, a, "Ana")
    with pytest.raises(ConflictError):
        add_facilitator(store, a, "ANA")
    add_facilitator(store, b, "Ana")  # another locality may have its own Ana
    for bad in ("", "   ", "x" * 500, None):
        with pytest.raises(InputError):
            add_facilitator(store, a, bad)  # type: ignore[arg-type]
    assert [f.name for f in store.facilitators(a.id)] == ["Ana"]


def test_a_key_opens_its_own_locality_only(
    ws: Workspace, store: Store, two: tuple[Locality, ...]
) -> None:
    a, b = two
    ana, key_a = add_facilitator(store, a, "Ana")
    _, key_b = add_facilitator(store, b, "Beatriz")
    assert facilitator_for_key(ws, store, a, key_a) == Holder("Ana", ana.id, a.id)
    assert facilitator_for_key(ws, store, a, f"  {key_a}\n") == Holder("Ana", ana.id, a.id)
    assert facilitator_for_key(ws, store, b, key_a) is None
    assert facilitator_for_key(ws, store, a, key_b) is None
    assert facilitator_for_key(ws, store, b, key_b) is not None
    # the workspace's own key opens every locality, named in the locality's language
    lead = ws.facilitator_key()
    assert facilitator_for_key(ws, store, a, lead) == Holder(LEAD_NAME["en"])
    assert facilitator_for_key(ws, store, b, lead) == Holder(LEAD_NAME["es"])


def test_revoked_key_opens_nothing(ws: Workspace, store: Store, two: tuple[Locality, ...]) -> None:
    a, _ = two
    ana, key = add_facilitator(store, a, "Ana")
    holder = facilitator_for_key(ws, store, a, key)
    assert holder is not None
    facilitators.check_holder(store, holder)  # stands
    done = revoke_facilitator(store, ana.id)
    assert not done.active and done.revoked_at is not None
    assert facilitator_for_key(ws, store, a, key) is None
    with pytest.raises(KeyRevoked):
        facilitators.check_holder(store, holder)
    assert revoke_facilitator(store, ana.id).revoked_at == done.revoked_at  # idempotent
    with pytest.raises(NotFoundError):
        revoke_facilitator(store, "0" * 32)
    # the name is free again; the revoked row is kept (who recorded what stays readable)
    add_facilitator(store, a, "Ana")
    assert [f.active for f in store.facilitators(a.id)] == [False, True]


@pytest.mark.parametrize(
    "bad",
    [None, 5, b"bytes", ["k"], "", "   ", "x" * 300, "\ud800", "wrong"],
)
def test_bad_input_is_none(
    ws: Workspace, store: Store, two: tuple[Locality, ...], bad: object
) -> None:
    a, _ = two
    add_facilitator(store, a, "Ana")
    assert facilitator_for_key(ws, store, a, bad) is None


def test_near_misses_are_none(ws: Workspace, store: Store, two: tuple[Locality, ...]) -> None:
    a, _ = two
    _, key = add_facilitator(store, a, "Ana")
    lead = ws.facilitator_key()
    for near in (key[:-1], key + "x", key.upper(), lead[:-1], lead + "x"):
        assert facilitator_for_key(ws, store, a, near) is None


def test_the_constant_time_path(
    ws: Workspace, store: Store, two: tuple[Locality, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named key is looked up by its hash (the key is never compared character by
    character), both checks run whatever the key, an over-long one is not even hashed."""
    a, _ = two
    _, key = add_facilitator(store, a, "Ana")
    looked_up: list[str] = []
    compared: list[tuple[Any, Any]] = []
    lead_checks: list[object] = []
    real_lookup = store.facilitator_by_hash
    real_compare = facilitators.hmac.compare_digest
    real_lead = facilitators.check_facilitator_key

    def lookup(h: str) -> Any:
        looked_up.append(h)
        return real_lookup(h)

    def compare(x: Any, y: Any) -> bool:
        compared.append((x, y))
        return real_compare(x, y)

    def lead_check(w: Workspace, c: str | None) -> bool:
        lead_checks.append(c)
        return real_lead(w, c)

    monkeypatch.setattr(store, "facilitator_by_hash", lookup)
    monkeypatch.setattr(facilitators.hmac, "compare_digest", compare)
    monkeypatch.setattr(facilitators, "check_facilitator_key", lead_check)
    assert facilitator_for_key(ws, store, a, key) is not None
    digest = hashlib.sha256(key.encode()).hexdigest()
    assert looked_up == [digest] and compared[-1] == (digest, digest)
    # (the first comparison is the workspace key's, in civicnb.workshop.key)
    assert lead_checks == [key]
    looked_up.clear()
    assert facilitator_for_key(ws, store, a, ws.facilitator_key()) is not None
    assert len(looked_up) == 1  # the store is asked for the workspace's key too
    looked_up.clear()
    lead_checks.clear()
    assert facilitator_for_key(ws, store, a, "k" * 300) is None
    assert looked_up == [] and lead_checks == []


# --- every write stamped with its holder's name ------------------------------------------


def _writes(
    loc: Locality, rnd: Round, outcome: Outcome
) -> list[tuple[str, Callable[[Recorder], Any], Callable[[Store], list[Any]]]]:
    """(what, write through a recorder, read every record of that kind back)."""
    return [
        (
            "agreed rating",
            lambda r: r.save_joint_rating(JointRating(rnd.id, "P01", 3, "agreed")),
            lambda s: s.joint_ratings(rnd.id),
        ),
        (
            "outcome",
            lambda r: r.save_outcome(Outcome(loc.id, "Clean river", "environment")),
            lambda s: [o for o in s.outcomes(loc.id) if o.id != outcome.id],
        ),
        (
            "indicator value",
            lambda r: r.save_outcome_reading(OutcomeReading(rnd.id, outcome.id, 4.0)),
            lambda s: s.outcome_readings(loc.id),
        ),
        (
            "activity",
            lambda r: r.save_activity(Activity(loc.id, "Clean-up", outcome_ids=(outcome.id,))),
            lambda s: s.activities(loc.id),
        ),
        (
            "action",
            lambda r: r.save_action(Action(loc.id, "Ramps", round_id=rnd.id)),
            lambda s: s.actions(loc.id),
        ),
        (
            "asset",
            lambda r: r.save_asset(Asset(loc.id, "people", "Retired engineers")),
            lambda s: s.assets(loc.id),
        ),
        (
            "harvest note",
            lambda r: r.add_harvest_note(HarvestNote(rnd.id, "T1", "The river matters")),
            lambda s: s.harvest_notes(rnd.id),
        ),
        (
            "attendance",
            lambda r: r.save_attendance(Attendance(rnd.id, "Young people")),
            lambda s: s.attendance(rnd.id),
        ),
        (
            "celebration",
            lambda r: r.add_celebration(Celebration(loc.id, rnd.id, "The market opened")),
            lambda s: s.celebrations(loc.id),
        ),
    ]


WHAT = [
    "agreed rating",
    "outcome",
    "indicator value",
    "activity",
    "action",
    "asset",
    "harvest note",
    "attendance",
    "celebration",
]


@pytest.mark.parametrize("what", WHAT)
def test_every_write_carries_the_holders_name(
    ws: Workspace, store: Store, two: tuple[Locality, ...], what: str
) -> None:
    a, _ = two
    rnd = store.rounds(a.id)[0]
    outcome = store.save_outcome(Outcome(a.id, "Jobs", "economy"))
    write, read = next((w, r) for name, w, r in _writes(a, rnd, outcome) if name == what)
    ana, key = add_facilitator(store, a, "Ana <b>")
    holder = facilitator_for_key(ws, store, a, key)
    assert holder is not None
    written = write(Recorder(store, holder))
    assert written.recorded_by == "Ana <b>"
    assert [x.recorded_by for x in read(store)] == ["Ana <b>"]
    # another facilitator updating it: the record shows who recorded it last
    _, key2 = add_facilitator(store, a, "Luis")
    luis = facilitator_for_key(ws, store, a, key2)
    assert luis is not None
    again = Recorder(store, luis)
    if what == "harvest note":
        again.save_harvest_note(written)
    elif what == "celebration":
        pass  # a celebration is only ever added
    else:
        getattr(again, "save_" + _SAVE[what])(written)
    if what != "celebration":
        assert [x.recorded_by for x in read(store)] == ["Luis"]
    # revoked: the next write is refused and changes nothing
    before = read(store)
    revoke_facilitator(store, ana.id)
    with pytest.raises(KeyRevoked):
        write(Recorder(store, holder))
    assert read(store) == before


_SAVE = {
    "agreed rating": "joint_rating",
    "outcome": "outcome",
    "indicator value": "outcome_reading",
    "activity": "activity",
    "action": "action",
    "asset": "asset",
    "attendance": "attendance",
}


def test_tagging_and_default_groups_are_stamped(
    ws: Workspace, store: Store, two: tuple[Locality, ...]
) -> None:
    a, _ = two
    rnd = store.rounds(a.id)[0]
    store.add_harvest_note(HarvestNote(rnd.id, "T1", "Water for the river"))
    ana, key = add_facilitator(store, a, "Ana")
    holder = facilitator_for_key(ws, store, a, key)
    assert holder is not None
    rec = Recorder(store, holder)
    assert rec.tag_theme(rnd.id, "river") == 1
    assert [n.recorded_by for n in store.harvest_notes(rnd.id)] == ["Ana"]
    groups = rec.add_default_attendance(rnd.id, "en")
    assert groups and {g.recorded_by for g in groups} == {"Ana"}
    revoke_facilitator(store, ana.id)
    store.add_harvest_note(HarvestNote(rnd.id, "T2", "Water again"))
    with pytest.raises(KeyRevoked):
        rec.tag_theme(rnd.id, "water")
    with pytest.raises(KeyRevoked):
        rec.delete_attendance(groups[0].id)
    assert all(not n.themes or n.themes == ("river",) for n in store.harvest_notes(rnd.id))
    assert len(store.attendance(rnd.id)) == len(groups)


def test_the_workspace_key_never_stops(
    ws: Workspace, store: Store, two: tuple[Locality, ...]
) -> None:
    a, _ = two
    holder = facilitator_for_key(ws, store, a, ws.facilitator_key())
    assert holder is not None and holder.facilitator_id is None
    saved = Recorder(store, holder).save_asset(Asset(a.id, "people", "Teachers"))
    assert saved.recorded_by == "Lead facilitator"
