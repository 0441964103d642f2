"""A workshop in a workspace's store, driven the way the pages drive the library:
participants join and save through :mod:`civicnb.workshop.participation`, the facilitator
reveals through :func:`civicnb.workshop.facilitation.reveal_strand` (as the facilitator page
does), and "check the room" is :func:`civicnb.workshop.facilitation.reveal_view` rendered by
:func:`civicnb.html.reveal.reveal_html` (as the participants' strand pages do)."""

from __future__ import annotations

from civicnb.analysis.views import GroupView
from civicnb.framework.model import Framework
from civicnb.html.reveal import reveal_html
from civicnb.records import Locality, Participant, Round, Side
from civicnb.store import Store
from civicnb.workshop.facilitation import hide_strand, reveal_strand, reveal_view
from civicnb.workshop.participation import ParticipantSession, join
from civicnb.workspace import Workspace

__all__ = ["Workshop"]


class Workshop:
    """A locality with the small-number rule ``k`` and one round, as `civicnb new` makes
    it, on the pamphlet's framework."""

    def __init__(self, ws: Workspace, store: Store, k: int) -> None:
        self.ws = ws
        self.store = store
        self.fw: Framework = ws.framework("pamphlet")
        self.loc = store.add_locality(Locality("Girón", min_group=k))
        self.round = store.add_round(Round(self.loc.id, "baseline"))

    def join(
        self, side: Side, name: str, rnd: Round | None = None, *, named: bool = False
    ) -> ParticipantSession:
        """A participant joins (in ``rnd``, the first round unless given)."""
        person: Participant = join(self.store, self.loc, side, name, named)
        return ParticipantSession(self.store, self.fw, self.loc, rnd or self.round, person)

    def reveal(self, strand: str = "I") -> None:
        # as the facilitator page does it: the snapshot is taken at once
        reveal_strand(self.store, self.round.id, strand, framework=self.fw, locality=self.loc)

    def hide(self, strand: str = "I") -> None:
        hide_strand(self.store, self.round.id, strand)

    def room(self, strand: str = "I") -> str:
        """What a participant sees when they look at the revealed strand."""
        view = reveal_view(self.store, self.fw, self.loc, self.round, strand, lang="en")
        return reveal_html(view, self.fw, "en")

    def group(self, qid: str, side: Side, strand: str = "I") -> GroupView:
        """What the room sees of one side's answers to question ``qid``."""
        view = reveal_view(self.store, self.fw, self.loc, self.round, strand)
        for pr in view.pairs:
            for q in (pr.la, pr.cso):
                if q.view.question_id == qid:
                    g = q.view.third_party if side == Side.OTHER else None
                    if g is None:
                        g = q.view.self_view if side == q.view.about else q.view.other_side
                    return g
        raise AssertionError(qid)
