"""SQLite export of a library (one table per kind of fact, built for datasette) and its lossless read-back.

The database opens as is in ``sqlite3`` and in datasette (``datasette prevcat.db -m metadata.json``,
the metadata from :mod:`prevcat.io.datasette`): foreign keys between the tables, views a
coordinator reads without SQL, and a full-text index over names, aliases and descriptions.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.io.json_format import json_converter
from prevcat.io.tables import TARGET_KINDS, ProgrammeIndex, library_tables
from prevcat.model import Intervention

SQLITE_SCHEMA = """
CREATE TABLE sources (
    source TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, country TEXT, url TEXT,
    snapshot TEXT, licence TEXT, note TEXT, published TEXT, closed TEXT,
    interventions INTEGER NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE programmes (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, entries INTEGER NOT NULL, sources INTEGER NOT NULL,
    source_keys TEXT NOT NULL, countries TEXT NOT NULL
);
CREATE TABLE variants (
    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), name TEXT NOT NULL,
    entries INTEGER NOT NULL
);
CREATE TABLE interventions (
    id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(source), name TEXT NOT NULL,
    programme_id TEXT REFERENCES programmes(id), variant_id TEXT REFERENCES variants(id),
    country TEXT, registry_country TEXT, languages TEXT NOT NULL, alias_names TEXT NOT NULL,
    levels TEXT NOT NULL, settings TEXT NOT NULL, substances TEXT NOT NULL, domains TEXT NOT NULL,
    min_age INTEGER, max_age INTEGER, lowest_level TEXT, highest_level TEXT, evidence TEXT NOT NULL,
    disputed INTEGER NOT NULL, original TEXT, url TEXT, description TEXT, confidence TEXT,
    position INTEGER NOT NULL
);
CREATE TABLE aliases (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, lang TEXT, PRIMARY KEY (intervention_id, position)
);
CREATE TABLE ratings (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    scale_id TEXT NOT NULL, scale_version TEXT NOT NULL, label TEXT NOT NULL, level TEXT, level_rank INTEGER,
    direction TEXT NOT NULL, tier TEXT NOT NULL, outcome TEXT, reviewed TEXT, database TEXT,
    reported_by TEXT, rated_by TEXT NOT NULL, url TEXT, note TEXT, confidence TEXT,
    PRIMARY KEY (intervention_id, position)
);
CREATE TABLE targets (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), kind TEXT NOT NULL,
    position INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (intervention_id, kind, position)
);
CREATE TABLE extra (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (intervention_id, position)
);
CREATE INDEX interventions_source ON interventions(source);
CREATE INDEX interventions_programme ON interventions(programme_id);
CREATE INDEX interventions_country ON interventions(registry_country, country);
CREATE INDEX ratings_level ON ratings(level);
CREATE INDEX targets_value ON targets(kind, value);
CREATE VIEW provenance AS
    SELECT source, title, publisher, country, url, snapshot, licence, note, position FROM sources;
CREATE VIEW evidence_by_programme AS
    SELECT p.name AS programme, i.name AS entry, i.source, s.country AS registry_country,
           r.label AS native_rating, r.scale_id || '@' || r.scale_version AS scale,
           r.level AS common_level, r.direction, r.tier AS results_first_tier, r.rated_by,
           r.reported_by, r.outcome, r.reviewed, i.id AS intervention_id, p.id AS programme_id
    FROM ratings r
    JOIN interventions i ON i.id = r.intervention_id
    JOIN sources s ON s.source = i.source
    LEFT JOIN programmes p ON p.id = i.programme_id
    ORDER BY p.name, i.source, r.position;
CREATE VIEW programmes_by_country AS
    SELECT s.country AS country, p.name AS programme, count(DISTINCT i.source) AS registries,
           group_concat(DISTINCT i.name) AS names_there,
           (SELECT r.level FROM ratings r JOIN interventions i2 ON i2.id = r.intervention_id
            WHERE i2.programme_id = p.id AND r.level IS NOT NULL
            ORDER BY r.level_rank DESC LIMIT 1) AS best_level_anywhere,
           p.id AS programme_id
    FROM interventions i
    JOIN sources s ON s.source = i.source
    JOIN programmes p ON p.id = i.programme_id
    WHERE s.country IS NOT NULL
    GROUP BY s.country, p.id
    ORDER BY s.country, p.name;
"""
"""Tables: sources, programmes, variants, interventions, aliases, ratings, targets (kind = level,
setting, substance or domain), extra; views ``evidence_by_programme`` and ``programmes_by_country``
(and ``provenance``, the name earlier versions gave ``sources``, for queries written then);
the full-text index ``interventions_fts`` (see :data:`FTS_TABLE`).  ``position`` columns keep the
model's order; list columns of ``interventions`` (languages, levels, settings...) are JSON arrays."""

FTS_TABLE = "interventions_fts"
_FTS_COLUMNS = ("name", "alias_names", "description")


def _create_fts(connection: sqlite3.Connection) -> str:
    """The FTS5 index over names, aliases and descriptions; returns the tokenizer used.

    The trigram tokenizer finds parts of words ("familj" in "Familjerådslag", "Familie" in
    "Familienstärkung"), which compound-rich Swedish, Norwegian, Danish, German and Dutch need;
    where SQLite is older than 3.34 the unicode61 tokenizer (whole words, accents ignored) is used.
    """
    columns = ", ".join(_FTS_COLUMNS)
    for tokenizer in ("trigram", "unicode61 remove_diacritics 2"):
        try:
            connection.execute(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, "
                f"content=\"interventions\", tokenize='{tokenizer}')"
            )
        except sqlite3.OperationalError:
            continue
        connection.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, {columns}) SELECT rowid, {columns} FROM interventions"
        )
        return tokenizer
    return ""  # SQLite without FTS5: the database works, without full-text search


def write_sqlite(
    library: Library | Catalogue | Iterable[Catalogue],
    path: str | Path,
    *,
    programmes: ProgrammeIndex | None = None,
) -> None:
    """Write catalogues to a new SQLite database that ``sqlite3`` and datasette open as is.

    ``programmes`` (e.g. :func:`prevcat.render.sqlite_tables.programme_index` of a crosswalk)
    fills the programmes and variants tables.  An existing file at ``path`` is replaced.
    """
    tables = library_tables(library, programmes)
    target = Path(path)
    if target.exists():
        target.unlink()
    connection = sqlite3.connect(target)
    try:
        with connection:
            connection.executescript(SQLITE_SCHEMA)
            for name, (columns, rows) in tables.items():
                marks = ",".join("?" for _ in columns)
                connection.executemany(
                    f"INSERT INTO {name} ({','.join(columns)}) VALUES ({marks})", rows
                )
            _create_fts(connection)
    finally:
        connection.close()


def _column(row: sqlite3.Row, name: str) -> str | None:
    """A column that databases written by earlier versions may lack (sqlite3.Row's ``in`` tests values)."""
    names: list[str] = row.keys()
    return row[name] if name in names else None


def read_sqlite(path: str | Path) -> Library:
    """Read a database written by :func:`write_sqlite` back into a :class:`Library`."""
    connection = sqlite3.connect(Path(path))
    connection.row_factory = sqlite3.Row
    try:
        return _read_library(connection)
    finally:
        connection.close()


def _grouped(connection: sqlite3.Connection, table: str) -> dict[str, list[sqlite3.Row]]:
    out: dict[str, list[sqlite3.Row]] = {}
    order = "intervention_id, kind, position" if table == "targets" else "intervention_id, position"
    for row in connection.execute(f"SELECT * FROM {table} ORDER BY {order}"):
        out.setdefault(row["intervention_id"], []).append(row)
    return out


def _read_library(connection: sqlite3.Connection) -> Library:
    aliases = _grouped(connection, "aliases")
    ratings = _grouped(connection, "ratings")
    targets = _grouped(connection, "targets")
    extra = _grouped(connection, "extra")
    catalogues = []
    has_sources = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'"
    ).fetchone()
    table = "sources" if has_sources else "provenance"  # databases written by earlier versions
    for p in connection.execute(f"SELECT * FROM {table} ORDER BY position"):
        provenance = Provenance(
            source=p["source"],
            title=p["title"],
            publisher=p["publisher"],
            country=p["country"],
            url=p["url"],
            snapshot=p["snapshot"],
            licence=p["licence"],
            note=p["note"],
            published=_column(p, "published"),
            closed=dt.date.fromisoformat(closed) if (closed := _column(p, "closed")) else None,
        )
        items = []
        for row in connection.execute(
            "SELECT * FROM interventions WHERE source = ? ORDER BY position", (p["source"],)
        ):
            ident = row["id"]
            by_kind: dict[str, list[str]] = {k: [] for k in TARGET_KINDS}
            for t in targets.get(ident, []):
                by_kind[t["kind"]].append(t["value"])
            record: dict[str, Any] = {
                "id": ident,
                "name": row["name"],
                "source": row["source"],
                "aliases": [{"name": a["name"], "lang": a["lang"]} for a in aliases.get(ident, [])],
                "country": row["country"],
                "languages": json.loads(row["languages"]),
                "ratings": [
                    {
                        "scale": {"id": r["scale_id"], "version": r["scale_version"]},
                        "label": r["label"],
                        "level": r["level"],
                        "direction": r["direction"],
                        "outcome": r["outcome"],
                        "reviewed": r["reviewed"],
                        "database": r["database"],
                        "reported_by": r["reported_by"],
                        "url": r["url"],
                        "note": r["note"],
                        "confidence": r["confidence"],
                    }
                    for r in ratings.get(ident, [])
                ],
                "target": {
                    "levels": by_kind["level"],
                    "ages": {"min": row["min_age"], "max": row["max_age"]},
                    "settings": by_kind["setting"],
                    "substances": by_kind["substance"],
                },
                "domains": by_kind["domain"],
                "original": row["original"],
                "url": row["url"],
                "description": row["description"],
                "confidence": row["confidence"],
                "extra": [[e["field"], e["value"]] for e in extra.get(ident, [])],
            }
            items.append(json_converter.structure(record, Intervention))
        catalogues.append(Catalogue(provenance, tuple(items)))
    return Library(tuple(catalogues))
