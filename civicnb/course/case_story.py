# ruff: noqa: E501  (case data: long sentences in two languages)
"""The story of the course's worked case (Las Acacias) as data, in Spanish and English:
its rounds, its organisations and people, the scores each side aims at by round, the
notes they write, and the deliberation records (agreed ratings, outcomes, activities,
actions, assets, café notes, attendance, celebrations). :mod:`civicnb.course.case` turns
it into records, deterministically.

This module is long (over 600 lines) because it is data: the sentences of the story in
two languages, one record per entry; splitting it would only scatter the story.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from civicnb.records import (
    Action,
    Activity,
    Asset,
    Attendance,
    Celebration,
    HarvestNote,
    JointRating,
    Locality,
    LocalityRecords,
    Outcome,
    Participant,
    Rating,
    Round,
    Side,
)

__all__ = [
    "HELP",
    "NOTES",
    "ORGS",
    "PEOPLE",
    "RATES",
    "ROLES",
    "ROUNDS",
    "SPLIT",
    "T0",
    "TARGETS",
    "THIRD_PARTY_QUESTIONS",
    "Person",
    "deliberation",
    "uid",
]

T0 = dt.datetime(2025, 2, 10, 14, 0, tzinfo=dt.UTC)
ROUNDS = (
    ("Línea de base", "Baseline", dt.date(2025, 2, 20)),
    ("Seis meses", "Six months", dt.date(2025, 8, 21)),
    ("Doce meses", "Twelve months", dt.date(2026, 2, 19)),
)

# --- who -----------------------------------------------------------------------------

ORGS = {
    "asorac": ("Asociación de Personas Sordas", "Association of Deaf People"),
    "transition": ("Colectivo Acacias en Transición", "Acacias in Transition collective"),
    "jac": ("Junta de Acción Comunal El Progreso", "El Progreso Neighbourhood Council"),
    "youth": ("Red Juvenil Las Acacias", "Las Acacias Youth Network"),
    "carers": ("Fundación Mujeres Cuidadoras", "Women Carers' Foundation"),
    "planning": ("Secretaría de Planeación", "Planning Department"),
    "social": ("Secretaría de Desarrollo Social", "Social Development Department"),
    "environment": ("Secretaría de Ambiente", "Environment Department"),
    "government": ("Secretaría de Gobierno", "Interior Department"),
    "health": ("Secretaría de Salud", "Health Department"),
    "education": ("Secretaría de Educación", "Education Department"),
    "mayor": ("Despacho del Alcalde", "Mayor's Office"),
    "youth_office": ("Oficina de Juventud", "Youth Office"),
    "university": ("Universidad regional", "Regional university"),
    "chamber": ("Cámara de Comercio", "Chamber of Commerce"),
}


@dataclass(frozen=True, slots=True)
class Person:
    side: Side
    name: str
    org: str
    named: bool


PEOPLE = (
    Person(Side.LA, "Diana Carolina Ríos", "planning", True),
    Person(Side.LA, "Hernán Darío Quintero", "social", True),
    Person(Side.LA, "Patricia Londoño", "environment", True),
    Person(Side.LA, "Roble", "government", False),
    Person(Side.LA, "Cedro", "health", False),
    Person(Side.LA, "Nogal", "education", False),
    Person(Side.LA, "Pino", "mayor", False),
    Person(Side.LA, "Sauce", "youth_office", False),
    Person(Side.CSO, "Marta Gómez", "asorac", True),
    Person(Side.CSO, "Julián Ortega", "transition", True),
    Person(Side.CSO, "Rosa Elvira Cárdenas", "jac", True),
    Person(Side.CSO, "Camila Torres", "youth", True),
    Person(Side.CSO, "Ceiba", "asorac", False),
    Person(Side.CSO, "Guadua", "transition", False),
    Person(Side.CSO, "Arrayán", "jac", False),
    Person(Side.CSO, "Yarumo", "youth", False),
    Person(Side.CSO, "Cámbulo", "carers", False),
    Person(Side.CSO, "Samán", "carers", False),
    Person(Side.OTHER, "Observadora", "university", False),
    Person(Side.OTHER, "Comerciante", "chamber", False),
)

RATES = {
    # name: the organisation of the other side their answers about its column are about
    # (everyone else rates the other side as a whole)
    "Hernán Darío Quintero": "asorac",
    "Patricia Londoño": "transition",
    "Marta Gómez": "social",
    "Julián Ortega": "environment",
}
ROLES = {"Diana Carolina Ríos": "officer", "Hernán Darío Quintero": "officer", "Pino": "officer"}
"""Local authority participants who said whether they are an officer or elected."""

# --- what they say: (self-view targets, other side's targets) by round ---------------------

TARGETS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    # strand I: pair 1 narrows
    "LA-01": ((4.0, 4.0, 3.9), (2.2, 2.8, 3.4)),
    "CSO-I": ((3.8, 3.8, 3.9), (2.6, 3.0, 3.4)),
    "LA-02": ((3.4, 3.5, 3.6), (2.9, 3.0, 3.1)),
    "CSO-II": ((3.5, 3.6, 3.7), (3.1, 3.2, 3.3)),
    "LA-03": ((3.0, 3.2, 3.4), (2.6, 2.7, 2.9)),
    "CSO-III": ((3.2, 3.3, 3.4), (2.9, 3.0, 3.0)),
    # strand II: pair 5 narrows (the cross-department table)
    "LA-04": ((3.6, 3.7, 3.8), (3.0, 3.1, 3.3)),
    "CSO-IV": ((3.4, 3.5, 3.6), (3.0, 3.1, 3.2)),
    "LA-05": ((3.9, 3.7, 3.6), (2.3, 2.9, 3.2)),
    "CSO-V": ((3.5, 3.6, 3.7), (2.5, 2.9, 3.2)),
    "LA-06": ((3.2, 3.3, 3.3), (2.8, 2.8, 2.9)),
    "CSO-VI": ((3.3, 3.4, 3.5), (3.0, 3.1, 3.1)),
    # strand III: pair 7 widens (the youth seat promised, then dropped)
    "LA-07": ((3.5, 3.8, 4.0), (3.0, 2.7, 2.4)),
    "CSO-VII": ((3.4, 3.6, 3.8), (3.0, 2.8, 2.6)),
    "LA-08": ((3.0, 3.2, 3.3), (2.6, 2.8, 2.9)),
    "CSO-VIII": ((3.6, 3.6, 3.7), (3.2, 3.3, 3.4)),
    "LA-09": ((2.8, 3.0, 3.2), (2.4, 2.6, 2.8)),
    "CSO-IX": ((3.4, 3.5, 3.5), (3.1, 3.2, 3.2)),
    # strand IV: pair 11 narrows (green market, school gardens)
    "LA-10": ((3.2, 3.3, 3.5), (2.5, 2.7, 2.9)),
    "CSO-X": ((3.3, 3.4, 3.5), (3.0, 3.1, 3.2)),
    "LA-11": ((3.6, 3.7, 3.8), (2.4, 3.0, 3.4)),
    "CSO-XI": ((3.8, 3.9, 4.0), (2.7, 3.2, 3.6)),
    "LA-12": ((3.4, 3.5, 3.6), (3.0, 3.1, 3.2)),
    "CSO-XII": ((3.9, 4.0, 4.0), (3.5, 3.6, 3.6)),
    # strand V: improves most (interpreter, World Café)
    "LA-13": ((2.6, 3.3, 3.8), (1.8, 2.6, 3.3)),
    "CSO-XIII": ((3.0, 3.6, 3.9), (2.5, 3.0, 3.5)),
    "LA-14": ((2.8, 3.3, 3.7), (2.1, 2.6, 3.1)),
    "CSO-XIV": ((3.2, 3.6, 4.0), (2.7, 3.1, 3.5)),
    "LA-15": ((2.9, 3.5, 3.9), (2.2, 2.7, 3.2)),
    "CSO-XV": ((3.1, 3.6, 4.0), (2.6, 3.1, 3.5)),
}
SPLIT = {("LA-13", Side.CSO, 0)}
"""Groups split between low and high answers (low agreement)."""
THIRD_PARTY_QUESTIONS = frozenset(f"LA-{n}" for n in range(10, 16))

# evidence notes by strand: (round 0, later rounds), each (Spanish, English)
NOTES: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "I": (
        (
            (
                "El Plan de Desarrollo habla de inclusión, pero no tiene metas medibles para las personas con discapacidad.",
                "The Development Plan talks about inclusion but has no measurable targets for disabled people.",
            ),
            (
                "Cada secretaría tiene sus propias metas; nadie las ha puesto juntas.",
                "Each department has its own targets; nobody has put them side by side.",
            ),
            (
                "Las organizaciones no conocen los indicadores del municipio.",
                "The organisations do not know the municipality's indicators.",
            ),
        ),
        (
            (
                "Ya hay un borrador de metas compartidas de inclusión y clima.",
                "There is now a draft of shared inclusion and climate targets.",
            ),
            (
                "Las huertas escolares muestran que una sola actividad puede servir a varias metas.",
                "The school gardens show that one activity can serve several goals.",
            ),
            (
                "Todavía no hay ninguna meta para las personas mayores.",
                "There is still no target for older people.",
            ),
        ),
    ),
    "II": (
        (
            ("Las secretarías trabajan cada una por su lado.", "Each department works on its own."),
            (
                "Nos enteramos de los proyectos cuando ya están contratados.",
                "We hear about projects once they are already contracted.",
            ),
            (
                "El comité de discapacidad se reúne, pero sus decisiones no se cumplen.",
                "The disability committee meets, but its decisions are not carried out.",
            ),
        ),
        (
            (
                "La mesa transversal mensual ya reúne a cinco secretarías y a las organizaciones.",
                "The monthly cross-department table now brings five departments and the organisations together.",
            ),
            (
                "Las actas de la mesa se publican con el seguimiento de los compromisos.",
                "The table's minutes are published with a follow-up of the commitments.",
            ),
            (
                "Todavía cuesta que Hacienda participe.",
                "The Finance Department still rarely takes part.",
            ),
        ),
    ),
    "III": (
        (
            (
                "Nos invitan a opinar cuando las decisiones ya están tomadas.",
                "We are asked for our views once decisions are already made.",
            ),
            (
                "Las juntas de acción comunal conocen muy bien el barrio y nadie aprovecha ese conocimiento.",
                "The neighbourhood councils know their areas very well and nobody uses that knowledge.",
            ),
            (
                "No hay información clara sobre cómo acceder a los programas.",
                "There is no clear information on how to get into the programmes.",
            ),
        ),
        (
            (
                "El cupo para los jóvenes en el Consejo de Planeación nunca se abrió.",
                "The young people's seat on the Planning Council was never opened.",
            ),
            (
                "La alcaldía dice que consulta, pero las convocatorias llegan con dos días de anticipación.",
                "The mayor's office says it consults, but invitations arrive two days before.",
            ),
            (
                "La administración cree que ya coproduce; nosotros no lo vemos así.",
                "The administration believes it already co-produces; we do not see it that way.",
            ),
        ),
    ),
    "IV": (
        (
            (
                "Después de la creciente de la quebrada nadie les preguntó a las familias de la ribera.",
                "After the stream flooded, nobody asked the families on its banks.",
            ),
            (
                "El mercado campesino abrió un espacio a emprendimientos incluyentes.",
                "The farmers' market opened a space for inclusive small businesses.",
            ),
            (
                "Dependemos de decisiones de la Gobernación para casi todo.",
                "We depend on the regional government's decisions for almost everything.",
            ),
        ),
        (
            (
                "Los paneles solares del salón comunal fueron idea de la junta.",
                "The solar panels on the community hall were the neighbourhood council's idea.",
            ),
            (
                "El mercado verde ya tiene más de cuarenta productores.",
                "The green market now has more than forty producers.",
            ),
            (
                "Falta conectarnos con los municipios vecinos de la cuenca.",
                "We still need to link up with the neighbouring municipalities along the watershed.",
            ),
        ),
    ),
    "V": (
        (
            (
                "Las reuniones se hacen sin intérprete de lengua de señas.",
                "Meetings are held without a sign-language interpreter.",
            ),
            (
                "Siempre participan las mismas personas; faltan jóvenes y personas mayores.",
                "The same people always take part; young and older people are missing.",
            ),
            (
                "Las convocatorias solo se publican en la página web.",
                "Invitations are only posted on the website.",
            ),
        ),
        (
            (
                "Desde que hay intérprete, las personas sordas participan en todas las sesiones.",
                "Since there is an interpreter, deaf people take part in every session.",
            ),
            (
                "El Café del Mundo funcionó: hablaron todos, no solo los de siempre.",
                "The World Café worked: everyone spoke, not only the usual people.",
            ),
            (
                "Los jóvenes dejaron de venir cuando no se abrió su cupo.",
                "The young people stopped coming when their seat was not opened.",
            ),
        ),
    ),
}
HELP = (
    ("Publicar las actas en formatos accesibles.", "Publish the minutes in accessible formats."),
    (
        "Invitar con al menos dos semanas de anticipación.",
        "Send invitations at least two weeks ahead.",
    ),
    (
        "Un presupuesto participativo con un cupo para las organizaciones.",
        "A participatory budget with a share for the organisations.",
    ),
    (
        "Reuniones en los barrios y las veredas, no solo en la alcaldía.",
        "Meetings in the neighbourhoods and villages, not only at the town hall.",
    ),
)


def uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def deliberation(
    loc: Locality,
    rounds: tuple[Round, ...],
    people: tuple[Participant, ...],
    ratings: tuple[Rating, ...],
    ids: random.Random,
    lang: str,
) -> LocalityRecords:
    """Agreed ratings, outcomes, activities, actions, assets, café notes, attendance and
    celebrations: the same in every variant."""
    r0, r1, r2 = rounds

    def at(rnd: Round, hours: float) -> dt.datetime:
        assert rnd.date is not None
        return dt.datetime.combine(rnd.date, dt.time(14, 0), dt.UTC) + dt.timedelta(hours=hours)

    def s(es: str, en: str) -> str:
        return es if lang == "es" else en

    joint = tuple(
        JointRating(rnd.id, pair, score, text, id=uid(ids), updated_at=at(rnd, 4))
        for rnd, pair, score, text in (
            (
                r0,
                "P01",
                2,
                s(
                    "Hay buenas intenciones, pero las metas de inclusión y de clima no están en el Plan de Desarrollo.",
                    "There are good intentions, but the inclusion and climate targets are not in the Development Plan.",
                ),
            ),
            (
                r0,
                "P05",
                2,
                s(
                    "Las secretarías no se coordinan entre sí ni con las organizaciones; acordamos una mesa transversal mensual.",
                    "The departments do not coordinate with each other or with the organisations; we agreed a monthly cross-department table.",
                ),
            ),
            (
                r0,
                "P13",
                2,
                s(
                    "Sin intérprete ni materiales accesibles no hay participación real.",
                    "Without an interpreter and accessible materials there is no real participation.",
                ),
            ),
            (
                r1,
                "P07",
                3,
                s(
                    "Se prometió un cupo para los jóvenes en el Consejo de Planeación; las organizaciones esperan verlo antes de cambiar su calificación.",
                    "A seat for young people on the Planning Council was promised; the organisations want to see it before changing their rating.",
                ),
            ),
            (
                r1,
                "P11",
                3,
                s(
                    "El mercado verde y las huertas escolares acercaron a la alcaldía y a las organizaciones.",
                    "The green market and the school gardens brought the mayor's office and the organisations closer.",
                ),
            ),
            (
                r2,
                "P01",
                3,
                s(
                    "Las metas compartidas ya están en borrador; falta incluir a las personas mayores.",
                    "The shared targets are drafted; older people are still left out.",
                ),
            ),
            (
                r2,
                "P07",
                2,
                s(
                    "La brecha creció: la alcaldía se ve coproduciendo, las organizaciones ven decisiones tomadas sin ellas. El cupo juvenil no se abrió.",
                    "The gap grew: the mayor's office sees itself co-producing, the organisations see decisions taken without them. The youth seat was never opened.",
                ),
            ),
        )
    )
    outcomes = (
        Outcome(loc.id, s("Educación incluyente para niñas, niños y jóvenes con discapacidad", "Inclusive education for disabled children and young people"), "social",
                indicator=s("Estudiantes con discapacidad matriculados en los colegios del municipio", "Disabled pupils enrolled in the municipality's schools"), unit=s("estudiantes", "pupils"),
                baseline=58, target=120, current=84, id=uid(ids)),
        Outcome(loc.id, s("Empleos verdes e incluyentes", "Green, inclusive jobs"), "economy",
                indicator=s("Empleos verdes creados, con al menos un tercio para personas con discapacidad o jóvenes", "Green jobs created, at least a third for disabled or young people"), unit=s("empleos", "jobs"),
                baseline=0, target=150, current=46, id=uid(ids)),
        Outcome(loc.id, s("Quebrada La Honda limpia y su cuenca protegida", "La Honda stream clean and its watershed protected"), "environment",
                indicator=s("Vertimientos a la quebrada eliminados", "Discharges into the stream removed"), unit=s("vertimientos", "discharges"),
                baseline=0, target=12, current=5, id=uid(ids)),
        Outcome(loc.id, s("Movilidad sostenible y accesible", "Sustainable, accessible transport"), "environment",
                indicator=s("Paraderos accesibles", "Accessible bus stops"), unit="%",
                baseline=15, target=60, current=32, id=uid(ids)),
        Outcome(loc.id, s("Todas las personas participan en las decisiones locales", "Everyone takes part in local decisions"), "social",
                indicator=s("Sesiones públicas con intérprete y materiales accesibles", "Public sessions with an interpreter and accessible materials"), unit="%",
                baseline=10, target=100, current=80, id=uid(ids)),
        Outcome(loc.id, s("Una economía local de alimentos", "A local food economy"), "economy",
                indicator=s("Productores en el mercado campesino", "Producers at the farmers' market"), unit=s("productores", "producers"),
                baseline=18, target=60, current=41, id=uid(ids)),
        Outcome(loc.id, s("Personas mayores acompañadas y activas en la vida comunitaria", "Older people supported and active in community life"), "social",
                indicator=s("Personas mayores en actividades comunitarias", "Older people in community activities"), unit=s("personas", "people"),
                baseline=120, target=300, current=125, id=uid(ids)),
    )  # fmt: skip
    edu, jobs, stream, transport, voice, food, older = (o.id for o in outcomes)
    activities = (
        Activity(loc.id, s("Huertas escolares con el mercado campesino", "School gardens supplying the farmers' market"),
                 s("Los colegios cultivan con sus estudiantes, incluidos los estudiantes con discapacidad, riegan con agua lluvia y venden en el mercado.", "Schools grow food with their pupils, disabled pupils included, water with rainwater and sell at the market."),
                 lead=s("Secretaría de Educación y Colectivo Acacias en Transición", "Education Department and Acacias in Transition"),
                 outcome_ids=(edu, food, stream), id=uid(ids)),
        Activity(loc.id, s("Limpieza y reforestación de la quebrada La Honda", "Clean-up and replanting of La Honda stream"),
                 lead=s("Secretaría de Ambiente y Junta de Acción Comunal El Progreso", "Environment Department and El Progreso Neighbourhood Council"),
                 outcome_ids=(stream,), id=uid(ids)),
        Activity(loc.id, s("Ruta de empleo incluyente", "Inclusive jobs pathway"),
                 lead=s("Secretaría de Desarrollo Social", "Social Development Department"),
                 outcome_ids=(jobs, food), id=uid(ids)),
        Activity(loc.id, s("Programa de paraderos accesibles", "Accessible bus stops programme"),
                 lead=s("Secretaría de Infraestructura", "Infrastructure Department"),
                 outcome_ids=(transport,), id=uid(ids)),
        Activity(loc.id, s("Consejo Municipal de Juventud fortalecido", "A stronger Municipal Youth Council"),
                 lead=s("Oficina de Juventud y Red Juvenil Las Acacias", "Youth Office and Las Acacias Youth Network"),
                 outcome_ids=(voice,), id=uid(ids)),
        Activity(loc.id, s("Clases de lengua de señas en los colegios", "Sign-language classes in schools"),
                 lead=s("Asociación de Personas Sordas", "Association of Deaf People"),
                 outcome_ids=(edu, voice), id=uid(ids)),
    )  # fmt: skip
    actions = (
        Action(loc.id, s("Contratar intérprete de lengua de señas para todas las sesiones públicas", "Hire a sign-language interpreter for every public session"),
               strand="V", owner=s("Secretaría de Desarrollo Social", "Social Development Department"), due=dt.date(2025, 5, 30),
               status="done", round_id=r0.id, outcome_ids=(voice,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True, "wellbeing": True, "links": False},
               screening_notes=s("Abre las decisiones a las personas sordas; crea poco empleo local y no nos conecta con otros municipios.", "Opens decisions to deaf people; creates little local work and does not link us with other municipalities."),
               id=uid(ids), created_at=at(r0, 4)),
        Action(loc.id, s("Incluir metas de inclusión y de clima en los indicadores del Plan de Desarrollo", "Put inclusion and climate targets into the Development Plan's indicators"),
               strand="I", owner=s("Secretaría de Planeación", "Planning Department"), due=dt.date(2026, 6, 30),
               status="in_progress", round_id=r0.id, outcome_ids=(edu, stream),
               id=uid(ids), created_at=at(r0, 4.1)),
        Action(loc.id, s("Mesa transversal mensual entre secretarías y organizaciones", "A monthly cross-department table with the organisations"),
               strand="II", owner=s("Secretaría de Gobierno", "Interior Department"), due=dt.date(2025, 4, 30),
               status="done", round_id=r0.id, outcome_ids=(voice,),
               id=uid(ids), created_at=at(r0, 4.2)),
        Action(loc.id, s("Abrir un cupo para la Red Juvenil en el Consejo Territorial de Planeación", "Open a seat for the Youth Network on the Planning Council"),
               strand="III", owner=s("Despacho del Alcalde", "Mayor's Office"), due=dt.date(2025, 9, 30),
               status="dropped", round_id=r0.id, outcome_ids=(voice,),
               screening_notes=s("Se abandonó: el reglamento del Consejo no se pudo modificar en esta vigencia y nadie propuso otra salida.", "Dropped: the Council's rules could not be changed this year and nobody proposed another way."),
               id=uid(ids), created_at=at(r0, 4.3)),
        Action(loc.id, s("Paneles solares comunitarios en el salón comunal de El Progreso", "Community solar panels on the El Progreso community hall"),
               strand="IV", owner=s("Junta de Acción Comunal El Progreso y Secretaría de Ambiente", "El Progreso Neighbourhood Council and Environment Department"), due=dt.date(2026, 3, 31),
               status="agreed", round_id=r1.id, outcome_ids=(stream, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True, "wellbeing": False, "links": False},
               screening_notes=s("La junta decide y administra la energía; el ahorro queda en el barrio; el trabajo conjunto crea confianza. No cambia por sí solo el bienestar de las personas ni nos une a otros municipios.", "The council decides and runs the energy; the savings stay in the neighbourhood; working together builds trust. On its own it does not change people's well-being, nor does it link us with other municipalities."),
               id=uid(ids), created_at=at(r1, 4)),
        Action(loc.id, s("Red comunitaria de alerta temprana de crecientes de la quebrada La Honda", "A community early-warning network for floods on La Honda stream"),
               strand="IV", owner=s("Secretaría de Gobierno (gestión del riesgo) y juntas de acción comunal", "Interior Department (risk management) and the neighbourhood councils"), due=dt.date(2026, 9, 30),
               status="proposed", round_id=r2.id, outcome_ids=(stream,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True, "wellbeing": True, "links": True},
               screening_notes=s("Las juntas vigilan y deciden cuándo avisar; une a los vecinos; protege la salud y la tranquilidad de las familias de la ribera; se conectaría con la red de la cuenca de los municipios vecinos. No genera ingresos.", "The councils watch the stream and decide when to warn; it brings neighbours together; it protects the health and peace of mind of families on the banks; it would join the watershed network of the neighbouring municipalities. It brings in no income."),
               id=uid(ids), created_at=at(r2, 4)),
        Action(loc.id, s("Presupuesto participativo con un cupo para las organizaciones juveniles y de personas con discapacidad", "A participatory budget with a share for youth and disabled people's organisations"),
               strand="III", owner=s("Despacho del Alcalde", "Mayor's Office"), due=dt.date(2026, 12, 15),
               status="proposed", round_id=r2.id, outcome_ids=(voice, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True, "wellbeing": False, "links": False},
               screening_notes=s("Las organizaciones deciden sobre recursos reales; el dinero se gasta en proveedores locales; las mesas de priorización crean confianza. No se espera un efecto directo en el bienestar, ni vínculos con otros municipios.", "The organisations decide over real money; it is spent with local suppliers; the priority-setting meetings build trust. No direct effect on well-being is expected, nor links with other municipalities."),
               id=uid(ids), created_at=at(r2, 4.1)),
    )  # fmt: skip
    assets = (
        Asset(loc.id, "association", s("Asociación de Personas Sordas: 80 socios y dos intérpretes voluntarios", "Association of Deaf People: 80 members and two volunteer interpreters"), (voice, edu), id=uid(ids)),
        Asset(loc.id, "natural", s("La quebrada La Honda y el bosque de la vereda El Retiro", "La Honda stream and the El Retiro woodland"), (stream,), id=uid(ids)),
        Asset(loc.id, "people", s("Mujeres cuidadoras con experiencia en ollas comunitarias y visitas a personas mayores", "Women carers experienced in community kitchens and visiting older people"), (older, food), id=uid(ids)),
        Asset(loc.id, "business", s("Cooperativa de caficultores con centro de acopio", "Coffee growers' cooperative with a collection centre"), (jobs, food), id=uid(ids)),
        Asset(loc.id, "public_body", s("Centro de formación del SENA con cursos de energía solar", "National training centre (SENA) with solar energy courses"), (jobs,), id=uid(ids)),
        Asset(loc.id, "physical", s("Salón comunal de El Progreso", "El Progreso community hall"), (voice, older), id=uid(ids)),
        Asset(loc.id, "cultural", s("Casa de la Cultura y su escuela de música", "The House of Culture and its music school"), (voice,), id=uid(ids)),
    )  # fmt: skip
    access, info, water, trust, youth, voice_t, local, elders, party = (
        s("accesibilidad", "accessibility"), s("información", "information"), s("agua", "water"),
        s("confianza", "trust"), s("jóvenes", "young people"), s("participación", "participation"),
        s("economía local", "local economy"), s("personas mayores", "older people"), s("celebración", "celebration"),
    )  # fmt: skip
    table = s("Mesa", "Table")
    harvest = tuple(
        HarvestNote(rnd.id, f"{table} {n}", text, cafe_round, themes, id=uid(ids), created_at=at(rnd, 2 + i / 12))
        for rnd, notes in (
            (r0, (
                (1, 1, s("Los andenes del centro no sirven para sillas de ruedas.", "The pavements in the town centre are useless for wheelchairs."), (access,)),
                (1, 2, s("La información de la alcaldía no llega en formatos accesibles.", "The town hall's information does not come in accessible formats."), (access, info)),
                (2, 1, s("La quebrada La Honda se llena de basura después de cada lluvia.", "La Honda stream fills with rubbish after every rain."), (water,)),
                (2, 2, s("No confiamos en que las propuestas se cumplan.", "We do not trust that proposals will be carried out."), (trust,)),
                (3, 1, s("Los jóvenes no encuentran en qué participar.", "Young people find nothing to take part in."), (youth,)),
                (3, 2, s("Un intérprete en las reuniones lo cambiaría todo.", "An interpreter at meetings would change everything."), (access,)),
            )),
            (r1, (
                (1, 1, s("Con intérprete, por fin entendemos las discusiones.", "With an interpreter we finally follow the discussions."), (access,)),
                (1, 2, s("La mesa transversal empieza a generar confianza.", "The cross-department table is starting to build trust."), (trust,)),
                (2, 1, s("Los jóvenes quieren su cupo en el Consejo de Planeación.", "The young people want their seat on the Planning Council."), (youth, voice_t)),
                (2, 2, s("El mercado verde es un buen ejemplo de trabajo conjunto.", "The green market is a good example of working together."), (local,)),
                (3, 1, s("Faltan rampas en el salón comunal.", "The community hall still lacks ramps."), (access,)),
            )),
            (r2, (
                (1, 1, s("Se perdió la confianza de los jóvenes cuando no se abrió su cupo.", "The young people's trust was lost when their seat was not opened."), (youth, trust)),
                (1, 2, s("La alerta temprana de la quebrada se debe hacer con las juntas.", "The stream's early warning must be built with the neighbourhood councils."), (water, voice_t)),
                (2, 1, s("Las personas mayores vinieron por primera vez y piden actividades con los jóvenes.", "Older people came for the first time and ask for activities with the young."), (elders, youth)),
                (2, 2, s("La siembra de árboles en la quebrada unió a colegios y vecinos.", "Planting trees along the stream brought schools and neighbours together."), (water,)),
                (3, 1, s("Que los jóvenes vuelvan: hay que ir a buscarlos.", "Bring the young people back: we have to go and find them."), (youth,)),
                (3, 2, s("Celebrar el primer año del mercado con una feria.", "Celebrate the market's first year with a fair."), (party,)),
            )),
        )
        for i, (n, cafe_round, text, themes) in enumerate(notes)
    )  # fmt: skip
    groups = (
        ("disabled", s("Personas con discapacidad", "Disabled people"), ("", "", "")),
        ("environment", s("Organizaciones ambientales", "Environmental groups"), ("", "", "")),
        ("neighbourhood", s("Juntas de acción comunal", "Neighbourhood councils"), ("", "", "")),
        ("young", s("Jóvenes", "Young people"), (
            s("Visitar los colegios y el Consejo Municipal de Juventud; invitar a través de la Red Juvenil.", "Visit the schools and the Municipal Youth Council; invite through the Youth Network."),
            "",
            s("Dejaron de venir cuando no se abrió su cupo en el Consejo de Planeación: ir a hablar con la Red Juvenil en su propia sede.", "They stopped coming when their Planning Council seat was not opened: go and talk with the Youth Network at their own place."))),
        ("older", s("Personas mayores", "Older people"), (
            s("Invitar a través de los Centros Vida.", "Invite them through the day centres for older people."),
            s("Ofrecer transporte y una sesión por la mañana.", "Offer transport and a morning session."),
            "")),
        ("indigenous", s("Comunidad indígena", "Indigenous community"), (
            s("Contactar al cabildo indígena.", "Contact the indigenous council."),
            s("El cabildo pidió que la sesión se haga en su territorio.", "The council asked for the session to be held on its land."),
            s("Pedir al cabildo que proponga fecha y lugar, con traducción.", "Ask the council to propose a date and place, with translation."))),
        ("afro", s("Población afrodescendiente", "Afro-Colombian community"), (
            "",
            s("El consejo comunitario no recibió la invitación a tiempo: enviarla con un mes de anticipación.", "The community council did not get the invitation in time: send it a month ahead."),
            "")),
        ("rural_women", s("Mujeres rurales", "Rural women"), (
            s("Hacer la sesión un sábado en la vereda, con cuidado de niños.", "Hold the session on a Saturday in the village, with childcare."),
            "",
            "")),
        ("business", s("Empresas y comercio", "Businesses and shops"), ("", "", "")),
        ("public", s("Entidades públicas", "Public bodies"), ("", "", "")),
    )  # fmt: skip
    absent = (
        {"young", "older", "indigenous", "rural_women"},
        {"older", "indigenous", "afro"},
        {"young", "indigenous"},
    )
    attendance = tuple(
        Attendance(rnd.id, name, True, key not in absent[rnd.position],
                   notes[rnd.position] if key in absent[rnd.position] else "", id=uid(ids))
        for rnd in rounds
        for key, name, notes in groups
    )  # fmt: skip
    celebrations = (
        Celebration(loc.id, r1.id, s("La primera sesión del Concejo con intérprete de lengua de señas.", "The first council session with a sign-language interpreter."), id=uid(ids), created_at=at(r1, 5)),
        Celebration(loc.id, r1.id, s("La Red Juvenil se sumó a la mesa transversal.", "The Youth Network joined the cross-department table."), id=uid(ids), created_at=at(r1, 5.1)),
        Celebration(loc.id, r2.id, s("Trescientos árboles sembrados en la ronda de la quebrada con los colegios.", "Three hundred trees planted along the stream with the schools."), id=uid(ids), created_at=at(r2, 5)),
        Celebration(loc.id, r2.id, s("El mercado campesino cumplió un año con 41 productores.", "The farmers' market turned one, with 41 producers."), id=uid(ids), created_at=at(r2, 5.1)),
    )  # fmt: skip
    return LocalityRecords(
        locality=loc,
        rounds=rounds,
        participants=people,
        ratings=ratings,
        joint_ratings=joint,
        outcomes=outcomes,
        activities=activities,
        actions=actions,
        assets=assets,
        harvest_notes=harvest,
        attendance=attendance,
        celebrations=celebrations,
    )
