"""What a network of localities is read for: the aggregates of its synthesis, computed
in the database (``GROUP BY`` with SQLAlchemy Core, on SQLite and PostgreSQL), and each
locality's consent to be named in the network's report.

Nothing here decides what may be shown: the rows carry the counts the small-number rule
needs (:mod:`civicnb.analysis.network` applies it). A locality's rounds are numbered in
their order (1 = its first round, usually the baseline), so that the rounds of different
localities line up whatever their labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from civicnb.errors import NotFoundError
from civicnb.records import Side, utcnow
from civicnb.store import schema as s
from civicnb.store.base import StoreBase, chunks

__all__ = [
    "NetworkMember",
    "NetworkMixin",
    "NetworkText",
    "Participation",
    "ViewCounts",
]


class NetworkMember(NamedTuple):
    """A locality as the network sees it (no records, no people)."""

    id: str
    slug: str
    name: str
    country: str
    language: str
    edition: str
    min_group: int
    named: bool
    """The locality consented to be named in the network's report."""


class ViewCounts(NamedTuple):
    """One locality's answers to one question in one round, by the raters of one side:
    sums and counts only (one row of the ``GROUP BY``)."""

    locality_id: str
    round_no: int
    """1 = the locality's first round, 2 = its next one…"""
    question_id: str
    side: Side
    """The raters' side."""
    answered: int
    """Raters who gave a score or "don't know"."""
    scored: int
    """Raters who gave a score."""
    total: int
    """The sum of their scores."""
    anonymous: int
    """Anonymous raters who answered."""
    anonymous_scored: int
    """Anonymous raters who gave a score."""


class Participation(NamedTuple):
    """How many people of one side answered anything in one round of one locality."""

    locality_id: str
    round_no: int
    side: Side
    people: int


class NetworkText(NamedTuple):
    """A text of a locality: a World Café harvest note (with its themes) or an action."""

    locality_id: str
    kind: str
    """``"harvest"`` or ``"action"``."""
    text: str
    themes: tuple[str, ...]


def _rounds(ids: Sequence[str] | None) -> Any:
    """Rounds with their number within their locality (1, 2, … by position)."""
    rd = s.rounds
    number = (
        sa.func.row_number()
        .over(partition_by=rd.c.locality_id, order_by=(rd.c.position, rd.c.id))
        .label("round_no")
    )
    q = sa.select(rd.c.id, rd.c.locality_id, number)
    if ids is not None:
        q = q.where(rd.c.locality_id.in_(ids))
    return q.subquery("numbered_rounds")


def _answered() -> sa.ColumnElement[bool]:
    r = s.ratings
    return sa.or_(r.c.score.is_not(None), r.c.dont_know.is_(True))


def _view_counts_query(ids: Sequence[str] | None) -> Any:
    """The GROUP BY over the ratings, by round id (numbered apart: joining the rounds'
    numbering into this query makes it slower), question and raters' side."""
    r, p, rd = s.ratings, s.participants, s.rounds
    anonymous = p.c.named.is_(False)

    def one_if(cond: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.sum(sa.case((cond, 1), else_=0))

    q = (
        sa.select(
            r.c.round_id,
            r.c.question_id,
            p.c.side,
            sa.func.count().label("answered"),
            sa.func.count(r.c.score).label("scored"),
            sa.func.coalesce(sa.func.sum(r.c.score), 0).label("total"),
            one_if(anonymous).label("anonymous"),
            one_if(sa.and_(anonymous, r.c.score.is_not(None))).label("anonymous_scored"),
        )
        .select_from(r.join(p, p.c.id == r.c.participant_id))
        .where(_answered())
        .group_by(r.c.round_id, r.c.question_id, p.c.side)
    )
    if ids is not None:
        q = q.where(r.c.round_id.in_(sa.select(rd.c.id).where(rd.c.locality_id.in_(ids))))
    return q


def _participation_query(ids: Sequence[str] | None) -> sa.Select[Any]:
    """People of each side with an answer in each round: one probe per person and round
    on the ratings' unique index (round, participant, question), not a scan of them."""
    r, p = s.ratings, s.participants
    rq = _rounds(ids)
    answered = (
        sa.select(sa.literal(1))
        .where(r.c.round_id == rq.c.id, r.c.participant_id == p.c.id, _answered())
        .exists()
    )
    return (
        sa.select(rq.c.locality_id, rq.c.round_no, p.c.side, sa.func.count().label("people"))
        .select_from(p.join(rq, rq.c.locality_id == p.c.locality_id))
        .where(answered)
        .group_by(rq.c.locality_id, rq.c.round_no, p.c.side)
    )


class NetworkMixin(StoreBase):
    """The network's aggregates and the localities' consent to be named."""

    # --- consent -------------------------------------------------------------------------

    def set_network_consent(self, slug_or_id: str, named: bool) -> str:
        """Record whether the network's report may name the locality; returns its slug."""

        def _do(conn: Connection) -> str:
            row = self._find_locality(conn, slug_or_id)
            if row is None:
                raise NotFoundError("locality", slug_or_id, self._slugs(conn))
            self._upsert(
                conn,
                s.network_consent,
                {"locality_id": row.id, "named": bool(named), "updated_at": utcnow()},
                ("locality_id",),
                ("named", "updated_at"),
            )
            return str(row.slug)

        return self._write(_do)

    def network_members(self, slugs: Sequence[str] | None = None) -> list[NetworkMember]:
        """The localities named by slug (or id), in that order, or all of them (by name);
        NotFoundError for a name that is not in the store."""
        t, c = s.localities, s.network_consent
        q = sa.select(
            t.c.id,
            t.c.slug,
            t.c.name,
            t.c.country,
            t.c.language,
            t.c.edition,
            t.c.min_group,
            sa.func.coalesce(c.c.named, False).label("named"),
        ).select_from(t.outerjoin(c, c.c.locality_id == t.c.id))

        def _do(conn: Connection) -> list[NetworkMember]:
            rows = [
                NetworkMember(
                    str(r.id),
                    str(r.slug),
                    str(r.name),
                    str(r.country),
                    str(r.language),
                    str(r.edition),
                    int(r.min_group),
                    bool(r.named),
                )
                for r in conn.execute(q)
            ]
            if slugs is None:
                return sorted(rows, key=lambda m: (m.name.casefold(), m.slug))
            by_key = {m.slug: m for m in rows} | {m.id: m for m in rows}
            missing = [x for x in slugs if x not in by_key]
            if missing:
                raise NotFoundError("locality", missing[0], sorted(m.slug for m in rows))
            return list({by_key[x].id: by_key[x] for x in slugs}.values())

        return self._read(_do, snapshot=True)

    # --- aggregates ----------------------------------------------------------------------

    def _by_chunks(
        self, ids: Sequence[str] | None, query: Callable[[Sequence[str] | None], sa.Select[Any]]
    ) -> Iterator[Any]:
        def _do(conn: Connection) -> list[Any]:
            if ids is None:
                return list(conn.execute(query(None)))
            out: list[Any] = []
            for chunk in chunks(list(ids)):
                out += conn.execute(query(chunk))
            return out

        yield from self._read(_do, snapshot=True)

    def network_view_counts(self, locality_ids: Sequence[str] | None = None) -> list[ViewCounts]:
        """One row per (locality, round number, question, raters' side) that has answers:
        the localities given by id (None: every locality). One ``GROUP BY`` in the
        database; rows by locality, round, question and side."""
        sides = {side.value: side for side in Side}

        def _do(conn: Connection) -> list[ViewCounts]:
            out: list[ViewCounts] = []
            for chunk in [None] if locality_ids is None else chunks(list(locality_ids)):
                rq = _rounds(chunk)
                number = {
                    str(i): (str(lid), int(n))
                    for i, lid, n in conn.execute(
                        sa.select(rq.c.id, rq.c.locality_id, rq.c.round_no)
                    )
                }
                for rid, qid, side, *counts in conn.execute(_view_counts_query(chunk)):
                    lid, n = number[str(rid)]
                    out.append(ViewCounts(lid, n, str(qid), sides[side], *map(int, counts)))
            return out

        rows = self._read(_do, snapshot=True)
        rows.sort(key=lambda v: (v.locality_id, v.round_no, v.question_id, v.side))
        return rows

    def network_participation(
        self, locality_ids: Sequence[str] | None = None
    ) -> list[Participation]:
        """How many people of each side answered in each round of each locality."""
        rows = [
            Participation(str(r.locality_id), int(r.round_no), Side(r.side), int(r.people))
            for r in self._by_chunks(locality_ids, _participation_query)
        ]
        rows.sort(key=lambda v: (v.locality_id, v.round_no, v.side))
        return rows

    def network_texts(self, locality_ids: Sequence[str] | None = None) -> list[NetworkText]:
        """The World Café harvest notes (with their themes) and the actions' texts."""
        h, rd, a = s.harvest_notes, s.rounds, s.actions

        def harvest(ids: Sequence[str] | None) -> sa.Select[Any]:
            q = sa.select(rd.c.locality_id, h.c.text, h.c.themes).select_from(
                h.join(rd, rd.c.id == h.c.round_id)
            )
            return q if ids is None else q.where(rd.c.locality_id.in_(ids))

        def actions(ids: Sequence[str] | None) -> sa.Select[Any]:
            q = sa.select(a.c.locality_id, a.c.text)
            return q if ids is None else q.where(a.c.locality_id.in_(ids))

        out = [
            NetworkText(str(r.locality_id), "harvest", str(r.text), _themes(r.themes))
            for r in self._by_chunks(locality_ids, harvest)
        ]
        out += [
            NetworkText(str(r.locality_id), "action", str(r.text), ())
            for r in self._by_chunks(locality_ids, actions)
        ]
        return out


def _themes(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return ()
