"""Spreadsheets: reading .xlsx workbooks as tables, writing tables as .xlsx, telling formats apart.

* :func:`read_workbook` reads every sheet (openpyxl, read-only, cached values of formulas) into
  :class:`~prevcat.io.csv_read.Table` objects whose rows carry the sheet's own row numbers, so
  a problem names the sheet, the row and the column (:func:`cell_ref`).
* :func:`write_xlsx` writes named tables, one sheet each, every cell a value (never a formula);
  :func:`write_library_xlsx` writes a library that way (``prevcat export --format xlsx``).
* :func:`sniff_format` tells an .xlsx from the files people mistake for one (.xls, .ods, PDF,
  a zip archive) by their first bytes, so an importer can say what it cannot read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from attrs import frozen

from prevcat.catalogue import Catalogue, Library
from prevcat.errors import DataError
from prevcat.io.csv_export import CSV_COLUMNS, intervention_row
from prevcat.io.csv_read import Table, TableRow
from prevcat.io.tables import ProgrammeIndex, catalogues_of, library_tables

__all__ = [
    "UNREADABLE_FORMATS",
    "Sheet",
    "cell_ref",
    "column_letter",
    "read_workbook",
    "sniff_file",
    "sniff_format",
    "write_library_xlsx",
    "write_xlsx",
]

#: Formats recognised by their bytes but not read, with what to do instead.
UNREADABLE_FORMATS: dict[str, str] = {
    "xls": "an old Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice and save it as "
    ".xlsx or 'CSV UTF-8'",
    "ods": "an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV (LibreOffice: File > Save As)",
    "pdf": "a PDF document; prevcat reads tables, not documents: export the table as .xlsx or CSV",
    "zip": "a zip archive, not a workbook; unpack it and import the .xlsx or CSV file inside",
    "binary": "a binary file of unknown format; prevcat reads .xlsx, CSV and prevcat JSON",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@frozen
class Sheet:
    """One worksheet read as a table: ``table.rows[i].line`` is the sheet's row number."""

    name: str
    table: Table


def column_letter(index: int) -> str:
    """``A`` for 1, ``Z`` for 26, ``AA`` for 27."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, row: int, column: str | None = None, header: Sequence[str] = ()) -> str:
    """``sheet 'Metoder', row 5, column C (country)``: where a value is, in a user's words."""
    where = f"sheet {sheet!r}, row {row}"
    if column is not None and column in header:
        where += f", column {column_letter(list(header).index(column) + 1)} ({column})"
    elif column:
        where += f", column {column}"
    return where


def sniff_format(data: bytes, suffix: str = "") -> str:
    """The format of a file from its first bytes: ``xlsx``, ``xls``, ``ods``, ``pdf``, ``zip``,
    ``json``, ``binary`` or ``text`` (CSV and anything else that decodes as text)."""
    if data.startswith(_OLE2):
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "ignore")
                    if "opendocument" in mimetype:
                        return "ods"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        except zipfile.BadZipFile:
            return "zip"
        return "zip"
    head = data[:4096]
    # binary data (or UTF-16 without a byte-order mark) is full of NULs; a stray NUL in a text
    # file is the CSV reader's to report with its line
    if head.count(b"\x00") > max(8, len(head) // 100) and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")) and suffix.lower() in ("", ".json"):
        return "json"
    return "text"


def sniff_file(path: Path) -> str:
    """:func:`sniff_format` of a file on disk (a zip is read whole, to look inside; else 64 kB)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            rest = handle.read() if head.startswith(b"PK") else handle.read(65536)
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from exc
    return sniff_format(head + rest, path.suffix)


def _text(value: Any) -> str:
    """A cell's value as the text a user sees: ``12`` for 12.0, ISO dates, ``TRUE``/``FALSE``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_table(name: str, rows: Iterable[tuple[Any, ...]], file: str) -> Table | None:
    """One sheet as a table; None when the sheet is empty."""
    header: list[str] | None = None
    out: list[TableRow] = []
    number = 0
    for sheet_row, values in enumerate(rows, start=1):
        cells = [_text(v).strip() if header is None else _text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue  # blank rows are not rows
        if header is None:
            while cells and not cells[-1]:
                cells.pop()
            for index, column in enumerate(cells):
                if not column:
                    raise DataError(
                        f"{cell_ref(name, sheet_row, column_letter(index + 1))}: the header cell is empty",
                        file=file,
                    )
            repeated = sorted({c for c in cells if cells.count(c) > 1})
            if repeated:
                raise DataError(
                    f"{cell_ref(name, sheet_row)}: header repeats column(s) {', '.join(repeated)}", file=file
                )
            header = cells
            continue
        number += 1
        record = dict(zip(header, cells, strict=False))
        surplus = [c for c in cells[len(header):] if c.strip()]
        if surplus:
            record["__overflow__"] = " | ".join(surplus)
        out.append(TableRow(row=number, line=sheet_row, cells=record))
    if header is None:
        return None
    return Table(header=header, rows=out, encoding="xlsx", delimiter="")


def read_workbook(source: str | Path | IO[bytes]) -> tuple[Sheet, ...]:
    """Every non-empty sheet of an .xlsx workbook, in workbook order.

    Each sheet's first non-blank row is its header; blank rows are skipped; every other row
    is a :class:`TableRow` whose ``line`` is its row number in the sheet.  Raises
    :class:`DataError` for a file that is not an .xlsx workbook (naming what it is) or a
    sheet whose header has an empty or repeated column name (naming sheet, row and column).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(source, (str, Path)):
        file = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise DataError(f"cannot read file: {exc.strerror or exc}", file=file) from exc
    else:
        file = str(getattr(source, "name", "<stream>"))
        data = source.read()
    kind = sniff_format(data, Path(file).suffix)
    if kind != "xlsx":
        what = UNREADABLE_FORMATS.get(kind, "not an .xlsx workbook (it reads as text: is it a CSV file?)")
        raise DataError(f"cannot read this file as .xlsx: it is {what}", file=file)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(f"cannot read this .xlsx workbook: {exc}", file=file) from exc
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            table = _sheet_table(worksheet.title, worksheet.iter_rows(values_only=True), file)
            if table is not None:
                sheets.append(Sheet(worksheet.title, table))
    finally:
        workbook.close()
    if not sheets:
        raise DataError("the workbook has no sheet with a header row", file=file)
    return tuple(sheets)


def _cell_value(value: object) -> str | float | dt.datetime | None:
    if value is None or isinstance(value, (int, float, dt.datetime)):
        return value
    return _ILLEGAL.sub("\ufffd", str(value))


def write_xlsx(
    tables: Mapping[str, tuple[Sequence[str], Iterable[Sequence[object]]]], target: str | Path | IO[bytes]
) -> dict[str, int]:
    """Write ``{sheet: (columns, rows)}`` as a workbook, one sheet per table, header row bold
    and frozen.  Strings are stored as text, never as formulas (a cell ``=1+1`` stays ``=1+1``);
    control characters Excel refuses become U+FFFD.  Returns the rows written per sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    counts: dict[str, int] = {}
    bold = Font(bold=True)
    for title, (columns, rows) in tables.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        count = 0
        for row in rows:
            out = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_cell_value(value))
                if isinstance(value, str):
                    cell.data_type = "s"
                out.append(cell)
            sheet.append(out)
            count += 1
        counts[title] = count
    if isinstance(target, (str, Path)):
        workbook.save(str(target))
    else:
        buffer = io.BytesIO()
        workbook.save(buffer)
        target.write(buffer.getvalue())
    return counts


def write_library_xlsx(
    library: Library | Catalogue | Iterable[Catalogue],
    target: str | Path | IO[bytes],
    *,
    programmes: ProgrammeIndex | None = None,
) -> dict[str, int]:
    """Write a library as a workbook, one sheet per table.

    ``interventions`` has the CSV export's columns (one row per intervention, lists joined with
    `` | ``); ``ratings``, ``aliases``, ``targets``, ``extra`` and ``sources`` are the SQLite
    export's tables; ``programmes`` and ``variants`` are added when ``programmes`` is given.
    Returns the rows written per sheet.
    """
    catalogues = catalogues_of(library)
    tables = library_tables(catalogues, programmes)
    sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[object]]]] = {
        "interventions": (
            CSV_COLUMNS,
            [tuple(intervention_row(item).values()) for catalogue in catalogues for item in catalogue],
        ),
    }
    for name in ("ratings", "aliases", "targets", "extra", "sources"):
        sheets[name] = tables[name]
    if programmes is not None:
        sheets["programmes"] = tables["programmes"]
        sheets["variants"] = tables["variants"]
    return write_xlsx(sheets, target)
