# ruff: noqa: E501
"""The words of the home page's set-up (create a locality, make the report and take it
away), in English and Spanish (merged into :data:`civicnb.i18n.MESSAGES`)."""

from __future__ import annotations

__all__ = ["HOME_SETUP_MESSAGES"]

HOME_SETUP_MESSAGES: dict[str, str] = {
    "hs_temporary": "This is a temporary session: nothing is kept after it ends. Take your workbook and report away before you close the page.",
    # facilitate a workshop
    "hs_facilitate_title": "Facilitate a workshop",
    "hs_facilitate_link": "The facilitator's page of {name}",
    "hs_none_yet": "No locality yet: create one below.",
    # create a locality
    "hs_create_title": "Create a locality",
    "hs_create_text": "A locality is the place whose local authority and civil society assess their partnership. Its pages are made when you create it.",
    "hs_name": "Name of the locality",
    "hs_language": "Language of its pages",
    "hs_edition": "Checklist",
    "hs_edition_pamphlet": "The pamphlet (disability rights examples)",
    "hs_edition_blog": "The blog (general examples)",
    "hs_edition_own": "My own framework file",
    "hs_upload": "Framework file",
    "hs_upload_hint": "A YAML or JSON framework file of at most 2 MB (docs/framework.md says how to write one).",
    "hs_country": "Country",
    "hs_orgs_LA": "Organisations of the local authority's side",
    "hs_orgs_LA_hint": "One per line, e.g. the council's departments and its councillors: Planning department, Social services, Councillors.",
    "hs_orgs_CSO": "Organisations of civil society's side",
    "hs_orgs_CSO_hint": "One per line, e.g. the alliance's member organisations: Deaf Association, Women's Network, Parents' Group.",
    "hs_groups": "Stakeholder groups expected",
    "hs_groups_hint": "One per line: the groups the first workshop should hear from (the facilitator's page shows who's not here).",
    "hs_k": "Small-number threshold (k)",
    "hs_k_hint": "A group's answers are shown only when at least k people gave them, so that no one can be singled out (1 to 100; 5 is usual).",
    "hs_create": "Create the locality",
    "hs_creating": "Creating… (this takes a few seconds)",
    "hs_created": "{place} is ready. Participants join from its start page.",
    "hs_join_link": "Join {place} (start page)",
    "hs_fac_link": "Facilitator page of {place}",
    "hs_not_created": "Not created: {reason}",
    "hs_duplicate": "Not created: there is already a locality called {place}. Choose another name.",
    "hs_bad_k": "Not created: the small-number threshold k must be a whole number from 1 to 100.",
    "hs_bad_framework": "Not created: the framework file is not valid: {reason}",
    "hs_no_file": "Not created: choose the framework file to upload, or another checklist.",
    "hs_bad_file_type": "Not created: the framework file must end in .yaml, .yml or .json.",
    # make the report and take it away
    "hs_take_title": "Make the report and take it away",
    "hs_take_text": "The report shows the views of both sides, the deliberation and the actions agreed. The workbook (JSON or Excel) holds everything recorded, everyone's answers and notes included: keep it within the partnership.",
    "hs_take_none": "No locality yet: create one above.",
    "hs_only_copy": "This is a temporary session: the files you download are the only copy. Nothing stays here after the session ends.",
    "hs_make_report": "Make the report of {place}",
    "hs_progress": "Report of {place}",
    "hs_step_notebook": "Step 1 of 3: running the report notebook of {place}…",
    "hs_step_pdf": "Step 2 of 3: the web page (HTML) is ready; printing the PDF…",
    "hs_report_done": "Step 3 of 3: the report of {place} is ready. Download it below.",
    "hs_no_pdf": "No PDF: this server has no Chromium to print it. Open the HTML report and print it to PDF from your browser.",
    "hs_report_failed": "The report could not be made: {reason}",
    "hs_dl_html": "Report (HTML)",
    "hs_dl_pdf": "Report (PDF)",
    "hs_dl_notebook": "Report notebook (.ipynb, with the data)",
    "hs_dl_json": "Workbook (JSON)",
    "hs_dl_xlsx": "Workbook (Excel)",
    "hs_downloads": "Downloads for {place}",
}
