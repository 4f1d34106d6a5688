"""Reading spreadsheets as Excel writes them: encodings, delimiters, line numbers.

* UTF-8 with or without a byte-order mark is read as is.
* A file that is not valid UTF-8 but decodes as Windows-1252 (old Excel on Windows) is read
  with a warning naming the encoding, so that "Föräldrar" never turns into mojibake.
* Comma, semicolon (Swedish and German Excel) and tab delimiters are detected from the header.
* Byte-order marks (U+FEFF) are removed wherever they are: at the start (even doubled), at
  the start of a cell or row (two exports joined into one file), with a warning counting them.
* Column names are unique ignoring case (``id`` and ``ID`` would make one of them vanish).
* A data row that repeats the header (two exports joined) is marked, for the importer to
  reject with its line.
* A cell longer than :data:`MAX_CELL` characters (usually a missing closing quote) is an
  error naming its line, so no single field grows without bound.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from attrs import field, frozen

from prevcat.errors import DataError


@frozen
class TableRow:
    """One data row: its 1-based number (header is row 0), first physical line, and cells."""

    row: int
    line: int
    cells: dict[str, str]
    repeats_header: bool = False
    """The row's cells are the header's column names (a second file's header)."""

    def get(self, column: str) -> str:
        """The cell stripped of surrounding space; empty string when missing."""
        return (self.cells.get(column) or "").strip()


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _row_tuple(values: Iterable[TableRow]) -> tuple[TableRow, ...]:
    return tuple(values)


@frozen
class Table:
    """A parsed CSV file."""

    header: tuple[str, ...] = field(converter=_str_tuple)
    rows: tuple[TableRow, ...] = field(converter=_row_tuple)
    encoding: str
    delimiter: str
    warnings: tuple[str, ...] = field(default=(), converter=_str_tuple)

    def __iter__(self) -> Iterator[TableRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


#: the longest cell read, in characters (Python's csv default limit, 128 Ki)
MAX_CELL = csv.field_size_limit()

_FIELD_LIMIT = re.compile(r"field larger than field limit")


def _read_bytes(source: str | Path | IO[str] | IO[bytes]) -> tuple[bytes | str, str]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise DataError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from exc
    name = str(getattr(source, "name", "<stream>"))
    return source.read(), name


def decode(data: bytes, *, file: str | None = None) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (BOM allowed), else Windows-1252 with a warning.

    Returns ``(text, encoding, warnings)``.  Raises :class:`DataError` when neither fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError as exc:
            line = data[: exc.start + 3].count(b"\n") + 1
            raise DataError(
                "the file starts as UTF-8 (with a byte-order mark) but this line is not UTF-8: "
                "were files of two encodings joined? Save it as 'CSV UTF-8' and try again",
                file=file, line=line,
            ) from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise DataError(
                f"the file starts as UTF-16 but is not UTF-16 at byte {exc.start}; "
                "save it as 'CSV UTF-8' and try again",
                file=file,
            ) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise DataError(
            "file is neither UTF-8 nor Windows-1252; save it as 'CSV UTF-8' and try again",
            file=file,
            line=line,
        ) from utf8_error
    line = data[: utf8_error.start].count(b"\n") + 1
    return (
        text,
        "cp1252",
        [
            f"file is not UTF-8 (first non-UTF-8 byte on line {line}); read it as Windows-1252. "
            "Save as 'CSV UTF-8' to avoid this warning."
        ],
    )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: the most frequent of ``;``, ``,`` and tab outside quotes."""
    counts = {d: 0 for d in (",", ";", "\t")}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(
    source: str | Path | IO[str] | IO[bytes], *, delimiter: str | None = None
) -> Table:
    """Read a CSV file into a :class:`Table` with row and line numbers.

    Raises :class:`DataError` (with file and line) for an unreadable file, an empty file,
    a header with empty or repeated column names, or broken quoting.
    """
    raw, name = _read_bytes(source)
    if isinstance(raw, bytes):
        text, encoding, warnings = decode(raw, file=name)
    else:
        text, encoding, warnings = raw.removeprefix("\ufeff"), "utf-8", []
    del raw  # the text alone from here on: memory stays about twice the file's size
    text, bom_warning = _without_boms(text)
    warnings += bom_warning
    if not text or text.isspace():
        raise DataError("file is empty; expected a header row", file=name)
    end = text.find("\n")
    first_line = text[: end if end >= 0 else len(text)]
    delim = delimiter or sniff_delimiter(first_line)
    reader = csv.reader(_lines(text), delimiter=delim, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise _parse_error(exc, name, 1, "cannot parse header") from exc
    _check_header(header, name)
    folded_header = [h.casefold() for h in header]
    rows: list[TableRow] = []
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _parse_error(exc, name, line, "cannot parse CSV") from exc
        if not any(c.strip() for c in cells):
            continue  # blank lines are not rows
        number += 1
        record = dict(zip(header, cells, strict=False))
        if len(cells) > len(header):
            record["__overflow__"] = delim.join(cells[len(header):])
        repeats = len(cells) == len(header) and [c.strip().casefold() for c in cells] == folded_header
        rows.append(TableRow(row=number, line=line, cells=record, repeats_header=repeats))
    return Table(header=header, rows=rows, encoding=encoding, delimiter=delim, warnings=warnings)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings (CR LF, CR or LF), one at a time.

    What ``io.StringIO(text, newline="")`` gives, without its copy of the whole text in four
    bytes per character: a 100 MB cell costs the text and that one line, not five times the file.
    """
    for match in _LINE.finditer(text):
        yield match.group()


def _without_boms(text: str) -> tuple[str, list[str]]:
    """``text`` without any U+FEFF, and a warning saying how many were removed and where."""
    first = text.find("\ufeff")
    if first < 0:
        return text, []
    count = text.count("\ufeff")
    line = text.count("\n", 0, first) + 1
    hint = "; were two files joined into one?" if line > 1 else " (a repeated byte-order mark)"
    return text.replace("\ufeff", ""), [
        f"removed {count} byte-order mark(s) (U+FEFF) from the cells, the first on line {line}{hint}"
    ]


def _check_header(header: list[str], name: str) -> None:
    for index, column in enumerate(header):
        if not column:
            raise DataError(f"column {index + 1} of the header has no name", file=name, line=1)
    seen: dict[str, int] = {}
    repeated: list[str] = []
    for index, column in enumerate(header):
        first = header[seen.setdefault(column.casefold(), index)]
        if seen[column.casefold()] != index:
            pair = f"{first!r} and {column!r}" if first != column else repr(column)
            if pair not in repeated:
                repeated.append(pair)
    if repeated:
        raise DataError(
            f"header repeats column(s) {', '.join(repeated)} (names are compared ignoring case); "
            "rename or remove one of each",
            file=name, line=1,
        )


def _parse_error(exc: csv.Error, name: str, line: int, what: str) -> DataError:
    if _FIELD_LIMIT.search(str(exc)):
        return DataError(
            f"{what}: a cell is longer than {MAX_CELL:,} characters (prevcat's limit); a quote (\") "
            "opened and never closed makes one, so check the quotes from this line on",
            file=name, line=line,
        )
    return DataError(f"{what}: {exc}", file=name, line=line)
