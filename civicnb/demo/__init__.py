"""The demo locality: Villaflor, a fictional Colombian locality (Spanish), or Vila Flor,
a fictional Brazilian one (Portuguese); its local authority and its disabled people's
organisations, two rounds of answers and the records of their deliberation. Generated
deterministically (same ids every time). The words are each language's
(civicnb/demo/es.py, civicnb/demo/pt.py); the shape is the same in both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid

from civicnb.demo.content import DemoContent
from civicnb.demo.es import SPANISH
from civicnb.demo.pt import PORTUGUESE
from civicnb.framework.model import Framework
from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    HarvestNote,
    JointRating,
    Locality,
    LocalityRecords,
    Organisation,
    Outcome,
    Participant,
    Rating,
    Round,
    Side,
)

__all__ = ["DEMO_LANGUAGES", "DEMO_SLUG", "demo_records"]

DEMO_SLUG = SPANISH.slug
"""The slug of the default (Spanish) demo locality."""

_CONTENT = {"es": SPANISH, "pt": PORTUGUESE}
# each language's seeds: its records have ids of their own, so that both demos can
# live in one workspace
_SEEDS = {"es": (2014, 2026), "pt": (2055, 2067)}

DEMO_LANGUAGES = tuple(_CONTENT)
"""The languages the demo locality is written in."""


def _organisations(
    loc: Locality, people: list[Participant], content: DemoContent, seed: int
) -> tuple[tuple[Organisation, ...], list[Participant]]:
    """The organisations and the participants with theirs (ids from a generator of
    their own: every other record keeps the id it had before organisations)."""
    rng = random.Random(seed)
    orgs = {
        key: Organisation(loc.id, side, name, id=_uid(rng))
        for key, side, name in content.organisations
    }
    roster = {p.name: p for p in (*content.la_people, *content.cso_people)}
    members = []
    for p in people:
        person = roster[p.name]
        members.append(
            dataclasses.replace(
                p,
                organisation_id=orgs[person.organisation].id,
                role=person.role,
                rates_organisation_id=orgs[person.rates].id if person.rates else None,
            )
        )
    return tuple(orgs.values()), members


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _score(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def demo_records(framework: Framework, language: str = "es") -> LocalityRecords:
    """All the records of the demo locality (pamphlet framework) in ``language``
    (one of :data:`DEMO_LANGUAGES`: Spanish, Villaflor, by default; Portuguese, Vila
    Flor)."""
    if language not in _CONTENT:
        raise ValueError(f"no demo in {language!r}: one of {', '.join(DEMO_LANGUAGES)}")
    text = _CONTENT[language]
    seed, org_seed = _SEEDS[language]
    rng = random.Random(seed)
    t0 = dt.datetime(2025, 3, 14, 14, 0, tzinfo=dt.UTC)
    loc = Locality(
        name=text.name,
        slug=text.slug,
        country=text.country,
        language=text.language,
        edition=framework.id,
        min_group=5,
        id=_uid(rng),
        created_at=t0 - dt.timedelta(days=10),
    )
    rounds = (
        Round(loc.id, text.round_labels[0], dt.date(2025, 3, 14), 0, id=_uid(rng)),
        Round(loc.id, text.round_labels[1], dt.date(2025, 10, 17), 1, id=_uid(rng)),
    )
    people = []
    for side, roster in ((Side.LA, text.la_people), (Side.CSO, text.cso_people)):
        for i, person in enumerate(roster):
            people.append(
                Participant(
                    loc.id,
                    side,
                    person.name,
                    person.named,
                    id=_uid(rng),
                    created_at=t0 + dt.timedelta(minutes=i),
                )
            )

    ratings = []
    for rnd_i, rnd in enumerate(rounds):
        when = dt.datetime.combine(rnd.date or dt.date(2025, 1, 1), dt.time(15, 0), dt.UTC)
        for p in people:
            for q in framework.questions:
                own = q.side == p.side
                if not own and rng.random() < 0.08:
                    continue  # the other column is optional
                # each side is kinder to itself; the follow-up is a little better
                centre = (3.4 if own else 2.4) + 0.5 * rnd_i
                if q.strand_id in ("III", "V") and q.side == Side.LA:
                    centre -= 0.5  # co-production and inclusion are the weak spots
                dont_know = rng.random() < 0.06
                note = rng.choice(text.notes[q.strand_id]) if rng.random() < 0.3 else ""
                created = when + dt.timedelta(seconds=rng.randrange(3600))
                ratings.append(
                    Rating(
                        rnd.id,
                        p.id,
                        q.id,
                        score=None if dont_know else _score(rng, centre),
                        dont_know=dont_know,
                        note=note,
                        would_help=rng.choice(text.would_help) if note else "",
                        id=_uid(rng),
                        created_at=created,
                        updated_at=created + dt.timedelta(seconds=rng.randrange(600)),
                    )
                )

    organisations, people = _organisations(loc, people, text, org_seed)
    base = rounds[0]
    joint = tuple(
        JointRating(base.id, pair, score, narrative, id=_uid(rng),
                    updated_at=t0 + dt.timedelta(hours=3))
        for (pair, score), narrative in zip((("P01", 3), ("P07", 2), ("P13", 2)), text.agreed, strict=True)
    )  # fmt: skip

    measured = (  # (category, baseline, target, current) of each outcome
        ("social", 62, 90, 71),
        ("economy", 120, 300, 165),
        ("environment", 18, 60, 27),
        ("social", 2, 6, 4),
        ("environment", None, None, None),
        ("social", None, None, None),
    )
    outcomes = tuple(
        Outcome(loc.id, name, category, indicator=indicator, unit=unit, baseline=baseline,
                target=target, current=current, id=_uid(rng))
        if indicator
        else Outcome(loc.id, name, category, id=_uid(rng))
        for (name, indicator, unit), (category, baseline, target, current)
        in zip(text.outcomes, measured, strict=True)
    )  # fmt: skip
    edu, jobs, transport, committee, hills, _housing = (o.id for o in outcomes)
    activities = tuple(
        Activity(loc.id, name, lead=lead, outcome_ids=serves, id=_uid(rng))
        for (name, lead), serves in zip(
            text.activities,
            ((jobs, committee), (transport, hills), (edu,), (jobs, transport)),
            strict=True,
        )
    )  # fmt: skip
    (interpreter, interpreter_owner, interpreter_notes), (mobility, mobility_owner, mobility_notes), (
        budget, budget_owner, _) = text.actions  # fmt: skip
    actions = (
        Action(loc.id, interpreter,
               strand="V", owner=interpreter_owner, due=dt.date(2025, 6, 30),
               status="done", round_id=base.id, outcome_ids=(committee,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True,
                          "wellbeing": True, "links": False},
               screening_notes=interpreter_notes,
               id=_uid(rng), created_at=t0 + dt.timedelta(hours=3)),
        Action(loc.id, mobility,
               strand="I", owner=mobility_owner, due=dt.date(2025, 12, 15),
               status="in_progress", round_id=base.id, outcome_ids=(transport,),
               screening={"democracy": True, "economy": True, "inclusive_culture": True,
                          "wellbeing": True, "links": True},
               screening_notes=mobility_notes,
               id=_uid(rng), created_at=t0 + dt.timedelta(hours=3, minutes=10)),
        Action(loc.id, budget,
               strand="III", owner=budget_owner, due=dt.date(2026, 3, 1),
               status="proposed", round_id=rounds[1].id, outcome_ids=(committee, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True},
               id=_uid(rng), created_at=t0 + dt.timedelta(days=217)),
    )  # fmt: skip
    assets = tuple(
        Asset(loc.id, kind, description, supports, id=_uid(rng))
        for description, (kind, supports) in zip(
            text.assets,
            (("association", (committee,)), ("business", (jobs,)),
             ("natural", (hills, transport)), ("people", (edu,)), ("public_body", ())),
            strict=True,
        )
    )  # fmt: skip
    harvest = tuple(
        HarvestNote(base.id, table, note, cafe_round, themes, id=_uid(rng),
                    created_at=t0 + dt.timedelta(hours=2, minutes=5 * i))
        for i, ((table, note, themes), cafe_round) in enumerate(
            zip(text.harvest, (1, 2, 1, 2, 1, 3), strict=True)
        )
    )  # fmt: skip
    present = (True, True, False, False, False, False, True, True)
    youth = text.groups[3][0]  # the young people come to the follow-up
    groups = tuple(
        (group, here, outreach)
        for (group, outreach), here in zip(text.groups, present, strict=True)
    )
    attendance = tuple(
        Attendance(rnd.id, group, True, here or (rnd.position == 1 and group == youth),
                   outreach, id=_uid(rng))
        for rnd in rounds
        for group, here, outreach in groups
    )  # fmt: skip
    return LocalityRecords(
        locality=loc,
        rounds=rounds,
        organisations=organisations,
        participants=tuple(people),
        ratings=tuple(ratings),
        joint_ratings=joint,
        outcomes=outcomes,
        activities=activities,
        actions=actions,
        assets=assets,
        harvest_notes=harvest,
        attendance=attendance,
    )
