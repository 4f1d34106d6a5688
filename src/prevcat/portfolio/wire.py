"""The portfolio TOML wire format: wire classes and the one cattrs converter that structures them.

Every field has a structure hook that checks and normalises it with a message for the user;
rules across fields (``intervention`` vs local keys, ``ages`` vs ``min_age``/``max_age``, ...)
and repeated names are checked by the hooks of a method entry and of the methods list, so that
one structuring call reports every problem in a file.

This module is long because it is the whole portfolio wire format: every field's hook with the
message a user reads, and the one converter; loading and resolving live beside it.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NewType, TypeVar

import cattrs
from attrs import fields, fields_dict, frozen
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from prevcat.countries import ISO_3166_ALPHA2
from prevcat.evidence import Confidence
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance

__all__ = [
    "AT", "CLASSIFICATION_KEYS", "METHOD_KEYS", "MISSING_NAME", "PORTFOLIO_KEYS", "MethodWire",
    "MissingKeyError", "PortfolioWire", "toml_converter", "type_name", "unknown_key_message",
]

#: keys allowed at the top level of a portfolio file
PORTFOLIO_KEYS: tuple[str, ...] = (
    "city", "country", "language", "year", "plan_domains", "source", "sources", "methods",
)
CLASSIFICATION_KEYS: tuple[str, ...] = (
    "domains", "levels", "ages", "min_age", "max_age", "settings", "substances",
)
#: keys allowed in a ``[[methods]]`` table
METHOD_KEYS: tuple[str, ...] = (
    "name", "intervention", "local", *CLASSIFICATION_KEYS,
    "same_as", "since", "reach", "note", "source", "sources", "confidence",
)

_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*:\S+$")
_AGES_RE = re.compile(r"^\s*(\d{1,3})\s*(?:(-|–|—)\s*(\d{1,3})|(\+))?\s*$")

E = TypeVar("E", bound=enum.Enum)
#: what the hooks raise for bad input (anything else is a defect and propagates)
_PROBLEMS = (ValueError, KeyError, ClassValidationError, IterableValidationError)

City = NewType("City", str)
Country = NewType("Country", str)
Language = NewType("Language", str)
Year = NewType("Year", int)
Sources = NewType("Sources", tuple[str, ...])
Name = NewType("Name", str)
InterventionId = NewType("InterventionId", str)
Local = NewType("Local", bool)
Domains = NewType("Domains", tuple[Domain, ...])
Levels = NewType("Levels", tuple[PreventionLevel, ...])
Settings = NewType("Settings", tuple[Setting, ...])
Substances = NewType("Substances", tuple[Substance, ...])
Ages = NewType("Ages", AgeRange)
Age = NewType("Age", int)
Text = NewType("Text", str)
TextOrNumber = NewType("TextOrNumber", str)


@frozen
class MethodWire:
    """One ``[[methods]]`` table as written; absent keys are ``None``."""

    name: Name
    intervention: InterventionId | None = None
    local: Local | None = None
    domains: Domains | None = None
    levels: Levels | None = None
    settings: Settings | None = None
    substances: Substances | None = None
    ages: Ages | None = None
    min_age: Age | None = None
    max_age: Age | None = None
    source: Sources | None = None
    sources: Sources | None = None
    confidence: Confidence | None = None
    since: TextOrNumber | None = None
    reach: TextOrNumber | None = None
    note: Text | None = None
    same_as: Text | None = None


#: the order in which a method's problems are listed (fields, then rules across fields after them)
_RANK = {name: float(i) for i, name in enumerate(fields_dict(MethodWire))}

Methods = NewType("Methods", tuple[MethodWire, ...])


@frozen
class PortfolioWire:
    """A portfolio file as written; absent keys are ``None``."""

    city: City
    country: Country
    language: Language | None = None
    year: Year | None = None
    plan_domains: Domains | None = None
    source: Sources | None = None
    sources: Sources | None = None
    methods: Methods = Methods(())


class MissingKeyError(KeyError):
    """A required key is absent; ``str()`` is the message for the user."""

    def __str__(self) -> str:
        return str(self.args[0])


def type_name(value: object) -> str:
    """``value``'s TOML type in words: 'a string', 'a table', ..."""
    return {
        bool: "a boolean", int: "an integer", float: "a number", str: "a string",
        list: "a list", dict: "a table",
    }.get(type(value), type(value).__name__)


def unknown_key_message(key: str, allowed: Sequence[str]) -> str:
    """The message for an unknown key, with the nearest allowed key as a suggestion."""
    near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown key {key!r}{hint} (allowed: {', '.join(allowed)})"


def _noted(exc: Exception, name: str, type_: Any = object) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(f"@ {name}", name, type_)]
    return exc


def _group(errors: list[Exception], type_: type) -> Exception:
    return errors[0] if len(errors) == 1 else IterableValidationError("several problems", errors, type_)


# -- field hooks -------------------------------------------------------------------------------


def _enum_value(enum_cls: type[E], value: object, what: str) -> E:
    """The member for ``value`` (case, spaces and dashes forgiven); ValueError otherwise."""
    if isinstance(value, str):
        key = re.sub(r"[\s-]+", "_", value.strip().casefold())
        for member in enum_cls:
            if member.value == key:
                return member
    expected = ", ".join(str(m.value) for m in enum_cls)
    raise ValueError(f"{value!r} is not {what}; expected one of {expected}")


def _enum_list(enum_cls: type[E], what: str) -> Callable[[Any, Any], tuple[E, ...]]:
    def structure(raw: Any, type_: Any) -> tuple[E, ...]:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise ValueError(f"expected a list of strings, got {type_name(raw)}")
        out: list[E] = []
        errors: list[Exception] = []
        for item in items:
            try:
                member = _enum_value(enum_cls, item, what)
            except ValueError as exc:
                errors.append(exc)
                continue
            if member not in out:
                out.append(member)
        if errors:
            raise _group(errors, tuple)
        return tuple(out)

    return structure


def _sources(raw: Any, _: Any) -> tuple[str, ...]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise ValueError(f"expected a string or a list of strings, got {type_name(raw)}")
    out: list[str] = []
    errors: list[Exception] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            errors.append(ValueError(f"item {i}: expected a non-empty string, got {item!r}"))
        elif item.strip() not in out:
            out.append(item.strip())
    if errors:
        raise _group(errors, tuple)
    return tuple(out)


def _text(raw: Any, _: Any) -> str | None:
    if isinstance(raw, str):
        return raw.strip() or None
    raise ValueError(f"expected a string, got {type_name(raw)}")


def _text_or_number(raw: Any, _: Any) -> str | None:
    if isinstance(raw, str):
        return raw.strip() or None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    raise ValueError(f"expected a string or a number, got {type_name(raw)}")


def _city(raw: Any, _: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {type_name(raw)}")
    if not raw.strip():
        raise ValueError("must not be empty")
    return raw.strip()


def _country(raw: Any, _: Any) -> str:
    if not isinstance(raw, str) or raw.strip().upper() not in ISO_3166_ALPHA2:
        raise ValueError(f"{raw!r} is not an ISO 3166-1 alpha-2 code (expected e.g. 'SE', 'NO')")
    return raw.strip().upper()


def _language(raw: Any, _: Any) -> str:
    if not isinstance(raw, str) or not _LANG_RE.match(raw.strip()):
        raise ValueError(f"{raw!r} is not a language tag (expected e.g. 'sv', 'nb', 'da')")
    return raw.strip()


def _year(raw: Any, _: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1900 <= raw <= 2100:
        raise ValueError(f"expected a year such as 2024, got {raw!r}")
    return raw


def _name(raw: Any, _: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"expected a non-empty string, got {raw!r}")
    return raw.strip()


def _intervention(raw: Any, _: Any) -> str:
    if not isinstance(raw, str) or not _ID_RE.match(raw.strip()):
        raise ValueError(
            f"{raw!r} is not an intervention id; expected '<source>:<id>', e.g. 'xchange:effekt-orebro-pas'"
        )
    return raw.strip()


def _local(raw: Any, _: Any) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"expected true or false, got {type_name(raw)}")
    return raw


def _age(raw: Any, _: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"expected a whole number of years, got {type_name(raw)}")
    if not 0 <= raw <= 120:
        raise ValueError(f"must be 0..120, got {raw}")
    return raw


def _ages(raw: Any, _: Any) -> AgeRange:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string such as '13-17', '18+' or '16', got {type_name(raw)}")
    match = _AGES_RE.match(raw)
    if not match:
        raise ValueError(f"{raw!r} is not an age band; write e.g. '13-17', '18+' or '16'")
    low = int(match.group(1))
    high: int | None = int(match.group(3)) if match.group(3) else (None if match.group(4) else low)
    if low > 120 or (high is not None and not low <= high <= 120):
        raise ValueError(f"{raw!r} is not an age band within 0..120 with the lower age first")
    return AgeRange(low, high)


def _confidence(raw: Any, _: Any) -> Confidence:
    return _enum_value(Confidence, raw, "a confidence")


# -- class hooks -------------------------------------------------------------------------------

#: stands for "@" in an unknown key's name in error paths (cattrs separates message and path by " @ ")
AT = "\ue000"
#: the message for a method without a name; it is reported on the entry, not on its ``name``
MISSING_NAME = "missing required key 'name' (the method as the city writes it)"
_MISSING: dict[Any, str] = {
    City: "missing required key 'city'",
    Country: "missing required key 'country' (ISO 3166-1 alpha-2, e.g. 'SE', 'NO')",
    Name: MISSING_NAME,
}


def _table(
    converter: cattrs.Converter, cls: type[Any], allowed: Sequence[str]
) -> Callable[[Mapping[str, Any]], tuple[Any, list[Exception]]]:
    """Structure ``cls`` from a table: the instance (or None) and the problems, unknown keys first."""
    generated = make_dict_structure_fn(cls, converter)
    types = {a.name: a.type for a in fields(cls)}

    def structure(raw: Mapping[str, Any]) -> tuple[Any, list[Exception]]:
        errors: list[Exception] = [
            _noted(ValueError(unknown_key_message(key, allowed)), key.replace("@", AT))
            for key in raw
            if key not in allowed
        ]
        try:
            return generated(raw, cls), errors
        except ClassValidationError as exc:
            for sub in exc.exceptions:
                if isinstance(sub, ForbiddenExtraKeysError):
                    continue
                if isinstance(sub, KeyError) and not isinstance(sub, MissingKeyError):
                    notes = [
                        n for n in getattr(sub, "__notes__", []) if isinstance(n, AttributeValidationNote)
                    ]
                    field_type = types.get(notes[0].name) if notes else None
                    if field_type in _MISSING:
                        missing = MissingKeyError(_MISSING[field_type])
                        errors.append(_noted(missing, notes[0].name))
                        continue
                errors.append(sub)
            return None, errors

    return structure


def _rank(exc: BaseException) -> float:
    """Where a field's problem goes among a method's problems; unknown keys come first."""
    notes = [n for n in getattr(exc, "__notes__", []) if isinstance(n, AttributeValidationNote)]
    return _RANK.get(notes[-1].name, -1.0) if notes else -1.0


def _make_toml_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    simple: dict[Any, Callable[[Any, Any], Any]] = {
        City: _city, Country: _country, Language: _language, Year: _year, Sources: _sources,
        Name: _name, InterventionId: _intervention, Local: _local, Ages: _ages, Age: _age,
        Text: _text, TextOrNumber: _text_or_number, Confidence: _confidence,
        Domains: _enum_list(Domain, "a domain"),
        Levels: _enum_list(PreventionLevel, "a prevention level"),
        Settings: _enum_list(Setting, "a setting"),
        Substances: _enum_list(Substance, "a substance"),
    }
    for type_, hook in simple.items():
        converter.register_structure_hook(type_, hook)

    method_table = _table(converter, MethodWire, METHOD_KEYS)

    def value(raw: Mapping[str, Any], key: str, type_: Any) -> Any:
        """The structured value of ``raw[key]``, or None when absent or invalid (reported elsewhere)."""
        if key not in raw:
            return None
        try:
            return converter.structure(raw[key], type_)
        except _PROBLEMS:
            return None

    def structure_method(raw: Any, _: Any) -> MethodWire:
        if not isinstance(raw, dict):
            raise ValueError(f"expected a table, got {type_name(raw)}")
        data: Mapping[str, Any] = raw
        cross: list[tuple[float, Exception]] = []
        both_ages = "ages" in raw and ("min_age" in raw or "max_age" in raw)
        if both_ages:
            both = ValueError("give either ages or min_age/max_age, not both")
            cross.append((_RANK["ages"], _noted(both, "ages")))
            data = {k: v for k, v in raw.items() if k not in ("ages", "min_age", "max_age")}
        wire, errors = method_table(data)
        local = value(raw, "local", Local)
        intervention = value(raw, "intervention", InterventionId)
        if not both_ages:
            low, high = value(raw, "min_age", Age), value(raw, "max_age", Age)
            if low is not None and high is not None and low > high:
                message = f"min_age {low} is greater than max_age {high}"
                cross.append((_RANK["max_age"] + 0.5, _noted(ValueError(message), "min_age")))
        if intervention and local is True:
            cross.append((_RANK["max_age"] + 0.6, _noted(ValueError(
                "an entry pinned to a registry intervention cannot also be declared local "
                "(remove 'intervention' or 'local = true'; levels, settings, ages and domains beside "
                "'intervention' say how the city runs the method)"
            ), "intervention")))
        if local is False and any(k in raw for k in CLASSIFICATION_KEYS) and not intervention:
            cross.append((_RANK["max_age"] + 0.7, _noted(
                ValueError("classification keys declare the entry local; remove 'local = false'"), "local"
            )))
        if value(raw, "same_as", Text) and intervention:
            cross.append((_RANK["same_as"] + 0.5, _noted(ValueError(
                "a pinned entry is already shared through its registry method; same_as is for local methods"
            ), "same_as")))
        ranked = [(_rank(exc), exc) for exc in errors] + cross
        errors = [exc for _, exc in sorted(ranked, key=lambda pair: pair[0])]
        if errors:
            raise ClassValidationError("invalid method", errors, MethodWire)
        assert isinstance(wire, MethodWire)
        return wire

    converter.register_structure_hook(MethodWire, structure_method)

    def structure_methods(raw: Any, _: Any) -> Methods:
        if not isinstance(raw, list):
            raise ValueError(f"expected [[methods]] tables, got {type_name(raw)}")
        out: list[MethodWire] = []
        errors: list[Exception] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(raw):
            try:
                out.append(structure_method(item, MethodWire))
            except _PROBLEMS as exc:
                note = IterableValidationNote("", index, MethodWire)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
            name = value(item, "name", Name) if isinstance(item, dict) else None
            if name is None:
                continue
            if name in seen:
                twice = _noted(ValueError(f"{name!r} is listed twice (also methods[{seen[name]}])"), "name")
                dup = ClassValidationError("repeated name", [twice], MethodWire)
                dup.__notes__ = [IterableValidationNote("", index, MethodWire)]
                errors.append(dup)
                continue
            seen[name] = index
        if errors:
            raise IterableValidationError("invalid methods", errors, tuple)
        return Methods(tuple(out))

    converter.register_structure_hook(Methods, structure_methods)
    portfolio_table = _table(converter, PortfolioWire, PORTFOLIO_KEYS)

    def structure_portfolio(raw: Any, _: Any) -> PortfolioWire:
        errors: list[Exception] = []
        if "methods" not in raw:
            errors.append(_noted(ValueError("no methods: add one [[methods]] table per method"), "methods"))
        wire, more = portfolio_table(raw)
        errors[:0] = more
        if errors:
            raise ClassValidationError("invalid portfolio", errors, PortfolioWire)
        assert isinstance(wire, PortfolioWire)
        return wire

    converter.register_structure_hook(PortfolioWire, structure_portfolio)
    return converter


toml_converter = _make_toml_converter()
"""The cattrs converter for portfolio TOML."""
