"""Reading portfolio files (TOML): every problem reported at once, each with its entry, field and line.

The format is documented in ``docs/portfolios.md``; it is structured by the cattrs converter of
:mod:`prevcat.portfolio.wire`.  Unknown keys are errors, so that a misspelt field never vanishes
silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cattrs.errors import ClassValidationError

from prevcat.errors import DataError, DataErrors
from prevcat.io.locations import cattrs_messages
from prevcat.io.toml_read import read_toml
from prevcat.model import AgeRange, Target
from prevcat.portfolio.model import LocalClassification, Portfolio, PortfolioEntry
from prevcat.portfolio.wire import (
    AT,
    CLASSIFICATION_KEYS,
    METHOD_KEYS,
    MISSING_NAME,
    PORTFOLIO_KEYS,
    MethodWire,
    MissingKeyError,
    PortfolioWire,
    toml_converter,
)

__all__ = ["METHOD_KEYS", "PORTFOLIO_KEYS", "load_portfolio", "parse_portfolio"]

_HEADER_RE = re.compile(r"^\s*\[")
_METHODS_HEADER_RE = re.compile(r"""^\s*\[\[\s*(?:methods|"methods"|'methods')\s*\]\]""")
_ENTRY_PATH_RE = re.compile(r"^methods\[(\d+)\](?:\.(.+))?$")


class _Lines:
    """Cheap line lookup: the line of a top-level key, of a ``[[methods]]`` entry or of a key in it."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers = [i for i, line in enumerate(self._lines) if _HEADER_RE.match(line)]
        self._methods = [i for i, line in enumerate(self._lines) if _METHODS_HEADER_RE.match(line)]

    def _find(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
        for i in range(start, min(end, len(self._lines))):
            if pattern.match(self._lines[i]):
                return i + 1
        return None

    def top(self, key: str) -> int | None:
        end = self._headers[0] if self._headers else len(self._lines)
        return self._find(key, 0, end)

    def entry(self, index: int, key: str | None = None) -> int | None:
        if index >= len(self._methods):
            return None
        start = self._methods[index]
        if key is None:
            return start + 1
        end = next((h for h in self._headers if h > start), len(self._lines))
        return self._find(key, start + 1, end) or self._find("name", start + 1, end) or start + 1


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, (ValueError, MissingKeyError)) and str(exc):
        return str(exc)
    return f"invalid value ({type(exc).__name__})"


def _line(path: str, lines: _Lines) -> int | None:
    match = _ENTRY_PATH_RE.match(path)
    if match:
        return lines.entry(int(match.group(1)), match.group(2))
    return lines.top(path)


def _classification(wire: MethodWire) -> LocalClassification | None:
    if not any(getattr(wire, key) is not None for key in CLASSIFICATION_KEYS) and wire.local is not True:
        return None
    ages = wire.ages or AgeRange(wire.min_age, wire.max_age)
    target = Target(
        levels=wire.levels or (), ages=ages, settings=wire.settings or (), substances=wire.substances or ()
    )
    return LocalClassification(domains=wire.domains or (), target=target)


def _merged(*groups: tuple[str, ...] | None) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out += [s for s in group or () if s not in out]
    return tuple(out)


def _entry(wire: MethodWire) -> PortfolioEntry:
    return PortfolioEntry(
        name=wire.name,
        intervention=wire.intervention,
        classification=_classification(wire),
        same_as=wire.same_as,
        since=wire.since,
        reach=wire.reach,
        note=wire.note,
        sources=_merged(wire.source, wire.sources),
        confidence=wire.confidence,
    )


def parse_portfolio(data: Mapping[str, Any], *, file: str | None = None, text: str = "") -> Portfolio:
    """A :class:`Portfolio` from parsed TOML; raises :class:`DataErrors` listing every problem.

    ``text`` (the file's source) lets messages give line numbers.
    """
    try:
        wire = toml_converter.structure(data, PortfolioWire)
    except ClassValidationError as exc:
        lines = _Lines(text)
        errors = []
        for path, body in cattrs_messages(exc, _format_exception):
            if body == MISSING_NAME:
                path = path.removesuffix(".name")  # a problem of the entry, located at its header
            if path.endswith("]."):
                path = path[:-1]  # an unknown key '' in an entry
            path = path.replace(AT, "@")
            errors.append(DataError(body, file=file, line=_line(path, lines), path=path))
        where = file or "portfolio"
        ordered = sorted(errors, key=lambda e: (e.line is None, e.line or 0))
        raise DataErrors(ordered, summary=f"{where}: {len(errors)} problem(s) found") from None
    return Portfolio(
        city=wire.city,
        country=wire.country,
        language=wire.language,
        year=wire.year,
        plan_domains=wire.plan_domains or (),
        sources=_merged(wire.source, wire.sources),
        entries=tuple(_entry(method) for method in wire.methods),
        file=file,
    )


def load_portfolio(path: str | Path) -> Portfolio:
    """Read a portfolio file (TOML, UTF-8); raises :class:`DataErrors` listing every problem."""
    data, text = read_toml(path)  # unreadable, not UTF-8, not TOML, nested too deep: one located error
    return parse_portfolio(data, file=str(path), text=text)
