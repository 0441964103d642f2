# ruff: noqa: E501
"""Error messages a participant or a facilitator can cause from a page, and the names
of the fields they speak of. A page shows them in its own language
(:func:`civicnb.i18n.error_text`); the command line prints the English."""

from __future__ import annotations

__all__ = ["ERROR_MESSAGES"]

ERROR_MESSAGES: dict[str, str] = {
    # {field} is the name of what was typed ("participant name"); the other values are numbers
    "err_too_long": "{field} is {length} characters long; the limit is {limit}: shorten it",
    "err_empty": "{field} must not be empty",
    "err_not_text": "{field} must be text",
    "err_nul": "{field} contains a NUL character; remove it and try again",
    # {code} is a character's code such as U+D800, {position} a number
    "err_bad_char": "{field} contains a character that is not valid text ({code} at position {position}; a lone surrogate or a non-character, e.g. from a file that was not UTF-8): remove it and try again",
    "err_not_number": "{field} must be a number",
    "err_not_finite": "{field} must be a finite number",
    # {text} is what the person typed
    "err_typed_number": "{field} must be a number (got '{text}'): type digits, e.g. 12.5",
    "err_round_date": "a round's date must be a date (YYYY-MM-DD)",
    "err_round_date_range": "a round's date must be between {earliest} and {latest} (got {date})",
    "err_round_date_order": "the new round's date {date} is before the date of the round before it ({before})",
    "err_round_label": "a round needs a label (e.g. 'Follow-up 2025')",
    "err_round_label_long": "a round's label has at most {limit} characters",
    "err_round_label_taken": "this locality already has a round labelled '{label}': choose another label",
    "err_theme_empty": "a theme needs some text",
    "err_unknown_link": "this participant link is not known here: join again from the start page",
    "err_other_locality_link": "this participant link belongs to another locality",
    "err_no_round": "the locality '{locality}' has no round yet",
    # uploading one's own workbook on a participant page
    "err_file_too_big": "{name}: the file is {size} MB; civicnb reads files of at most {limit} MB",
    "err_file_empty": "{name}: the file is empty",
    "err_not_utf8": "{name}: not UTF-8 text (bad byte at position {position}); save the file as UTF-8 and try again",
    "err_not_json": "{name}: not valid JSON at line {line}, column {column}; upload the file civicnb gave you, unchanged",
    "err_not_workbook": "{name}: this is not a civicnb workbook; upload a file downloaded with “Download my workbook”",
    "err_wb_other_locality": "this workbook is for the locality '{theirs}', not '{ours}': on this page you can only bring back your own answers for this locality",
    "err_wb_other_person": "this workbook holds another participant's answers: on this page you can only bring back your own (the facilitator imports whole workbooks)",
    "err_wb_room": "this workbook holds the room's records: on this page you can only bring back your own answers (the facilitator imports whole workbooks)",
    "err_wb_rounds": "this workbook has rounds this workspace does not know: '{label}'",
    # names given in a list (organisations, stakeholder groups); {name} is one of them
    "err_name_long": "{field}: '{name}…' is longer than {limit} characters",
    "err_name_twice": "{field}: '{name}' is given twice; give each name once",
    "err_names_many": "{field}: at most {limit} (got {count})",
    "err_no_participant": "this page has no participant yet: open it from the start page",
    # the names of fields, as {field} in the messages above
    "field_participant_name": "participant name",
    "field_evidence_note": "evidence note",
    "field_would_help": "'what would help'",
    "field_locality_name": "locality name",
    "field_country": "country",
    "field_round_label": "round label",
    "field_organisation_name": "organisation name",
    "field_narrative": "narrative",
    "field_outcome_title": "outcome title",
    "field_outcome_description": "outcome description",
    "field_indicator": "indicator",
    "field_unit": "unit",
    "field_activity_title": "activity title",
    "field_activity_description": "activity description",
    "field_activity_lead": "activity lead",
    "field_action": "action",
    "field_action_owner": "action owner",
    "field_screening_notes": "screening notes",
    "field_asset_description": "asset description",
    "field_table": "table",
    "field_harvest_note": "harvest note",
    "field_theme": "theme",
    "field_stakeholder_group": "stakeholder group",
    "field_outreach_note": "outreach note",
    "field_celebration": "celebration",
    "field_facilitator_name": "facilitator name",
    "field_organisations_LA": "organisations of the LA side",
    "field_organisations_CSO": "organisations of the CSO side",
    "field_stakeholder_groups": "expected stakeholder groups",
    "field_recorded_by": "recorded by (the facilitator's name)",
}
