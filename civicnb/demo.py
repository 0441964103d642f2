"""The demo locality: Villaflor, a fictional Colombian municipality, its local
authority and its disabled people's organisations, two rounds of answers and the
records of their deliberation. Generated deterministically (same ids every time).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid

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

__all__ = ["DEMO_SLUG", "demo_records"]

DEMO_SLUG = "villaflor"

_LA_PEOPLE = [
    ("Claudia Patricia Gómez", True),  # Secretaría de Desarrollo Social
    ("Funcionario de Planeación", False),
    ("Jorge Enrique Mantilla", True),  # Secretaría de Infraestructura
    ("Enlace de Salud", False),
    ("Funcionaria de Educación", False),
    ("Funcionaria de Cultura", False),
    ("Asesor del Despacho", False),
    ("Concejal invitado", False),
]
_CSO_PEOPLE = [
    ("Luz Marina Pabón", True),  # Asociación de Personas Sordas
    ("Ceiba", False),
    ("Andrés Felipe Rincón", True),  # Red de cuidadoras y cuidadores
    ("Guayacán", False),
    ("Mariposa", False),  # Fundación de madres de niños con autismo
    ("Orquídea", False),
    ("Colectivo Ruedas Libres", False),
    ("Liga de usuarios", False),
]

_ORGANISATIONS = (
    ("social", Side.LA, "Secretaría de Desarrollo Social"),
    ("infra", Side.LA, "Secretaría de Infraestructura"),
    ("gobierno", Side.LA, "Gobierno municipal (despacho, secretarías y Concejo)"),
    ("sordas", Side.CSO, "Asociación de Personas Sordas"),
    ("cuidadoras", Side.CSO, "Red de cuidadoras y cuidadores"),
    ("mesa", Side.CSO, "Mesa de organizaciones de personas con discapacidad"),
)
"""The demo's organisations: each side has one large group (its anonymous people, so
that its figures pass the small-number rule of k = 5) and two whose only member
consented to be named (named answers are exempt from the rule)."""

_MEMBERSHIP = {
    # name: (their organisation, role, the organisation of the other side they rate)
    "Claudia Patricia Gómez": ("social", "officer", "sordas"),
    "Funcionario de Planeación": ("gobierno", "officer", None),
    "Jorge Enrique Mantilla": ("infra", "officer", "cuidadoras"),
    "Enlace de Salud": ("gobierno", "officer", "cuidadoras"),  # one anonymous: withheld
    "Funcionaria de Educación": ("gobierno", "officer", None),
    "Funcionaria de Cultura": ("gobierno", "", None),
    "Asesor del Despacho": ("gobierno", "officer", None),
    "Concejal invitado": ("gobierno", "elected", None),
    "Luz Marina Pabón": ("sordas", "", "social"),
    "Ceiba": ("mesa", "", "infra"),  # one anonymous: withheld
    "Andrés Felipe Rincón": ("cuidadoras", "", None),
    "Guayacán": ("mesa", "", None),
    "Mariposa": ("mesa", "", None),
    "Orquídea": ("mesa", "", None),
    "Colectivo Ruedas Libres": ("mesa", "", None),
    "Liga de usuarios": ("mesa", "", None),
}


def _organisations(
    loc: Locality, people: list[Participant]
) -> tuple[tuple[Organisation, ...], list[Participant]]:
    """The organisations and the participants with theirs (ids from a generator of
    their own: every other record keeps the id it had before organisations)."""
    rng = random.Random(2026)
    orgs = {
        key: Organisation(loc.id, side, name, id=_uid(rng)) for key, side, name in _ORGANISATIONS
    }
    members = []
    for p in people:
        own, role, rates = _MEMBERSHIP[p.name]
        members.append(
            dataclasses.replace(
                p,
                organisation_id=orgs[own].id,
                role=role,
                rates_organisation_id=orgs[rates].id if rates else None,
            )
        )
    return tuple(orgs.values()), members


_NOTES = {
    "I": [
        "El Plan de Desarrollo menciona la discapacidad, pero sin metas medibles.",
        "Las metas sociales, económicas y ambientales no se cruzan entre sí.",
        "La política pública de discapacidad está en revisión desde 2023.",
    ],
    "II": [
        "Las secretarías trabajan por separado; cada una tiene su propio presupuesto.",
        "El comité de discapacidad se reúne, pero las decisiones no se ejecutan.",
        "Hubo una mesa transversal para el plan de movilidad, con buena asistencia.",
    ],
    "III": [
        "Las juntas de acción comunal participan poco en la planeación.",
        "Las organizaciones forman líderes, pero falta apoyo para sostenerlo.",
        "No hay un mecanismo para pensar en las futuras generaciones.",
    ],
    "IV": [
        "Después de las lluvias de 2024 nadie consultó a las personas con discapacidad.",
        "Los mercados campesinos abrieron espacio a emprendimientos inclusivos.",
        "Las redes vecinales ayudaron mucho durante la emergencia.",
    ],
    "V": [
        "Las reuniones se hacen sin intérprete de lengua de señas.",
        "Se usó el Café del Mundo en el cabildo abierto y funcionó bien.",
        "Siempre participan las mismas personas; faltan jóvenes y comunidades étnicas.",
    ],
}
_HELP = [
    "Intérprete de lengua de señas en todas las sesiones.",
    "Publicar las actas en formatos accesibles.",
    "Un presupuesto participativo con cupo para las organizaciones.",
    "",
    "",
]


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _score(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def demo_records(framework: Framework) -> LocalityRecords:
    """All the records of the demo locality (pamphlet framework, Spanish)."""
    rng = random.Random(2014)
    t0 = dt.datetime(2025, 3, 14, 14, 0, tzinfo=dt.UTC)
    loc = Locality(
        name="Villaflor",
        slug=DEMO_SLUG,
        country="Colombia",
        language="es",
        edition=framework.id,
        min_group=5,
        id=_uid(rng),
        created_at=t0 - dt.timedelta(days=10),
    )
    rounds = (
        Round(loc.id, "Línea de base", dt.date(2025, 3, 14), 0, id=_uid(rng)),
        Round(loc.id, "Seguimiento", dt.date(2025, 10, 17), 1, id=_uid(rng)),
    )
    people = []
    for side, roster in ((Side.LA, _LA_PEOPLE), (Side.CSO, _CSO_PEOPLE)):
        for i, (name, named) in enumerate(roster):
            people.append(
                Participant(
                    loc.id, side, name, named, id=_uid(rng), created_at=t0 + dt.timedelta(minutes=i)
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
                note = rng.choice(_NOTES[q.strand_id]) if rng.random() < 0.3 else ""
                created = when + dt.timedelta(seconds=rng.randrange(3600))
                ratings.append(
                    Rating(
                        rnd.id,
                        p.id,
                        q.id,
                        score=None if dont_know else _score(rng, centre),
                        dont_know=dont_know,
                        note=note,
                        would_help=rng.choice(_HELP) if note else "",
                        id=_uid(rng),
                        created_at=created,
                        updated_at=created + dt.timedelta(seconds=rng.randrange(600)),
                    )
                )

    organisations, people = _organisations(loc, people)
    base = rounds[0]
    joint = tuple(
        JointRating(base.id, pair, score, text, id=_uid(rng), updated_at=t0 + dt.timedelta(hours=3))
        for pair, score, text in (
            (
                "P01",
                3,
                "Hay compromiso con la triple cuenta de resultados, pero faltan metas para la inclusión.",
            ),
            ("P07", 2, "La alcaldía invita, pero tarde: cuando las decisiones ya están tomadas."),
            (
                "P13",
                2,
                "Acordamos que sin intérprete ni materiales accesibles no hay participación real.",
            ),
        )
    )

    outcomes = (
        Outcome(loc.id, "Educación inclusiva para todas las niñas y niños", "social",
                indicator="Niñas y niños con discapacidad matriculados", unit="%",
                baseline=62, target=90, current=71, id=_uid(rng)),
        Outcome(loc.id, "Empleo formal para personas con discapacidad", "economy",
                indicator="Personas con discapacidad con contrato formal", unit="personas",
                baseline=120, target=300, current=165, id=_uid(rng)),
        Outcome(loc.id, "Espacio público y transporte accesibles y sostenibles", "environment",
                indicator="Paraderos accesibles", unit="%", baseline=18, target=60, current=27,
                id=_uid(rng)),
        Outcome(loc.id, "Participación efectiva en el Comité Municipal de Discapacidad", "social",
                indicator="Sesiones con organizaciones", unit="sesiones/año",
                baseline=2, target=6, current=4, id=_uid(rng)),
        Outcome(loc.id, "Cerros orientales protegidos y abiertos a todas las personas",
                "environment", id=_uid(rng)),
        Outcome(loc.id, "Vivienda accesible para personas con discapacidad y personas mayores",
                "social", id=_uid(rng)),
    )  # fmt: skip
    edu, jobs, transport, committee, hills, _housing = (o.id for o in outcomes)
    activities = (
        Activity(loc.id, "Ruta de empleo inclusivo con la Cámara de Comercio",
                 lead="Secretaría de Desarrollo Económico", outcome_ids=(jobs, committee), id=_uid(rng)),
        Activity(loc.id, "Senderos accesibles en el parque ecológico",
                 lead="Secretaría de Infraestructura", outcome_ids=(transport, hills), id=_uid(rng)),
        Activity(loc.id, "Formación de docentes en educación inclusiva",
                 lead="Secretaría de Educación", outcome_ids=(edu,), id=_uid(rng)),
        Activity(loc.id, "Mercado campesino con emprendimientos de personas con discapacidad",
                 lead="Asociación de productores", outcome_ids=(jobs, transport), id=_uid(rng)),
    )  # fmt: skip
    actions = (
        Action(loc.id, "Contratar intérprete de lengua de señas para todas las sesiones públicas",
               strand="V", owner="Secretaría de Desarrollo Social", due=dt.date(2025, 6, 30),
               status="done", round_id=base.id, outcome_ids=(committee,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True,
                          "wellbeing": True, "links": False},
               screening_notes="Amplía la participación; crea empleo para intérpretes locales solo en pequeña escala.",
               id=_uid(rng), created_at=t0 + dt.timedelta(hours=3)),
        Action(loc.id, "Incluir metas de discapacidad en el Plan de Movilidad",
               strand="I", owner="Secretaría de Planeación", due=dt.date(2025, 12, 15),
               status="in_progress", round_id=base.id, outcome_ids=(transport,),
               screening={"democracy": True, "economy": True, "inclusive_culture": True,
                          "wellbeing": True, "links": True},
               screening_notes="Pasa las cinco pruebas; coordinar con el área metropolitana.",
               id=_uid(rng), created_at=t0 + dt.timedelta(hours=3, minutes=10)),
        Action(loc.id, "Presupuesto participativo con cupo para las organizaciones de personas con discapacidad",
               strand="III", owner="Despacho del Alcalde", due=dt.date(2026, 3, 1),
               status="proposed", round_id=rounds[1].id, outcome_ids=(committee, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True},
               id=_uid(rng), created_at=t0 + dt.timedelta(days=217)),
    )  # fmt: skip
    assets = (
        Asset(loc.id, "association", "Asociación de Personas Sordas de Villaflor: 120 socios, intérpretes voluntarios", (committee,), id=_uid(rng)),
        Asset(loc.id, "business", "Cámara de Comercio: programa de responsabilidad social", (jobs,), id=_uid(rng)),
        Asset(loc.id, "natural", "Parque ecológico La Judía y sus senderos", (hills, transport), id=_uid(rng)),
        Asset(loc.id, "people", "Madres cuidadoras con experiencia en gestión comunitaria", (edu,), id=_uid(rng)),
        Asset(loc.id, "public_body", "Universidad pública con consultorio jurídico", (), id=_uid(rng)),
    )  # fmt: skip
    harvest = tuple(
        HarvestNote(base.id, table, text, cafe_round, themes, id=_uid(rng),
                    created_at=t0 + dt.timedelta(hours=2, minutes=5 * i))
        for i, (table, cafe_round, text, themes) in enumerate((
            ("Mesa 1", 1, "Lo bueno del barrio: los vecinos se conocen y se ayudan.", ("redes vecinales",)),
            ("Mesa 1", 2, "Lo que falta: andenes sin obstáculos para sillas de ruedas.", ("accesibilidad", "espacio público")),
            ("Mesa 2", 1, "Queremos que nos pregunten antes, no después de decidir.", ("participación",)),
            ("Mesa 2", 2, "Los jóvenes con discapacidad no encuentran trabajo después del colegio.", ("empleo", "jóvenes")),
            ("Mesa 3", 1, "La información de la alcaldía no llega en formatos accesibles.", ("accesibilidad", "información")),
            ("Mesa 3", 3, "Celebrar los logros juntos: una feria anual de la inclusión.", ("celebración",)),
        ))
    )  # fmt: skip
    groups = (
        ("Personas con discapacidad", True, ""),
        ("Cuidadoras y cuidadores", True, ""),
        ("Personas mayores", False, "Invitar a través de los centros vida."),
        ("Jóvenes", False, "Visitar los colegios y el consejo municipal de juventud."),
        ("Comunidades étnicas", False, "Contactar al cabildo indígena y a la asociación afro."),
        ("Población migrante", False, "Hablar con la mesa de migración de la Personería."),
        ("Sector empresarial", True, ""),
        ("Entidades públicas", True, ""),
    )
    attendance = tuple(
        Attendance(rnd.id, group, True, present or (rnd.position == 1 and group == "Jóvenes"),
                   note, id=_uid(rng))
        for rnd in rounds
        for group, present, note in groups
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
