"""Every Store method, on SQLite and PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from civicnb.errors import ConflictError, InputError, NotFoundError, StoreError
from civicnb.records import (
    MAX_NAME,
    MAX_NOTE,
    MAX_TEXT,
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Locality,
    Outcome,
    Participant,
    Rating,
    Round,
    Side,
)
from civicnb.store import Store

AWKWARD = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Ñandú — «comillas» “quotes” 'single' \"double\" \\ backslash",
    "emoji 🙂🏳️‍🌈👩🏽‍🦽 and CJK 漢字 and RTL العربية",
    "line\nbreaks\r\nand\ttabs",
    "  leading and trailing spaces  ",
    "'; DROP TABLE ratings; --",
    "\u200b zero width \ufeff BOM",
]


@pytest.fixture
def loc(store: Store) -> Locality:
    return store.add_locality(Locality(name="Floridablanca", country="Colombia"))


@pytest.fixture
def rnd(store: Store, loc: Locality) -> Round:
    return store.add_round(Round(loc.id, "baseline", date=dt.date(2024, 3, 1)))


@pytest.fixture
def person(store: Store, loc: Locality) -> Participant:
    return store.add_participant(Participant(loc.id, Side.LA, "Ana"))


# --- lifecycle -----------------------------------------------------------------------


def test_store_is_a_context_manager(store_url: str) -> None:
    from civicnb.store import open_store

    with open_store(store_url, create=True) as st:
        assert st.localities() == []
        assert st.dialect in ("sqlite", "postgresql")
        assert "Store" in repr(st)
    with open_store(store_url) as st:  # exists now: create not needed
        assert st.localities() == []


# --- localities ----------------------------------------------------------------------


def test_locality_round_trip(store: Store) -> None:
    loc = Locality(
        name="Floridablanca (Santander) 🙂",
        country="Colombia <script>",
        language="es",
        edition="blog",
        min_group=3,
    )
    assert store.add_locality(loc) == loc
    assert store.get_locality(loc.slug) == loc
    assert store.get_locality(loc.id) == loc
    assert store.localities() == [loc]


def test_localities_sorted_by_name(store: Store) -> None:
    for name in ("zeta", "Álamo", "beta", "Alpha"):
        store.add_locality(Locality(name=name))
    assert [x.name for x in store.localities()] == ["Alpha", "beta", "zeta", "Álamo"]


def test_duplicate_locality_slug_conflicts(store: Store, loc: Locality) -> None:
    with pytest.raises(ConflictError, match="floridablanca"):
        store.add_locality(Locality(name="FLORIDABLANCA"))
    with pytest.raises(ConflictError):
        store.add_locality(dataclasses.replace(loc, slug="other"))
    assert store.localities() == [loc]


def test_get_locality_did_you_mean(store: Store, loc: Locality) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'floridablanca'"):
        store.get_locality("floridablanka")


def test_update_locality(store: Store, loc: Locality) -> None:
    changed = dataclasses.replace(loc, name="Floridablanca, Santander", slug="fb", min_group=7)
    assert store.update_locality(changed) == changed
    assert store.get_locality("fb") == changed
    with pytest.raises(NotFoundError):
        store.get_locality("floridablanca")
    other = store.add_locality(Locality(name="Bucaramanga"))
    with pytest.raises(ConflictError):
        store.update_locality(dataclasses.replace(other, slug="fb"))
    with pytest.raises(NotFoundError):
        store.update_locality(Locality(name="Nowhere"))


def test_delete_locality(store: Store, loc: Locality) -> None:
    store.delete_locality("floridablanca")
    assert store.localities() == []
    with pytest.raises(NotFoundError):
        store.delete_locality("floridablanca")


def test_max_length_text(store: Store) -> None:
    loc = store.add_locality(Locality(name="x" * MAX_NAME, country="ü" * MAX_NAME))
    assert store.get_locality(loc.id) == loc
    r = store.add_round(Round(loc.id, "🙂" * MAX_NAME))
    p = store.add_participant(Participant(loc.id, Side.CSO, "ñ" * MAX_NAME))
    rating = store.save_rating(
        Rating(r.id, p.id, "Q" * 64, score=5, note="🙂" * MAX_NOTE, would_help="a" * MAX_NOTE)
    )
    assert store.ratings(round_id=r.id) == [rating]
    assert rating.note == "🙂" * MAX_NOTE
    o = store.save_outcome(Outcome(loc.id, "t" * (2 * MAX_NAME), "social", "d" * MAX_TEXT))
    assert store.outcomes(loc.id) == [o]


# --- rounds --------------------------------------------------------------------------


def test_rounds(store: Store, loc: Locality) -> None:
    f2 = store.add_round(Round(loc.id, "follow-up 2", position=2))
    base = store.add_round(Round(loc.id, "línea de base", date=dt.date(2024, 1, 31)))
    f1 = store.add_round(Round(loc.id, "follow-up 1", position=1))
    assert store.rounds(loc.id) == [base, f1, f2]
    assert store.get_round(loc.id, "línea de base") == base
    assert store.get_round(loc.id, f1.id) == f1
    with pytest.raises(NotFoundError, match="did you mean 'follow-up 1'"):
        store.get_round(loc.id, "follow up 1")
    with pytest.raises(ConflictError, match="follow-up 1"):
        store.add_round(Round(loc.id, "follow-up 1"))
    with pytest.raises(ConflictError):
        store.add_round(dataclasses.replace(f1, label="other"))
    with pytest.raises(InputError, match="locality"):
        store.add_round(Round("nope", "baseline"))
    assert store.rounds("nope") == []
    assert store.delete_round(f2.id) is True
    assert store.delete_round(f2.id) is False
    assert store.rounds(loc.id) == [base, f1]


# --- participants --------------------------------------------------------------------


def test_participants(store: Store, loc: Locality) -> None:
    t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    a = store.add_participant(Participant(loc.id, Side.LA, "Ana", named=True, created_at=t))
    b = store.add_participant(
        Participant(loc.id, "cso", "<b>Beto</b>", created_at=t + dt.timedelta(microseconds=1))
    )
    c = store.add_participant(
        Participant(loc.id, Side.OTHER, AWKWARD[3], created_at=t - dt.timedelta(days=1))
    )
    assert store.participants(loc.id) == [c, a, b]
    assert store.get_participant(b.id) == b
    assert store.get_participant(b.id).side is Side.CSO
    with pytest.raises(NotFoundError):
        store.get_participant("nobody")
    with pytest.raises(ConflictError):
        store.add_participant(a)
    with pytest.raises(InputError):
        store.add_participant(Participant("nope", Side.LA, "x"))

    b2 = dataclasses.replace(b, name="Beto 🙂", side=Side.OTHER, named=True)
    assert store.update_participant(b2) == b2
    assert store.get_participant(b.id) == b2
    with pytest.raises(NotFoundError):
        store.update_participant(Participant(loc.id, Side.LA, "ghost"))

    assert store.delete_participant(a.id) is True
    assert store.delete_participant(a.id) is False
    assert store.participants(loc.id) == [c, b2]


# --- ratings -------------------------------------------------------------------------


@pytest.mark.parametrize("text", AWKWARD)
def test_rating_text_kept_verbatim(
    store: Store, rnd: Round, person: Participant, text: str
) -> None:
    saved = store.save_rating(
        Rating(rnd.id, person.id, "LA-01", score=2, note=text, would_help=text)
    )
    assert saved.note == text and saved.would_help == text
    (got,) = store.ratings(round_id=rnd.id)
    assert got.note == text and got.would_help == text
    assert got == saved


def test_save_rating_upserts(store: Store, rnd: Round, person: Participant) -> None:
    first = store.save_rating(Rating(rnd.id, person.id, "LA-01", score=2, note="a"))
    assert first.updated_at is not None and first.updated_at >= first.created_at
    second = store.save_rating(
        Rating(rnd.id, person.id, "LA-01", dont_know=True, note="b", would_help="c")
    )
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at is not None and second.updated_at > first.updated_at
    assert (second.score, second.dont_know, second.note, second.would_help) == (
        None,
        True,
        "b",
        "c",
    )
    assert store.ratings(round_id=rnd.id) == [second]


def test_save_rating_note_only(store: Store, rnd: Round, person: Participant) -> None:
    saved = store.save_rating(Rating(rnd.id, person.id, "LA-02", note="thinking"))
    assert not saved.answered
    assert store.ratings(participant_id=person.id) == [saved]


def test_ratings_filters(store: Store, loc: Locality, rnd: Round, person: Participant) -> None:
    other_loc = store.add_locality(Locality(name="Girón"))
    other_round = store.add_round(Round(other_loc.id, "baseline"))
    other_person = store.add_participant(Participant(other_loc.id, Side.CSO, "Eva"))
    p2 = store.add_participant(Participant(loc.id, Side.CSO, "Beto"))

    def answer(rd: Round) -> list[Rating]:
        return [
            store.save_rating(Rating(rd.id, p.id, q, score=3))
            for p in (person, p2)
            for q in ("LA-02", "LA-01")
        ]

    saved = answer(rnd)  # the baseline's answers, then the follow-up's once it is opened
    r2 = store.add_round(Round(loc.id, "follow-up", position=1))
    saved += answer(r2)
    elsewhere = store.save_rating(Rating(other_round.id, other_person.id, "CSO-I", score=1))

    def key(r: Rating) -> tuple[str, str, str]:
        return (r.round_id, r.participant_id, r.question_id)

    assert store.ratings() == sorted([*saved, elsewhere], key=key)
    assert store.ratings(locality_id=loc.id) == sorted(saved, key=key)
    assert store.ratings(locality_id=other_loc.id) == [elsewhere]
    assert store.ratings(round_id=rnd.id) == sorted(
        [r for r in saved if r.round_id == rnd.id], key=key
    )
    assert store.ratings(participant_id=p2.id, round_id=r2.id) == sorted(
        [r for r in saved if r.participant_id == p2.id and r.round_id == r2.id], key=key
    )
    assert store.ratings(locality_id=loc.id, participant_id=other_person.id) == []


def test_save_rating_unknown_links(store: Store, rnd: Round, person: Participant) -> None:
    with pytest.raises(InputError, match="round"):
        store.save_rating(Rating("no-round", person.id, "LA-01", score=1))
    with pytest.raises(InputError, match="participant"):
        store.save_rating(Rating(rnd.id, "no-person", "LA-01", score=1))
    assert store.ratings() == []


def test_save_rating_id_clash(store: Store, rnd: Round, person: Participant) -> None:
    a = store.save_rating(Rating(rnd.id, person.id, "LA-01", score=1))
    with pytest.raises(ConflictError):
        store.save_rating(Rating(rnd.id, person.id, "LA-02", score=1, id=a.id))
    assert store.ratings() == [a]


def test_delete_rating(store: Store, rnd: Round, person: Participant) -> None:
    store.save_rating(Rating(rnd.id, person.id, "LA-01", score=1))
    b = store.save_rating(Rating(rnd.id, person.id, "LA-02", score=1))
    assert store.delete_rating(rnd.id, person.id, "LA-01") is True
    assert store.delete_rating(rnd.id, person.id, "LA-01") is False
    assert store.ratings() == [b]


# --- joint ratings -------------------------------------------------------------------


def test_joint_ratings(store: Store, rnd: Round) -> None:
    a = store.save_joint_rating(JointRating(rnd.id, "P02", score=2, narrative=AWKWARD[0]))
    b = store.save_joint_rating(JointRating(rnd.id, "P01"))
    assert store.joint_ratings(rnd.id) == [b, a]
    a2 = store.save_joint_rating(JointRating(rnd.id, "P02", score=4, narrative="agreed 🙂"))
    assert a2.id == a.id and a2.score == 4 and a2.updated_at >= a.updated_at
    assert store.joint_ratings(rnd.id) == [b, a2]
    with pytest.raises(InputError, match="round"):
        store.save_joint_rating(JointRating("nope", "P01"))
    assert store.delete_joint_rating(rnd.id, "P01") is True
    assert store.delete_joint_rating(rnd.id, "P01") is False
    assert store.joint_ratings(rnd.id) == [a2]


# --- outcomes, activities, actions, assets -------------------------------------------


def test_outcomes(store: Store, loc: Locality) -> None:
    a = store.save_outcome(
        Outcome(
            loc.id, "Transporte accesible", "social", "<p>", "% rutas", "%", 12.5, 80, 0.1 + 0.2
        )
    )
    b = store.save_outcome(Outcome(loc.id, "Empleo", "economy"))
    assert store.outcomes(loc.id) == [b, a]
    assert store.outcomes(loc.id)[1].current == 0.1 + 0.2
    a2 = dataclasses.replace(a, title="Transporte", current=None, target=-1e300)
    assert store.save_outcome(a2) == a2
    assert store.outcomes(loc.id) == [b, a2]
    other = store.add_locality(Locality(name="Girón"))
    with pytest.raises(ConflictError, match="another locality"):
        store.save_outcome(dataclasses.replace(a2, locality_id=other.id))
    with pytest.raises(InputError):
        store.save_outcome(Outcome("nope", "x", "social"))
    assert store.delete_outcome(b.id) is True
    assert store.delete_outcome(b.id) is False
    assert store.outcomes(loc.id) == [a2]


def test_activities_and_links(store: Store, loc: Locality) -> None:
    o1 = store.save_outcome(Outcome(loc.id, "One", "social"))
    o2 = store.save_outcome(Outcome(loc.id, "Two", "economy"))
    act = store.save_activity(Activity(loc.id, "Talleres", "desc", "ASODIS", (o2.id, o1.id)))
    assert store.activities(loc.id) == [act]
    assert store.activities(loc.id)[0].outcome_ids == (o2.id, o1.id)  # order kept
    # replacing links
    act2 = store.save_activity(dataclasses.replace(act, outcome_ids=(o1.id, o1.id)))
    assert act2.outcome_ids == (o1.id,)  # duplicates dropped
    assert store.activities(loc.id) == [act2]
    none = store.save_activity(Activity(loc.id, "Alpha"))
    assert store.activities(loc.id) == [none, act2]
    # deleting an outcome unlinks it
    store.delete_outcome(o1.id)
    assert store.activities(loc.id)[1].outcome_ids == ()
    assert store.delete_activity(none.id) is True
    assert store.delete_activity(none.id) is False


def test_links_to_unknown_outcomes_write_nothing(store: Store, loc: Locality) -> None:
    o1 = store.save_outcome(Outcome(loc.id, "One", "social"))
    other = store.add_locality(Locality(name="Girón"))
    foreign = store.save_outcome(Outcome(other.id, "Theirs", "social"))
    for bad in (("missing",), (o1.id, foreign.id)):
        with pytest.raises(InputError, match="outcome"):
            store.save_activity(Activity(loc.id, "A", outcome_ids=bad))
        with pytest.raises(InputError, match="outcome"):
            store.save_action(Action(loc.id, "B", outcome_ids=bad))
        with pytest.raises(InputError, match="outcome"):
            store.save_asset(Asset(loc.id, "people", "C", outcome_ids=bad))
    assert store.activities(loc.id) == []
    assert store.actions(loc.id) == []
    assert store.assets(loc.id) == []
    # an existing record is left as it was
    act = store.save_activity(Activity(loc.id, "A", outcome_ids=(o1.id,)))
    with pytest.raises(InputError):
        store.save_activity(dataclasses.replace(act, title="changed", outcome_ids=("missing",)))
    assert store.activities(loc.id) == [act]


def test_actions(store: Store, loc: Locality, rnd: Round) -> None:
    o1 = store.save_outcome(Outcome(loc.id, "One", "social"))
    t = dt.datetime(2024, 5, 1, 12, 0, 0, 1, tzinfo=dt.UTC)
    a = store.save_action(
        Action(
            loc.id,
            "Rampas <script>",
            strand="II",
            owner="Alcaldía",
            due=dt.date(2024, 12, 31),
            status="agreed",
            round_id=rnd.id,
            outcome_ids=(o1.id,),
            screening={"modularity": False, "diversity": True},
            screening_notes="🙂",
            created_at=t,
        )
    )
    b = store.save_action(Action(loc.id, "Later", created_at=t + dt.timedelta(seconds=1)))
    assert store.actions(loc.id) == [a, b]
    assert store.actions(loc.id)[0].screening == {"diversity": True, "modularity": False}
    # upsert by id keeps created_at, replaces the rest and the links
    a2 = dataclasses.replace(
        a,
        status="done",
        outcome_ids=(),
        screening={},
        created_at=t + dt.timedelta(days=3),
    )
    stored = store.save_action(a2)
    assert stored.created_at == t and stored.status == "done" and stored.outcome_ids == ()
    assert store.actions(loc.id) == [stored, b]
    # a round of another locality is refused
    other = store.add_locality(Locality(name="Girón"))
    other_round = store.add_round(Round(other.id, "baseline"))
    with pytest.raises(InputError, match="another locality"):
        store.save_action(Action(loc.id, "x", round_id=other_round.id))
    with pytest.raises(InputError, match="round"):
        store.save_action(Action(loc.id, "x", round_id="nope"))
    # deleting the round keeps the action, without its round
    store.delete_round(rnd.id)
    assert store.actions(loc.id)[0].round_id is None
    assert store.delete_action(b.id) is True
    assert store.delete_action(b.id) is False


def test_assets(store: Store, loc: Locality) -> None:
    o1 = store.save_outcome(Outcome(loc.id, "One", "social"))
    o2 = store.save_outcome(Outcome(loc.id, "Two", "social"))
    a = store.save_asset(Asset(loc.id, "natural", "El río 🏞", (o2.id, o1.id)))
    b = store.save_asset(Asset(loc.id, "association", "Red <b>"))
    assert store.assets(loc.id) == [b, a]
    a2 = store.save_asset(dataclasses.replace(a, category="cultural", outcome_ids=(o1.id,)))
    assert store.assets(loc.id) == [b, a2]
    assert store.delete_asset(a.id) is True
    assert store.delete_asset(a.id) is False
    assert store.assets(loc.id) == [b]


# --- harvest notes, attendance --------------------------------------------------------


def test_harvest_notes(store: Store, rnd: Round) -> None:
    t = dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC)
    a = store.add_harvest_note(
        HarvestNote(rnd.id, "Mesa 2", AWKWARD[1], cafe_round=1, themes=("b", "a 🙂"), created_at=t)
    )
    b = store.add_harvest_note(HarvestNote(rnd.id, "Mesa 1", "x", cafe_round=2, created_at=t))
    c = store.add_harvest_note(HarvestNote(rnd.id, "Mesa 1", "y", cafe_round=1, created_at=t))
    assert store.harvest_notes(rnd.id) == [c, a, b]
    assert store.harvest_notes(rnd.id)[1].themes == ("b", "a 🙂")
    with pytest.raises(ConflictError):
        store.add_harvest_note(a)
    with pytest.raises(InputError, match="round"):
        store.add_harvest_note(HarvestNote("nope", "Mesa", "z"))
    a2 = store.save_harvest_note(dataclasses.replace(a, themes=(), text="edited"))
    assert a2.themes == () and a2.text == "edited" and a2.created_at == t
    new = store.save_harvest_note(HarvestNote(rnd.id, "Mesa 9", "new", created_at=t))
    assert store.harvest_notes(rnd.id) == [c, a2, new, b]
    assert store.delete_harvest_note(new.id) is True
    assert store.delete_harvest_note(new.id) is False


def test_attendance(store: Store, loc: Locality, rnd: Round) -> None:
    a = store.save_attendance(Attendance(rnd.id, "Jóvenes", outreach_note="<i>escuelas</i>"))
    b = store.save_attendance(Attendance(rnd.id, "empresas", expected=False, present=True))
    assert store.attendance(rnd.id) == [b, a]
    a2 = store.save_attendance(dataclasses.replace(a, present=True))
    assert store.attendance(rnd.id) == [b, a2]
    # here, but not fully heard: the note is stored, updated and read back
    a2 = store.save_attendance(dataclasses.replace(a2, unheard_note="<b>nadie respondió</b>"))
    assert store.attendance(rnd.id)[1].unheard_note == "<b>nadie respondió</b>"
    r2 = store.add_round(Round(loc.id, "other", position=1))
    with pytest.raises(ConflictError, match="another round"):
        store.save_attendance(dataclasses.replace(a, round_id=r2.id))
    with pytest.raises(InputError):
        store.save_attendance(Attendance("nope", "x"))
    assert store.delete_attendance(b.id) is True
    assert store.delete_attendance(b.id) is False
    assert store.attendance(rnd.id) == [a2]


# --- celebrations, reveals ------------------------------------------------------


def test_celebrations(store: Store, loc: Locality, rnd: Round) -> None:
    t0 = dt.datetime(2024, 3, 1, 12, 0, 0, 654321, tzinfo=dt.UTC)
    later = store.add_celebration(
        Celebration(loc.id, None, AWKWARD[0], created_at=t0 + dt.timedelta(hours=1))
    )
    first = store.add_celebration(Celebration(loc.id, rnd.id, AWKWARD[3], created_at=t0))
    assert store.celebrations(loc.id) == [first, later]  # oldest first
    assert store.celebrations(loc.id)[0].created_at == t0
    with pytest.raises(ConflictError, match="exists already"):
        store.add_celebration(first)
    with pytest.raises(InputError):
        store.add_celebration(Celebration(loc.id, "no-such-round", "yay"))
    with pytest.raises(InputError):
        store.add_celebration(Celebration("no-such-locality", None, "yay"))
    other = store.add_locality(Locality(name="Girón"))
    with pytest.raises(InputError, match="another locality"):
        store.add_celebration(Celebration(other.id, rnd.id, "yay"))
    assert store.celebrations(other.id) == []
    with pytest.raises(InputError):
        Celebration(loc.id, None, "   ")
    with pytest.raises(InputError):
        Celebration(loc.id, None, "x" * (MAX_TEXT + 1))
    # deleting the round keeps the celebration, without its round
    store.delete_round(rnd.id)
    assert store.celebrations(loc.id) == [dataclasses.replace(first, round_id=None), later]
    assert store.delete_celebration(later.id) is True
    assert store.delete_celebration(later.id) is False
    store.delete_locality(loc.slug)
    assert store.celebrations(loc.id) == []


def test_reveals(store: Store, loc: Locality, rnd: Round) -> None:
    assert store.reveals(rnd.id) == {}
    assert store.set_reveal(rnd.id, "II", True) is True
    assert store.set_reveal(rnd.id, "I", True) is True
    when = store.reveals(rnd.id)["II"]
    assert when.tzinfo is not None
    assert store.set_reveal(rnd.id, "II", True) is False
    assert list(store.reveals(rnd.id)) == ["I", "II"]
    assert store.reveals(rnd.id)["II"] == when  # the first reveal time is kept
    r2 = store.add_round(Round(loc.id, "follow-up", position=1))
    assert store.reveals(r2.id) == {}
    assert store.set_reveal(rnd.id, "II", False) is True
    assert store.set_reveal(rnd.id, "II", False) is False
    assert list(store.reveals(rnd.id)) == ["I"]
    with pytest.raises(InputError):
        store.set_reveal("no-such-round", "I", True)
    with pytest.raises(InputError):
        store.set_reveal(rnd.id, "x" * 65, True)
    store.delete_round(rnd.id)
    assert store.reveals(rnd.id) == {}


# --- settings ------------------------------------------------------------------------


def test_settings(store: Store) -> None:
    assert store.get_setting("facilitator_key_hash") is None
    store.set_setting("facilitator_key_hash", "scrypt$abc")
    assert store.get_setting("facilitator_key_hash") == "scrypt$abc"
    store.set_setting("facilitator_key_hash", "🙂" * 3000)
    assert store.get_setting("facilitator_key_hash") == "🙂" * 3000
    assert store.delete_setting("facilitator_key_hash") is True
    assert store.delete_setting("facilitator_key_hash") is False
    assert store.get_setting("facilitator_key_hash") is None
    with pytest.raises(InputError):
        store.set_setting("", "x")
    with pytest.raises(InputError):
        store.set_setting("k", "a\x00b")


def test_settings_with_prefix_is_a_prefix_query_by_name(store: Store) -> None:
    """Only names that start with the prefix, sorted; ``_`` and ``%`` in a prefix are
    themselves (not LIKE wildcards)."""
    for key in ("session:b", "session:a", "sessionXa", "s_x:1", "sAx:1", "s%y:1", "sZy:1"):
        store.set_setting(key, key.upper())
    assert store.settings_with_prefix("session:") == {
        "session:a": "SESSION:A",
        "session:b": "SESSION:B",
    }
    assert list(store.settings_with_prefix("session:")) == ["session:a", "session:b"]
    assert store.settings_with_prefix("s_x:") == {"s_x:1": "S_X:1"}
    assert store.settings_with_prefix("s%") == {"s%y:1": "S%Y:1"}
    assert store.settings_with_prefix("nothing") == {}
    with pytest.raises(InputError):
        store.settings_with_prefix("")


def test_reveal_snapshots_go_with_their_rounds(store: Store) -> None:
    """Reveal snapshots (settings ``reveal:<round>:<strand>``) hold answers and notes:
    deleting or replacing their round or locality deletes them; other settings stay."""
    from .conftest import sample_records

    recs = sample_records("Girón")
    store.import_locality(recs)
    other = sample_records("Floridablanca")
    store.import_locality(other)
    r1, r2 = recs.rounds[0].id, recs.rounds[-1].id
    o1 = other.rounds[0].id
    for key in (f"reveal:{r1}:I", f"reveal:{r1}:II", f"reveal:{r2}:I", f"reveal:{o1}:I"):
        store.set_setting(key, "{}")
    store.set_setting("kiosk:abc", "{}")
    assert list(store.settings_with_prefix("reveal:")) == sorted(
        [f"reveal:{r1}:I", f"reveal:{r1}:II", f"reveal:{r2}:I", f"reveal:{o1}:I"]
    )
    if r2 != r1:
        store.delete_round(r2)
        assert f"reveal:{r2}:I" not in list(store.settings_with_prefix("reveal:"))
    store.import_locality(recs, replace=True)
    assert list(store.settings_with_prefix("reveal:")) == [f"reveal:{o1}:I"]
    store.set_setting(f"reveal:{r1}:I", "{}")
    store.delete_locality("giron")
    assert list(store.settings_with_prefix("kiosk:")) == ["kiosk:abc"]
    assert list(store.settings_with_prefix("reveal:")) == [f"reveal:{o1}:I"]
    store.scrub()  # harmless on either database


# --- cascades ------------------------------------------------------------------------


def test_deleting_a_locality_cascades(store: Store) -> None:
    from .conftest import canonical, dump, sample_records

    keep = sample_records("Girón")
    store.import_locality(keep)
    before = dump(store)
    gone = sample_records("Floridablanca")
    store.import_locality(gone)
    store.delete_locality(gone.locality.slug)
    assert dump(store) == before
    assert canonical(store.export_locality("giron")) == canonical(keep)


def test_deleting_a_round_or_participant_cascades(store: Store) -> None:
    from .conftest import sample_records

    rec = sample_records()
    store.import_locality(rec)
    base = rec.rounds[0]
    store.delete_round(base.id)
    assert store.ratings(round_id=base.id) == []
    assert store.joint_ratings(base.id) == []
    assert store.harvest_notes(base.id) == []
    assert store.attendance(base.id) == []
    assert len(store.ratings(locality_id=rec.locality.id)) == len(rec.ratings) // 2
    p = rec.participants[0]
    store.delete_participant(p.id)
    assert store.ratings(participant_id=p.id) == []


# --- explicit transactions -----------------------------------------------------------


def test_transaction_commits_together(store: Store, loc: Locality) -> None:
    with store.transaction():
        r = store.add_round(Round(loc.id, "baseline"))
        p = store.add_participant(Participant(loc.id, Side.LA, "Ana"))
        store.save_rating(Rating(r.id, p.id, "LA-01", score=3))
        with store.transaction():  # nested blocks join the outer one
            store.set_setting("k", "v")
        assert len(store.ratings(round_id=r.id)) == 1  # reads see the block's writes
    assert len(store.ratings(round_id=r.id)) == 1
    assert store.get_setting("k") == "v"


def test_transaction_rolls_back_on_error(store: Store, loc: Locality) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_round(Round(loc.id, "baseline"))
        store.set_setting("k", "v")
        raise RuntimeError("boom")
    assert store.rounds(loc.id) == []
    assert store.get_setting("k") is None
    with pytest.raises(ConflictError), store.transaction():
        store.add_round(Round(loc.id, "baseline"))
        store.add_round(Round(loc.id, "baseline"))
    assert store.rounds(loc.id) == []


def test_database_errors_become_one_line_store_errors(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE settings")
    with pytest.raises(StoreError, match="cannot read the store") as info:
        store.get_setting("k")
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match="cannot write to the store") as info:
        store.set_setting("k", "v")
    assert "\n" not in str(info.value)


# --- organisations, indicator values, co-facilitators (schema 0003) ---------------------


def test_organisations_of_a_side_and_no_two_of_a_name(store: Store) -> None:
    from civicnb.records import Organisation

    loc = store.add_locality(Locality(name="Organised"))
    a = store.add_organisation(Organisation(loc.id, Side.CSO, "ASODIS"))
    store.add_organisation(Organisation(loc.id, Side.LA, "Concejo"))
    with pytest.raises(ConflictError, match="already has an organisation"):
        store.add_organisation(Organisation(loc.id, Side.CSO, "asodis"))
    store.add_organisation(Organisation(loc.id, Side.LA, "ASODIS"))  # another side: fine
    assert [o.name for o in store.organisations(loc.id, Side.CSO)] == ["ASODIS"]
    assert len(store.organisations(loc.id)) == 3
    person = store.add_participant(Participant(loc.id, Side.CSO, "Rosa", organisation_id=a.id))
    with pytest.raises(InputError, match="of their own side"):
        store.add_participant(Participant(loc.id, Side.LA, "Luis", organisation_id=a.id))
    with pytest.raises(InputError, match="of the other side"):
        store.add_participant(Participant(loc.id, Side.CSO, "Eva", rates_organisation_id=a.id))
    assert store.delete_organisation(a.id)
    assert store.get_participant(person.id).organisation_id is None  # kept, unaffiliated


def test_outcome_readings_one_per_round(store: Store) -> None:
    from civicnb.records import Outcome, OutcomeReading

    loc = store.add_locality(Locality(name="Measured"))
    rd = store.add_round(Round(loc.id, "Baseline"))
    o = store.save_outcome(Outcome(loc.id, "Ramps", "social"))
    first = store.save_outcome_reading(OutcomeReading(rd.id, o.id, 3.0, recorded_by="Ana"))
    again = store.save_outcome_reading(OutcomeReading(rd.id, o.id, 4.0, recorded_by="Luis"))
    assert again.id == first.id and again.value == 4.0 and again.recorded_by == "Luis"
    assert store.outcome_readings(loc.id) == [again]
    other = store.add_locality(Locality(name="Elsewhere"))
    o2 = store.save_outcome(Outcome(other.id, "Trees", "environment"))
    with pytest.raises(InputError, match="not of the round's locality"):
        store.save_outcome_reading(OutcomeReading(rd.id, o2.id, 1.0))


def test_facilitators_named_hashed_revocable(store: Store) -> None:
    from civicnb.records import Facilitator

    loc = store.add_locality(Locality(name="Joint committee"))
    ana = store.add_facilitator(Facilitator(loc.id, "Ana", "a" * 64))
    with pytest.raises(ConflictError, match="already has a facilitator"):
        store.add_facilitator(Facilitator(loc.id, "ana", "b" * 64))
    assert store.facilitator_by_hash("a" * 64) == ana
    revoked = store.revoke_facilitator(ana.id)
    assert revoked.revoked_at is not None and not revoked.active
    assert store.facilitator_by_hash("a" * 64) is None
    assert store.facilitators(loc.id, active=True) == []
    assert [f.name for f in store.facilitators(loc.id)] == ["Ana"]
    store.add_facilitator(Facilitator(loc.id, "Ana", "c" * 64))  # the name is free again
    with pytest.raises(InputError, match="64 hexadecimal"):
        Facilitator(loc.id, "Key in clear", "my-secret-key")
