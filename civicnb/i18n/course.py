# ruff: noqa: E501  (message catalogue)
"""The words of the capacity-building course (exercises, feedback, learner's workbook,
trainer's summary), in English and Spanish (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["COURSE_MESSAGES"]

COURSE_MESSAGES: dict[str, dict[str, str]] = {
    # feedback, general
    "crs_correct": {"en": "Correct.", "es": "Correcto."},
    "crs_not_quite": {"en": "Not quite.", "es": "No exactamente."},
    "crs_no_answer": {"en": "Choose an answer first.", "es": "Primero elija una respuesta."},
    "crs_unknown_choice": {
        "en": "That is not one of the choices: pick one from the list.",
        "es": "Esa no es una de las opciones: elija una de la lista.",
    },
    "crs_tie": {
        "en": "{others} shows the same figure once rounded, so that answer is right too.",
        "es": "{others} muestra la misma cifra una vez redondeada, así que esa respuesta también es correcta.",
    },
    "crs_withheld_or_missing": {"en": "withheld or missing", "es": "reservada o sin datos"},
    # largest gap
    "crs_gap_prompt": {
        "en": "In the round “{round}”, which pair of strand {strand} shows the largest gap between a side's view of itself and the other side's view of it?",
        "es": "En la ronda «{round}», ¿qué par del eje {strand} muestra la mayor brecha entre la mirada de una parte sobre sí misma y la mirada de la otra parte?",
    },
    "crs_gap_prompt_all": {
        "en": "In the round “{round}”, which of the fifteen pairs shows the largest gap between a side's view of itself and the other side's view of it?",
        "es": "En la ronda «{round}», ¿cuál de los quince pares muestra la mayor brecha entre la mirada de una parte sobre sí misma y la mirada de la otra parte?",
    },
    "crs_gap_hint": {
        "en": "Look at the gap of each question (own view minus the other side's view) and compare sizes, whichever the sign. A pair's gap is the larger of its two questions' gaps.",
        "es": "Mire la brecha de cada pregunta (mirada propia menos la mirada de la otra parte) y compare los tamaños, sin importar el signo. La brecha de un par es la mayor de las brechas de sus dos preguntas.",
    },
    "crs_gap_right": {
        "en": "{pair} has the largest gap, {gap} on {question}: {own} is the own view, {other} the other side's view. A gap that size is a good place to start the conversation: what does each side see that the other does not?",
        "es": "{pair} tiene la mayor brecha, {gap} en la pregunta {question}: {own} es la mirada propia y {other} la de la otra parte. Una brecha de ese tamaño es un buen punto para empezar la conversación: ¿qué ve cada parte que la otra no ve?",
    },
    "crs_gap_wrong": {
        "en": "The largest gap of {pair} is {gap} ({question}). Another pair shows a larger one: compare the sizes of the gaps again, whichever the sign.",
        "es": "La mayor brecha de {pair} es {gap} ({question}). Otro par muestra una mayor: vuelva a comparar el tamaño de las brechas, sin importar el signo.",
    },
    "crs_gap_none": {
        "en": "{pair} has no gap to compare in this round: its figures are withheld or missing. Choose among the pairs that show a gap.",
        "es": "{pair} no tiene una brecha que comparar en esta ronda: sus cifras están reservadas o no hay datos. Elija entre los pares que muestran una brecha.",
    },
    # most improved strand
    "crs_improve_prompt": {
        "en": "Between “{before}” and “{after}”, in which strand did the sides' views of themselves rise most?",
        "es": "Entre «{before}» y «{after}», ¿en qué eje subió más la mirada de las partes sobre sí mismas?",
    },
    "crs_improve_hint": {
        "en": "The table gives each strand's average own view in every round: subtract the earlier figure from the later one.",
        "es": "La tabla da la mirada propia promedio de cada eje en cada ronda: reste la cifra anterior de la posterior.",
    },
    "crs_improve_right": {
        "en": "{strand} rose most: from {before} to {after} ({change}). The next largest rise is {next} ({next_change}). Ask what changed there, and whether the other side sees the same change.",
        "es": "{strand} fue el que más subió: de {before} a {after} ({change}). El siguiente mayor aumento es el de {next} ({next_change}). Pregunte qué cambió allí y si la otra parte ve el mismo cambio.",
    },
    "crs_improve_wrong": {
        "en": "{strand} went from {before} to {after} ({change}). Another strand rose more: work out the change of every strand before choosing.",
        "es": "{strand} pasó de {before} a {after} ({change}). Otro eje subió más: calcule el cambio de cada eje antes de elegir.",
    },
    "crs_improve_none": {
        "en": "{strand} cannot be compared between these rounds: a figure is withheld or missing.",
        "es": "{strand} no se puede comparar entre estas rondas: falta una cifra o está reservada.",
    },
    # widened gap
    "crs_widen_prompt": {
        "en": "Between “{before}” and “{after}”, which pair's gap widened most?",
        "es": "Entre «{before}» y «{after}», ¿la brecha de qué par se amplió más?",
    },
    "crs_widen_hint": {
        "en": "A gap widens when its size grows, whichever side is more generous: compare the sizes of the two figures of each pair.",
        "es": "Una brecha se amplía cuando crece su tamaño, sin importar cuál parte es más generosa: compare el tamaño de las dos cifras de cada par.",
    },
    "crs_widen_right": {
        "en": "{pair}'s gap grew from {before} to {after}: the two sides' views moved apart while most other gaps narrowed. Look at the agreed ratings and the actions of its strand for the reason.",
        "es": "La brecha de {pair} creció de {before} a {after}: las miradas de las dos partes se alejaron mientras la mayoría de las demás brechas se cerraban. Busque la razón en las calificaciones acordadas y en las acciones de su eje.",
    },
    "crs_widen_narrowed": {
        "en": "{pair}'s gap went from {before} to {after}: it did not widen. Look for a pair whose gap grew.",
        "es": "La brecha de {pair} pasó de {before} a {after}: no se amplió. Busque un par cuya brecha haya crecido.",
    },
    "crs_widen_less": {
        "en": "{pair}'s gap went from {before} to {after}: it widened a little, but another pair's gap widened much more.",
        "es": "La brecha de {pair} pasó de {before} a {after}: se amplió un poco, pero la brecha de otro par se amplió mucho más.",
    },
    "crs_widen_none": {
        "en": "{pair}'s gap cannot be compared between these rounds: a figure is withheld or missing.",
        "es": "La brecha de {pair} no se puede comparar entre estas rondas: falta una cifra o está reservada.",
    },
    # screening
    "crs_screen_prompt": {
        "en": "“{action}”: which of the five resilience design tests does this action pass? Tick every test it passes, then compare your screening with the partnership's.",
        "es": "«{action}»: ¿qué pruebas de diseño para la resiliencia cumple esta acción? Marque cada prueba que cumpla y luego compare su revisión con la de la alianza.",
    },
    "crs_screen_right": {
        "en": "You screened it as the partnership did: it passes {score} of {total} tests. Their reasons: {notes}",
        "es": "Su revisión coincide con la de la alianza: cumple {score} de {total} pruebas. Sus razones: {notes}",
    },
    "crs_screen_wrong": {
        "en": "Your screening differs from the partnership's on {n} of the {total} tests:",
        "es": "Su revisión difiere de la de la alianza en {n} de las {total} pruebas:",
    },
    "crs_screen_they_pass": {
        "en": "“{test}”: the partnership judged that it passes.",
        "es": "«{test}»: la alianza consideró que la cumple.",
    },
    "crs_screen_they_fail": {
        "en": "“{test}”: the partnership judged that it does not pass.",
        "es": "«{test}»: la alianza consideró que no la cumple.",
    },
    "crs_screen_they_skip": {
        "en": "“{test}”: the partnership did not assess it.",
        "es": "«{test}»: la alianza no la revisó.",
    },
    "crs_screen_reasons": {"en": "Their reasons: {notes}", "es": "Sus razones: {notes}"},
    "crs_screen_no_notes": {"en": "none recorded", "es": "no se registraron"},
    # outcomes and activities
    "crs_uncov_prompt": {
        "en": "Place each activity against the outcomes it serves. Which agreed outcome does no activity serve?",
        "es": "Ubique cada actividad frente a los resultados a los que aporta. ¿A qué resultado acordado no aporta ninguna actividad?",
    },
    "crs_uncov_right": {
        "en": "“{outcome}” is served by no activity: a gap in the plan. {assets}",
        "es": "A «{outcome}» no aporta ninguna actividad: es un vacío del plan. {assets}",
    },
    "crs_uncov_assets": {
        "en": "Yet the asset register lists what could serve it: {assets}.",
        "es": "Sin embargo, el inventario de activos muestra lo que podría servirle: {assets}.",
    },
    "crs_uncov_wrong": {
        "en": "“{outcome}” is served by {activities}. Look for an outcome that no activity lists.",
        "es": "A «{outcome}» aportan: {activities}. Busque un resultado que ninguna actividad mencione.",
    },
    "crs_winwin_prompt": {
        "en": "Which activity is a win-win: one that serves outcomes in at least two parts of the triple bottom line (environment, economy, social justice)?",
        "es": "¿Qué actividad es de doble ganancia: una que aporta a resultados de al menos dos partes del triple balance (ambiente, economía, justicia social)?",
    },
    "crs_winwin_right": {
        "en": "“{activity}” serves {outcomes}: that is {parts} in one activity, a win-win worth showing to the partners.",
        "es": "«{activity}» aporta a {outcomes}: es decir, {parts} en una sola actividad, una doble ganancia que vale la pena mostrar a las partes.",
    },
    "crs_winwin_wrong": {
        "en": "“{activity}” serves {outcomes}: only {parts}. Serving several outcomes is not enough; they must belong to different parts of the triple bottom line.",
        "es": "«{activity}» aporta a {outcomes}: solo {parts}. No basta con aportar a varios resultados; deben pertenecer a partes distintas del triple balance.",
    },
    "crs_winwin_nothing": {
        "en": "“{activity}” serves none of the agreed outcomes.",
        "es": "«{activity}» no aporta a ninguno de los resultados acordados.",
    },
    "crs_outcomes_title": {"en": "Agreed outcomes", "es": "Resultados acordados"},
    "crs_activities_title": {
        "en": "Activities and the outcomes they serve",
        "es": "Actividades y los resultados a los que aportan",
    },
    "crs_serves": {"en": "Serves: {outcomes}", "es": "Aporta a: {outcomes}"},
    "crs_lead": {"en": "Led by {lead}", "es": "A cargo de {lead}"},
    # who's not here
    "crs_missing_prompt": {
        "en": "Compare the groups expected at the workshop “{round}” with the sign-in sheet. Tick every expected group that is missing.",
        "es": "Compare los grupos esperados en el taller «{round}» con la planilla de asistencia. Marque cada grupo esperado que falta.",
    },
    "crs_missing_right": {
        "en": "These groups were expected but did not come: {groups}. What the partnership plans in order to reach them: {notes}",
        "es": "Estos grupos se esperaban pero no llegaron: {groups}. Lo que la alianza planea para llegar a ellos: {notes}",
    },
    "crs_missing_extra": {
        "en": "You ticked {groups}, who signed in.",
        "es": "Marcó {groups}, que sí firmaron la asistencia.",
    },
    "crs_missing_more": {
        "en": "{n} expected group(s) missing from the sheet are not ticked yet.",
        "es": "Aún no ha marcado {n} grupo(s) esperado(s) que no aparece(n) en la planilla.",
    },
    "crs_missing_none_note": {"en": "no outreach planned yet", "es": "aún no se planea nada"},
    "crs_expected": {"en": "Groups expected", "es": "Grupos esperados"},
    "crs_signed_in": {"en": "The sign-in sheet", "es": "La planilla de asistencia"},
    # the small-number rule
    "crs_withheld_prompt": {
        "en": "In the round “{round}”, does the report show or withhold {figure}?",
        "es": "En la ronda «{round}», ¿el informe muestra o reserva {figure}?",
    },
    "crs_figure": {
        "en": "the average answer of the {raters} to {question}",
        "es": "la respuesta promedio de {raters} a la pregunta {question}",
    },
    "crs_raters_LA": {
        "en": "local authority people",
        "es": "las personas de la administración local",
    },
    "crs_raters_CSO": {"en": "civil society people", "es": "las personas de la sociedad civil"},
    "crs_raters_other": {"en": "third parties", "es": "los terceros"},
    "crs_shown": {"en": "Shown", "es": "Se muestra"},
    "crs_withheld": {"en": "Withheld", "es": "Se reserva"},
    "crs_withheld_right": {
        "en": "It is withheld: some of the group answered anonymously, but fewer than {k} of them gave a rating, so their answers could be worked out from the average and the named people's answers. The question's gap is blank too.",
        "es": "Se reserva: parte del grupo respondió de forma anónima, pero menos de {k} personas dieron una calificación, así que sus respuestas se podrían deducir del promedio y de las respuestas de quienes dieron su nombre. La brecha de la pregunta también queda en blanco.",
    },
    "crs_shown_named": {
        "en": "It is shown: everyone in the group agreed to be named, so the average protects nobody's anonymity.",
        "es": "Se muestra: todas las personas del grupo aceptaron dar su nombre, así que el promedio no pone en riesgo el anonimato de nadie.",
    },
    "crs_shown_enough": {
        "en": "It is shown: at least {k} people of the group gave a rating anonymously, enough that no single answer can be worked out.",
        "es": "Se muestra: al menos {k} personas del grupo dieron una calificación de forma anónima, suficientes para que no se pueda deducir ninguna respuesta individual.",
    },
    "crs_withheld_wrong": {
        "en": "Look again at who answered. The rule counts only the people who gave a rating anonymously (“don't know” does not count): it needs at least {k} of them, unless everyone in the group is named.",
        "es": "Vuelva a mirar quién respondió. La regla cuenta solo a las personas que dieron una calificación de forma anónima («no sé» no cuenta): necesita al menos {k}, a menos que todas las personas del grupo hayan dado su nombre.",
    },
    "crs_who_answered": {
        "en": "Who gave a rating to {question} in the round “{round}” (people; “don't know” not counted)",
        "es": "Quién calificó la pregunta {question} en la ronda «{round}» (personas; sin contar las que respondieron «no sé»)",
    },
    "crs_named": {"en": "Named", "es": "Con su nombre"},
    "crs_anonymous": {"en": "Anonymous", "es": "Anónimas"},
    "crs_rule": {
        "en": "The small-number rule of this locality: k = {k}.",
        "es": "La regla de números pequeños de esta localidad: k = {k}.",
    },
    # follow-through
    "crs_status_prompt": {
        "en": "Which action agreed at “{round}” was dropped, not followed through?",
        "es": "¿Qué acción acordada en «{round}» se abandonó, sin llevarse a cabo?",
    },
    "crs_status_right": {
        "en": "Yes: “{action}”. {notes} Dropping an action is allowed; saying so openly, and agreeing what happens instead, is what keeps trust.",
        "es": "Sí: «{action}». {notes} Abandonar una acción es posible; decirlo abiertamente y acordar qué se hace en su lugar es lo que mantiene la confianza.",
    },
    "crs_status_wrong": {
        "en": "“{action}” is {status}. Find the action whose status is “{wanted}”.",
        "es": "«{action}» está {status}. Busque la acción cuyo estado es «{wanted}».",
    },
    # what to discuss first
    "crs_first_prompt": {
        "en": "In the round “{round}”, which pair should the partnership discuss first? civicnb's order: pairs with both flags, then one flag, then by priority = largest gap ÷ 4 + (1 − lowest agreement).",
        "es": "En la ronda «{round}», ¿qué par debería discutir primero la alianza? El orden de civicnb: primero los pares con las dos alertas, luego con una, y después por prioridad = mayor brecha ÷ 4 + (1 − menor acuerdo).",
    },
    "crs_first_right": {
        "en": "{pair} comes first: {flags}; priority {priority}.",
        "es": "{pair} va primero: {flags}; prioridad {priority}.",
    },
    "crs_first_wrong": {
        "en": "{pair}: {flags}; priority {priority}. Another pair has more flags, or as many and a higher priority.",
        "es": "{pair}: {flags}; prioridad {priority}. Otro par tiene más alertas, o las mismas y una prioridad mayor.",
    },
    "crs_no_flags": {"en": "no flag", "es": "sin alertas"},
    "crs_col_largest_gap": {"en": "Largest gap", "es": "Mayor brecha"},
    "crs_col_lowest_agreement": {"en": "Lowest agreement", "es": "Menor acuerdo"},
    "crs_col_flags": {"en": "Flags", "es": "Alertas"},
    "crs_col_mean_gap": {"en": "Gap in “{round}”", "es": "Brecha en «{round}»"},
    "crs_pairs_caption": {
        "en": "The pairs in the round “{round}”",
        "es": "Los pares en la ronda «{round}»",
    },
    "crs_widen_caption": {
        "en": "Each pair's gap (the average of its two questions' gaps)",
        "es": "La brecha de cada par (el promedio de las brechas de sus dos preguntas)",
    },
    # World Café
    "crs_theme_prompt": {
        "en": "Which theme recurs in the most notes of the World Café harvest of “{round}”?",
        "es": "¿Qué tema se repite en más notas de la cosecha del Café del Mundo de «{round}»?",
    },
    "crs_theme_right": {
        "en": "“{theme}” is tagged on {n} notes, more than any other theme. A theme that comes back from several tables is one the whole room cares about.",
        "es": "«{theme}» aparece en {n} notas, más que cualquier otro tema. Un tema que vuelve desde varias mesas es un tema que le importa a todo el grupo.",
    },
    "crs_theme_wrong": {
        "en": "“{theme}” is tagged on {n} note(s). Another theme recurs more often: count the notes of each theme.",
        "es": "«{theme}» aparece en {n} nota(s). Otro tema se repite más: cuente las notas de cada tema.",
    },
    "crs_harvest_caption": {
        "en": "World Café harvest of “{round}”",
        "es": "Cosecha del Café del Mundo de «{round}»",
    },
    "crs_col_table": {"en": "Table", "es": "Mesa"},
    "crs_col_note": {"en": "Note", "es": "Nota"},
    "crs_col_themes": {"en": "Themes", "es": "Temas"},
    # the exercise widgets
    "crs_exercise": {"en": "Exercise", "es": "Ejercicio"},
    "crs_your_answer": {"en": "Your answer", "es": "Su respuesta"},
    "crs_check": {"en": "Check my answer", "es": "Revisar mi respuesta"},
    "crs_choices": {"en": "Choices:", "es": "Opciones:"},
    "crs_static_note": {
        "en": "Open this module in Voilà or JupyterLab to check your answer.",
        "es": "Abra este módulo en Voilà o en JupyterLab para revisar su respuesta.",
    },
    "crs_reflection": {"en": "Reflection", "es": "Reflexión"},
    "crs_reflection_label": {"en": "Your reflection", "es": "Su reflexión"},
    "crs_save_reflection": {"en": "Save my reflection", "es": "Guardar mi reflexión"},
    "crs_reflection_saved": {
        "en": "Saved in your learner's workbook.",
        "es": "Guardada en su cuaderno de aprendizaje.",
    },
    "crs_reflection_empty": {
        "en": "Write something first.",
        "es": "Primero escriba algo.",
    },
    "crs_not_saved": {
        "en": "Not saved: {reason}",
        "es": "No se guardó: {reason}",
    },
    "crs_no_workbook": {
        "en": "no learner's workbook is open for this module",
        "es": "este módulo no tiene un cuaderno de aprendizaje abierto",
    },
    "crs_group_name": {"en": "Group {n}", "es": "Grupo {n}"},
    "crs_download": {
        "en": "Download my learner's workbook (JSON)",
        "es": "Descargar mi cuaderno de aprendizaje (JSON)",
    },
    "crs_title_00": {
        "en": "Introduction: the checklist and the case of Las Acacias",
        "es": "Introducción: la lista de verificación y el caso de Las Acacias",
    },
    "crs_title_07": {"en": "Running a workshop", "es": "Cómo conducir un taller"},
    "crs_modules_nav": {"en": "Course modules", "es": "Módulos del curso"},
    # the trainer's summary
    "crs_summary_title": {"en": "The groups' answers", "es": "Las respuestas de los grupos"},
    "crs_summary_none": {
        "en": "No learner's workbook found yet.",
        "es": "Todavía no se encontró ningún cuaderno de aprendizaje.",
    },
    "crs_summary_caption": {
        "en": "Last answer of each group to each exercise (✓ right, ✗ not yet; attempts in brackets)",
        "es": "Última respuesta de cada grupo a cada ejercicio (✓ correcta, ✗ aún no; intentos entre paréntesis)",
    },
    "crs_reflections_title": {"en": "Reflections", "es": "Reflexiones"},
    "crs_module": {"en": "Module", "es": "Módulo"},
    "crs_not_answered": {"en": "—", "es": "—"},
    "crs_variant": {"en": "case variant {n}", "es": "variante {n} del caso"},
    # the course for nbgrader (civicnb.course.grading)
    "crs_nbg_var": {"en": "answer", "es": "respuesta"},
    "crs_nbg_write_one": {
        "en": 'Exercise {n}: write the letter of your answer between the quotes, e.g. {var} = "B", then run this cell and the next one.',
        "es": 'Ejercicio {n}: escriba la letra de su respuesta entre las comillas, p. ej. {var} = "B"; luego ejecute esta celda y la siguiente.',
    },
    "crs_nbg_write_many": {
        "en": 'Exercise {n}: write the letters of every answer that applies between the quotes, e.g. {var} = "AC" ("0" for none), then run this cell and the next one.',
        "es": 'Ejercicio {n}: escriba las letras de todas las respuestas que corresponden entre las comillas, p. ej. {var} = "AC" ("0" si ninguna); luego ejecute esta celda y la siguiente.',
    },
    "crs_nbg_code_stub": {
        "en": "# (your answer goes on the line above, between the quotes)",
        "es": "# (su respuesta va en la línea de arriba, entre las comillas)",
    },
    "crs_nbg_text_stub": {
        "en": "YOUR ANSWER HERE (double-click this cell to write in it)",
        "es": "ESCRIBA AQUÍ SU RESPUESTA (haga doble clic en esta celda para escribir)",
    },
    "crs_nbg_where_one": {
        "en": "Write the letter of your answer in the cell below.",
        "es": "Escriba la letra de su respuesta en la celda de abajo.",
    },
    "crs_nbg_where_many": {
        "en": "Write the letters of every answer that applies in the cell below.",
        "es": "Escriba las letras de todas las respuestas que corresponden en la celda de abajo.",
    },
    "crs_nbg_no_answer": {
        "en": "No answer yet: write it between the quotes in the cell above and run that cell.",
        "es": "Aún no hay respuesta: escríbala entre las comillas en la celda de arriba y ejecute esa celda.",
    },
    "crs_nbg_one_letter": {
        "en": "Write one letter, from {first} to {last} (you wrote “{given}”).",
        "es": "Escriba una sola letra, de {first} a {last} (usted escribió «{given}»).",
    },
    "crs_nbg_letters": {
        "en": "Write letters from {first} to {last}, each once (you wrote “{given}”).",
        "es": "Escriba letras de {first} a {last}, cada una una sola vez (usted escribió «{given}»).",
    },
    "crs_nbg_reflection_where": {
        "en": "Write your answer in the cell below (double-click it to edit it); your trainer reads and grades it.",
        "es": "Escriba su respuesta en la celda de abajo (haga doble clic en ella para editarla); quien dirige el curso la lee y la califica.",
    },
}
