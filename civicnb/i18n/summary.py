# ruff: noqa: E501
"""The words of ``civicnb summary`` (the plain-text summary of a locality)."""

from __future__ import annotations

__all__ = ["SUMMARY_MESSAGES"]

SUMMARY_MESSAGES: dict[str, str] = {
    "sum_round": "Round: {label}",
    # {sides}: each side's short name and number of people ("LA 3, CSO 5, other 1"), {answers}: a number
    "sum_participants": "Participants: {sides}; {answers} answers",
    # {self}, {gap}, {agreement}: figures (or "withheld")
    "sum_strand": "Strand {strand}. {title}: self view {self}, gap {gap}, lowest agreement {agreement}",
    "sum_discuss": "Pairs to discuss first (largest gaps, lowest agreement):",
    # {pair} is a pair's code (P01), {la} and {cso} its two questions' numbers
    "sum_pair": "{rank}. {pair} ({la} ↔ {cso}) gap {gap}, lowest agreement {agreement} [{flags}]",
    "sum_flag_large_gap": "large gap",
    "sum_flag_low_agreement": "low agreement",
    "sum_by_org": "By organisation (own view, others' view of it, gap; by strand):",
    "sum_org_strand": "Strand {strand}: own {own}, others' {others}, gap {gap}",
    "sum_progress": "Change since {label}:",
    "sum_progress_strand": "Strand {strand}: self view {self}, |gap| {gap}",
    "sum_uncovered": "Valued outcomes no activity serves yet: {titles}",
    "sum_winwin": "Win-win activities (two or more parts of the triple bottom line): {titles}",
    "sum_none": "none",
    "sum_withheld": "withheld",
    "sum_fewer": "fewer than {k}",
    "sum_protects": "withheld (would reveal a smaller group)",
}
