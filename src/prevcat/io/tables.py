"""A library as flat tables (sources, programmes, variants, interventions, aliases, ratings, targets,
extra): the rows the SQLite and .xlsx exports write.

Programmes and variants come from a :class:`ProgrammeIndex`: anything with ``programme_of(id)``
and ``variant_of(id)`` returning objects with ``id`` and ``name`` (the linking crosswalk, through
:func:`prevcat.render.sqlite_tables.programme_index`).  Without one, those tables stay empty and
the interventions' ``programme_id``/``variant_id`` are NULL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Protocol

from attrs import frozen

from prevcat.catalogue import Catalogue, Library
from prevcat.io.csv_export import MULTI_SEPARATOR
from prevcat.model import Intervention

__all__ = ["TABLE_COLUMNS", "Group", "Named", "ProgrammeIndex", "catalogues_of", "library_tables"]


class Named(Protocol):
    """A programme or variant: an id and a name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


class ProgrammeIndex(Protocol):
    """Where each intervention belongs: its programme and its variant of that programme."""

    def programme_of(self, intervention_id: str) -> Named: ...

    def variant_of(self, intervention_id: str) -> Named: ...


@frozen
class Group:
    """A programme or variant as the tables write it."""

    id: str
    name: str


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("source", "title", "publisher", "country", "url", "snapshot", "licence", "note",
                "published", "closed", "interventions", "position"),
    "programmes": ("id", "name", "entries", "sources", "source_keys", "countries"),
    "variants": ("id", "programme_id", "name", "entries"),
    "interventions": (
        "id", "source", "name", "programme_id", "variant_id", "country", "registry_country", "languages",
        "alias_names", "levels", "settings", "substances", "domains", "min_age", "max_age",
        "lowest_level", "highest_level", "evidence", "disputed", "original", "url", "description",
        "confidence", "position",
    ),
    "aliases": ("intervention_id", "position", "name", "lang"),
    "ratings": (
        "intervention_id", "position", "scale_id", "scale_version", "label", "level", "level_rank",
        "direction", "tier", "outcome", "reviewed", "database", "reported_by", "rated_by", "url", "note",
        "confidence",
    ),
    "targets": ("intervention_id", "kind", "position", "value"),
    "extra": ("intervention_id", "position", "field", "value"),
}
"""The columns of each table, in order."""

TARGET_KINDS = ("domain", "level", "setting", "substance")

Row = tuple[object, ...]


def catalogues_of(library: Library | Catalogue | Iterable[Catalogue]) -> tuple[Catalogue, ...]:
    """The catalogues of a library, a single catalogue, or an iterable of them."""
    if isinstance(library, Catalogue):
        return (library,)
    if isinstance(library, Library):
        return library.catalogues
    return tuple(library)


def _json(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _intervention_row(
    item: Intervention, position: int, registry_country: str | None, programme: str | None,
    variant: str | None,
) -> Row:
    summary = item.evidence
    target = item.target
    return (
        item.id, item.source, item.name, programme, variant, item.country, registry_country,
        _json(item.languages), MULTI_SEPARATOR.join(a.name for a in item.aliases),
        _json(v.value for v in target.levels), _json(v.value for v in target.settings),
        _json(v.value for v in target.substances), _json(d.value for d in item.domains),
        target.ages.min, target.ages.max,
        summary.lowest.value if summary.lowest else None,
        summary.highest.value if summary.highest else None,
        summary.range_label, int(summary.disputed), item.original, item.url, item.description,
        item.confidence.value if item.confidence else None, position,
    )


def _rating_rows(item: Intervention, source_title: str) -> list[Row]:
    return [
        (
            item.id, n, r.scale.id, r.scale.version, r.label,
            r.level.value if r.level else None, r.level.rank if r.level else None,
            r.direction.value, r.tier.value, r.outcome,
            r.reviewed.isoformat() if r.reviewed else None, r.database, r.reported_by,
            r.database or source_title, r.url, r.note, r.confidence.value if r.confidence else None,
        )
        for n, r in enumerate(item.ratings)
    ]


def _target_rows(item: Intervention) -> list[Row]:
    values = {
        "domain": [d.value for d in item.domains],
        "level": [v.value for v in item.target.levels],
        "setting": [v.value for v in item.target.settings],
        "substance": [v.value for v in item.target.substances],
    }
    return [(item.id, kind, n, value) for kind in TARGET_KINDS for n, value in enumerate(values[kind])]


def library_tables(
    library: Library | Catalogue | Iterable[Catalogue], programmes: ProgrammeIndex | None = None
) -> dict[str, tuple[Sequence[str], list[Row]]]:
    """Every table as ``{name: (columns, rows)}``, in :data:`TABLE_COLUMNS` order."""
    catalogues = catalogues_of(library)
    tables: dict[str, list[Row]] = {name: [] for name in TABLE_COLUMNS}
    members: dict[str, list[Intervention]] = {}
    names: dict[str, str] = {}
    variants: dict[str, tuple[str, str, list[str]]] = {}
    for c_pos, catalogue in enumerate(catalogues):
        p = catalogue.provenance
        tables["sources"].append(
            (p.source, p.title, p.publisher, p.country, p.url, p.snapshot, p.licence, p.note,
             p.published, p.closed.isoformat() if p.closed else None, len(catalogue), c_pos)
        )
        for i_pos, item in enumerate(catalogue):
            programme_id = variant_id = None
            if programmes is not None:
                programme, variant = programmes.programme_of(item.id), programmes.variant_of(item.id)
                programme_id, variant_id = programme.id, variant.id
                members.setdefault(programme.id, []).append(item)
                names[programme.id] = programme.name
                variants.setdefault(variant.id, (programme.id, variant.name, []))[2].append(item.id)
            tables["interventions"].append(
                _intervention_row(item, i_pos, p.country, programme_id, variant_id)
            )
            tables["aliases"] += [(item.id, n, a.name, a.lang) for n, a in enumerate(item.aliases)]
            tables["ratings"] += _rating_rows(item, p.title)
            tables["targets"] += _target_rows(item)
            tables["extra"] += [(item.id, n, k, v) for n, (k, v) in enumerate(item.extra)]
    country_of = {c.source: c.provenance.country for c in catalogues}
    for programme_id, items in members.items():
        keys = list(dict.fromkeys(i.source for i in items))
        found = (*(country_of.get(k) for k in keys), *(i.country for i in items))
        countries = sorted({c for c in found if c})
        tables["programmes"].append(
            (programme_id, names[programme_id], len(items), len(keys), MULTI_SEPARATOR.join(keys),
             MULTI_SEPARATOR.join(countries))
        )
    for variant_id, (programme_id, name, ids) in variants.items():
        tables["variants"].append((variant_id, programme_id, name, len(ids)))
    return {name: (TABLE_COLUMNS[name], rows) for name, rows in tables.items()}
