"""Kiosk sessions: one shared device, participants taking turns. Pages carry an
unguessable token instead of the participant's id; ending it makes the token dead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from civicnb.api import new_locality
from civicnb.errors import NotFoundError
from civicnb.records import Side
from civicnb.store import Store
from civicnb.workshop.participation import (
    end_kiosk_session,
    join,
    kiosk_participant,
    start_kiosk_session,
)
from civicnb.workspace import init_workspace


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    ws = init_workspace(tmp_path / "ws")
    new_locality("Girón", workspace=ws, language="es")
    with ws.open_store() as s:
        yield s


def _pid(store: Store, name: str = "Ana") -> str:
    return join(store, store.get_locality("giron"), Side.LA, name, named=False).id


def test_round_trip_and_end(store: Store) -> None:
    pid = _pid(store)
    token = start_kiosk_session(store, pid)
    assert kiosk_participant(store, token) == pid
    assert end_kiosk_session(store, token) is True
    assert kiosk_participant(store, token) is None
    assert end_kiosk_session(store, token) is False  # ending twice is harmless


def test_token_is_not_the_participant_id_and_tokens_differ(store: Store) -> None:
    pid = _pid(store)
    tokens = {start_kiosk_session(store, pid) for _ in range(5)}
    assert len(tokens) == 5
    for token in tokens:
        assert token != pid and pid not in token
        assert len(token) >= 40  # 32 random bytes
        assert kiosk_participant(store, token) == pid
    # ending one session leaves the others alive
    first = sorted(tokens)[0]
    end_kiosk_session(store, first)
    assert [kiosk_participant(store, t) for t in sorted(tokens)[1:]] == [pid] * 4


def test_unknown_and_malformed_tokens_name_nobody(store: Store) -> None:
    pid = _pid(store)
    start_kiosk_session(store, pid)
    for token in ("", None, pid, "x" * 43, "../../etc/passwd" * 3, "a" * 500, "é" * 30):
        assert kiosk_participant(store, token) is None
        assert end_kiosk_session(store, token) is False


def test_the_store_keeps_no_usable_token(store: Store) -> None:
    token = start_kiosk_session(store, _pid(store))
    assert store.get_setting("kiosk:" + token) is None  # only a hash of it is kept


def test_a_session_needs_a_known_participant(store: Store) -> None:
    with pytest.raises(NotFoundError):
        start_kiosk_session(store, "nobody")
