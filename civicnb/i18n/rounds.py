# ruff: noqa: E501
"""The words of rounds: opening the next round, closed rounds, progress between rounds
(merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["ROUNDS_MESSAGES"]

ROUNDS_MESSAGES: dict[str, str] = {
    # the home page's rounds section
    "rounds_title": "Rounds",
    # the label of a locality's first round when none is given
    "round_baseline": "Baseline",
    "rounds_text": "Each locality answers its latest round. Opening the next round closes the earlier ones: their answers and records stay as they are, for comparison.",
    "rounds_of": "Rounds of {place}",
    "rounds_col_round": "Round",
    "rounds_col_date": "Date",
    "rounds_col_people": "Participants who answered",
    "rounds_col_state": "State",
    "rounds_open_state": "open (answered now)",
    "rounds_closed_state": "closed (read-only)",
    "rounds_next": "Open the next round of {place}",
    "rounds_label": "Label of the new round",
    "rounds_date": "Date (optional)",
    "rounds_open_button": "Open the next round",
    "rounds_opened": "✓ Round {label} opened: the pages of {place} now answer it.",
    "rounds_duplicate": "{place} already has a round labelled {label}: choose another label. Nothing was changed.",
    "rounds_refused": "The round was not opened: {reason}",
    "rounds_none": "No locality yet.",
    # a page opened on a round that has been closed since
    "round_closed": "Not saved: round {closed} is closed, round {latest} has been opened. Reload the page to answer the new round.",
    # progress: "my summary" and the reveal
    "progress_then": "Last round ({label})",
    "progress_now": "This round ({label})",
    "progress_summary_title": "This round beside the last one",
    "progress_summary_caption": "Your average rating of your own side, strand by strand: last round ({then}) and this round ({now})",
    "progress_radar_then": "Own side, last round",
    "progress_gap_title": "Gap then and now",
    "progress_gap_caption": "Pair {n}: the gap between the two sides' views, in round {then} and in round {now}",
    "progress_gap_row": "Mean gap",
    "progress_change": "Change",
    "progress_closer": "the views came closer",
    "progress_further": "the views moved apart",
    "progress_same": "no change",
    "progress_unknown": "not comparable (too few answers in one of the rounds)",
    # the facilitator's page: carried forward
    "carried_title": "Carried forward from earlier rounds",
    "carried_text": "Actions agreed in an earlier round and still open: update their status below.",
    "carried_from": "from round {label}",
    "fac_value_title": "This round's indicator value",
    "fac_set_value": "Save the value",
    "fac_pick_outcome": "Choose an outcome first.",
    "last_value": "Last round's value",
}
