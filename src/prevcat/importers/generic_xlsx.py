"""The generic importer's .xlsx reading: every sheet, every row accounted for, problems located.

Each sheet whose header has the required columns (directly or through the column mapping) is read
like a CSV file; rows of any other sheet are rejected naming the sheet, so ``rows_read`` counts
every row of the workbook.  Rejections name the sheet, the row and the column
(``sheet 'Metoder', row 4, column D (country): 'XX' is not an ISO ...``).  Ids must be unique
across the whole workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from prevcat.errors import DataError
from prevcat.importers.base import ImportResult, RejectedRow
from prevcat.io.xlsx import cell_ref, read_workbook
from prevcat.model import Intervention

if TYPE_CHECKING:
    from prevcat.importers.generic import GenericImporter

__all__ = ["CellRejected", "read_xlsx"]


class CellRejected(Exception):
    """A row the generic importer rejects, with the standard column (``field``) to blame."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason



def read_xlsx(importer: GenericImporter, source: Path | IO[bytes], name: str) -> ImportResult:
    """Read a workbook with ``importer``'s source key, column mapping and scales."""
    key, warnings = importer._key_for(name)
    sheets = read_workbook(source)
    interventions: list[Intervention] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, str] = {}
    number = 0
    readable = 0
    first_error: DataError | None = None
    for sheet in sheets:
        table = sheet.table
        try:
            columns, others = importer._columns(table.header, f"{name} [sheet {sheet.name!r}]")
        except DataError as exc:
            first_error = first_error or exc
            columns, others = {}, []
        else:
            readable += 1
        for row in table:
            number += 1
            native = row.get(columns["id"]) if columns else ""
            here = cell_ref(sheet.name, row.line)
            try:
                if not columns:
                    raise CellRejected("", f"{here}: sheet {sheet.name!r} has no id and name columns "
                                      f"(its columns: {', '.join(table.header)})")
                if "__overflow__" in row.cells:
                    raise CellRejected("", f"{here}: cells beyond the header's {len(table.header)} columns: "
                                      f"{row.cells['__overflow__']!r}")
                if native in seen:
                    where = cell_ref(sheet.name, row.line, columns["id"], table.header)
                    raise CellRejected("id", f"{where}: duplicate id {native!r} (first at {seen[native]})")
                item = importer._intervention(key, row, columns, others)
            except CellRejected as exc:
                column = columns.get(exc.field, exc.field) if exc.field else None
                reason = exc.reason if exc.reason.startswith("sheet ") else (
                    f"{cell_ref(sheet.name, row.line, column, table.header)}: {exc.reason}"
                )
                rejected.append(RejectedRow(
                    row=number, line=row.line, field=exc.field or None, reason=reason,
                    native_id=native or None,
                ))
                continue
            seen[native] = cell_ref(sheet.name, row.line)
            interventions.append(item)
    if not readable and first_error is not None:
        raise first_error
    return importer._result(key, name, number, interventions, rejected, warnings)
