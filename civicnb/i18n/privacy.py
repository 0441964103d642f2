# ruff: noqa: E501
"""The words of withdrawal and erasure, in English and Spanish (merged into
:data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["PRIVACY_MESSAGES"]

PRIVACY_MESSAGES: dict[str, dict[str, str]] = {
    # "My summary": a participant withdraws
    "wd_title": {"en": "Withdraw my answers", "es": "Retirar mis respuestas"},
    "wd_text": {
        "en": "You can take back everything you gave in this workbook: your ratings and notes in every round, and your name or pseudonym. The room's views are then worked out without you. This cannot be undone.",
        "es": "Puede retirar todo lo que aportó en este cuaderno: sus calificaciones y notas en todas las rondas, y su nombre o seudónimo. Las miradas de la sala se calculan entonces sin usted. No se puede deshacer.",
    },
    "wd_start": {"en": "Withdraw my answers…", "es": "Retirar mis respuestas…"},
    "wd_confirm_text": {
        "en": "Are you sure? All your answers and notes will be deleted for good.",
        "es": "¿Está seguro/a? Todas sus respuestas y notas se borrarán para siempre.",
    },
    "wd_confirm": {
        "en": "Yes, delete all my answers",
        "es": "Sí, borrar todas mis respuestas",
    },
    "wd_cancel": {"en": "No, keep them", "es": "No, conservarlas"},
    "wd_done": {
        "en": "Your answers and notes have been deleted. Thank you for taking part.",
        "es": "Sus respuestas y notas se han borrado. Gracias por participar.",
    },
    "wd_reports": {
        "en": "Reports made before today may still hold them: the facilitator will remake them.",
        "es": "Los informes hechos antes de hoy aún pueden contenerlas: quien facilita los volverá a generar.",
    },
    # the facilitator page: erase a participant
    "er_title": {"en": "Erase a participant", "es": "Borrar a un participante"},
    "er_text": {
        "en": "When someone asks to be removed: type their id, or their name or pseudonym as they typed it. Their answers and notes are deleted from every round, the reveals are worked out again without them, and future reports and exports no longer hold them.",
        "es": "Cuando alguien pide que se le retire: escriba su identificador, o su nombre o seudónimo tal como lo escribió. Sus respuestas y notas se borran de todas las rondas, las revelaciones se calculan de nuevo sin esa persona, y los informes y exportaciones futuros ya no la incluyen.",
    },
    "er_who": {"en": "Id or name", "es": "Identificador o nombre"},
    "er_find": {"en": "Erase…", "es": "Borrar…"},
    "er_confirm_text": {
        "en": "Erase {who} ({side})? This deletes {n} answers for good.",
        "es": "¿Borrar a {who} ({side})? Esto borra {n} respuestas para siempre.",
    },
    "er_confirm": {"en": "Yes, erase", "es": "Sí, borrar"},
    "er_cancel": {"en": "Cancel", "es": "Cancelar"},
    "er_done": {
        "en": "Erased: {n} answers, {sessions} sessions ended, {reveals} reveals worked out again.",
        "es": "Borrado: {n} respuestas, {sessions} sesiones cerradas, {reveals} revelaciones calculadas de nuevo.",
    },
    "er_remake": {
        "en": "Reports made before still hold their answers; remake them: {files}",
        "es": "Los informes hechos antes aún contienen sus respuestas; vuelva a generarlos: {files}",
    },
    "er_no_reports": {
        "en": "No report of this locality was made before.",
        "es": "No se había hecho ningún informe de esta localidad.",
    },
}
