"""Datasette metadata for the SQLite export: titles, descriptions, facets, licences and sources.

The template ships as ``io/data/datasette-metadata.json``; :func:`datasette_metadata` fills in
the database name (datasette names a database after its file stem) and, per table, the
registries' licences and source URLs from the exported catalogues.  Browse with::

    pip install datasette
    prevcat export --format sqlite -o prevcat.db --metadata metadata.json
    datasette prevcat.db -m metadata.json
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

from prevcat.catalogue import Catalogue, Library
from prevcat.io.tables import catalogues_of

__all__ = ["datasette_metadata", "write_datasette_metadata"]

_PLACEHOLDER = "{database}"


def _template() -> dict[str, Any]:
    text = files("prevcat.io").joinpath("data", "datasette-metadata.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def datasette_metadata(library: Library | Catalogue | Iterable[Catalogue], database: str) -> dict[str, Any]:
    """The metadata for a database named ``database`` (the .db file's stem) holding ``library``."""
    catalogues = catalogues_of(library)
    data = _template()
    tables = data["databases"].pop(_PLACEHOLDER)
    terms = "; ".join(
        f"{c.provenance.title}: {c.provenance.licence or 'terms not recorded'}" for c in catalogues
    )
    sources = ", ".join(c.provenance.title for c in catalogues)
    link = f"/{database}/sources"
    for table in tables["tables"].values():
        table.setdefault("license", "each registry's terms (see the sources table)")
        table.setdefault("license_url", link)
        table.setdefault("source", sources or "no catalogue")
        table.setdefault("source_url", link)
    tables["tables"]["sources"]["description"] += " " + terms if terms else ""
    data["databases"][database] = tables
    return data


def write_datasette_metadata(
    library: Library | Catalogue | Iterable[Catalogue], database: str | Path, path: str | Path
) -> None:
    """Write :func:`datasette_metadata` for the database file ``database`` to ``path`` as JSON."""
    name = Path(database).stem
    text = json.dumps(datasette_metadata(library, name), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")
