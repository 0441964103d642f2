"""Exchange formats: workbook JSON (lossless), tidy CSV, XLSX."""

from civicnb.exchange.tables import write_csv, write_shared_csv, write_xlsx
from civicnb.exchange.workbook import (
    MAX_FILE_BYTES,
    SCHEMA_VERSION,
    load_workbook,
    workbook_schema,
    workbook_to_dict,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "load_workbook",
    "workbook_schema",
    "workbook_to_dict",
    "write_csv",
    "write_shared_csv",
    "write_xlsx",
]
