"""The Spanish demo locality: Villaflor, a fictional Colombian locality, its local
authority and its disabled people's organisations (civicnb/locale/es/glossary.yaml)."""

from __future__ import annotations

from civicnb.demo.content import DemoContent, Person
from civicnb.records import Side

__all__ = ["SPANISH"]

SPANISH = DemoContent(
    language="es",
    name="Villaflor",
    slug="villaflor",
    country="Colombia",
    round_labels=("Línea de base", "Seguimiento"),
    la_people=(
        Person("Claudia Patricia Gómez", True, "social", "officer", "sordas"),
        Person("Funcionario de Planeación", False, "gobierno", "officer"),
        Person("Jorge Enrique Mantilla", True, "infra", "officer", "cuidadoras"),
        Person("Enlace de Salud", False, "gobierno", "officer", "cuidadoras"),  # withheld
        Person("Funcionaria de Educación", False, "gobierno", "officer"),
        Person("Funcionaria de Cultura", False, "gobierno"),
        Person("Asesor del Despacho", False, "gobierno", "officer"),
        Person("Concejal invitado", False, "gobierno", "elected"),
    ),
    cso_people=(
        Person("Luz Marina Pabón", True, "sordas", "", "social"),
        Person("Ceiba", False, "mesa", "", "infra"),  # one anonymous: withheld
        Person("Andrés Felipe Rincón", True, "cuidadoras"),
        Person("Guayacán", False, "mesa"),
        Person("Mariposa", False, "mesa"),  # Fundación de madres de niños con autismo
        Person("Orquídea", False, "mesa"),
        Person("Colectivo Ruedas Libres", False, "mesa"),
        Person("Liga de usuarios", False, "mesa"),
    ),
    organisations=(
        ("social", Side.LA, "Secretaría de Desarrollo Social"),
        ("infra", Side.LA, "Secretaría de Infraestructura"),
        ("gobierno", Side.LA, "Gobierno municipal (despacho, secretarías y Concejo)"),
        ("sordas", Side.CSO, "Asociación de Personas Sordas"),
        ("cuidadoras", Side.CSO, "Red de cuidadoras y cuidadores"),
        ("mesa", Side.CSO, "Mesa de organizaciones de personas con discapacidad"),
    ),
    notes={
        "I": (
            "El Plan de Desarrollo menciona la discapacidad, pero sin metas medibles.",
            "Las metas sociales, económicas y ambientales no se cruzan entre sí.",
            "La política pública de discapacidad está en revisión desde 2023.",
        ),
        "II": (
            "Las secretarías trabajan por separado; cada una tiene su propio presupuesto.",
            "El comité de discapacidad se reúne, pero las decisiones no se ejecutan.",
            "Hubo una mesa transversal para el plan de movilidad, con buena asistencia.",
        ),
        "III": (
            "Las juntas de acción comunal participan poco en la planeación.",
            "Las organizaciones forman líderes, pero falta apoyo para sostenerlo.",
            "No hay un mecanismo para pensar en las futuras generaciones.",
        ),
        "IV": (
            "Después de las lluvias de 2024 nadie consultó a las personas con discapacidad.",
            "Los mercados campesinos abrieron espacio a emprendimientos inclusivos.",
            "Las redes vecinales ayudaron mucho durante la emergencia.",
        ),
        "V": (
            "Las reuniones se hacen sin intérprete de lengua de señas.",
            "Se usó el World Café en el cabildo abierto y funcionó bien.",
            "Siempre participan las mismas personas; faltan jóvenes y comunidades étnicas.",
        ),
    },
    would_help=(
        "Intérprete de lengua de señas en todas las sesiones.",
        "Publicar las actas en formatos accesibles.",
        "Un presupuesto participativo con cupo para las organizaciones.",
        "",
        "",
    ),
    agreed=(
        "Hay compromiso con el triple resultado, pero faltan metas para la inclusión.",
        "La alcaldía invita, pero tarde: cuando las decisiones ya están tomadas.",
        "Acordamos que sin intérprete ni materiales accesibles no hay participación real.",
    ),
    outcomes=(
        ("Educación inclusiva para todas las niñas y niños", "Niñas y niños con discapacidad matriculados", "%"),
        ("Empleo formal para personas con discapacidad", "Personas con discapacidad con contrato formal", "personas"),
        ("Espacio público y transporte accesibles y sostenibles", "Paraderos accesibles", "%"),
        ("Participación efectiva en el Comité Municipal de Discapacidad", "Sesiones con organizaciones", "sesiones/año"),
        ("Cerros orientales protegidos y abiertos a todas las personas", "", ""),
        ("Vivienda accesible para personas con discapacidad y personas mayores", "", ""),
    ),
    activities=(
        ("Ruta de empleo inclusivo con la Cámara de Comercio", "Secretaría de Desarrollo Económico"),
        ("Senderos accesibles en el parque ecológico", "Secretaría de Infraestructura"),
        ("Formación de docentes en educación inclusiva", "Secretaría de Educación"),
        ("Mercado campesino con emprendimientos de personas con discapacidad", "Asociación de productores"),
    ),
    actions=(
        (
            "Contratar intérprete de lengua de señas para todas las sesiones públicas",
            "Secretaría de Desarrollo Social",
            "Amplía la participación; crea empleo para intérpretes locales solo en pequeña escala.",
        ),
        (
            "Incluir metas de discapacidad en el Plan de Movilidad",
            "Secretaría de Planeación",
            "Pasa las cinco pruebas; coordinar con el área metropolitana.",
        ),
        (
            "Presupuesto participativo con cupo para las organizaciones de personas con discapacidad",
            "Despacho del Alcalde",
            "",
        ),
    ),
    assets=(
        "Asociación de Personas Sordas de Villaflor: 120 socios, intérpretes voluntarios",
        "Cámara de Comercio: programa de responsabilidad social",
        "Parque ecológico La Judía y sus senderos",
        "Madres cuidadoras con experiencia en gestión comunitaria",
        "Universidad pública con consultorio jurídico",
    ),
    harvest=(
        ("Mesa 1", "Lo bueno del barrio: los vecinos se conocen y se ayudan.", ("redes vecinales",)),
        ("Mesa 1", "Lo que falta: andenes sin obstáculos para sillas de ruedas.", ("accesibilidad", "espacio público")),
        ("Mesa 2", "Queremos que nos pregunten antes, no después de decidir.", ("participación",)),
        ("Mesa 2", "Los jóvenes con discapacidad no encuentran trabajo después del colegio.", ("empleo", "jóvenes")),
        ("Mesa 3", "La información de la alcaldía no llega en formatos accesibles.", ("accesibilidad", "información")),
        ("Mesa 3", "Celebrar los logros juntos: una feria anual de la inclusión.", ("celebración",)),
    ),
    groups=(
        ("Personas con discapacidad", ""),
        ("Cuidadoras y cuidadores", ""),
        ("Personas mayores", "Invitar a través de los centros vida."),
        ("Jóvenes", "Visitar los colegios y el consejo municipal de juventud."),
        ("Comunidades étnicas", "Contactar al cabildo indígena y a la asociación afro."),
        ("Población migrante", "Hablar con la mesa de migración de la Personería."),
        ("Sector empresarial", ""),
        ("Entidades públicas", ""),
    ),
)  # fmt: skip
