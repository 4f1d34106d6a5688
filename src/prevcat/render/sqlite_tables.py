"""A comparison as SQLite tables (``prevcat compare --format sqlite``), and the crosswalk as the
programme index the SQLite and .xlsx exports fill their programmes and variants tables from.

:func:`write_comparison_sqlite` adds the comparison tables to a database, typically one written by
``prevcat export --format sqlite`` (then the catalogue and the comparison browse together in
datasette); earlier comparison tables in it are replaced, nothing else is touched.  Tables (all
prefixed ``compare_``): ``cities``, ``methods`` (one row per city and method), ``ratings`` (every
rating behind a city's method, with where the registry is seen from the city), ``coverage``,
``profiles``, ``shared``, ``pairs`` and ``recommendations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from prevcat.catalogue import Library
from prevcat.compare.coverage import LEVELS
from prevcat.compare.model import Comparison, MethodKind, SourcedRating
from prevcat.io.csv_export import MULTI_SEPARATOR
from prevcat.io.tables import Group, Named, ProgrammeIndex
from prevcat.linking import Crosswalk

__all__ = ["COMPARISON_SCHEMA", "ClusterProgrammes", "programme_index", "write_comparison_sqlite"]

COMPARISON_SCHEMA = """
CREATE TABLE compare_cities (
    city TEXT PRIMARY KEY, country TEXT, language TEXT, region TEXT, year INTEGER, file TEXT,
    methods INTEGER NOT NULL, sources TEXT NOT NULL
);
CREATE TABLE compare_methods (
    city TEXT NOT NULL REFERENCES compare_cities(city), position INTEGER NOT NULL, key TEXT NOT NULL,
    kind TEXT NOT NULL, as_written TEXT NOT NULL, name TEXT NOT NULL, intervention_id TEXT,
    members TEXT NOT NULL, evidence TEXT, lowest TEXT, highest TEXT, disputed INTEGER NOT NULL,
    effective INTEGER NOT NULL, candidates TEXT NOT NULL, confidence TEXT, note TEXT,
    PRIMARY KEY (city, position)
);
CREATE TABLE compare_ratings (
    city TEXT NOT NULL REFERENCES compare_cities(city), key TEXT NOT NULL, method TEXT NOT NULL,
    intervention_id TEXT NOT NULL, intervention_name TEXT NOT NULL, source TEXT NOT NULL,
    registry TEXT NOT NULL, registry_country TEXT, seen_from_city TEXT, label TEXT NOT NULL,
    scale TEXT NOT NULL, level TEXT, direction TEXT NOT NULL, rated_by TEXT, outcome TEXT, url TEXT
);
CREATE TABLE compare_coverage (
    city TEXT NOT NULL REFERENCES compare_cities(city), dimension TEXT NOT NULL, row TEXT NOT NULL,
    "column" TEXT NOT NULL, count INTEGER NOT NULL, gap INTEGER NOT NULL, methods TEXT NOT NULL
);
CREATE TABLE compare_profiles (
    city TEXT NOT NULL REFERENCES compare_cities(city), category TEXT NOT NULL, label TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE compare_shared (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, evidence TEXT, cities TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE compare_pairs (
    city_a TEXT NOT NULL REFERENCES compare_cities(city),
    city_b TEXT NOT NULL REFERENCES compare_cities(city),
    shared INTEGER NOT NULL, jaccard REAL NOT NULL, PRIMARY KEY (city_a, city_b)
);
CREATE TABLE compare_recommendations (
    city TEXT NOT NULL REFERENCES compare_cities(city), list TEXT NOT NULL, rank INTEGER NOT NULL,
    key TEXT NOT NULL, name TEXT NOT NULL, score REAL NOT NULL, used_by TEXT NOT NULL, fills TEXT NOT NULL,
    reasons TEXT NOT NULL, caution TEXT, urls TEXT NOT NULL, PRIMARY KEY (city, list, rank)
);
"""
"""The comparison tables; every table name starts with ``compare_``."""

COMPARISON_TABLES: tuple[str, ...] = (
    "compare_cities", "compare_methods", "compare_ratings", "compare_coverage", "compare_profiles",
    "compare_shared", "compare_pairs", "compare_recommendations",
)


# -- the crosswalk as a programme index ------------------------------------------------------------


class ClusterProgrammes:
    """Today's crosswalk as a programme index: a cluster is a programme, each entry its own variant.

    ``library`` names the entries (default: the crosswalk's library).  When the crosswalk knows
    programmes and variants itself (``programme_of``/``variant_of``), :func:`programme_index`
    uses those instead.
    """

    def __init__(self, crosswalk: Crosswalk, library: Library | None = None) -> None:
        self.crosswalk = crosswalk
        self.library = library if library is not None else crosswalk.library

    def programme_of(self, intervention_id: str) -> Named:
        cluster = self.crosswalk.cluster_of(intervention_id)
        if cluster is None:  # a crosswalk that leaves unlinked entries out: the entry alone
            return self.variant_of(intervention_id)
        return Group(cluster.id, cluster.name)

    def variant_of(self, intervention_id: str) -> Named:
        return Group(intervention_id, self.library.get(intervention_id).name)


def programme_index(crosswalk: Crosswalk, library: Library | None = None) -> ProgrammeIndex:
    """The crosswalk itself when it has ``programme_of`` and ``variant_of`` (programmes ⊃ variants),
    else :class:`ClusterProgrammes` (clusters as programmes, each entry its own variant)."""
    own = (getattr(crosswalk, "programme_of", None), getattr(crosswalk, "variant_of", None))
    if all(callable(method) for method in own):
        return cast(ProgrammeIndex, crosswalk)
    return ClusterProgrammes(crosswalk, library)


# -- the comparison ------------------------------------------------------------------------------


def _join(values: Iterable[str]) -> str:
    return MULTI_SEPARATOR.join(values)


def _rating_row(city: str, key: str, method: str, seen: str | None, r: SourcedRating) -> tuple[object, ...]:
    rating = r.rating
    return (
        city, key, method, r.intervention_id, r.intervention_name, r.source, r.registry, r.registry_country,
        seen, rating.label, str(rating.scale), rating.level.value if rating.level else None,
        rating.direction.value, rating.database or r.registry, rating.outcome, r.url,
    )


def comparison_rows(comparison: Comparison) -> dict[str, list[tuple[object, ...]]]:
    """The rows of every comparison table, by table name."""
    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in COMPARISON_TABLES}
    for city in comparison.cities:
        rows["compare_cities"].append((city.name, city.country, city.language, city.region, city.year,
                                       city.file, len(city.methods), _join(city.sources)))
        transfer = {m.key: m for m in comparison.transferability_of(city.name).methods}
        for position, m in enumerate(city.methods):
            matched = m.kind is MethodKind.MATCHED
            rows["compare_methods"].append((
                city.name, position, m.key, m.kind.value, _join(m.local_names), m.name, m.intervention_id,
                _join(m.members), m.range_label if matched else None,
                m.lowest.value if m.lowest else None, m.highest.value if m.highest else None,
                int(m.disputed), int(m.effective), _join(m.candidates), m.confidence, m.note,
            ))
            t = transfer.get(m.key)
            seen_from: dict[int, str] = {}
            if t is not None:
                for where, group in (("home", t.home), ("region", t.region), ("elsewhere", t.elsewhere)):
                    seen_from.update({id(r): where for r in group})
            for r in m.ratings:
                rows["compare_ratings"].append(_rating_row(city.name, m.key, m.name, seen_from.get(id(r)), r))
    for cov in comparison.coverage:
        for cell in (*cov.matrix, *cov.ages, *cov.substances, *cov.domains):
            dimension = "level×setting" if cell.row in LEVELS else cell.row
            rows["compare_coverage"].append(
                (cov.city, dimension, cell.row, cell.column, cell.count, int(cell.gap), _join(cell.methods))
            )
    for profile in comparison.profiles:
        rows["compare_profiles"] += [(profile.city, c.category, c.label, c.count) for c in profile.counts]
    for s in comparison.shared.methods:
        rows["compare_shared"].append((s.key, s.name, s.kind.value,
                                       s.range_label if s.kind is MethodKind.MATCHED else None,
                                       _join(s.cities), len(s.cities)))
    rows["compare_pairs"] = [(p.a, p.b, p.shared, p.jaccard) for p in comparison.shared.pairs]
    for recs in comparison.recommendations:
        for kind, items in (("gap", recs.recommendations), ("peers", recs.used_by_peers)):
            for rank, rec in enumerate(items, 1):
                rows["compare_recommendations"].append((
                    recs.city, kind, rank, rec.key, rec.name, rec.score, _join(rec.used_by), _join(rec.fills),
                    _join(rec.reasons), rec.caution, _join(rec.urls),
                ))
    return rows


def write_comparison_sqlite(comparison: Comparison, path: str | Path) -> dict[str, int]:
    """Add the comparison tables to the SQLite database at ``path`` (created when missing).

    Comparison tables already there are replaced; other tables are left alone.  Returns the
    rows written per table.
    """
    rows = comparison_rows(comparison)
    connection = sqlite3.connect(Path(path))
    try:
        with connection:
            for name in COMPARISON_TABLES:
                connection.execute(f"DROP TABLE IF EXISTS {name}")
            connection.executescript(COMPARISON_SCHEMA)
            for name, table_rows in rows.items():
                if table_rows:
                    marks = ",".join("?" for _ in table_rows[0])
                    connection.executemany(f"INSERT INTO {name} VALUES ({marks})", table_rows)
    finally:
        connection.close()
    return {name: len(table_rows) for name, table_rows in rows.items()}
