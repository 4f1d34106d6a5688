"""Reading portfolio files (TOML): every problem reported at once, each with its entry, field and line.

The format is documented in ``docs/portfolios.md``.  Unknown keys are errors, so that a
misspelt field never vanishes silently.
"""

from __future__ import annotations

import difflib
import enum
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from prevcat.countries import ISO_3166_ALPHA2
from prevcat.errors import DataError, DataErrors
from prevcat.evidence import Confidence
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance, Target
from prevcat.portfolio_model import LocalClassification, Portfolio, PortfolioEntry

__all__ = ["METHOD_KEYS", "PORTFOLIO_KEYS", "load_portfolio", "parse_portfolio"]

#: keys allowed at the top level of a portfolio file
PORTFOLIO_KEYS: tuple[str, ...] = ("city", "country", "language", "year", "source", "sources", "methods")
_CLASSIFICATION_KEYS: tuple[str, ...] = (
    "domains", "levels", "ages", "min_age", "max_age", "settings", "substances",
)
#: keys allowed in a ``[[methods]]`` table
METHOD_KEYS: tuple[str, ...] = (
    "name", "intervention", "local", *_CLASSIFICATION_KEYS,
    "same_as", "since", "reach", "note", "source", "sources", "confidence",
)

_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*:\S+$")
_AGES_RE = re.compile(r"^\s*(\d{1,3})\s*(?:(-|–|—)\s*(\d{1,3})|(\+))?\s*$")
_TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_HEADER_RE = re.compile(r"^\s*\[")
_METHODS_HEADER_RE = re.compile(r"""^\s*\[\[\s*(?:methods|"methods"|'methods')\s*\]\]""")

E = TypeVar("E", bound=enum.Enum)


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


class _Collector:
    def __init__(self, file: str | None, lines: _Lines) -> None:
        self.file = file
        self.lines = lines
        self.errors: list[DataError] = []

    def top(self, key: str, message: str) -> None:
        line = self.lines.top(key)
        self.errors.append(DataError(message, file=self.file, line=line, path=key))

    def entry(self, index: int, key: str | None, message: str) -> None:
        path = f"methods[{index}]" + (f".{key}" if key else "")
        line = self.lines.entry(index, key)
        self.errors.append(DataError(message, file=self.file, line=line, path=path))


def _type_name(value: object) -> str:
    return {
        bool: "a boolean", int: "an integer", float: "a number", str: "a string",
        list: "a list", dict: "a table",
    }.get(type(value), type(value).__name__)


def _unknown_key_message(key: str, allowed: Sequence[str]) -> str:
    near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown key {key!r}{hint} (allowed: {', '.join(allowed)})"


def _enum_value(enum_cls: type[E], value: object, what: str) -> E | str:
    """The member for ``value`` (case, spaces and dashes forgiven), or an error message."""
    if isinstance(value, str):
        key = re.sub(r"[\s-]+", "_", value.strip().casefold())
        for member in enum_cls:
            if member.value == key:
                return member
    expected = ", ".join(str(m.value) for m in enum_cls)
    return f"{value!r} is not {what}; expected one of {expected}"


def _enum_list(
    enum_cls: type[E], raw: object, what: str, report: Callable[[str], None]
) -> list[E]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        report(f"expected a list of strings, got {_type_name(raw)}")
        return []
    out: list[E] = []
    for item in items:
        member = _enum_value(enum_cls, item, what)
        if isinstance(member, str):
            report(member)
        elif member not in out:
            out.append(member)
    return out


def _string_list(raw: object, report: Callable[[str], None]) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        report(f"expected a string or a list of strings, got {_type_name(raw)}")
        return []
    out: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            report(f"item {i}: expected a non-empty string, got {item!r}")
        elif item.strip() not in out:
            out.append(item.strip())
    return out


def _text(raw: object, report: Callable[[str], None], *, numbers: bool = False) -> str | None:
    if isinstance(raw, str):
        return raw.strip() or None
    if numbers and isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    report(f"expected {'a string or a number' if numbers else 'a string'}, got {_type_name(raw)}")
    return None


def _age(raw: object, report: Callable[[str], None]) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int):
        report(f"expected a whole number of years, got {_type_name(raw)}")
        return None
    if not 0 <= raw <= 120:
        report(f"must be 0..120, got {raw}")
        return None
    return raw


def _parse_ages(raw: object, report: Callable[[str], None]) -> AgeRange | None:
    if not isinstance(raw, str):
        report(f"expected a string such as '13-17', '18+' or '16', got {_type_name(raw)}")
        return None
    match = _AGES_RE.match(raw)
    if not match:
        report(f"{raw!r} is not an age band; write e.g. '13-17', '18+' or '16'")
        return None
    low = int(match.group(1))
    high: int | None = int(match.group(3)) if match.group(3) else (None if match.group(4) else low)
    if low > 120 or (high is not None and not low <= high <= 120):
        report(f"{raw!r} is not an age band within 0..120 with the lower age first")
        return None
    return AgeRange(low, high)


def _classification(
    data: Mapping[str, Any], report: Callable[[str | None, str], None]
) -> LocalClassification | None:
    present = [k for k in _CLASSIFICATION_KEYS if k in data]
    local = data.get("local")
    if not present and local is not True:
        return None

    def at(key: str) -> Callable[[str], None]:
        return lambda message: report(key, message)

    domains = _enum_list(Domain, data["domains"], "a domain", at("domains")) if "domains" in data else []
    levels = (
        _enum_list(PreventionLevel, data["levels"], "a prevention level", at("levels"))
        if "levels" in data else []
    )
    settings = (
        _enum_list(Setting, data["settings"], "a setting", at("settings")) if "settings" in data else []
    )
    substances = (
        _enum_list(Substance, data["substances"], "a substance", at("substances"))
        if "substances" in data else []
    )
    ages = AgeRange()
    if "ages" in data and ("min_age" in data or "max_age" in data):
        report("ages", "give either ages or min_age/max_age, not both")
    elif "ages" in data:
        ages = _parse_ages(data["ages"], at("ages")) or AgeRange()
    elif "min_age" in data or "max_age" in data:
        low = _age(data["min_age"], at("min_age")) if "min_age" in data else None
        high = _age(data["max_age"], at("max_age")) if "max_age" in data else None
        if low is not None and high is not None and low > high:
            report("min_age", f"min_age {low} is greater than max_age {high}")
        else:
            ages = AgeRange(low, high)
    target = Target(levels=levels, ages=ages, settings=settings, substances=substances)
    return LocalClassification(domains=domains, target=target)


def _entry(index: int, data: object, errors: _Collector) -> PortfolioEntry | None:
    def report(key: str | None, message: str) -> None:
        errors.entry(index, key, message)

    def at(key: str) -> Callable[[str], None]:
        return lambda message: report(key, message)

    if not isinstance(data, dict):
        report(None, f"expected a table, got {_type_name(data)}")
        return None
    for key in data:
        if key not in METHOD_KEYS:
            report(key, _unknown_key_message(key, METHOD_KEYS))
    name: str | None = None
    if "name" not in data:
        report(None, "missing required key 'name' (the method as the city writes it)")
    elif not isinstance(data["name"], str) or not data["name"].strip():
        report("name", f"expected a non-empty string, got {data['name']!r}")
    else:
        name = data["name"].strip()
    intervention: str | None = None
    if "intervention" in data:
        raw = data["intervention"]
        if not isinstance(raw, str) or not _ID_RE.match(raw.strip()):
            report("intervention", f"{raw!r} is not an intervention id; expected '<source>:<id>', "
                   "e.g. 'xchange:effekt-orebro-pas'")
        else:
            intervention = raw.strip()
    local = data.get("local")
    if "local" in data and not isinstance(local, bool):
        report("local", f"expected true or false, got {_type_name(local)}")
    classification = _classification(data, report)
    if intervention and (classification is not None or local is True):
        report("intervention", "an entry pinned to a registry intervention cannot also be declared local "
               f"(remove 'intervention' or the local keys: local, {', '.join(_CLASSIFICATION_KEYS)})")
    if local is False and classification is not None:
        report("local", "classification keys declare the entry local; remove 'local = false'")
    sources: list[str] = []
    for key in ("source", "sources"):
        if key in data:
            sources += [s for s in _string_list(data[key], at(key)) if s not in sources]
    confidence: Confidence | None = None
    if "confidence" in data:
        found = _enum_value(Confidence, data["confidence"], "a confidence")
        if isinstance(found, str):
            report("confidence", found)
        else:
            confidence = found
    since = _text(data["since"], at("since"), numbers=True) if "since" in data else None
    reach = _text(data["reach"], at("reach"), numbers=True) if "reach" in data else None
    note = _text(data["note"], at("note")) if "note" in data else None
    same_as = _text(data["same_as"], at("same_as")) if "same_as" in data else None
    if same_as and intervention:
        report("same_as", "a pinned entry is already shared through its registry method; "
               "same_as is for local methods")
    if name is None:
        return None
    return PortfolioEntry(
        name=name,
        intervention=intervention,
        classification=classification,
        same_as=same_as,
        since=since,
        reach=reach,
        note=note,
        sources=tuple(sources),
        confidence=confidence,
    )


def parse_portfolio(data: Mapping[str, Any], *, file: str | None = None, text: str = "") -> Portfolio:
    """A :class:`Portfolio` from parsed TOML; raises :class:`DataErrors` listing every problem.

    ``text`` (the file's source) lets messages give line numbers.
    """
    errors = _Collector(file, _Lines(text))
    for key in data:
        if key not in PORTFOLIO_KEYS:
            errors.top(key, _unknown_key_message(key, PORTFOLIO_KEYS))

    def at(key: str) -> Callable[[str], None]:
        return lambda message: errors.top(key, message)

    city = _text(data["city"], at("city")) if "city" in data else None
    if "city" not in data:
        errors.top("city", "missing required key 'city'")
    elif city is None and isinstance(data["city"], str):
        errors.top("city", "must not be empty")
    country: str | None = None
    if "country" not in data:
        errors.top("country", "missing required key 'country' (ISO 3166-1 alpha-2, e.g. 'SE', 'NO')")
    elif not isinstance(data["country"], str) or data["country"].strip().upper() not in ISO_3166_ALPHA2:
        errors.top(
            "country", f"{data['country']!r} is not an ISO 3166-1 alpha-2 code (expected e.g. 'SE', 'NO')"
        )
    else:
        country = data["country"].strip().upper()
    language: str | None = None
    if "language" in data:
        raw = data["language"]
        if not isinstance(raw, str) or not _LANG_RE.match(raw.strip()):
            errors.top("language", f"{raw!r} is not a language tag (expected e.g. 'sv', 'nb', 'da')")
        else:
            language = raw.strip()
    year: int | None = None
    if "year" in data:
        raw = data["year"]
        if isinstance(raw, bool) or not isinstance(raw, int) or not 1900 <= raw <= 2100:
            errors.top("year", f"expected a year such as 2024, got {raw!r}")
        else:
            year = raw
    sources: list[str] = []
    for key in ("source", "sources"):
        if key in data:
            sources += [s for s in _string_list(data[key], at(key)) if s not in sources]
    entries: list[PortfolioEntry] = []
    methods = data.get("methods")
    if methods is None:
        errors.top("methods", "no methods: add one [[methods]] table per method")
    elif not isinstance(methods, list):
        errors.top("methods", f"expected [[methods]] tables, got {_type_name(methods)}")
    else:
        seen: dict[str, int] = {}
        for index, raw_entry in enumerate(methods):
            entry = _entry(index, raw_entry, errors)
            if entry is None:
                continue
            if entry.name in seen:
                first = seen[entry.name]
                errors.entry(index, "name", f"{entry.name!r} is listed twice (also methods[{first}])")
                continue
            seen[entry.name] = index
            entries.append(entry)
    if errors.errors:
        where = file or "portfolio"
        ordered = sorted(errors.errors, key=lambda e: (e.line is None, e.line or 0))
        raise DataErrors(ordered, summary=f"{where}: {len(errors.errors)} problem(s) found")
    assert city is not None and country is not None
    return Portfolio(
        city=city,
        country=country,
        language=language,
        year=year,
        sources=tuple(sources),
        entries=tuple(entries),
        file=file,
    )


def _one(error: DataError) -> DataErrors:
    return DataErrors([error], summary=f"{error.file}: 1 problem found")


def load_portfolio(path: str | Path) -> Portfolio:
    """Read a portfolio file (TOML, UTF-8); raises :class:`DataErrors` listing every problem."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _one(DataError(f"cannot read the file: {exc.strerror or exc}", file=file)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _one(DataError("not UTF-8 text; save the file as UTF-8", file=file, line=line)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        pos = _TOML_POS_RE.search(message)
        at_line = int(pos.group(1)) if pos else None
        message = _TOML_POS_RE.sub("", message)
        raise _one(DataError(f"not valid TOML: {message}", file=file, line=at_line)) from None
    return parse_portfolio(data, file=file, text=text)
