"""What the facilitator of a workshop does, without any user interface: check the
facilitator key, follow the room (counts only), reveal a strand and read it pair by pair
with the evidence behind it, see who's not here, and draw the common themes out of the
World Café harvest.

The facilitator pages are thin bindings of widgets to these functions, which are
tested without a kernel. See ``docs/facilitation.md``.

This module gathers the facilitator's API in one place (its ``__all__``); each part
lives in its own module of :mod:`civicnb.workshop`:

* :mod:`~civicnb.workshop.key` -- the facilitator key;
* :mod:`~civicnb.workshop.facilitators` -- co-facilitators' named keys, who holds a key;
* :mod:`~civicnb.workshop.recording` -- writing the deliberation's records as a holder;
* :mod:`~civicnb.workshop.room` -- the room, counts only;
* :mod:`~civicnb.workshop.snapshots` -- revealing a strand and the snapshot it shows;
* :mod:`~civicnb.workshop.reveal` -- the reveal, pair by pair, with the evidence;
* :mod:`~civicnb.workshop.attendance` -- who's not here;
* :mod:`~civicnb.workshop.themes` -- the common themes of the World Café harvest.

Privacy, in short (the details are in :func:`reveal_view`):

* before a strand is revealed, nobody gets aggregates, names, notes or scores of it
  from here -- :func:`room_counts` gives counts of people only;
* a revealed strand shows aggregates under the small-number rule of
  :mod:`civicnb.analysis.privacy`, and evidence notes under the same rule: an anonymous
  participant's note (with their score) is shown only when at least ``min_group``
  anonymous participants of their side answered the question; named participants'
  notes are always shown, with their names.
"""

from civicnb.workshop.attendance import (
    add_default_attendance,
    default_stakeholder_groups,
    not_fully_heard,
    whos_not_here,
)
from civicnb.workshop.facilitators import (
    Holder,
    KeyRevoked,
    add_facilitator,
    check_holder,
    facilitator_for_key,
    revoke_facilitator,
)
from civicnb.workshop.key import MAX_KEY_LENGTH, check_facilitator_key
from civicnb.workshop.recording import Recorder
from civicnb.workshop.reveal import (
    EvidenceNote,
    PairReveal,
    QuestionReveal,
    StrandReveal,
    pseudonyms,
    reveal_view,
)
from civicnb.workshop.room import RoomCounts, SideCounts, StrandProgress, room_counts
from civicnb.workshop.snapshots import (
    SNAPSHOT_PREFIX,
    SnapshotEntry,
    drop_from_snapshots,
    frozen_records,
    hide_strand,
    reveal_strand,
    revealed_strands,
    snapshot_key,
)
from civicnb.workshop.themes import common_themes, tag_theme

__all__ = [
    "MAX_KEY_LENGTH",
    "SNAPSHOT_PREFIX",
    "EvidenceNote",
    "Holder",
    "KeyRevoked",
    "PairReveal",
    "QuestionReveal",
    "Recorder",
    "RoomCounts",
    "SideCounts",
    "SnapshotEntry",
    "StrandProgress",
    "StrandReveal",
    "add_default_attendance",
    "add_facilitator",
    "check_facilitator_key",
    "check_holder",
    "common_themes",
    "default_stakeholder_groups",
    "drop_from_snapshots",
    "facilitator_for_key",
    "frozen_records",
    "hide_strand",
    "not_fully_heard",
    "pseudonyms",
    "reveal_strand",
    "reveal_view",
    "revealed_strands",
    "revoke_facilitator",
    "room_counts",
    "snapshot_key",
    "tag_theme",
    "whos_not_here",
]
