"""What a language's demo locality says: its names and texts. The shape of the demo
(rounds, who answers what, scores, which outcome an activity serves, dates, the
screening verdicts) is the generator's (civicnb/demo/__init__.py), the same in every
language; a language only gives the words, in the order the generator uses them."""

from __future__ import annotations

from dataclasses import dataclass

from civicnb.records import Side

__all__ = ["DemoContent", "Person"]


@dataclass(frozen=True)
class Person:
    """A demo participant: the name, whether they consented to be named, their
    organisation (a key of :attr:`DemoContent.organisations`), their role and the
    organisation of the other side they rate (or None)."""

    name: str
    named: bool
    organisation: str
    role: str = ""
    rates: str | None = None


@dataclass(frozen=True)
class DemoContent:
    """The words of one language's demo locality.

    Each tuple has as many entries as the generator expects (the tests check it):
    eight people per side, three notes per strand, five "what would help" (some empty),
    three agreed ratings (pairs P01, P07, P13), six outcomes, four activities, three
    actions, five assets, six World Café notes and eight stakeholder groups (the fourth
    is the young people, who come to the second round)."""

    language: str
    name: str
    slug: str
    country: str
    round_labels: tuple[str, str]
    la_people: tuple[Person, ...]
    cso_people: tuple[Person, ...]
    # key -> (side, name); each side has one large group and two with one named member
    organisations: tuple[tuple[str, Side, str], ...]
    notes: dict[str, tuple[str, str, str]]  # strand id -> three notes
    would_help: tuple[str, str, str, str, str]
    agreed: tuple[str, str, str]  # the agreed ratings' narratives: P01, P07, P13
    # (name, indicator or "", unit or ""): education, jobs, transport, the committee,
    # the hills (natural), housing
    outcomes: tuple[tuple[str, str, str], ...]
    # (name, who leads it): jobs, trails, teachers, the market
    activities: tuple[tuple[str, str], ...]
    # (what, owner, screening notes): the interpreter, mobility, participatory budget
    actions: tuple[tuple[str, str, str], ...]
    # association, business, natural, people, public body
    assets: tuple[str, str, str, str, str]
    # (table, note, themes): tables 1, 1, 2, 2, 3, 3
    harvest: tuple[tuple[str, str, tuple[str, ...]], ...]
    # (group, how to reach them): present, present, absent ×4 (the fourth: youth), present ×2
    groups: tuple[tuple[str, str], ...]
