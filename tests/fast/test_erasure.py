"""Withdrawal and erasure (issue 18, item 7): a participant is gone from the store,
from the reveals, from future exports; the reports made before are listed."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from widget_helpers import walk
from workshop_helpers import Workshop

from civicnb.cli import main
from civicnb.errors import InputError, NotFoundError
from civicnb.records import Locality, Round, Side
from civicnb.store import Store
from civicnb.workshop.erasure import erase_participant, find_participant, forget
from civicnb.workshop.facilitation import SNAPSHOT_PREFIX, reveal_strand, reveal_view
from civicnb.workshop.participation import (
    ParticipantSession,
    join,
    kiosk_participant,
    start_kiosk_session,
)
from civicnb.workspace import Workspace

SECRET = "what only Rosa wrote"


class Shop(Workshop):
    """A workshop (k = 3) whose second round opens when a test first asks for it
    (the first round is read-only from then on): erasure reaches every round."""

    def __init__(self, ws: Workspace, store: Store) -> None:
        super().__init__(ws, store, k=3)
        self._round2: Round | None = None

    @property
    def round2(self) -> Round:
        if self._round2 is None:
            self._round2 = self.store.add_round(Round(self.loc.id, "follow-up", position=1))
        return self._round2

    def cso_view(self) -> object:
        view = reveal_view(self.store, self.fw, self.loc, self.round, "I")
        p01 = next(p for p in view.pairs if p.pair.pair_id == "P01")
        return p01.la


@pytest.fixture
def shop(ws: Workspace) -> Iterator[Shop]:
    with ws.open_store() as store:
        yield Shop(ws, store)


def _everything(store: Store) -> str:
    """Every row of every table, as text (to look for what must be gone)."""
    import sqlalchemy as sa

    from civicnb.store import schema

    out = []
    with store.engine.connect() as c:
        for table in schema.metadata.sorted_tables:
            out += [repr(tuple(r)) for r in c.execute(sa.select(table))]
    return "\n".join(out)


def test_erase_removes_answers_sessions_and_recomputes_reveals(shop: Shop) -> None:
    rosa = shop.join(Side.CSO, "Rosa")
    rosa.save("LA-01", score=1, note=SECRET)
    others = [shop.join(Side.CSO, f"cso {i}") for i in range(2)]
    for o in others:
        o.save("LA-01", score=4, note="shared evidence")
    rosa_later = ParticipantSession(shop.store, shop.fw, shop.loc, shop.round2, rosa.participant)
    rosa_later.save("LA-02", score=2)
    shop.reveal()
    before = shop.cso_view()
    assert before.view.other_side.disclosed  # 3 anonymous CSO scores = k
    assert SECRET in {n.note for n in before.notes}
    token = start_kiosk_session(shop.store, rosa.participant.id)
    assert SECRET in _everything(shop.store)

    done = erase_participant(shop.store, rosa.participant.id, locality_id=shop.loc.id)

    assert (done.answers, done.sessions, done.reveals) == (2, 1, 1)
    assert kiosk_participant(shop.store, token) is None
    with pytest.raises(NotFoundError):
        shop.store.get_participant(rosa.participant.id)
    assert shop.store.ratings(participant_id=rosa.participant.id) == []
    dump = _everything(shop.store)
    assert SECRET not in dump and rosa.participant.id not in dump and "Rosa" not in dump
    # nor in the database files (SQLite keeps no copy in free pages or its log)
    for f in shop.ws.root.glob("civicnb.sqlite*"):
        raw = f.read_bytes()
        assert SECRET.encode() not in raw and b"Rosa" not in raw, f.name
    # the frozen reveal is recomputed from the remaining people: 2 < k, so withheld
    after = shop.cso_view()
    assert not after.view.other_side.disclosed
    assert after.notes == ()
    # other people are untouched
    assert len(shop.store.ratings(participant_id=others[0].participant.id)) == 1


def test_erase_refuses_another_localitys_participant(shop: Shop) -> None:
    other = shop.store.add_locality(Locality("Elsewhere"))
    p = join(shop.store, other, Side.LA, "Luis", False)
    with pytest.raises(InputError, match="another locality"):
        erase_participant(shop.store, p.id, locality_id=shop.loc.id)
    assert shop.store.get_participant(p.id).name == "Luis"
    with pytest.raises(NotFoundError):
        erase_participant(shop.store, "no-such-id")


def test_find_participant_by_id_or_name(shop: Shop) -> None:
    ana = shop.join(Side.LA, "Ana María").participant
    shop.join(Side.CSO, "Beto")
    shop.join(Side.CSO, "Beto")
    assert find_participant(shop.store, shop.loc, ana.id) == ana
    assert find_participant(shop.store, shop.loc, "  ana   maría ") == ana
    with pytest.raises(InputError, match=r"2 participants .* are called 'beto'; give the id"):
        find_participant(shop.store, shop.loc, "beto")
    with pytest.raises(NotFoundError, match="did you mean 'Ana María'"):
        find_participant(shop.store, shop.loc, "Ana Maria")
    with pytest.raises(InputError):
        find_participant(shop.store, shop.loc, "   ")


def test_snapshots_go_with_their_locality(shop: Shop) -> None:
    shop.join(Side.CSO, "x").save("LA-01", score=3, note=SECRET)
    shop.reveal()
    assert list(shop.store.settings_with_prefix(SNAPSHOT_PREFIX))
    shop.store.delete_round(shop.round.id)
    assert list(shop.store.settings_with_prefix(SNAPSHOT_PREFIX)) == []
    r3 = shop.store.add_round(Round(shop.loc.id, "third", position=2))
    shop.join(Side.CSO, "y", r3).save("LA-01", score=3)
    reveal_strand(shop.store, r3.id, "I", framework=shop.fw, locality=shop.loc)
    assert list(shop.store.settings_with_prefix(SNAPSHOT_PREFIX))
    shop.store.delete_locality(shop.loc.slug)
    assert list(shop.store.settings_with_prefix(SNAPSHOT_PREFIX)) == []


def test_erasure_reaches_snapshots_of_rounds_with_odd_ids(shop: Shop) -> None:
    odd = shop.store.add_round(Round(shop.loc.id, "imported", position=5, id="a:b:c"))
    rosa = shop.join(Side.CSO, "Rosa", odd)
    rosa.save("LA-01", score=1, note=SECRET)
    reveal_strand(shop.store, odd.id, "I", framework=shop.fw, locality=shop.loc)
    assert SECRET in _everything(shop.store)
    assert erase_participant(shop.store, rosa.participant.id).reveals == 1
    assert SECRET not in _everything(shop.store)
    shop.store.delete_round(odd.id)
    assert list(shop.store.settings_with_prefix(SNAPSHOT_PREFIX)) == []


# --- the command ------------------------------------------------------------------------


def test_cli_forget_by_name_lists_reports(
    shop: Shop, ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    rosa = shop.join(Side.CSO, "Rosa")
    rosa.save("LA-01", score=1, note=SECRET)
    shop.join(Side.CSO, "Beto").save("LA-01", score=2)
    shop.join(Side.CSO, "Beto")
    report = ws.reports_dir / shop.loc.slug / "baseline.html"
    report.parent.mkdir(parents=True)
    report.write_text("old report", encoding="utf-8")
    w = ["--workspace", str(ws.root)]

    assert main([*w, "forget", "giron", "Rosa", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would erase 'Rosa'" in out and "nothing was changed" in out
    assert shop.store.get_participant(rosa.participant.id)

    assert main([*w, "forget", "giron", "rosa"]) == 0
    out = capsys.readouterr().out
    assert "erased 'Rosa'" in out and "1 answers" in out
    assert str(report) in out and "remake" in out
    with pytest.raises(NotFoundError):
        shop.store.get_participant(rosa.participant.id)

    # ambiguous and unknown names: one line, exit 1, nothing erased
    n = len(shop.store.participants(shop.loc.id))
    assert main([*w, "forget", "giron", "beto"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "give the id" in err[0]
    assert main([*w, "forget", "giron", "Rossa"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no participant named 'Rossa'" in err[0]
    assert main([*w, "forget", "giron"]) == 2  # missing PARTICIPANT: usage
    capsys.readouterr()
    assert len(shop.store.participants(shop.loc.id)) == n
    # by id; the future export no longer has them
    beto = shop.store.participants(shop.loc.id)[0]
    assert main([*w, "forget", "giron", beto.id]) == 0
    capsys.readouterr()
    out_json = ws.root / "x.json"
    assert main([*w, "export", "giron", "-o", str(out_json)]) == 0
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    assert SECRET not in text and rosa.participant.id not in text and beto.id not in text


def test_forget_api_without_reports(shop: Shop, ws: Workspace) -> None:
    p = shop.join(Side.LA, "Solo").participant
    person, done, reports = forget("giron", p.id, workspace=ws)
    assert person.id == p.id and done is not None and reports == ()


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def ctx(ws: Workspace, shop: Shop, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    pytest.importorskip("ipywidgets")
    from civicnb.ui.locality_context import Context

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    c = Context.open("giron", str(ws.root), "en", None)
    yield c
    c.store.close()


def _button(root: object, text: str) -> object:
    return next(w for w in walk(root) if getattr(w, "description", None) == text)


def test_summary_page_withdraw_button_asks_then_erases(shop: Shop, ctx: object) -> None:
    from civicnb.ui.context import PageContext
    from civicnb.ui.locality_context import Context
    from civicnb.ui.summary_page import SummaryPage

    c: Context = ctx  # type: ignore[assignment]
    session = c.session(shop.join(Side.CSO, "Rosa").participant.id)
    session.save("LA-01", score=1, note=SECRET)
    page = PageContext()
    view = SummaryPage(c, session, page)
    _button(view, "Withdraw my answers…").click()  # type: ignore[attr-defined]
    assert any("Are you sure?" in str(getattr(w, "value", "")) for w in walk(view))
    _button(view, "No, keep them").click()  # type: ignore[attr-defined]
    assert shop.store.get_participant(session.participant.id)
    _button(view, "Withdraw my answers…").click()  # type: ignore[attr-defined]
    _button(view, "Yes, delete all my answers").click()  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError):
        shop.store.get_participant(session.participant.id)
    assert shop.store.ratings(participant_id=session.participant.id) == []
    text = " ".join(str(getattr(w, "value", "")) for w in walk(view))
    assert "Your answers and notes have been deleted" in text
    assert SECRET not in text and "Rosa" not in text
    assert page.forget and page.remember == "" and "p=" not in page.query


def test_summary_page_withdraw_in_spanish(shop: Shop, ctx: object) -> None:
    from civicnb.ui.context import PageContext
    from civicnb.ui.locality_context import Context
    from civicnb.ui.summary_page import SummaryPage

    c: Context = ctx  # type: ignore[assignment]
    c.lang = "es"
    session = c.session(shop.join(Side.LA, "Ana").participant.id)
    view = SummaryPage(c, session, PageContext())
    _button(view, "Retirar mis respuestas…").click()  # type: ignore[attr-defined]
    _button(view, "Sí, borrar todas mis respuestas").click()  # type: ignore[attr-defined]
    text = " ".join(str(getattr(w, "value", "")) for w in walk(view))
    assert "Sus respuestas y notas se han borrado" in text


def test_facilitator_erase_control(shop: Shop, ws: Workspace, ctx: object) -> None:
    from civicnb.ui.locality_context import Context
    from civicnb.ui.withdraw import EraseControl

    c: Context = ctx  # type: ignore[assignment]
    rosa = shop.join(Side.CSO, "Rosa <b>")
    rosa.save("LA-01", score=1)
    done: list[bool] = []
    control = EraseControl(c, on_done=lambda: done.append(True))
    assert "Rosa" not in " ".join(str(getattr(w, "value", "")) for w in walk(control))
    control.who.value = "nobody"
    _button(control, "Erase…").click()  # type: ignore[attr-defined]
    assert "no participant named 'nobody'" in control.status.text
    control.who.value = "rosa <b>"
    _button(control, "Erase…").click()  # type: ignore[attr-defined]
    assert (
        "Erase Rosa &lt;b&gt; (civil society organisation)? This deletes 1 answers"
        in control.question.value
    )
    _button(control, "Yes, erase").click()  # type: ignore[attr-defined]
    assert done == [True]
    assert "Erased: 1 answers" in control.status.text
    with pytest.raises(NotFoundError):
        shop.store.get_participant(rosa.participant.id)


def test_erase_ends_their_device_sessions_and_uncounts_their_device(shop: Shop) -> None:
    from civicnb.workshop.participation import (
        device_counts,
        new_device_token,
        session_info,
        start_session,
    )

    rosa = shop.join(Side.CSO, "Rosa")
    other = shop.join(Side.CSO, "Otra")
    device = new_device_token()
    token = start_session(shop.store, rosa.participant.id, device=device)
    start_session(shop.store, other.participant.id, device=new_device_token())
    assert device_counts(shop.store, shop.loc.id) == (2, 2)
    assert session_info(shop.store, token) is not None

    erase_participant(shop.store, rosa.participant.id, locality_id=shop.loc.id)

    assert session_info(shop.store, token) is None
    assert device_counts(shop.store, shop.loc.id) == (1, 1)
    assert rosa.participant.id not in _everything(shop.store)
