"""The facilitator's layer without a user interface: key check, reveal state, room
counts, the reveal (small-number rule on notes too), who's not here, common themes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from analysis_helpers import make_framework

import civicnb.workshop.facilitation as fac
import civicnb.workshop.key as facilitator_key
from civicnb.errors import InputError, NotFoundError, NotRevealedError
from civicnb.records import Attendance, HarvestNote, Locality, Participant, Rating, Round, Side
from civicnb.store import Store, open_store
from civicnb.workshop.facilitation import (
    SideCounts,
    check_facilitator_key,
    common_themes,
    default_stakeholder_groups,
    hide_strand,
    reveal_strand,
    reveal_view,
    revealed_strands,
    room_counts,
)
from civicnb.workspace import KEY_NAME, Workspace

FW = make_framework()
T0 = dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(ws: Workspace) -> Iterator[Store]:
    with ws.open_store() as s:
        yield s


class Room:
    def __init__(self, store: Store, min_group: int = 3) -> None:
        self.store = store
        self.loc = store.add_locality(Locality("Girón", edition="test", min_group=min_group))
        self.round = store.add_round(Round(self.loc.id, "baseline"))
        self._n = 0

    def join(self, side: Side, name: str, *, named: bool = False) -> Participant:
        self._n += 1
        p = Participant(
            self.loc.id, side, name, named=named, created_at=T0 + dt.timedelta(minutes=self._n)
        )
        return self.store.add_participant(p)

    def rate(
        self,
        who: Participant,
        qid: str,
        score: int | None = None,
        *,
        dont_know: bool = False,
        note: str = "",
        would_help: str = "",
    ) -> None:
        self.store.save_rating(
            Rating(self.round.id, who.id, qid, score, dont_know, note, would_help)
        )


# --- the key ------------------------------------------------------------------------------


def test_key_check(ws: Workspace) -> None:
    key = ws.facilitator_key()
    assert len(key) >= 16
    assert check_facilitator_key(ws, key)
    assert check_facilitator_key(ws, f"  {key}\n")  # pasted
    for bad in (None, "", "   ", key[:-1], key + "x", key.upper() if key.upper() != key else "Z",
                "x" * 10_000, "ñandú", "\ud800", 12345, b"bytes"):  # fmt: skip
        assert check_facilitator_key(ws, bad) is False  # type: ignore[arg-type]


def test_key_check_is_constant_time(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = facilitator_key.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(facilitator_key.hmac, "compare_digest", spy)
    key = ws.facilitator_key()
    wrong = ("0" if key[0] != "0" else "1") + key[1:]
    assert not check_facilitator_key(ws, wrong)
    assert check_facilitator_key(ws, key)
    assert not check_facilitator_key(ws, "short")
    assert [a for a, _ in calls] == [wrong.encode(), key.encode(), b"short"]
    assert all(b == key.encode() for _, b in calls)
    calls.clear()
    assert not check_facilitator_key(ws, "x" * (fac.MAX_KEY_LENGTH + 1))
    assert calls == []  # over-long input is refused before any comparison


def test_key_check_never_raises_without_a_key(ws: Workspace) -> None:
    (ws.root / KEY_NAME).unlink()
    assert check_facilitator_key(ws, "anything") is False
    (ws.root / KEY_NAME).write_text("\n", encoding="ascii")
    assert check_facilitator_key(ws, " ") is False


# --- reveal state -------------------------------------------------------------------------


def test_reveal_state_persists(ws: Workspace) -> None:
    with ws.open_store() as st:
        room = Room(st)
        rid = room.round.id
        assert revealed_strands(st, rid) == frozenset()
        assert reveal_strand(st, rid, "I") is True
        assert reveal_strand(st, rid, "I") is False  # already revealed
        first = st.reveals(rid)["I"]
        assert reveal_strand(st, rid, "III") is True
        assert st.reveals(rid)["I"] == first
    with open_store(ws.store_url) as st:  # a restart of the server
        assert revealed_strands(st, rid) == {"I", "III"}
        assert hide_strand(st, rid, "I") is True
        assert hide_strand(st, rid, "I") is False
    with open_store(ws.store_url) as st:
        assert revealed_strands(st, rid) == {"III"}
        with pytest.raises(InputError, match="round"):
            reveal_strand(st, "no-such-round", "I")
        with pytest.raises(InputError, match="strand id"):
            reveal_strand(st, rid, "")
        st.delete_round(rid)
        assert revealed_strands(st, rid) == frozenset()


# --- room counts --------------------------------------------------------------------------


def test_room_counts(store: Store) -> None:
    room = Room(store)
    la1, la2 = room.join(Side.LA, "Ana"), room.join(Side.LA, "Beto")
    cso1, cso2, cso3 = (room.join(Side.CSO, n) for n in ("Carla", "Dani", "Eva"))
    other = room.join(Side.OTHER, "Fede")
    # strand I: LA-01..03 (LA's own), CSO-I..III (CSO's own)
    for q in ("LA-01", "LA-02", "LA-03"):
        room.rate(la1, q, 4)
    room.rate(la2, "LA-01", dont_know=True)
    room.rate(la2, "CSO-I", 2)  # the other side's question: not counted for LA
    for q in ("CSO-I", "CSO-II"):
        room.rate(cso1, q, 3)
    room.rate(cso1, "CSO-III", note="a note is not an answer")
    room.rate(cso2, "LA-01", 1)
    room.rate(other, "CSO-II", 5)
    counts = room_counts(store, FW, room.loc, room.round)
    assert counts.participants == SideCounts(la=2, cso=3, other=1)
    assert counts.participants.total == 6
    assert [s.strand_id for s in counts.strands] == ["I", "II", "III", "IV", "V"]
    s1 = counts.strand("I")
    assert s1.all_answered == SideCounts(la=1, cso=0, other=0)
    assert s1.some == SideCounts(la=1, cso=1, other=1)
    assert s1.none == SideCounts(la=0, cso=2, other=0)
    assert s1.all_answered[Side.LA] == 1
    s2 = counts.strand("II")
    assert s2.none == counts.participants
    # counts only: nothing in it is text from participants
    assert "Ana" not in repr(counts) and "note" not in repr(counts)
    _ = (cso3,)


# --- the reveal ---------------------------------------------------------------------------


def test_reveal_view_refuses_before_reveal(store: Store) -> None:
    room = Room(store)
    la = room.join(Side.LA, "Ana")
    room.rate(la, "LA-01", 4, note="secret")
    with pytest.raises(NotRevealedError, match="not been revealed"):
        reveal_view(store, FW, room.loc, room.round, "I")
    with pytest.raises(NotFoundError):
        reveal_view(store, FW, room.loc, room.round, "IX")
    reveal_strand(store, room.round.id, "II")
    with pytest.raises(NotRevealedError):
        reveal_view(store, FW, room.loc, room.round, "I")
    reveal_strand(store, room.round.id, "I")
    view = reveal_view(store, FW, room.loc, room.round, "I")
    hide_strand(store, room.round.id, "I")
    with pytest.raises(NotRevealedError):
        reveal_view(store, FW, room.loc, room.round, "I")
    assert view.strand_id == "I"


def test_reveal_view_pairs_ranks_pseudonyms_and_withheld_notes(store: Store) -> None:
    room = Room(store, min_group=3)
    las = [room.join(Side.LA, f"LA person {i}") for i in range(1, 4)]  # 3 anonymous LA
    named_cso = room.join(Side.CSO, "Carla Named", named=True)
    csos = [room.join(Side.CSO, f"CSO person {i}") for i in range(1, 3)]  # 2 anonymous CSO
    # P01: LA rates itself high, CSO rates LA low -> a large gap
    for i, (p, s) in enumerate(zip(las, (5, 5, 4), strict=True)):
        room.rate(p, "LA-01", s, note=f"LA evidence {i}")
    room.rate(named_cso, "LA-01", 1, note="named evidence", would_help="talk more")
    room.rate(csos[0], "LA-01", 2, note="anonymous CSO evidence <b>x</b>")
    room.rate(csos[1], "LA-01", 1)
    # P02: everyone agrees
    for p in (*las, named_cso, *csos):
        room.rate(p, "LA-02", 3)
    room.rate(las[1], "LA-02", 3, dont_know=False, note="")
    reveal_strand(store, room.round.id, "I")
    view = reveal_view(store, FW, room.loc, room.round, "I")
    assert view.min_group == 3 and view.revealed_at.tzinfo is not None
    assert view.pairs[0].pair.pair_id == "P01"  # the largest gap first
    assert [p.rank for p in view.pairs] == [1, 2, 3]
    assert {p.pair.pair_id for p in view.pairs} == {"P01", "P02", "P03"}
    p01 = view.pairs[0]
    assert p01.la.view.self_view.disclosed  # 3 anonymous LA >= 3
    assert not p01.la.view.other_side.disclosed  # 2 anonymous CSO < 3 (named one exempt)
    assert p01.la.notes_withheld == (Side.CSO,)
    notes = p01.la.notes
    # anonymous notes carry no number and are not in join order (by answer, then text)
    assert [n.who for n in notes] == [
        "LA participant (anonymous)",
        "LA participant (anonymous)",
        "LA participant (anonymous)",
        "Carla Named",
    ]
    assert [(n.score, n.note) for n in notes] == [
        (4, "LA evidence 2"),
        (5, "LA evidence 0"),
        (5, "LA evidence 1"),
        (1, "named evidence"),
    ]
    assert notes[3].named and notes[3].would_help == "talk more"
    text = repr(view)
    assert "anonymous CSO evidence" not in text  # withheld by the small-number rule
    for p in (*las, *csos):
        assert p.name not in text  # anonymous names never appear
    es = reveal_view(store, FW, room.loc, room.round, "I", lang="es")
    assert es.pairs[0].la.notes[0].who == "Participante AL (anónimo)"


def test_lone_anonymous_note_is_withheld_even_when_nobody_rated(store: Store) -> None:
    room = Room(store, min_group=2)
    a = room.join(Side.CSO, "Alone")
    room.rate(a, "CSO-I", note="only a note, no rating")
    reveal_strand(store, room.round.id, "I")
    view = reveal_view(store, FW, room.loc, room.round, "I")
    assert all(not p.la.notes and not p.cso.notes for p in view.pairs)
    # with enough anonymous SCORES of the side, note-only and don't-know writers are
    # covered (a new reveal: two more anonymous people scored since the last one)
    b, c, d = room.join(Side.CSO, "B"), room.join(Side.CSO, "C"), room.join(Side.CSO, "D")
    room.rate(b, "CSO-I", 2)
    room.rate(d, "CSO-I", 4)
    room.rate(c, "CSO-I", dont_know=True, note="don't know why")
    hide_strand(store, room.round.id, "I")
    reveal_strand(store, room.round.id, "I")
    view = reveal_view(store, FW, room.loc, room.round, "I")
    p01 = next(p for p in view.pairs if p.pair.pair_id == "P01")
    assert [(n.who, n.score, n.dont_know, n.note) for n in p01.cso.notes] == [
        ("CSO participant (anonymous)", None, False, "only a note, no rating"),
        ("CSO participant (anonymous)", None, True, "don't know why"),
    ]


def test_pseudonyms_follow_join_order_within_side(store: Store) -> None:
    room = Room(store)
    a = room.join(Side.CSO, "a")
    b = room.join(Side.LA, "b")
    c = room.join(Side.CSO, "c")
    d = room.join(Side.OTHER, "d")
    names = fac.pseudonyms(store.participants(room.loc.id))
    assert names == {
        a.id: "CSO participant 1",
        b.id: "LA participant 1",
        c.id: "CSO participant 2",
        d.id: "Other participant 1",
    }


# --- who's not here -----------------------------------------------------------------------


def test_stakeholder_groups_and_whos_not_here(store: Store) -> None:
    en, es = default_stakeholder_groups("en"), default_stakeholder_groups("es")
    assert "Disabled people" in en and "Personas con discapacidad" in es
    assert len(en) == len(es) == len(set(en)) >= 8
    with pytest.raises(InputError):
        default_stakeholder_groups("fr")
    room = Room(store)
    rows = fac.add_default_attendance(store, room.round.id, "en")
    assert sorted(a.group for a in rows) == sorted(en)
    assert fac.add_default_attendance(store, room.round.id, "es") == rows  # only once
    young = next(a for a in rows if a.group == "Young people")
    store.save_attendance(Attendance(room.round.id, "Businesses", present=True, id=next(
        a.id for a in rows if a.group == "Businesses")))  # fmt: skip
    store.save_attendance(
        Attendance(room.round.id, young.group, outreach_note="schools", id=young.id)
    )
    missing = fac.whos_not_here(store, room.round.id)
    assert "Businesses" not in [a.group for a in missing]
    assert next(a for a in missing if a.group == "Young people").outreach_note == "schools"


# --- common themes ------------------------------------------------------------------------


def _note(text: str, *themes: str) -> HarvestNote:
    return HarvestNote("r", "Table 1", text, themes=themes)


def test_common_themes_en() -> None:
    notes = [
        _note("Transport ramps are missing; the transport office never answers.", "Mobility"),
        _note("Ramps at the market and better transport", "mobility ", "Jobs"),
        _note("Jobs for young people; transport again", "JOBS"),
        _note("The council and the people talk", "Trust"),
    ]
    themes = common_themes(notes, "en")
    assert themes[:3] == [("Jobs", 2), ("Mobility", 2), ("Trust", 1)]
    words = themes[3:]
    assert words[0] == ("transport", 3)
    assert ("ramps", 2) in words
    assert all(w not in {"the", "and", "are"} for w, _ in words)
    assert all(n >= 2 for _, n in words)  # single mentions are not common themes
    assert "jobs" not in [w for w, _ in words]  # already a tagged theme
    assert common_themes(notes, "en") == themes  # deterministic
    assert common_themes(list(reversed(notes)), "en") == themes


def test_common_themes_es_merges_case_and_accents() -> None:
    notes = [
        _note("La participación de las personas con discapacidad", "Participación"),
        _note("Falta PARTICIPACION real y accesibilidad", "participacion"),
        _note("Accesibilidad en el transporte público", "Accesibilidad"),
    ]
    themes = common_themes(notes, "es")
    assert themes[0] == ("participacion", 2) or themes[0] == ("Participación", 2)
    assert themes[0][1] == 2 and themes[1] == ("Accesibilidad", 1)
    words = dict(themes[2:])
    # "participación" and "accesibilidad" are tagged themes already: not repeated
    assert not {"participación", "participacion", "accesibilidad"} & set(words)
    assert all(w not in {"la", "de", "las", "con", "en", "y"} for w in words)
    assert common_themes([], "es") == []
    with pytest.raises(InputError):
        common_themes(notes, "fr")
