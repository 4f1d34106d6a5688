"""One CSV row being translated: its warnings, its ``extra`` values, and how it is rejected."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from prevcat.evidence import Confidence
from prevcat.importers.base import ImportWarning
from prevcat.importers.csvio import TableRow

CONFIDENCE = {c.value: c for c in Confidence}

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class Rejected(Exception):
    """This row cannot be imported: ``field`` and ``reason`` go into the import report."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class Row:
    """A table row plus what translating it found: warnings and values kept verbatim."""

    def __init__(self, row: TableRow) -> None:
        self.row = row
        self.warnings: list[ImportWarning] = []
        self.extra: list[tuple[str, str]] = []

    def get(self, column: str) -> str:
        return self.row.get(column)

    def keep(self, column: str, value: str | None = None) -> None:
        """Keep a cell (or one value of it) verbatim in ``extra``."""
        text = self.get(column) if value is None else value
        if text:
            self.extra.append((column, text))

    def warn(self, column: str, value: str, message: str) -> None:
        self.warnings.append(ImportWarning(message, row=self.row.row, field=column, value=value))

    def unmapped(self, column: str, values: Iterable[str], what: str, *, store: bool = True) -> None:
        """Report values no table maps (and keep them in ``extra`` unless the whole cell is kept)."""
        for value in values:
            if store:
                self.keep(column, value)
            self.warn(column, value, f"no {what} for {value!r}; kept in extra")

    def confidence(self, column: str = "confidence") -> Confidence | None:
        """``high``/``medium``/``low``; anything else is kept in ``extra`` with a warning."""
        text = self.get(column)
        if not text:
            return None
        found = CONFIDENCE.get(text.casefold())
        if found is None:
            self.unmapped(column, [text], "confidence (expected high, medium or low)")
        return found

    def date(self, column: str) -> dt.date | None:
        """``2011-06-16`` or ``2017-07`` (the first of the month); anything else is reported."""
        text = self.get(column)
        if not text:
            return None
        match = _DATE.match(text)
        if match:
            year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
        self.warn(column, text, f"not a date (expected YYYY-MM-DD or YYYY-MM): {text!r}; kept in extra")
        return None
