# ruff: noqa: E501
"""The words of co-facilitation (named facilitator keys, who recorded what), in English
and Spanish (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["COFACILITATION_MESSAGES"]

COFACILITATION_MESSAGES: dict[str, dict[str, str]] = {
    # the facilitator page
    "cofac_signed_in": {"en": "Signed in as {name}", "es": "Sesión iniciada como {name}"},
    "cofac_recorded_by": {"en": "recorded by {name}", "es": "registrado por {name}"},
    "cofac_col_recorded_by": {"en": "Recorded by", "es": "Registrado por"},
    "cofac_revoked": {
        "en": "Your facilitator key was revoked: this was not saved. Ask for a new key to go on.",
        "es": "Su clave de facilitación fue revocada: esto no se guardó. Pida una clave nueva para continuar.",
    },
    # the home page: keys
    "cofac_keys_title": {
        "en": "Facilitators and their keys",
        "es": "Personas facilitadoras y sus claves",
    },
    "cofac_keys_text": {
        "en": "Each facilitator of a locality can have a key of their own, e.g. one from each side. What they record shows their name. A key is shown once, when it is made: give it to its holder. Revoke a key when its holder leaves.",
        "es": "Cada persona que facilita una localidad puede tener su propia clave, por ejemplo una de cada lado. Lo que registra lleva su nombre. Una clave se muestra una sola vez, al crearla: entréguela a quien la usará. Revoque una clave cuando esa persona deje de facilitar.",
    },
    "cofac_locality": {"en": "Facilitators of {place}", "es": "Facilitación de {place}"},
    "cofac_none": {
        "en": "No facilitator has a key of their own yet.",
        "es": "Aún nadie tiene una clave propia.",
    },
    "cofac_no_localities": {"en": "There is no locality yet.", "es": "Aún no hay localidades."},
    "cofac_name": {"en": "Name", "es": "Nombre"},
    "cofac_since": {"en": "Since", "es": "Desde"},
    "cofac_state": {"en": "Key", "es": "Clave"},
    "cofac_active": {"en": "active", "es": "activa"},
    "cofac_revoked_on": {"en": "revoked on {date}", "es": "revocada el {date}"},
    "cofac_new_name": {
        "en": "New facilitator's name ({place})",
        "es": "Nombre de la nueva persona facilitadora ({place})",
    },
    "cofac_add": {"en": "Add a facilitator", "es": "Añadir una persona facilitadora"},
    "cofac_added": {
        "en": "{name} was added. Their key, shown only now: {key}. Their page: {url}",
        "es": "Se añadió a {name}. Su clave, que solo se muestra ahora: {key}. Su página: {url}",
    },
    "cofac_added_short": {
        "en": "{name} was added: copy their key now.",
        "es": "Se añadió a {name}: copie su clave ahora.",
    },
    "cofac_key_once": {
        "en": "Copy it now: the key is not kept and cannot be shown again.",
        "es": "Cópiela ahora: la clave no se guarda y no se puede volver a mostrar.",
    },
    "cofac_revoke": {"en": "Revoke {name}'s key", "es": "Revocar la clave de {name}"},
    "cofac_revoke_confirm": {
        "en": "Revoke {name}'s key? Their pages stop saving at once. This cannot be undone.",
        "es": "¿Revocar la clave de {name}? Sus páginas dejan de guardar de inmediato. No se puede deshacer.",
    },
    "cofac_revoke_yes": {"en": "Yes, revoke {name}'s key", "es": "Sí, revocar la clave de {name}"},
    "cofac_revoke_no": {"en": "No, keep it", "es": "No, conservarla"},
    "cofac_revoked_done": {
        "en": "{name}'s key was revoked.",
        "es": "Se revocó la clave de {name}.",
    },
}
