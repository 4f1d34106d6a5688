"""SQLite export of a library (one table per kind of fact) and its lossless read-back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.io.json_format import json_converter
from prevcat.model import Intervention

SQLITE_SCHEMA = """
CREATE TABLE provenance (
    source TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, country TEXT, url TEXT,
    snapshot TEXT, licence TEXT, note TEXT, position INTEGER NOT NULL
);
CREATE TABLE interventions (
    id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES provenance(source), name TEXT NOT NULL,
    country TEXT, languages TEXT, original TEXT, url TEXT, description TEXT, confidence TEXT,
    min_age INTEGER, max_age INTEGER, lowest_level TEXT, highest_level TEXT, disputed INTEGER NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE aliases (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, lang TEXT, PRIMARY KEY (intervention_id, position)
);
CREATE TABLE ratings (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    scale_id TEXT NOT NULL, scale_version TEXT NOT NULL, label TEXT NOT NULL, level TEXT,
    direction TEXT NOT NULL, outcome TEXT, reviewed TEXT, database TEXT, reported_by TEXT,
    url TEXT, note TEXT, confidence TEXT, PRIMARY KEY (intervention_id, position)
);
CREATE TABLE targets (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), kind TEXT NOT NULL,
    position INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (intervention_id, kind, position)
);
CREATE TABLE extra (
    intervention_id TEXT NOT NULL REFERENCES interventions(id), position INTEGER NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (intervention_id, position)
);
CREATE INDEX ratings_level ON ratings(level);
CREATE INDEX targets_value ON targets(kind, value);
"""
"""Tables: provenance, interventions, aliases, ratings, targets (kind = level, setting,
substance or domain), extra.  ``position`` columns keep the model's order."""

_TARGET_KINDS = ("domain", "level", "setting", "substance")


def write_sqlite(library: Library | Catalogue | Iterable[Catalogue], path: str | Path) -> None:
    """Write catalogues to a new SQLite database that ``sqlite3`` and datasette open as is.

    An existing file at ``path`` is replaced.
    """
    if isinstance(library, Catalogue):
        catalogues: tuple[Catalogue, ...] = (library,)
    elif isinstance(library, Library):
        catalogues = library.catalogues
    else:
        catalogues = tuple(library)
    target = Path(path)
    if target.exists():
        target.unlink()
    connection = sqlite3.connect(target)
    try:
        with connection:
            connection.executescript(SQLITE_SCHEMA)
            for c_pos, catalogue in enumerate(catalogues):
                p = catalogue.provenance
                connection.execute(
                    "INSERT INTO provenance VALUES (?,?,?,?,?,?,?,?,?)",
                    (p.source, p.title, p.publisher, p.country, p.url, p.snapshot, p.licence, p.note, c_pos),
                )
                for i_pos, item in enumerate(catalogue):
                    _insert_intervention(connection, item, i_pos)
    finally:
        connection.close()


def _insert_intervention(connection: sqlite3.Connection, item: Intervention, position: int) -> None:
    summary = item.evidence
    connection.execute(
        "INSERT INTO interventions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            item.id,
            item.source,
            item.name,
            item.country,
            json.dumps(list(item.languages)),
            item.original,
            item.url,
            item.description,
            item.confidence.value if item.confidence else None,
            item.target.ages.min,
            item.target.ages.max,
            summary.lowest.value if summary.lowest else None,
            summary.highest.value if summary.highest else None,
            int(summary.disputed),
            position,
        ),
    )
    connection.executemany(
        "INSERT INTO aliases VALUES (?,?,?,?)",
        [(item.id, n, a.name, a.lang) for n, a in enumerate(item.aliases)],
    )
    connection.executemany(
        "INSERT INTO ratings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                item.id,
                n,
                r.scale.id,
                r.scale.version,
                r.label,
                r.level.value if r.level else None,
                r.direction.value,
                r.outcome,
                r.reviewed.isoformat() if r.reviewed else None,
                r.database,
                r.reported_by,
                r.url,
                r.note,
                r.confidence.value if r.confidence else None,
            )
            for n, r in enumerate(item.ratings)
        ],
    )
    values = {
        "domain": [d.value for d in item.domains],
        "level": [v.value for v in item.target.levels],
        "setting": [v.value for v in item.target.settings],
        "substance": [v.value for v in item.target.substances],
    }
    connection.executemany(
        "INSERT INTO targets VALUES (?,?,?,?)",
        [(item.id, kind, n, value) for kind in _TARGET_KINDS for n, value in enumerate(values[kind])],
    )
    connection.executemany(
        "INSERT INTO extra VALUES (?,?,?,?)",
        [(item.id, n, k, v) for n, (k, v) in enumerate(item.extra)],
    )


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
    for p in connection.execute("SELECT * FROM provenance ORDER BY position"):
        provenance = Provenance(
            source=p["source"],
            title=p["title"],
            publisher=p["publisher"],
            country=p["country"],
            url=p["url"],
            snapshot=p["snapshot"],
            licence=p["licence"],
            note=p["note"],
        )
        items = []
        for row in connection.execute(
            "SELECT * FROM interventions WHERE source = ? ORDER BY position", (p["source"],)
        ):
            ident = row["id"]
            by_kind: dict[str, list[str]] = {k: [] for k in _TARGET_KINDS}
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
