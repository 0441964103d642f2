"""Who's not here: the stakeholder groups a round expects, and those not present."""

from __future__ import annotations

from civicnb.records import Attendance
from civicnb.store import Store
from civicnb.workshop._common import check_lang

__all__ = ["add_default_attendance", "default_stakeholder_groups", "whos_not_here"]


_STAKEHOLDERS = {
    "en": (
        "Disabled people",
        "Older people",
        "Young people",
        "Children and families",
        "Women's groups",
        "Minority and ethnic groups",
        "Migrants and refugees",
        "Carers",
        "People on low incomes",
        "Businesses",
        "Public bodies",
        "Schools and universities",
        "Faith groups",
        "Neighbourhood associations",
    ),
    "es": (
        "Personas con discapacidad",
        "Personas mayores",
        "Jóvenes",
        "Niños, niñas y familias",
        "Organizaciones de mujeres",
        "Minorías y grupos étnicos",
        "Personas migrantes y refugiadas",
        "Personas cuidadoras",
        "Personas con bajos ingresos",
        "Empresas",
        "Entidades públicas",
        "Colegios y universidades",
        "Comunidades religiosas",
        "Juntas de acción comunal",
    ),
    "pt": (
        "Pessoas com deficiência",
        "Pessoas idosas",
        "Jovens",
        "Crianças e famílias",
        "Organizações de mulheres",
        "Minorias e grupos étnicos",
        "Pessoas migrantes e refugiadas",
        "Pessoas cuidadoras",
        "Pessoas de baixa renda",
        "Empresas",
        "Órgãos públicos",
        "Escolas e universidades",
        "Comunidades religiosas",
        "Associações de moradores",
    ),
}


def default_stakeholder_groups(lang: str = "en") -> tuple[str, ...]:
    """The stakeholder groups a workshop usually expects (the facilitator edits them)."""
    return _STAKEHOLDERS[check_lang(lang)]


def add_default_attendance(
    store: Store, round_id: str, lang: str = "en", *, recorded_by: str = ""
) -> list[Attendance]:
    """Give a round the default expected groups if it has no attendance record yet
    (recorded by ``recorded_by``); returns the round's attendance records (unchanged if
    it had some)."""
    groups = default_stakeholder_groups(lang)
    with store.transaction():
        if not store.attendance(round_id):
            for g in groups:
                store.save_attendance(
                    Attendance(round_id, g, expected=True, present=False, recorded_by=recorded_by)
                )
    return store.attendance(round_id)


def whos_not_here(store: Store, round_id: str) -> list[Attendance]:
    """The groups expected in the round but not present (by name), with their outreach
    notes."""
    return [a for a in store.attendance(round_id) if a.expected and not a.present]
