# ruff: noqa: E501
"""The words of the home page's set-up (create a locality, make the report and take it
away), in English and Spanish (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["HOME_SETUP_MESSAGES"]

HOME_SETUP_MESSAGES: dict[str, dict[str, str]] = {
    "hs_temporary": {
        "en": "This is a temporary session: nothing is kept after it ends. Take your workbook and report away before you close the page.",
        "es": "Esta es una sesión temporal: no se guarda nada cuando termina. Descargue su cuaderno y su informe antes de cerrar la página.",
    },
    # facilitate a workshop
    "hs_facilitate_title": {"en": "Facilitate a workshop", "es": "Facilitar un taller"},
    "hs_facilitate_link": {
        "en": "The facilitator's page of {name}",
        "es": "La página de facilitación de {name}",
    },
    "hs_none_yet": {
        "en": "No locality yet: create one below.",
        "es": "Todavía no hay ninguna localidad: cree una más abajo.",
    },
    # create a locality
    "hs_create_title": {"en": "Create a locality", "es": "Crear una localidad"},
    "hs_create_text": {
        "en": "A locality is the place whose local authority and civil society assess their partnership. Its pages are made when you create it.",
        "es": "Una localidad es el lugar cuya administración local y sociedad civil evalúan su alianza. Sus páginas se crean al crearla.",
    },
    "hs_name": {"en": "Name of the locality", "es": "Nombre de la localidad"},
    "hs_language": {"en": "Language of its pages", "es": "Idioma de sus páginas"},
    "hs_edition": {"en": "Checklist", "es": "Lista de preguntas"},
    "hs_edition_pamphlet": {
        "en": "The pamphlet (disability rights examples)",
        "es": "El folleto (ejemplos de derechos de las personas con discapacidad)",
    },
    "hs_edition_blog": {
        "en": "The blog (general examples)",
        "es": "El blog (ejemplos generales)",
    },
    "hs_edition_own": {"en": "My own framework file", "es": "Mi propio archivo de marco"},
    "hs_upload": {"en": "Framework file", "es": "Archivo de marco"},
    "hs_upload_hint": {
        "en": "A YAML or JSON framework file of at most 2 MB (docs/framework.md says how to write one).",
        "es": "Un archivo de marco YAML o JSON de 2 MB como máximo (docs/framework.md explica cómo escribirlo).",
    },
    "hs_country": {"en": "Country", "es": "País"},
    "hs_orgs_LA": {
        "en": "Organisations of the local authority's side",
        "es": "Organizaciones del lado de la administración local",
    },
    "hs_orgs_LA_hint": {
        "en": "One per line, e.g. the council's departments and its councillors: Planning department, Social services, Councillors.",
        "es": "Una por línea, p. ej. las secretarías de la alcaldía y el concejo: Secretaría de Planeación, Secretaría Social, Concejo municipal.",
    },
    "hs_orgs_CSO": {
        "en": "Organisations of civil society's side",
        "es": "Organizaciones del lado de la sociedad civil",
    },
    "hs_orgs_CSO_hint": {
        "en": "One per line, e.g. the alliance's member organisations: Deaf Association, Women's Network, Parents' Group.",
        "es": "Una por línea, p. ej. las organizaciones de la alianza: Asociación de Sordos, Red de Mujeres, Grupo de Padres.",
    },
    "hs_groups": {
        "en": "Stakeholder groups expected",
        "es": "Grupos de interés que se esperan",
    },
    "hs_groups_hint": {
        "en": "One per line: the groups the first workshop should hear from (the facilitator's page shows who's not here).",
        "es": "Uno por línea: los grupos que el primer taller debería escuchar (la página de facilitación muestra quién no está).",
    },
    "hs_k": {"en": "Small-number threshold (k)", "es": "Umbral de números pequeños (k)"},
    "hs_k_hint": {
        "en": "A group's answers are shown only when at least k people gave them, so that no one can be singled out (1 to 100; 5 is usual).",
        "es": "Las respuestas de un grupo solo se muestran si al menos k personas las dieron, para que nadie pueda ser identificado (de 1 a 100; lo habitual es 5).",
    },
    "hs_create": {"en": "Create the locality", "es": "Crear la localidad"},
    "hs_creating": {
        "en": "Creating… (this takes a few seconds)",
        "es": "Creando… (tarda unos segundos)",
    },
    "hs_created": {
        "en": "{place} is ready. Participants join from its start page.",
        "es": "{place} está lista. Los participantes se unen desde su página de inicio.",
    },
    "hs_join_link": {
        "en": "Join {place} (start page)",
        "es": "Unirse a {place} (página de inicio)",
    },
    "hs_fac_link": {"en": "Facilitator page of {place}", "es": "Página de facilitación de {place}"},
    "hs_not_created": {
        "en": "Not created: {reason}",
        "es": "No se creó: {reason}",
    },
    "hs_duplicate": {
        "en": "Not created: there is already a locality called {place}. Choose another name.",
        "es": "No se creó: ya existe una localidad llamada {place}. Elija otro nombre.",
    },
    "hs_bad_k": {
        "en": "Not created: the small-number threshold k must be a whole number from 1 to 100.",
        "es": "No se creó: el umbral k debe ser un número entero de 1 a 100.",
    },
    "hs_bad_framework": {
        "en": "Not created: the framework file is not valid: {reason}",
        "es": "No se creó: el archivo de marco no es válido: {reason}",
    },
    "hs_no_file": {
        "en": "Not created: choose the framework file to upload, or another checklist.",
        "es": "No se creó: elija el archivo de marco que quiere subir, u otra lista de preguntas.",
    },
    "hs_bad_file_type": {
        "en": "Not created: the framework file must end in .yaml, .yml or .json.",
        "es": "No se creó: el archivo de marco debe terminar en .yaml, .yml o .json.",
    },
    # make the report and take it away
    "hs_take_title": {
        "en": "Make the report and take it away",
        "es": "Hacer el informe y llevárselo",
    },
    "hs_take_text": {
        "en": "The report shows the views of both sides, the deliberation and the actions agreed. The workbook (JSON or Excel) holds everything recorded, everyone's answers and notes included: keep it within the partnership.",
        "es": "El informe muestra las miradas de los dos lados, la deliberación y las acciones acordadas. El cuaderno (JSON o Excel) guarda todo lo registrado, incluidas las respuestas y notas de cada persona: guárdelo dentro de la alianza.",
    },
    "hs_take_none": {
        "en": "No locality yet: create one above.",
        "es": "Aún no hay localidades: cree una arriba.",
    },
    "hs_only_copy": {
        "en": "This is a temporary session: the files you download are the only copy. Nothing stays here after the session ends.",
        "es": "Esta es una sesión temporal: los archivos que descargue son la única copia. Aquí no queda nada cuando termina la sesión.",
    },
    "hs_make_report": {"en": "Make the report of {place}", "es": "Hacer el informe de {place}"},
    "hs_progress": {"en": "Report of {place}", "es": "Informe de {place}"},
    "hs_step_notebook": {
        "en": "Step 1 of 3: running the report notebook of {place}…",
        "es": "Paso 1 de 3: ejecutando el cuaderno del informe de {place}…",
    },
    "hs_step_pdf": {
        "en": "Step 2 of 3: the web page (HTML) is ready; printing the PDF…",
        "es": "Paso 2 de 3: la página web (HTML) está lista; imprimiendo el PDF…",
    },
    "hs_report_done": {
        "en": "Step 3 of 3: the report of {place} is ready. Download it below.",
        "es": "Paso 3 de 3: el informe de {place} está listo. Descárguelo abajo.",
    },
    "hs_no_pdf": {
        "en": "No PDF: this server has no Chromium to print it. Open the HTML report and print it to PDF from your browser.",
        "es": "Sin PDF: este servidor no tiene Chromium para imprimirlo. Abra el informe HTML e imprímalo en PDF desde su navegador.",
    },
    "hs_report_failed": {
        "en": "The report could not be made: {reason}",
        "es": "No se pudo hacer el informe: {reason}",
    },
    "hs_dl_html": {"en": "Report (HTML)", "es": "Informe (HTML)"},
    "hs_dl_pdf": {"en": "Report (PDF)", "es": "Informe (PDF)"},
    "hs_dl_notebook": {
        "en": "Report notebook (.ipynb, with the data)",
        "es": "Cuaderno del informe (.ipynb, con los datos)",
    },
    "hs_dl_json": {"en": "Workbook (JSON)", "es": "Cuaderno de trabajo (JSON)"},
    "hs_dl_xlsx": {"en": "Workbook (Excel)", "es": "Cuaderno de trabajo (Excel)"},
    "hs_downloads": {"en": "Downloads for {place}", "es": "Descargas de {place}"},
}
