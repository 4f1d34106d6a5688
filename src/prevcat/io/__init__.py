"""Wire formats: prevcat JSON (in and out), CSV export (plain and Excel flavour), .xlsx (in and out),
SQLite export for datasette (and read-back).

One cattrs converter per format (:data:`prevcat.io.json_format.json_converter` for prevcat JSON);
CSV and SQLite are flat exports built from the same records.  Reading a user's CSV table lives in
:mod:`prevcat.io.csv_read`; locating an error (file, line, field path) in :mod:`prevcat.io.locations`.
"""

from __future__ import annotations

from prevcat.io.csv_export import (
    CSV_COLUMNS,
    MULTI_SEPARATOR,
    decimal_separator,
    dumps_csv,
    excel_delimiter,
    intervention_row,
    neutralise_cell,
    write_csv,
)
from prevcat.io.json_format import (
    CATALOGUE_KIND,
    JSON_FORMAT_VERSION,
    LIBRARY_KIND,
    dump_catalogue,
    dumps_catalogue,
    dumps_library,
    json_converter,
    load_catalogue,
    loads_catalogue,
    loads_library,
    unstructure_catalogue,
)
from prevcat.io.locations import cattrs_messages
from prevcat.io.sqlite import FTS_TABLE, SQLITE_SCHEMA, read_sqlite, write_sqlite
from prevcat.io.tables import Group, ProgrammeIndex, library_tables
from prevcat.io.xlsx import read_workbook, sniff_format, write_library_xlsx, write_xlsx

__all__ = [
    "CATALOGUE_KIND",
    "CSV_COLUMNS",
    "FTS_TABLE",
    "JSON_FORMAT_VERSION",
    "LIBRARY_KIND",
    "MULTI_SEPARATOR",
    "SQLITE_SCHEMA",
    "Group",
    "ProgrammeIndex",
    "cattrs_messages",
    "decimal_separator",
    "dump_catalogue",
    "dumps_catalogue",
    "dumps_csv",
    "dumps_library",
    "excel_delimiter",
    "intervention_row",
    "json_converter",
    "library_tables",
    "load_catalogue",
    "loads_catalogue",
    "loads_library",
    "neutralise_cell",
    "read_sqlite",
    "read_workbook",
    "sniff_format",
    "unstructure_catalogue",
    "write_csv",
    "write_library_xlsx",
    "write_sqlite",
    "write_xlsx",
]
