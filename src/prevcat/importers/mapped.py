"""A registry importer driven by a ``registry.toml``: :class:`MappedImporter`.

Built on :class:`~prevcat.importers.toolkit.TableImporter`: the spec gives the key, title,
provenance, snapshot file and required columns, and the default :meth:`MappedImporter.read_row`
translates the columns the spec names (id, name, URL, confidence, ratings, vocabulary columns,
ages, other names, country) and keeps every other filled cell verbatim in ``extra``.

A registry whose cells map one-to-one needs no Python: :func:`importer_class` makes the class.
A registry with rules data cannot express subclasses :class:`MappedImporter`, names the class
in ``rules = "module:Class"`` and overrides :meth:`~MappedImporter.read_row` (or one of the
steps it calls); the spec stays reachable as ``self.spec``.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from prevcat.countries import ISO_3166_ALPHA2
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, EvidenceScale, Rating
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, unique_aliases
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target

__all__ = ["MappedImporter", "importer_class"]


class MappedImporter(TableImporter):
    """A :class:`TableImporter` whose class attributes come from ``spec`` (set it in a subclass)."""

    spec: ClassVar[RegistrySpec]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        spec = cls.__dict__.get("spec")
        if spec is None:
            return
        cls.key = spec.key
        cls.title = spec.title
        cls.provenance = spec.build_provenance()
        cls.package = spec.package
        cls.snapshot_file = spec.snapshot
        cls.required_columns = spec.required_columns
        cls.merged_name_lang = spec.name_language

    # -- the default reading of one row, step by step ----------------------------------------

    def read_row(self, row: RowReader) -> Intervention:
        spec, cols = self.spec, self.spec.columns
        native = row.require(cols.id)
        name = row.require(cols.name, "name")
        confidence = row.confidence(cols.confidence) if cols.confidence else None
        url = row.get(cols.url) or None if cols.url else None
        ratings = self.read_ratings(row, url, confidence)
        values = self.read_mapped(row)
        ages = self.read_ages(row)
        row.keep_other_columns(self.translated_columns())
        return Intervention(
            id=f"{spec.key}:{native}",
            name=name,
            source=spec.key,
            aliases=unique_aliases(name, self.read_aliases(row)),
            country=self.read_country(row),
            languages=spec.languages,
            ratings=ratings,
            target=Target(
                levels=[v for v in values if isinstance(v, PreventionLevel)],
                ages=ages,
                settings=[v for v in values if isinstance(v, Setting)],
                substances=[v for v in values if isinstance(v, Substance)],
            ),
            domains=[v for v in values if isinstance(v, Domain)] or list(spec.domains),
            original=(row.get(cols.original) or None) if cols.original else None,
            url=url,
            description=(row.get(cols.description) or None) if cols.description else None,
            confidence=confidence,
            extra=row.extra,
        )

    def translated_columns(self) -> set[str]:
        """The columns :meth:`read_row` translates; the others are kept verbatim in ``extra``."""
        spec, cols = self.spec, self.spec.columns
        names = {cols.id, cols.name, cols.url, cols.confidence, cols.country, cols.description, cols.original,
                 *cols.translated}
        names |= {r.column for r in spec.ratings} | {r.reviewed for r in spec.ratings}
        names |= {r.note for r in spec.ratings} | {m.column for m in spec.mapped}
        names |= {a.column for a in spec.aliases} | ({spec.ages.column} if spec.ages else set())
        return {name for name in names if name}

    def rate(self, ref: str, label: str, column: str, **details: Any) -> Rating:
        """``label`` on the scale ``ref`` names (``id``: the version that holds the label);
        an unknown label rejects the row naming ``column`` and every known label."""
        scales: tuple[EvidenceScale, ...] = self.spec.scale_versions(ref)
        for scale in scales:
            if label in scale:
                return scale.rate(label, **details)
        known = tuple(dict.fromkeys(known for scale in scales for known in scale.labels))
        where = str(scales[0].ref) if len(scales) == 1 else ref
        raise RowRejected(column, UnknownLabelError(label=label, scale=where, known=known).message)

    def read_ratings(self, row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
        """One rating per filled ``[[ratings]]`` column."""
        ratings = []
        for spec in self.spec.ratings:
            label = row.get(spec.column)
            if label:
                ratings.append(self.rate(
                    spec.scale, label, spec.column, outcome=spec.outcome, url=url, confidence=confidence,
                    reviewed=row.date(spec.reviewed) if spec.reviewed else None,
                    note=(row.get(spec.note) or None) if spec.note else None,
                ))
        return ratings

    def read_mapped(self, row: RowReader) -> list[Any]:
        """The values of every ``[[mapped]]`` column; an unmapped value is warned about and kept."""
        values: list[Any] = []
        for spec in self.spec.mapped:
            vocabulary = self.spec.vocabularies[spec.vocabulary]
            if vocabulary.match != "exact":
                cell = row.get(spec.column)
                found = self.spec.matches(spec.vocabulary, cell)
                if cell and not found:
                    row.kept(spec.column, cell, f"no {spec.what or vocabulary.kind}")
            else:
                table = self.spec.vocabulary(spec.vocabulary, object)
                what = spec.what or vocabulary.kind
                found = row.mapped(spec.column, table, what, separators=spec.separators)
            values += [v for v in found if v not in values]
        return values

    def read_ages(self, row: RowReader) -> AgeRange:
        """The ``[ages]`` column as one covering range: bands from ``ages.bands`` first, else
        parsed (``11-14 years``, ``grade 6-8``, ``18+``); a part not understood is warned about."""
        spec = self.spec.ages
        if spec is None:
            return AgeRange()
        bands = self.spec.vocabulary(spec.bands, AgeRange) if spec.bands else None
        ranges: list[AgeRange] = []
        for part in split_multi(row.get(spec.column), spec.separators):
            fixed = bands.lookup(part) if bands else None
            parsed = parse_age_band(part, danish=spec.danish) if fixed is None else None
            if fixed is None and parsed is None:
                row.kept(spec.column, part, "no age range")
            ranges += fixed or ([parsed] if parsed else [])
        return span(ranges)

    def read_aliases(self, row: RowReader) -> list[Alias]:
        """Every ``[[aliases]]`` column's names, with the column's language tag."""
        return [Alias(name, spec.language) for spec in self.spec.aliases
                for name in split_multi(row.get(spec.column), spec.separators)]

    def read_country(self, row: RowReader) -> str | None:
        """``columns.country`` through ``vocabularies.countries``, else the registry's ``country``."""
        column = self.spec.columns.country
        cell = row.get(column) if column else ""
        if column and cell:
            if "countries" in self.spec.vocabularies:
                found = self.spec.vocabulary("countries", str).lookup(cell)
                if found:
                    return found[0]
            elif cell.upper() in ISO_3166_ALPHA2:
                return cell.upper()
            row.kept(column, cell, "no country code")
        return self.spec.country


def importer_class(spec: RegistrySpec) -> type[MappedImporter]:
    """The importer class of a spec: its ``rules`` class, or a :class:`MappedImporter` made for it."""
    if spec.rules:
        module, _, name = spec.rules.partition(":")
        cls = getattr(importlib.import_module(module), name)
        if not (isinstance(cls, type) and issubclass(cls, MappedImporter)):
            raise TypeError(f"rules {spec.rules!r} of {spec.package} is not a MappedImporter subclass")
        if getattr(cls, "spec", None) is None or cls.spec.key != spec.key:
            needs = f"spec = load_spec({spec.package!r})"
            raise TypeError(f"rules {spec.rules!r} of {spec.package} must set {needs}")
        return cls
    title = "".join(part.capitalize() for part in spec.key.replace("-", "_").split("_"))
    return type(f"{title}Importer", (MappedImporter,), {"spec": spec, "__module__": spec.package or __name__})


def load_importer(package: str) -> MappedImporter:
    """An importer for the ``registry.toml`` of ``package``."""
    return importer_class(load_spec(package))()
