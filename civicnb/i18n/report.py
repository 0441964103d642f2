"""The words of the locality report, in English and Spanish (merged into
:data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["REPORT_MESSAGES"]

REPORT_MESSAGES: dict[str, dict[str, str]] = {
    "rep_kicker": {"en": "Civic partnership report", "es": "Informe de la alianza cívica"},
    "rep_compared_with": {
        "en": "Compared with the round {label}.",
        "es": "Comparado con la ronda {label}.",
    },
    "rep_people": {
        "en": "People who answered: {people}.",
        "es": "Personas que respondieron: {people}.",
    },
    "rep_framework": {"en": "Framework: {title}. {source}.", "es": "Marco: {title}. {source}."},
    "rep_privacy": {
        "en": "To protect anonymity, a side's figures are shown only when at least {k} of its people gave a rating anonymously (“don't know” does not count) or all who answered agreed to be named; otherwise they read “withheld”.",
        "es": "Para proteger el anonimato, las cifras de una parte se muestran solo si al menos {k} de sus personas dieron una calificación de forma anónima («no sé» no cuenta) o si todas las que respondieron aceptaron aparecer con su nombre; si no, dicen «reservado».",
    },
    "rep_na": {"en": "no data", "es": "sin datos"},
    "rep_withheld": {"en": "withheld", "es": "reservado"},
    "rep_summary": {"en": "In short", "es": "En resumen"},
    "rep_best_worst": {
        "en": "The strongest strand, by the sides' views of themselves, is {best} ({best_value} out of 5); the weakest is {worst} ({worst_value}).",
        "es": "El eje más fuerte, según la mirada de cada parte sobre sí misma, es el {best} ({best_value} de 5); el más débil es el {worst} ({worst_value}).",
    },
    "rep_no_ratings": {
        "en": "No figures can be shown for this round yet.",
        "es": "Todavía no se pueden mostrar cifras de esta ronda.",
    },
    "rep_largest_gaps": {
        "en": "The largest gaps between a side's view of itself and the other side's view: {items}.",
        "es": "Las mayores brechas entre la mirada de una parte sobre sí misma y la de la otra parte: {items}.",
    },
    "rep_biggest_changes": {
        "en": "The biggest changes since {label}: {items}.",
        "es": "Los mayores cambios desde {label}: {items}.",
    },
    "rep_discuss_first": {
        "en": "Pairs to discuss first: {items}.",
        "es": "Pares para discutir primero: {items}.",
    },
    "rep_no_questions": {
        "en": "This strand has no checklist questions; it is worked on in the workshop.",
        "es": "Este eje no tiene preguntas en la lista; se trabaja en el taller.",
    },
    "rep_la_answers": {
        "en": "Local authority's answers",
        "es": "Respuestas de la administración local",
    },
    "rep_cso_answers": {"en": "Civil society's answers", "es": "Respuestas de la sociedad civil"},
    "rep_la_short": {"en": "local authority", "es": "administración local"},
    "rep_cso_short": {"en": "civil society", "es": "sociedad civil"},
    "rep_chart_title": {
        "en": "Both sides' answers: {strand}",
        "es": "Las respuestas de ambas partes: {strand}",
    },
    "rep_chart_desc": {
        "en": "Average answer (1 to 5) to each question of the strand, by who answered: {items}.",
        "es": "Respuesta promedio (de 1 a 5) a cada pregunta del eje, según quién respondió: {items}.",
    },
    "rep_chart_table": {
        "en": "The chart's figures: {strand}",
        "es": "Las cifras del gráfico: {strand}",
    },
    "rep_axis_LA": {"en": "LA {n}", "es": "AL {n}"},
    "rep_axis_CSO": {"en": "CSO {n}", "es": "OSC {n}"},
    "rep_question": {"en": "Question", "es": "Pregunta"},
    "rep_pair": {"en": "Pair", "es": "Par"},
    "rep_self": {"en": "Own view", "es": "Mirada propia"},
    "rep_other": {"en": "Other side's view", "es": "Mirada de la otra parte"},
    "rep_gap": {"en": "gap", "es": "brecha"},
    "rep_pairs_caption": {"en": "The pairs of strand {strand}", "es": "Los pares del eje {strand}"},
    "rep_agreed_title": {"en": "What the sides agreed", "es": "Lo que acordaron las partes"},
    "rep_agreed": {"en": "agreed rating {score}", "es": "calificación acordada {score}"},
    "rep_no_agreed": {
        "en": "No agreed rating recorded yet.",
        "es": "Aún no se ha registrado una calificación acordada.",
    },
    "rep_progress": {"en": "Progress across rounds", "es": "Avance entre rondas"},
    "rep_progress_text": {
        "en": "Each strand's average own view in each round, with the average gap between the sides.",
        "es": "La mirada propia promedio de cada eje en cada ronda, con la brecha promedio entre las partes.",
    },
    "rep_one_round": {
        "en": "Only one round so far: progress shows from the next round on.",
        "es": "Por ahora hay una sola ronda: el avance se verá a partir de la próxima.",
    },
    "rep_progress_caption": {
        "en": "Average own view (and gap) per round",
        "es": "Mirada propia promedio (y brecha) por ronda",
    },
    "rep_screening": {
        "en": "Resilience screening of proposed actions",
        "es": "Revisión de resiliencia de las acciones propuestas",
    },
    "rep_no_proposed": {
        "en": "No proposed or agreed actions.",
        "es": "No hay acciones propuestas ni acordadas.",
    },
    "rep_cafe_text": {
        "en": "{n} notes from {tables} tables. The common themes (number of notes):",
        "es": "{n} notas de {tables} mesas. Los temas comunes (número de notas):",
    },
    "rep_no_attendance": {
        "en": "No attendance was recorded for this round.",
        "es": "No se registró la asistencia de esta ronda.",
    },
    # the people's writing (civicnb.reports.narrative): prompts in the narrative cells
    "narr_summary": {
        "en": "What does the group make of this summary? Write it here: this text is kept when the report is run again.",
        "es": "¿Qué piensa el grupo de este resumen? Escríbalo aquí: este texto se conserva cuando se vuelve a generar el informe.",
    },
    "narr_strand": {
        "en": "What does the group make of strand {n}? Write it here: this text is kept when the report is run again.",
        "es": "¿Qué piensa el grupo del eje {n}? Escríbalo aquí: este texto se conserva cuando se vuelve a generar el informe.",
    },
    "narr_closing": {
        "en": "What comes next? Write the group's closing words here: this text is kept when the report is run again.",
        "es": "¿Qué sigue? Escriba aquí las palabras finales del grupo: este texto se conserva cuando se vuelve a generar el informe.",
    },
    "narr_carried": {
        "en": "Carried from the report of the round {label}: update the text, then delete this line.",
        "es": "Traído del informe de la ronda {label}: actualice el texto y luego borre esta línea.",
    },
    "narr_unreadable": {
        "en": "could not read the earlier report {path}: it is kept as {copy}; copy its text by hand",
        "es": "no se pudo leer el informe anterior {path}: se guardó como {copy}; copie su texto a mano",
    },
    "narr_kept": {
        "en": "kept the writing of {path}: {cells} narrative cells, {added} added cells",
        "es": "se conservó lo escrito en {path}: {cells} celdas de narrativa, {added} celdas añadidas",
    },
}
