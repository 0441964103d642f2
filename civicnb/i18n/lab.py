# ruff: noqa: E501
"""The words of civicnb's notebooks run in JupyterLab (rather than as Voilà pages):
identity, kiosk mode and leaving a page (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["LAB_MESSAGES"]

LAB_MESSAGES: dict[str, str] = {
    "lab_not_joined": "You have not joined yet in this browser. Open the start notebook and join there (run it in JupyterLab, or open it as a Voilà page with Voilà's preview): JupyterLab and its Voilà preview share this browser's storage, so after joining you are identified in this notebook too. Then run this notebook again.",
    "lab_open_start": "Open the start notebook",
    "lab_kiosk": "Kiosk mode (a shared device with “Next participant”) works on the Voilà pages only, not in JupyterLab: open the start page with ?kiosk=1 in Voilà (civicnb serve) for a shared device.",
    "lab_go_on": "In JupyterLab this notebook does not leave by itself. Open the next page:",
    "lab_links": "In JupyterLab, a link to another page opens that notebook in JupyterLab: run it to see its page.",
}
