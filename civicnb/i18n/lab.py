# ruff: noqa: E501
"""The words of civicnb's notebooks run in JupyterLab (rather than as Voilà pages):
identity, kiosk mode and leaving a page (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["LAB_MESSAGES"]

LAB_MESSAGES: dict[str, dict[str, str]] = {
    "lab_not_joined": {
        "en": "You have not joined yet in this browser. Open the start notebook and join there (run it in JupyterLab, or open it as a Voilà page with Voilà's preview): JupyterLab and its Voilà preview share this browser's storage, so after joining you are identified in this notebook too. Then run this notebook again.",
        "es": "Todavía no se ha registrado en este navegador. Abra el cuaderno de inicio y regístrese allí (ejecútelo en JupyterLab o ábralo como página de Voilà con la vista previa de Voilà): JupyterLab y su vista previa de Voilà comparten el almacenamiento de este navegador, así que después de registrarse también queda identificado en este cuaderno. Luego ejecute este cuaderno de nuevo.",
    },
    "lab_open_start": {"en": "Open the start notebook", "es": "Abrir el cuaderno de inicio"},
    "lab_kiosk": {
        "en": "Kiosk mode (a shared device with “Next participant”) works on the Voilà pages only, not in JupyterLab: open the start page with ?kiosk=1 in Voilà (civicnb serve) for a shared device.",
        "es": "El modo quiosco (un dispositivo compartido con «Siguiente participante») solo funciona en las páginas de Voilà, no en JupyterLab: para un dispositivo compartido, abra la página de inicio con ?kiosk=1 en Voilà (civicnb serve).",
    },
    "lab_go_on": {
        "en": "In JupyterLab this notebook does not leave by itself. Open the next page:",
        "es": "En JupyterLab este cuaderno no cambia de página por sí solo. Abra la página siguiente:",
    },
    "lab_links": {
        "en": "In JupyterLab, a link to another page opens that notebook in JupyterLab: run it to see its page.",
        "es": "En JupyterLab, un enlace a otra página abre ese cuaderno en JupyterLab: ejecútelo para ver su página.",
    },
}
