# ruff: noqa: E501  (case data: long sentences in three languages)
"""The story of the course's worked case (Las Acacias) as data, in Spanish, English and
Portuguese (Brazil):
its rounds, its organisations and people, the scores each side aims at by round, the
notes they write, and the deliberation records (agreed ratings, outcomes, activities,
actions, assets, café notes, attendance, celebrations). :mod:`civicnb.course.case` turns
it into records, deterministically.

Every text is a :data:`Texts` tuple, one sentence per language in the order of
:data:`ORDER` (the Spanish is the original; the others are civicnb's translations), read
with :func:`pick`. A new language adds its sentence to every tuple (the tests check that
every text has one for each language of :data:`civicnb.i18n.LANGUAGES`).

This module is long (over 600 lines) because it is data: the sentences of the story in
three languages, one record per entry; splitting it would only scatter the story.
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
    "ORDER",
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
    "Texts",
    "deliberation",
    "pick",
    "story_texts",
    "uid",
]

ORDER = ("es", "en", "pt")
"""The languages of a :data:`Texts` tuple, in its order."""
Texts = tuple[str, str, str]


def pick(texts: Texts, lang: str) -> str:
    """The text in ``lang`` (one of :data:`ORDER`)."""
    return texts[ORDER.index(lang)]


T0 = dt.datetime(2025, 2, 10, 14, 0, tzinfo=dt.UTC)
ROUNDS: tuple[tuple[Texts, dt.date], ...] = (
    (("Línea de base", "Baseline", "Linha de base"), dt.date(2025, 2, 20)),
    (("Seis meses", "Six months", "Seis meses"), dt.date(2025, 8, 21)),
    (("Doce meses", "Twelve months", "Doze meses"), dt.date(2026, 2, 19)),
)

# --- who -----------------------------------------------------------------------------

ORGS: dict[str, Texts] = {
    "asorac": (
        "Asociación de Personas Sordas",
        "Association of Deaf People",
        "Associação de Pessoas Surdas",
    ),
    "transition": (
        "Colectivo Acacias en Transición",
        "Acacias in Transition collective",
        "Coletivo Acácias em Transição",
    ),
    "jac": (
        "Junta de Acción Comunal El Progreso",
        "El Progreso Neighbourhood Council",
        "Associação de Moradores El Progreso",
    ),
    "youth": ("Red Juvenil Las Acacias", "Las Acacias Youth Network", "Rede Jovem Las Acacias"),
    "carers": (
        "Fundación Mujeres Cuidadoras",
        "Women Carers' Foundation",
        "Fundação Mulheres Cuidadoras",
    ),
    "planning": ("Secretaría de Planeación", "Planning Department", "Secretaria de Planejamento"),
    "social": (
        "Secretaría de Desarrollo Social",
        "Social Development Department",
        "Secretaria de Desenvolvimento Social",
    ),
    "environment": (
        "Secretaría de Ambiente",
        "Environment Department",
        "Secretaria de Meio Ambiente",
    ),
    "government": ("Secretaría de Gobierno", "Interior Department", "Secretaria de Governo"),
    "health": ("Secretaría de Salud", "Health Department", "Secretaria de Saúde"),
    "education": ("Secretaría de Educación", "Education Department", "Secretaria de Educação"),
    "mayor": ("Despacho del Alcalde", "Mayor's Office", "Gabinete do Prefeito"),
    "youth_office": ("Oficina de Juventud", "Youth Office", "Coordenadoria de Juventude"),
    "university": ("Universidad regional", "Regional university", "Universidade regional"),
    "chamber": ("Cámara de Comercio", "Chamber of Commerce", "Câmara de Comércio"),
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

# evidence notes by strand: (round 0, later rounds), each (Spanish, English, Portuguese)
NOTES: dict[str, tuple[tuple[Texts, ...], tuple[Texts, ...]]] = {
    "I": (
        (
            (
                "El Plan de Desarrollo habla de inclusión, pero no tiene metas medibles para las personas con discapacidad.",
                "The Development Plan talks about inclusion but has no measurable targets for disabled people.",
                "O Plano de Desenvolvimento fala de inclusão, mas não tem metas mensuráveis para as pessoas com deficiência.",
            ),
            (
                "Cada secretaría tiene sus propias metas; nadie las ha puesto juntas.",
                "Each department has its own targets; nobody has put them side by side.",
                "Cada secretaria tem suas próprias metas; ninguém as colocou juntas.",
            ),
            (
                "Las organizaciones no conocen los indicadores de la localidad.",
                "The organisations do not know the municipality's indicators.",
                "As organizações não conhecem os indicadores da localidade.",
            ),
        ),
        (
            (
                "Ya hay un borrador de metas compartidas de inclusión y clima.",
                "There is now a draft of shared inclusion and climate targets.",
                "Já existe um rascunho de metas compartilhadas de inclusão e clima.",
            ),
            (
                "Las huertas escolares muestran que una sola actividad puede servir a varias metas.",
                "The school gardens show that one activity can serve several goals.",
                "As hortas escolares mostram que uma só atividade pode servir a várias metas.",
            ),
            (
                "Todavía no hay ninguna meta para las personas mayores.",
                "There is still no target for older people.",
                "Ainda não há nenhuma meta para as pessoas idosas.",
            ),
        ),
    ),
    "II": (
        (
            (
                "Las secretarías trabajan cada una por su cuenta.",
                "Each department works on its own.",
                "Cada secretaria trabalha por conta própria.",
            ),
            (
                "Nos enteramos de los proyectos cuando ya están contratados.",
                "We hear about projects once they are already contracted.",
                "Ficamos sabendo dos projetos quando já estão contratados.",
            ),
            (
                "El comité de discapacidad se reúne, pero sus decisiones no se cumplen.",
                "The disability committee meets, but its decisions are not carried out.",
                "O comitê da pessoa com deficiência se reúne, mas suas decisões não são cumpridas.",
            ),
        ),
        (
            (
                "La mesa transversal mensual ya reúne a cinco secretarías y a las organizaciones.",
                "The monthly cross-department table now brings five departments and the organisations together.",
                "A mesa intersetorial mensal já reúne cinco secretarias e as organizações.",
            ),
            (
                "Las actas de la mesa se publican con el seguimiento de los compromisos.",
                "The table's minutes are published with a follow-up of the commitments.",
                "As atas da mesa são publicadas com o acompanhamento dos compromissos.",
            ),
            (
                "Todavía cuesta que Hacienda participe.",
                "The Finance Department still rarely takes part.",
                "A Secretaria da Fazenda ainda quase não participa.",
            ),
        ),
    ),
    "III": (
        (
            (
                "Nos invitan a opinar cuando las decisiones ya están tomadas.",
                "We are asked for our views once decisions are already made.",
                "Pedem nossa opinião quando as decisões já estão tomadas.",
            ),
            (
                "Las juntas de acción comunal conocen muy bien el barrio y nadie aprovecha ese conocimiento.",
                "The neighbourhood councils know their areas very well and nobody uses that knowledge.",
                "As associações de moradores conhecem muito bem o bairro e ninguém aproveita esse conhecimento.",
            ),
            (
                "No hay información clara sobre cómo acceder a los programas.",
                "There is no clear information on how to get into the programmes.",
                "Não há informação clara sobre como ter acesso aos programas.",
            ),
        ),
        (
            (
                "El cupo para los jóvenes en el Consejo de Planeación nunca se abrió.",
                "The young people's seat on the Planning Council was never opened.",
                "A vaga para os jovens no Conselho de Planejamento nunca foi aberta.",
            ),
            (
                "La alcaldía dice que consulta, pero las convocatorias llegan con dos días de anticipación.",
                "The mayor's office says it consults, but invitations arrive two days before.",
                "A prefeitura diz que consulta, mas os convites chegam com dois dias de antecedência.",
            ),
            (
                "La administración cree que ya coproduce; nosotros no lo vemos así.",
                "The administration believes it already co-produces; we do not see it that way.",
                "A prefeitura acredita que já coproduz; nós não vemos assim.",
            ),
        ),
    ),
    "IV": (
        (
            (
                "Después de la creciente de la quebrada nadie les preguntó a las familias de la ribera.",
                "After the stream flooded, nobody asked the families on its banks.",
                "Depois da cheia do córrego, ninguém perguntou nada às famílias da beira.",
            ),
            (
                "El mercado campesino abrió un espacio a emprendimientos incluyentes.",
                "The farmers' market opened a space for inclusive small businesses.",
                "A feira do produtor abriu espaço para pequenos negócios inclusivos.",
            ),
            (
                "Dependemos de decisiones de la Gobernación para casi todo.",
                "We depend on the regional government's decisions for almost everything.",
                "Dependemos das decisões do governo departamental para quase tudo.",
            ),
        ),
        (
            (
                "Los paneles solares del salón comunal fueron idea de la junta.",
                "The solar panels on the community hall were the neighbourhood council's idea.",
                "Os painéis solares do salão comunitário foram ideia da associação de moradores.",
            ),
            (
                "El mercado verde ya tiene más de cuarenta productores.",
                "The green market now has more than forty producers.",
                "A feira verde já tem mais de quarenta produtores.",
            ),
            (
                "Falta conectarnos con las localidades vecinas de la cuenca.",
                "We still need to link up with the neighbouring municipalities along the watershed.",
                "Ainda falta nos conectarmos com as localidades vizinhas da bacia.",
            ),
        ),
    ),
    "V": (
        (
            (
                "Las reuniones se hacen sin intérprete de lengua de señas.",
                "Meetings are held without a sign-language interpreter.",
                "As reuniões acontecem sem intérprete de língua de sinais.",
            ),
            (
                "Siempre participan las mismas personas; faltan jóvenes y personas mayores.",
                "The same people always take part; young and older people are missing.",
                "Sempre participam as mesmas pessoas; faltam jovens e pessoas idosas.",
            ),
            (
                "Las convocatorias solo se publican en la página web.",
                "Invitations are only posted on the website.",
                "Os convites só são publicados no site.",
            ),
        ),
        (
            (
                "Desde que hay intérprete, las personas sordas participan en todas las sesiones.",
                "Since there is an interpreter, deaf people take part in every session.",
                "Desde que há intérprete, as pessoas surdas participam de todas as sessões.",
            ),
            (
                "El World Café funcionó: hablaron todos, no solo los de siempre.",
                "The World Café worked: everyone spoke, not only the usual people.",
                "O World Café funcionou: todo mundo falou, não só os de sempre.",
            ),
            (
                "Los jóvenes dejaron de venir cuando no se abrió su cupo.",
                "The young people stopped coming when their seat was not opened.",
                "Os jovens deixaram de vir quando a vaga deles não foi aberta.",
            ),
        ),
    ),
}
HELP: tuple[Texts, ...] = (
    (
        "Publicar las actas en formatos accesibles.",
        "Publish the minutes in accessible formats.",
        "Publicar as atas em formatos acessíveis.",
    ),
    (
        "Invitar con al menos dos semanas de anticipación.",
        "Send invitations at least two weeks ahead.",
        "Enviar os convites com pelo menos duas semanas de antecedência.",
    ),
    (
        "Un presupuesto participativo con un cupo para las organizaciones.",
        "A participatory budget with a share for the organisations.",
        "Um orçamento participativo com uma parcela para as organizações.",
    ),
    (
        "Reuniones en los barrios y las veredas, no solo en la alcaldía.",
        "Meetings in the neighbourhoods and villages, not only at the town hall.",
        "Reuniões nos bairros e nas comunidades rurais, não só na prefeitura.",
    ),
)


_COLLECT: list[Texts] | None = None


def story_texts() -> list[Texts]:
    """Every text of the story, each in every language (for the tests: completeness,
    glossary)."""
    global _COLLECT
    texts: list[Texts] = [*ORGS.values(), *(label for label, _ in ROUNDS), *HELP]
    texts += [t for pools in NOTES.values() for pool in pools for t in pool]
    from civicnb.course.case import case_records

    _COLLECT = texts
    try:
        case_records(ORDER[0])
    finally:
        _COLLECT = None
    return texts


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

    def s(es: str, en: str, pt: str) -> str:
        texts = (es, en, pt)
        if _COLLECT is not None:
            _COLLECT.append(texts)
        return pick(texts, lang)

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
                    "Há boas intenções, mas as metas de inclusão e de clima não estão no Plano de Desenvolvimento.",
                ),
            ),
            (
                r0,
                "P05",
                2,
                s(
                    "Las secretarías no se coordinan entre sí ni con las organizaciones; acordamos una mesa transversal mensual.",
                    "The departments do not coordinate with each other or with the organisations; we agreed a monthly cross-department table.",
                    "As secretarias não se coordenam entre si nem com as organizações; combinamos uma mesa intersetorial mensal.",
                ),
            ),
            (
                r0,
                "P13",
                2,
                s(
                    "Sin intérprete ni materiales accesibles no hay participación real.",
                    "Without an interpreter and accessible materials there is no real participation.",
                    "Sem intérprete nem materiais acessíveis não há participação real.",
                ),
            ),
            (
                r1,
                "P07",
                3,
                s(
                    "Se prometió un cupo para los jóvenes en el Consejo de Planeación; las organizaciones esperan verlo antes de cambiar su calificación.",
                    "A seat for young people on the Planning Council was promised; the organisations want to see it before changing their rating.",
                    "Foi prometida uma vaga para os jovens no Conselho de Planejamento; as organizações querem vê-la antes de mudar sua avaliação.",
                ),
            ),
            (
                r1,
                "P11",
                3,
                s(
                    "El mercado verde y las huertas escolares acercaron a la alcaldía y a las organizaciones.",
                    "The green market and the school gardens brought the mayor's office and the organisations closer.",
                    "A feira verde e as hortas escolares aproximaram a prefeitura e as organizações.",
                ),
            ),
            (
                r2,
                "P01",
                3,
                s(
                    "Las metas compartidas ya están en borrador; falta incluir a las personas mayores.",
                    "The shared targets are drafted; older people are still left out.",
                    "As metas compartilhadas já estão em rascunho; falta incluir as pessoas idosas.",
                ),
            ),
            (
                r2,
                "P07",
                2,
                s(
                    "La brecha creció: la alcaldía se ve coproduciendo, las organizaciones ven decisiones tomadas sin ellas. El cupo juvenil no se abrió.",
                    "The gap grew: the mayor's office sees itself co-producing, the organisations see decisions taken without them. The youth seat was never opened.",
                    "A diferença aumentou: a prefeitura se vê coproduzindo, as organizações veem decisões tomadas sem elas. A vaga dos jovens não foi aberta.",
                ),
            ),
        )
    )
    outcomes = (
        Outcome(loc.id, s("Educación incluyente para niñas, niños y jóvenes con discapacidad", "Inclusive education for disabled children and young people", "Educação inclusiva para crianças e jovens com deficiência"), "social",
                indicator=s("Estudiantes con discapacidad matriculados en los colegios de la localidad", "Disabled pupils enrolled in the municipality's schools", "Estudantes com deficiência matriculados nas escolas da localidade"), unit=s("estudiantes", "pupils", "estudantes"),
                baseline=58, target=120, current=84, id=uid(ids)),
        Outcome(loc.id, s("Empleos verdes e incluyentes", "Green, inclusive jobs", "Empregos verdes e inclusivos"), "economy",
                indicator=s("Empleos verdes creados, con al menos un tercio para personas con discapacidad o jóvenes", "Green jobs created, at least a third for disabled or young people", "Empregos verdes criados, com pelo menos um terço para pessoas com deficiência ou jovens"), unit=s("empleos", "jobs", "empregos"),
                baseline=0, target=150, current=46, id=uid(ids)),
        Outcome(loc.id, s("Quebrada La Honda limpia y su cuenca protegida", "La Honda stream clean and its watershed protected", "Córrego La Honda limpo e sua bacia protegida"), "environment",
                indicator=s("Vertimientos a la quebrada eliminados", "Discharges into the stream removed", "Despejos de esgoto no córrego eliminados"), unit=s("vertimientos", "discharges", "despejos"),
                baseline=0, target=12, current=5, id=uid(ids)),
        Outcome(loc.id, s("Movilidad sostenible y accesible", "Sustainable, accessible transport", "Mobilidade sustentável e acessível"), "environment",
                indicator=s("Paraderos accesibles", "Accessible bus stops", "Pontos de ônibus acessíveis"), unit="%",
                baseline=15, target=60, current=32, id=uid(ids)),
        Outcome(loc.id, s("Todas las personas participan en las decisiones locales", "Everyone takes part in local decisions", "Todas as pessoas participam das decisões locais"), "social",
                indicator=s("Sesiones públicas con intérprete y materiales accesibles", "Public sessions with an interpreter and accessible materials", "Sessões públicas com intérprete e materiais acessíveis"), unit="%",
                baseline=10, target=100, current=80, id=uid(ids)),
        Outcome(loc.id, s("Una economía local de alimentos", "A local food economy", "Uma economia local de alimentos"), "economy",
                indicator=s("Productores en el mercado campesino", "Producers at the farmers' market", "Produtores na feira do produtor"), unit=s("productores", "producers", "produtores"),
                baseline=18, target=60, current=41, id=uid(ids)),
        Outcome(loc.id, s("Personas mayores acompañadas y activas en la vida comunitaria", "Older people supported and active in community life", "Pessoas idosas acompanhadas e ativas na vida comunitária"), "social",
                indicator=s("Personas mayores en actividades comunitarias", "Older people in community activities", "Pessoas idosas em atividades comunitárias"), unit=s("personas", "people", "pessoas"),
                baseline=120, target=300, current=125, id=uid(ids)),
    )  # fmt: skip
    edu, jobs, stream, transport, voice, food, older = (o.id for o in outcomes)
    activities = (
        Activity(loc.id, s("Huertas escolares con el mercado campesino", "School gardens supplying the farmers' market", "Hortas escolares com a feira do produtor"),
                 s("Los colegios cultivan con sus estudiantes, incluidos los estudiantes con discapacidad, riegan con agua lluvia y venden en el mercado.", "Schools grow food with their pupils, disabled pupils included, water with rainwater and sell at the market.", "As escolas cultivam com seus estudantes, incluindo os estudantes com deficiência, irrigam com água da chuva e vendem na feira."),
                 lead=s("Secretaría de Educación y Colectivo Acacias en Transición", "Education Department and Acacias in Transition", "Secretaria de Educação e Coletivo Acácias em Transição"),
                 outcome_ids=(edu, food, stream), id=uid(ids)),
        Activity(loc.id, s("Limpieza y reforestación de la quebrada La Honda", "Clean-up and replanting of La Honda stream", "Limpeza e reflorestamento do córrego La Honda"),
                 lead=s("Secretaría de Ambiente y Junta de Acción Comunal El Progreso", "Environment Department and El Progreso Neighbourhood Council", "Secretaria de Meio Ambiente e Associação de Moradores El Progreso"),
                 outcome_ids=(stream,), id=uid(ids)),
        Activity(loc.id, s("Ruta de empleo incluyente", "Inclusive jobs pathway", "Rota de emprego inclusivo"),
                 lead=s("Secretaría de Desarrollo Social", "Social Development Department", "Secretaria de Desenvolvimento Social"),
                 outcome_ids=(jobs, food), id=uid(ids)),
        Activity(loc.id, s("Programa de paraderos accesibles", "Accessible bus stops programme", "Programa de pontos de ônibus acessíveis"),
                 lead=s("Secretaría de Infraestructura", "Infrastructure Department", "Secretaria de Infraestrutura"),
                 outcome_ids=(transport,), id=uid(ids)),
        Activity(loc.id, s("Consejo Municipal de Juventud fortalecido", "A stronger Municipal Youth Council", "Conselho Municipal de Juventude fortalecido"),
                 lead=s("Oficina de Juventud y Red Juvenil Las Acacias", "Youth Office and Las Acacias Youth Network", "Coordenadoria de Juventude e Rede Jovem Las Acacias"),
                 outcome_ids=(voice,), id=uid(ids)),
        Activity(loc.id, s("Clases de lengua de señas en los colegios", "Sign-language classes in schools", "Aulas de língua de sinais nas escolas"),
                 lead=s("Asociación de Personas Sordas", "Association of Deaf People", "Associação de Pessoas Surdas"),
                 outcome_ids=(edu, voice), id=uid(ids)),
    )  # fmt: skip
    actions = (
        Action(loc.id, s("Contratar intérprete de lengua de señas para todas las sesiones públicas", "Hire a sign-language interpreter for every public session", "Contratar intérprete de língua de sinais para todas as sessões públicas"),
               strand="V", owner=s("Secretaría de Desarrollo Social", "Social Development Department", "Secretaria de Desenvolvimento Social"), due=dt.date(2025, 5, 30),
               status="done", round_id=r0.id, outcome_ids=(voice,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True, "wellbeing": True, "links": False},
               screening_notes=s("Abre las decisiones a las personas sordas; crea poco empleo local y no nos conecta con otras localidades.", "Opens decisions to deaf people; creates little local work and does not link us with other municipalities.", "Abre as decisões às pessoas surdas; gera pouco emprego local e não nos conecta com outras localidades."),
               id=uid(ids), created_at=at(r0, 4)),
        Action(loc.id, s("Incluir metas de inclusión y de clima en los indicadores del Plan de Desarrollo", "Put inclusion and climate targets into the Development Plan's indicators", "Incluir metas de inclusão e de clima nos indicadores do Plano de Desenvolvimento"),
               strand="I", owner=s("Secretaría de Planeación", "Planning Department", "Secretaria de Planejamento"), due=dt.date(2026, 6, 30),
               status="in_progress", round_id=r0.id, outcome_ids=(edu, stream),
               id=uid(ids), created_at=at(r0, 4.1)),
        Action(loc.id, s("Mesa transversal mensual entre secretarías y organizaciones", "A monthly cross-department table with the organisations", "Mesa intersetorial mensal entre secretarias e organizações"),
               strand="II", owner=s("Secretaría de Gobierno", "Interior Department", "Secretaria de Governo"), due=dt.date(2025, 4, 30),
               status="done", round_id=r0.id, outcome_ids=(voice,),
               id=uid(ids), created_at=at(r0, 4.2)),
        Action(loc.id, s("Abrir un cupo para la Red Juvenil en el Consejo Territorial de Planeación", "Open a seat for the Youth Network on the Planning Council", "Abrir uma vaga para a Rede Jovem no Conselho de Planejamento"),
               strand="III", owner=s("Despacho del Alcalde", "Mayor's Office", "Gabinete do Prefeito"), due=dt.date(2025, 9, 30),
               status="dropped", round_id=r0.id, outcome_ids=(voice,),
               screening_notes=s("Se abandonó: el reglamento del Consejo no se pudo modificar en esta vigencia y nadie propuso otra salida.", "Dropped: the Council's rules could not be changed this year and nobody proposed another way.", "Abandonada: o regimento do Conselho não pôde ser alterado neste ano e ninguém propôs outra saída."),
               id=uid(ids), created_at=at(r0, 4.3)),
        Action(loc.id, s("Paneles solares comunitarios en el salón comunal de El Progreso", "Community solar panels on the El Progreso community hall", "Painéis solares comunitários no salão comunitário de El Progreso"),
               strand="IV", owner=s("Junta de Acción Comunal El Progreso y Secretaría de Ambiente", "El Progreso Neighbourhood Council and Environment Department", "Associação de Moradores El Progreso e Secretaria de Meio Ambiente"), due=dt.date(2026, 3, 31),
               status="agreed", round_id=r1.id, outcome_ids=(stream, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True, "wellbeing": False, "links": False},
               screening_notes=s("La junta decide y administra la energía; el ahorro queda en el barrio; el trabajo conjunto crea confianza. No cambia por sí solo el bienestar de las personas ni nos une a otras localidades.", "The council decides and runs the energy; the savings stay in the neighbourhood; working together builds trust. On its own it does not change people's well-being, nor does it link us with other municipalities.", "A associação decide e administra a energia; a economia fica no bairro; o trabalho conjunto gera confiança. Sozinha, não muda o bem-estar das pessoas nem nos une a outras localidades."),
               id=uid(ids), created_at=at(r1, 4)),
        Action(loc.id, s("Red comunitaria de alerta temprana de crecientes de la quebrada La Honda", "A community early-warning network for floods on La Honda stream", "Rede comunitária de alerta precoce de cheias do córrego La Honda"),
               strand="IV", owner=s("Secretaría de Gobierno (gestión del riesgo) y juntas de acción comunal", "Interior Department (risk management) and the neighbourhood councils", "Secretaria de Governo (gestão de riscos) e associações de moradores"), due=dt.date(2026, 9, 30),
               status="proposed", round_id=r2.id, outcome_ids=(stream,),
               screening={"democracy": True, "economy": False, "inclusive_culture": True, "wellbeing": True, "links": True},
               screening_notes=s("Las juntas vigilan y deciden cuándo avisar; une a los vecinos; protege la salud y la tranquilidad de las familias de la ribera; se conectaría con la red de la cuenca de las localidades vecinas. No genera ingresos.", "The councils watch the stream and decide when to warn; it brings neighbours together; it protects the health and peace of mind of families on the banks; it would join the watershed network of the neighbouring municipalities. It brings in no income.", "As associações vigiam o córrego e decidem quando avisar; une os vizinhos; protege a saúde e a tranquilidade das famílias da beira; se conectaria à rede da bacia das localidades vizinhas. Não gera renda."),
               id=uid(ids), created_at=at(r2, 4)),
        Action(loc.id, s("Presupuesto participativo con un cupo para las organizaciones juveniles y de personas con discapacidad", "A participatory budget with a share for youth and disabled people's organisations", "Orçamento participativo com uma parcela para as organizações de jovens e de pessoas com deficiência"),
               strand="III", owner=s("Despacho del Alcalde", "Mayor's Office", "Gabinete do Prefeito"), due=dt.date(2026, 12, 15),
               status="proposed", round_id=r2.id, outcome_ids=(voice, jobs),
               screening={"democracy": True, "economy": True, "inclusive_culture": True, "wellbeing": False, "links": False},
               screening_notes=s("Las organizaciones deciden sobre recursos reales; el dinero se gasta en proveedores locales; las mesas de priorización crean confianza. No se espera un efecto directo en el bienestar, ni vínculos con otras localidades.", "The organisations decide over real money; it is spent with local suppliers; the priority-setting meetings build trust. No direct effect on well-being is expected, nor links with other municipalities.", "As organizações decidem sobre recursos reais; o dinheiro é gasto com fornecedores locais; as mesas de priorização geram confiança. Não se espera um efeito direto no bem-estar, nem vínculos com outras localidades."),
               id=uid(ids), created_at=at(r2, 4.1)),
    )  # fmt: skip
    assets = (
        Asset(loc.id, "association", s("Asociación de Personas Sordas: 80 socios y dos intérpretes voluntarios", "Association of Deaf People: 80 members and two volunteer interpreters", "Associação de Pessoas Surdas: 80 associados e dois intérpretes voluntários"), (voice, edu), id=uid(ids)),
        Asset(loc.id, "natural", s("La quebrada La Honda y el bosque de la vereda El Retiro", "La Honda stream and the El Retiro woodland", "O córrego La Honda e a mata da comunidade rural El Retiro"), (stream,), id=uid(ids)),
        Asset(loc.id, "people", s("Mujeres cuidadoras con experiencia en ollas comunitarias y visitas a personas mayores", "Women carers experienced in community kitchens and visiting older people", "Mulheres cuidadoras com experiência em cozinhas comunitárias e visitas a pessoas idosas"), (older, food), id=uid(ids)),
        Asset(loc.id, "business", s("Cooperativa de caficultores con centro de acopio", "Coffee growers' cooperative with a collection centre", "Cooperativa de cafeicultores com centro de coleta"), (jobs, food), id=uid(ids)),
        Asset(loc.id, "public_body", s("Centro de formación del SENA con cursos de energía solar", "National training centre (SENA) with solar energy courses", "Centro nacional de formação (SENA) com cursos de energia solar"), (jobs,), id=uid(ids)),
        Asset(loc.id, "physical", s("Salón comunal de El Progreso", "El Progreso community hall", "Salão comunitário de El Progreso"), (voice, older), id=uid(ids)),
        Asset(loc.id, "cultural", s("Casa de la Cultura y su escuela de música", "The House of Culture and its music school", "A Casa da Cultura e sua escola de música"), (voice,), id=uid(ids)),
    )  # fmt: skip
    access, info, water, trust, youth, voice_t, local, elders, party = (
        s("accesibilidad", "accessibility", "acessibilidade"), s("información", "information", "informação"), s("agua", "water", "água"),
        s("confianza", "trust", "confiança"), s("jóvenes", "young people", "jovens"), s("participación", "participation", "participação"),
        s("economía local", "local economy", "economia local"), s("personas mayores", "older people", "pessoas idosas"), s("celebración", "celebration", "celebração"),
    )  # fmt: skip
    table = s("Mesa", "Table", "Mesa")
    harvest = tuple(
        HarvestNote(rnd.id, f"{table} {n}", text, cafe_round, themes, id=uid(ids), created_at=at(rnd, 2 + i / 12))
        for rnd, notes in (
            (r0, (
                (1, 1, s("Los andenes del centro no sirven para sillas de ruedas.", "The pavements in the town centre are useless for wheelchairs.", "As calçadas do centro não servem para cadeiras de rodas."), (access,)),
                (1, 2, s("La información de la alcaldía no llega en formatos accesibles.", "The town hall's information does not come in accessible formats.", "As informações da prefeitura não chegam em formatos acessíveis."), (access, info)),
                (2, 1, s("La quebrada La Honda se llena de basura después de cada lluvia.", "La Honda stream fills with rubbish after every rain.", "O córrego La Honda se enche de lixo depois de cada chuva."), (water,)),
                (2, 2, s("No confiamos en que las propuestas se cumplan.", "We do not trust that proposals will be carried out.", "Não confiamos que as propostas sejam cumpridas."), (trust,)),
                (3, 1, s("Los jóvenes no encuentran en qué participar.", "Young people find nothing to take part in.", "Os jovens não encontram do que participar."), (youth,)),
                (3, 2, s("Un intérprete en las reuniones lo cambiaría todo.", "An interpreter at meetings would change everything.", "Um intérprete nas reuniões mudaria tudo."), (access,)),
            )),
            (r1, (
                (1, 1, s("Con intérprete, por fin entendemos las discusiones.", "With an interpreter we finally follow the discussions.", "Com intérprete, finalmente entendemos as discussões."), (access,)),
                (1, 2, s("La mesa transversal empieza a generar confianza.", "The cross-department table is starting to build trust.", "A mesa intersetorial começa a gerar confiança."), (trust,)),
                (2, 1, s("Los jóvenes quieren su cupo en el Consejo de Planeación.", "The young people want their seat on the Planning Council.", "Os jovens querem sua vaga no Conselho de Planejamento."), (youth, voice_t)),
                (2, 2, s("El mercado verde es un buen ejemplo de trabajo conjunto.", "The green market is a good example of working together.", "A feira verde é um bom exemplo de trabalho conjunto."), (local,)),
                (3, 1, s("Faltan rampas en el salón comunal.", "The community hall still lacks ramps.", "Faltam rampas no salão comunitário."), (access,)),
            )),
            (r2, (
                (1, 1, s("Se perdió la confianza de los jóvenes cuando no se abrió su cupo.", "The young people's trust was lost when their seat was not opened.", "Perdeu-se a confiança dos jovens quando a vaga deles não foi aberta."), (youth, trust)),
                (1, 2, s("La alerta temprana de la quebrada se debe hacer con las juntas.", "The stream's early warning must be built with the neighbourhood councils.", "O alerta precoce do córrego deve ser feito com as associações de moradores."), (water, voice_t)),
                (2, 1, s("Las personas mayores vinieron por primera vez y piden actividades con los jóvenes.", "Older people came for the first time and ask for activities with the young.", "As pessoas idosas vieram pela primeira vez e pedem atividades com os jovens."), (elders, youth)),
                (2, 2, s("La siembra de árboles en la quebrada unió a colegios y vecinos.", "Planting trees along the stream brought schools and neighbours together.", "O plantio de árvores no córrego uniu escolas e vizinhos."), (water,)),
                (3, 1, s("Que los jóvenes vuelvan: hay que ir a buscarlos.", "Bring the young people back: we have to go and find them.", "Que os jovens voltem: é preciso ir buscá-los."), (youth,)),
                (3, 2, s("Celebrar el primer año del mercado con una feria.", "Celebrate the market's first year with a fair.", "Celebrar o primeiro ano da feira com uma festa."), (party,)),
            )),
        )
        for i, (n, cafe_round, text, themes) in enumerate(notes)
    )  # fmt: skip
    groups = (
        ("disabled", s("Personas con discapacidad", "Disabled people", "Pessoas com deficiência"), ("", "", "")),
        ("environment", s("Organizaciones ambientales", "Environmental groups", "Organizações ambientais"), ("", "", "")),
        ("neighbourhood", s("Juntas de acción comunal", "Neighbourhood councils", "Associações de moradores"), ("", "", "")),
        ("young", s("Jóvenes", "Young people", "Jovens"), (
            s("Visitar los colegios y el Consejo Municipal de Juventud; invitar a través de la Red Juvenil.", "Visit the schools and the Municipal Youth Council; invite through the Youth Network.", "Visitar as escolas e o Conselho Municipal de Juventude; convidar por meio da Rede Jovem."),
            "",
            s("Dejaron de venir cuando no se abrió su cupo en el Consejo de Planeación: ir a hablar con la Red Juvenil en su propia sede.", "They stopped coming when their Planning Council seat was not opened: go and talk with the Youth Network at their own place.", "Deixaram de vir quando a vaga deles no Conselho de Planejamento não foi aberta: ir conversar com a Rede Jovem na sede dela."))),
        ("older", s("Personas mayores", "Older people", "Pessoas idosas"), (
            s("Invitar a través de los Centros Vida.", "Invite them through the day centres for older people.", "Convidar por meio dos centros de convivência de pessoas idosas."),
            s("Ofrecer transporte y una sesión por la mañana.", "Offer transport and a morning session.", "Oferecer transporte e uma sessão pela manhã."),
            "")),
        ("indigenous", s("Comunidad indígena", "Indigenous community", "Comunidade indígena"), (
            s("Contactar al cabildo indígena.", "Contact the indigenous council.", "Entrar em contato com o conselho indígena."),
            s("El cabildo pidió que la sesión se haga en su resguardo.", "The council asked for the session to be held on its land.", "O conselho indígena pediu que a sessão fosse feita em sua terra."),
            s("Pedir al cabildo que proponga fecha y lugar, con traducción.", "Ask the council to propose a date and place, with translation.", "Pedir ao conselho indígena que proponha data e local, com tradução."))),
        ("afro", s("Población afrodescendiente", "Afro-Colombian community", "População afrodescendente"), (
            "",
            s("El consejo comunitario no recibió la invitación a tiempo: enviarla con un mes de anticipación.", "The community council did not get the invitation in time: send it a month ahead.", "O conselho comunitário não recebeu o convite a tempo: enviá-lo com um mês de antecedência."),
            "")),
        ("rural_women", s("Mujeres rurales", "Rural women", "Mulheres rurais"), (
            s("Hacer la sesión un sábado en la vereda, con cuidado de niños.", "Hold the session on a Saturday in the village, with childcare.", "Fazer a sessão num sábado na comunidade rural, com cuidado das crianças."),
            "",
            "")),
        ("business", s("Empresas y comercio", "Businesses and shops", "Empresas e comércio"), ("", "", "")),
        ("public", s("Entidades públicas", "Public bodies", "Órgãos públicos"), ("", "", "")),
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
        Celebration(loc.id, r1.id, s("La primera sesión del Concejo con intérprete de lengua de señas.", "The first council session with a sign-language interpreter.", "A primeira sessão da Câmara Municipal com intérprete de língua de sinais."), id=uid(ids), created_at=at(r1, 5)),
        Celebration(loc.id, r1.id, s("La Red Juvenil se sumó a la mesa transversal.", "The Youth Network joined the cross-department table.", "A Rede Jovem entrou na mesa intersetorial."), id=uid(ids), created_at=at(r1, 5.1)),
        Celebration(loc.id, r2.id, s("Trescientos árboles sembrados en la ronda de la quebrada con los colegios.", "Three hundred trees planted along the stream with the schools.", "Trezentas árvores plantadas na margem do córrego com as escolas."), id=uid(ids), created_at=at(r2, 5)),
        Celebration(loc.id, r2.id, s("El mercado campesino cumplió un año con 41 productores.", "The farmers' market turned one, with 41 producers.", "A feira do produtor completou um ano, com 41 produtores."), id=uid(ids), created_at=at(r2, 5.1)),
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
