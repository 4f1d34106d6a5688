"""The ``registry.toml`` of a registry plugin: its schema as attrs classes and the one converter.

A registry plugin describes its snapshot as data: provenance, columns, evidence scales with
their levels (common position and direction), vocabularies (native term → model values),
patterns and word lists that its rules read.  :func:`load_spec` reads the file bundled in a
package; :func:`parse_spec` checks parsed TOML and raises :class:`~prevcat.errors.DataErrors`
naming the file and a path such as ``scales[1].levels[3].common`` for every problem.

The format is documented in ``docs/plugins.md``.

This module is long because it is the whole ``registry.toml`` schema (one attrs class per table)
and its one cattrs converter, read together by plugin authors; line finding lives in
:mod:`prevcat.importers.toml_lines`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

import attrs
import cattrs
from attrs import field, frozen
from cattrs.errors import ClassValidationError, IterableValidationError

from prevcat.catalogue import Provenance
from prevcat.errors import DataError, DataErrors
from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.importers.toml_lines import line_of
from prevcat.importers.vocab import VocabularyMap
from prevcat.io.locations import cattrs_messages
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance

__all__ = [
    "SPEC_FILE", "AgesSpec", "AliasColumn", "ColumnsSpec", "LevelSpec", "MappedColumn",
    "ProvenanceSpec", "RatingColumn", "RegistrySpec", "ScaleSpec", "VocabularySpec",
    "load_spec", "parse_spec", "spec_converter",
]

SPEC_FILE = "registry.toml"
T = TypeVar("T")

#: what a vocabulary's values are: the model enum, or plain text (``country``, ``text``)
KINDS: dict[str, type[enum.Enum] | type[AgeRange] | None] = {
    "setting": Setting, "substance": Substance, "level": PreventionLevel, "domain": Domain,
    "country": None, "text": None, "target": None, "age": AgeRange,
}
#: ``kind = "target"`` values name their field: ``setting:family``, ``level:universal``, ``domain:treatment``
_TARGET_FIELDS: dict[str, type[enum.Enum]] = {"setting": Setting, "level": PreventionLevel, "domain": Domain,
                                             "substance": Substance}
_KEY_RE = r"^[a-z0-9][a-z0-9_-]*$"


def _one_of(*allowed: str) -> Any:
    def check(_: Any, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in allowed:
            raise ValueError(f"{attribute.name}: must be one of {', '.join(allowed)}, got {value!r}")
    return check


def _position(_: Any, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 0 <= value <= 5:
        raise ValueError(f"{attribute.name}: must be 0..5 (no effect or harmful .. well established), "
                         f"got {value}")


@frozen
class ProvenanceSpec:
    """``[provenance]``: where the snapshot's facts come from (the source key is the registry's key)."""

    title: str
    url: str
    snapshot: str
    licence: str
    publisher: str | None = None
    country: str | None = None
    note: str | None = None
    published: str | None = None
    closed: dt.date | None = None


@frozen
class LevelSpec:
    """One ``[[scales.levels]]``: a native label placed on the common scale.

    ``common`` is the 0..5 position of ``evidence_scales.yaml`` (leave it out for a level with no
    place, on a non-ordinal scale); ``direction`` defaults to what the position usually means.
    """

    label: str = field(validator=attrs.validators.min_len(1))
    common: int | None = field(default=None, validator=_position)
    direction: Direction | None = None
    description: str | None = None
    variants: tuple[str, ...] = ()

    def build(self) -> ScaleLevel:
        direction = self.direction or _default_direction(self.common)
        level = None if self.common is None else EvidenceLevel.from_common(self.common, direction)
        return ScaleLevel(self.label, level, direction, self.description, self.variants)


def _default_direction(common: int | None) -> Direction:
    """No effect at 0, unknown at 1 (insufficient) and 2 (theory-based), positive from 3 up."""
    if common is None or common in (1, 2):
        return Direction.UNKNOWN
    return Direction.NO_EFFECT if common == 0 else Direction.POSITIVE


@frozen
class ScaleSpec:
    """One ``[[scales]]``: a native evidence scale version, levels from worst to best."""

    id: str = field(validator=attrs.validators.matches_re(_KEY_RE))
    name: str
    levels: tuple[LevelSpec, ...] = field(validator=attrs.validators.min_len(1))
    version: str = "1"
    ordinal: bool = True
    url: str | None = None
    note: str | None = None

    def build(self) -> EvidenceScale:
        return EvidenceScale(id=self.id, version=self.version, name=self.name,
                             levels=tuple(level.build() for level in self.levels),
                             ordinal=self.ordinal, url=self.url, note=self.note)


@frozen
class VocabularySpec:
    """``[vocabularies.NAME]``: native terms → model values.

    ``match = "exact"`` compares whole terms (case and spaces ignored); ``"contains"`` reads
    the terms as cues, in file order, found anywhere in the lower-cased cell; ``"regex"`` reads
    them as regular expressions searched in the cell, in file order.  A term mapped to ``[]``
    is known and has no model value.
    """

    kind: str = field(validator=_one_of(*KINDS))
    terms: dict[str, tuple[str, ...]]
    match: str = field(default="exact", validator=_one_of("exact", "contains", "regex"))

    def __attrs_post_init__(self) -> None:
        for term, values in self.terms.items():
            if self.match == "regex":
                try:
                    re.compile(term)
                except re.error as exc:
                    raise ValueError(f"terms[{term!r}]: not a regular expression: {exc}") from None
            for value in values:
                _value(self.kind, value, term)


def _value(kind: str, text: str, term: str) -> Any:
    cls: type[enum.Enum] | type[AgeRange] | None = KINDS[kind]
    if kind == "target":
        field_name, _, rest = text.partition(":")
        cls, text = _TARGET_FIELDS.get(field_name), rest
        if cls is None:
            raise ValueError(f"terms[{term!r}]: a target value reads 'setting:…', 'level:…', 'domain:…' "
                             f"or 'substance:…', got {field_name!r}")
    if cls is None:
        return text
    if not issubclass(cls, enum.Enum):
        return _age(text, term)
    try:
        return cls(text)
    except ValueError:
        known = ", ".join(member.value for member in cls)
        raise ValueError(f"terms[{term!r}]: unknown {cls.__name__} {text!r}; known: {known}") from None


def _age(text: str, term: str) -> AgeRange:
    low, dash, high = text.partition("-")
    try:
        if text.endswith("+"):
            return AgeRange(int(text[:-1]), None)
        return AgeRange(int(low), int(high) if dash else int(low))
    except ValueError as exc:
        raise ValueError(f"terms[{term!r}]: an age range reads '11-14' or '18+', got {text!r} ({exc})") \
            from None


@frozen
class RatingColumn:
    """``[[ratings]]``: a column whose cell is a label of ``scale`` (``id`` or ``id@version``)."""

    column: str
    scale: str
    outcome: str | None = None  #: a fixed outcome for every rating of this column
    reviewed: str | None = None  #: a date column (``YYYY-MM-DD`` or ``YYYY-MM``)
    note: str | None = None  #: a column kept as the rating's note


@frozen
class MappedColumn:
    """``[[mapped]]``: a multi-valued column read through a vocabulary into the target or domains."""

    column: str
    vocabulary: str
    separators: str = "|"
    what: str | None = None  #: named in the warning about an unmapped value (default: the kind)


@frozen
class AliasColumn:
    """``[[aliases]]``: a column of other names (several, split on ``separators``)."""

    column: str
    language: str | None = None
    separators: str = "|"


@frozen
class AgesSpec:
    """``[ages]``: the age column (bands such as ``11-14``, ``grade 6-8``, ``18+``)."""

    column: str
    separators: str = "|"
    danish: bool = False  #: ``1. klasse`` counts Danish school years
    #: a vocabulary of ``kind = "age"`` for bands written in words (``"Adult" = "18+"``), tried first
    bands: str | None = None


@frozen
class ColumnsSpec:
    """``[columns]``: which column holds what; every other filled cell is kept in ``extra``."""

    id: str = "id"
    name: str = "name"
    url: str | None = None
    confidence: str | None = None
    #: a column of countries: names read through ``vocabularies.countries``, or ISO codes without one
    country: str | None = None
    description: str | None = None  #: a short description of the method
    original: str | None = None  #: the programme a method adapts
    required: tuple[str, ...] = ()
    #: columns the rules read: not kept in ``extra`` by the default reader
    translated: tuple[str, ...] = ()


@frozen
class RegistrySpec:
    """A whole ``registry.toml``."""

    key: str = field(validator=attrs.validators.matches_re(_KEY_RE))
    title: str
    snapshot: str
    provenance: ProvenanceSpec
    package: str = ""  #: filled in from the package the file was read from
    languages: tuple[str, ...] = ()
    #: language tag of a merged row's other name when it becomes an alias
    name_language: str | None = None
    #: country of every method, when the registry's rows do not say
    country: str | None = None
    domains: tuple[Domain, ...] = (Domain.PREVENTION,)
    #: ``module:Class``, the importer with the rules data cannot express (default: none needed)
    rules: str | None = None
    columns: ColumnsSpec = ColumnsSpec()
    ratings: tuple[RatingColumn, ...] = ()
    mapped: tuple[MappedColumn, ...] = ()
    aliases: tuple[AliasColumn, ...] = ()
    ages: AgesSpec | None = None
    scales: tuple[ScaleSpec, ...] = ()
    vocabularies: dict[str, VocabularySpec] = field(factory=dict)
    #: regular expressions the rules use, by name (write ``(?i)`` first to ignore case)
    patterns: dict[str, str] = field(factory=dict)
    #: word lists the rules use, by name
    lists: dict[str, tuple[str, ...]] = field(factory=dict)
    #: tables of records the rules read, by name (``[[records.NAME]]``; keys and values as written)
    records: dict[str, tuple[dict[str, Any], ...]] = field(factory=dict)
    #: what the accessors below build, built once (not part of the file)
    _built: dict[Any, Any] = field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for name, pattern in self.patterns.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"patterns.{name}: not a regular expression: {exc}") from None
        for i, rating in enumerate(self.ratings):
            if self.scale_versions(rating.scale) == ():
                raise ValueError(f"ratings[{i}].scale: no [[scales]] with id {rating.scale!r}")
        for i, mapped in enumerate(self.mapped):
            if mapped.vocabulary not in self.vocabularies:
                raise ValueError(f"mapped[{i}].vocabulary: no [vocabularies.{mapped.vocabulary}]")
            if self.vocabularies[mapped.vocabulary].kind not in (*_TARGET_FIELDS, "target"):
                raise ValueError(f"mapped[{i}].vocabulary: [vocabularies.{mapped.vocabulary}] gives no "
                                 "settings, levels, substances or domains")
        if self.ages and self.ages.bands and self.ages.bands not in self.vocabularies:
            raise ValueError(f"ages.bands: no [vocabularies.{self.ages.bands}]")

    # -- what importers and plugins read -----------------------------------------------------

    @property
    def required_columns(self) -> tuple[str, ...]:
        return self.columns.required or (self.columns.id, self.columns.name)

    def build_provenance(self) -> Provenance:
        p = self.provenance
        return Provenance(source=self.key, title=p.title, publisher=p.publisher, country=p.country,
                          url=p.url, snapshot=p.snapshot, licence=p.licence, note=p.note,
                          published=p.published, closed=p.closed)

    def _once(self, key: Any, build: Callable[[], T]) -> T:
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]  # type: ignore[no-any-return]

    def build_scales(self) -> tuple[EvidenceScale, ...]:
        """Every ``[[scales]]`` as an :class:`EvidenceScale`, in file order."""
        return self._once("scales", lambda: tuple(scale.build() for scale in self.scales))

    def scale_versions(self, ref: str) -> tuple[EvidenceScale, ...]:
        """The scales ``id`` (every version) or ``id@version`` names, in file order."""
        scale_id, _, version = ref.partition("@")
        return tuple(s for s in self.build_scales() if s.id == scale_id and version in ("", s.version))

    def scale(self, ref: str) -> EvidenceScale:
        """The one scale ``id`` or ``id@version`` names."""
        found = self.scale_versions(ref)
        if len(found) != 1:
            raise KeyError(f"{ref!r} names {len(found)} scales in {self.package}/{SPEC_FILE}")
        return found[0]

    def vocabulary(self, name: str, kind: type[T]) -> VocabularyMap[T]:
        """``[vocabularies.NAME]`` as a :class:`VocabularyMap` of ``kind`` values (exact terms)."""
        return self._once(("vocabulary", name), lambda: VocabularyMap(dict(self.cues(name))))

    def cues(self, name: str) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        """``[vocabularies.NAME]`` as ordered ``(term, values)`` pairs (for ``match = "contains"``)."""
        spec = self.vocabularies[name]
        return self._once(("cues", name), lambda: tuple(
            (term, tuple(_value(spec.kind, v, term) for v in values)) for term, values in spec.terms.items()
        ))

    def table(self, name: str) -> dict[str, str]:
        """``[vocabularies.NAME]`` of one text value per term, as a plain dict (terms as written)."""
        return {term: values[0] for term, values in self.vocabularies[name].terms.items() if values}

    def matches(self, name: str, cell: str) -> list[Any]:
        """The values of every term of ``[vocabularies.NAME]`` found in ``cell``, in file order:
        cues (``match = "contains"``, in the lower-cased cell) or regular expressions (``"regex"``)."""
        if self.vocabularies[name].match == "regex":
            compiled = self._once(("regex", name), lambda: [(re.compile(t), v) for t, v in self.cues(name)])
            return [value for regex, values in compiled if regex.search(cell) for value in values]
        lowered = cell.casefold()
        return [value for term, values in self.cues(name) if term in lowered for value in values]

    def pattern(self, name: str) -> re.Pattern[str]:
        """``[patterns]`` NAME, compiled."""
        return re.compile(self.patterns[name])

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists[name]


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)

    def terms(raw: Any, _: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(raw, Mapping):
            raise ValueError(f"expected a table of terms, got {type(raw).__name__}")
        out = {}
        for term, values in raw.items():
            values = [values] if isinstance(values, str) else values
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(f"terms[{term!r}]: expected a string or a list of strings")
            out[str(term)] = tuple(values)
        return out

    converter.register_structure_hook_func(lambda t: t == dict[str, tuple[str, ...]], terms)

    def date(raw: Any, _: Any) -> dt.date:
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        raise ValueError(f"expected a date such as 2024-01-03, got {raw!r}")

    converter.register_structure_hook(dt.date, date)
    return converter


#: the one converter of the ``registry.toml`` wire format
spec_converter = _make_converter()


def parse_spec(
    data: Mapping[str, Any], *, file: str | None = None, package: str = "", text: str = ""
) -> RegistrySpec:
    """A checked :class:`RegistrySpec`; raises :class:`DataErrors` listing every problem with its path
    (and its line, given the file's ``text``)."""
    try:
        spec = spec_converter.structure(dict(data), RegistrySpec)
    except (ClassValidationError, IterableValidationError) as exc:
        errors = [DataError(body, file=file, path=path or None, line=line_of(path, text) if text else None)
                  for path, body in cattrs_messages(exc)]
        raise DataErrors(errors, summary=f"{file or SPEC_FILE}: {len(errors)} problem(s) found") from None
    except ValueError as exc:
        summary = f"{file or SPEC_FILE}: 1 problem found"
        raise DataErrors([DataError(str(exc), file=file)], summary=summary) from None
    return attrs.evolve(spec, package=package) if package else spec


@cache
def load_spec(package: str) -> RegistrySpec:
    """The ``registry.toml`` bundled in ``package`` (next to its ``data/`` folder); read once."""
    resource = files(package).joinpath(SPEC_FILE)
    file = str(resource)
    try:
        text = resource.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataErrors([DataError(f"cannot read {SPEC_FILE}: {exc}", file=file)],
                         summary=f"{file}: 1 problem found") from None
    return parse_spec(data, file=file, package=package, text=text)
