"""Wire formats: prevcat JSON (in and out), CSV export, SQLite export (and read-back).

One cattrs converter per format: :data:`json_converter` for prevcat's JSON documents.
CSV and SQLite are flat exports built from the same unstructured records.

prevcat JSON is versioned by ``format_version`` (see ``docs/model.md``); loading reports
every problem at once as :class:`~prevcat.errors.DataErrors`, each with the file, the line
of the record where it can be found, and the field path (``interventions[3].target.ages.min``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.v import format_exception as _cattrs_format_exception

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DataError, DataErrors, PrevcatError, UnknownLabelError
from prevcat.evidence import EvidenceScale, Rating
from prevcat.model import Intervention

JSON_FORMAT_VERSION = 1
"""The current version of prevcat's JSON format."""

CATALOGUE_KIND = "prevcat.catalogue"
LIBRARY_KIND = "prevcat.library"


def _make_json_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=True
    )
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())

    def structure_date(value: Any, _: type) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected an ISO date string (YYYY-MM-DD), got {value!r}")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {value!r}") from None

    converter.register_structure_hook(dt.date, structure_date)

    def structure_str(value: Any, _: type) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value

    converter.register_structure_hook(str, structure_str)
    return converter


json_converter = _make_json_converter()
"""The cattrs converter for prevcat JSON."""


# -- error reporting ---------------------------------------------------------------------------

_FIELD_PREFIX = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*): (.+)$", re.DOTALL)


def _format_exception(exc: BaseException, type_: type | None) -> str:
    """Keep attrs validators' own messages (cattrs would say only 'invalid value')."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, (ValueError, PrevcatError)) and str(exc):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    return _cattrs_format_exception(exc, type_)


def _split_message(message: str) -> tuple[str, str]:
    """Split cattrs' ``'<message> @ <path>'`` into ``(path, message)``."""
    text, sep, path = message.rpartition(" @ ")
    if not sep:
        return "", message
    path = path.removeprefix("$").removeprefix(".")
    match = _FIELD_PREFIX.match(text)
    if match and " " not in match.group(1):
        field, rest = match.groups()
        path = f"{path}.{field}" if path else field
        text = rest
    return path, text


_RECORD = re.compile(r"^interventions\[(\d+)\]")


def _line_of(path: str, raw: Any, text: str) -> int | None:
    """The line of the intervention record a path points into, found by its id."""
    match = _RECORD.match(path)
    if not match or not isinstance(raw, Mapping):
        return None
    records = raw.get("interventions")
    index = int(match.group(1))
    if not isinstance(records, list) or index >= len(records) or not isinstance(records[index], Mapping):
        return None
    ident = records[index].get("id")
    if not isinstance(ident, str):
        return None
    pos = text.find(json.dumps(ident, ensure_ascii=False))
    if pos < 0:
        pos = text.find(json.dumps(ident))
    if pos < 0:
        return None
    field = path.rsplit(".", 1)[-1] if "." in path else None
    if field and not field.endswith("]"):
        after = text.find(f'"{field}"', pos)
        nxt = -1
        if index + 1 < len(records) and isinstance(records[index + 1], Mapping):
            next_id = records[index + 1].get("id")
            if isinstance(next_id, str):
                nxt = text.find(json.dumps(next_id, ensure_ascii=False), pos + 1)
        if after >= 0 and (nxt < 0 or after < nxt):
            pos = after
    return text.count("\n", 0, pos) + 1


def cattrs_messages(
    exc: BaseException, format_exception: Callable[[BaseException, type | None], str] | None = None
) -> list[tuple[str, str]]:
    """A cattrs structuring error as ``(path, message)`` pairs (path ``''`` for the document)."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        formatter = format_exception or _format_exception
        messages = cattrs.transform_error(exc, path="$", format_exception=formatter)
    else:
        messages = [str(exc)]
    out = []
    for message in messages:
        path, body = _split_message(message)
        if not path:
            match = _FIELD_PREFIX.match(body)
            if match and re.match(r"^[\w\[\].]+$", match.group(1)):
                path, body = match.groups()
        out.append((path, body))
    return out


def _errors_from(exc: BaseException, *, file: str | None, raw: Any, text: str) -> list[DataError]:
    return [
        DataError(body, file=file, line=_line_of(path, raw, text), path=path or None)
        for path, body in cattrs_messages(exc)
    ]


def _check_labels(raw: Any, scales: Mapping[tuple[str, str], EvidenceScale]) -> list[tuple[str, str]]:
    """Problems with rating labels in raw catalogue data, as ``(path, message)`` pairs."""
    problems: list[tuple[str, str]] = []
    records = raw.get("interventions") if isinstance(raw, Mapping) else None
    if not isinstance(records, list):
        return problems
    known = sorted(f"{i}@{v}" for i, v in scales)
    for i, record in enumerate(records):
        ratings = record.get("ratings") if isinstance(record, Mapping) else None
        if not isinstance(ratings, list):
            continue
        for j, rating in enumerate(ratings):
            if not isinstance(rating, Mapping):
                continue
            scale_ref = rating.get("scale")
            label = rating.get("label")
            if not isinstance(scale_ref, Mapping) or not isinstance(label, str):
                continue
            key = (str(scale_ref.get("id")), str(scale_ref.get("version", "1")))
            path = f"interventions[{i}].ratings[{j}]"
            scale = scales.get(key)
            if scale is None:
                message = f"unknown evidence scale {key[0]}@{key[1]}; registered: {', '.join(known)}"
                problems.append((f"{path}.scale", message))
                continue
            try:
                level = scale.lookup(label)
            except UnknownLabelError as exc:
                problems.append((f"{path}.label", exc.message))
                continue
            expected = level.level.value if level.level else None
            if "level" in rating and rating.get("level") != expected:
                problems.append(
                    (
                        f"{path}.level",
                        f"{rating.get('level')!r} contradicts scale {scale.ref}, "
                        f"where {label!r} is {expected!r}",
                    )
                )
    return problems


def _parse_document(text: str, *, file: str | None, kind: str) -> dict[str, Any]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataErrors(
            [DataError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=file, line=exc.lineno)]
        ) from None
    if not isinstance(raw, dict):
        raise DataErrors([DataError("expected a JSON object at the top level", file=file)])
    version = raw.get("format_version")
    problems = []
    if version is None:
        problems.append(DataError("missing; expected format_version 1", file=file, path="format_version"))
    elif version != JSON_FORMAT_VERSION:
        problems.append(
            DataError(
                f"unsupported version {version!r}; this prevcat reads version {JSON_FORMAT_VERSION}",
                file=file,
                path="format_version",
            )
        )
    if raw.get("kind", kind) != kind:
        problems.append(DataError(f"expected {kind!r}, got {raw.get('kind')!r}", file=file, path="kind"))
    if problems:
        raise DataErrors(problems)
    return raw


# -- catalogues as JSON --------------------------------------------------------------------------


def unstructure_catalogue(catalogue: Catalogue) -> dict[str, Any]:
    """A catalogue as a JSON-ready dict (without the document header)."""
    return {
        "provenance": json_converter.unstructure(catalogue.provenance),
        "interventions": [json_converter.unstructure(i) for i in catalogue.interventions],
    }


def dumps_catalogue(catalogue: Catalogue, *, indent: int | None = 2) -> str:
    """A catalogue as a prevcat JSON document."""
    doc = {"format_version": JSON_FORMAT_VERSION, "kind": CATALOGUE_KIND, **unstructure_catalogue(catalogue)}
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def _structure_catalogue(
    raw: Mapping[str, Any],
    *,
    file: str | None,
    text: str,
    scales: Mapping[tuple[str, str], EvidenceScale] | None,
    path_prefix: str = "",
) -> Catalogue:
    errors: list[DataError] = []
    if scales is not None:
        for path, message in _check_labels(raw, scales):
            line = _line_of(path, raw, text)
            errors.append(DataError(message, file=file, line=line, path=path_prefix + path))
    body = {k: v for k, v in raw.items() if k not in ("format_version", "kind")}
    catalogue: Catalogue | None = None
    try:
        catalogue = json_converter.structure(body, Catalogue)
    except (ClassValidationError, IterableValidationError, ValueError, PrevcatError) as exc:
        for error in _errors_from(exc, file=file, raw=raw, text=text):
            if path_prefix:
                error = error.located(path_prefix=path_prefix.rstrip("."))
            if all(e.format() != error.format() for e in errors):
                errors.append(error)
    if errors:
        errors.sort(key=lambda e: (e.line is None, e.line or 0, e.path or ""))
        raise DataErrors(errors, summary=f"{file or 'catalogue'}: {len(errors)} problem(s)")
    assert catalogue is not None
    return catalogue


def loads_catalogue(
    text: str,
    *,
    file: str | None = None,
    scales: Mapping[tuple[str, str], EvidenceScale] | None = None,
) -> Catalogue:
    """Read a prevcat JSON catalogue document.

    With ``scales`` (``{(id, version): scale}``), every rating label must resolve in its
    scale and agree with the stored level.  Raises :class:`DataErrors`, one per problem.
    """
    raw = _parse_document(text, file=file, kind=CATALOGUE_KIND)
    return _structure_catalogue(raw, file=file, text=text, scales=scales)


def dump_catalogue(catalogue: Catalogue, path: str | Path) -> None:
    """Write a catalogue as prevcat JSON (UTF-8)."""
    Path(path).write_text(dumps_catalogue(catalogue), encoding="utf-8")


def load_catalogue(
    path: str | Path, *, scales: Mapping[tuple[str, str], EvidenceScale] | None = None
) -> Catalogue:
    """Read a prevcat JSON catalogue file."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(f"cannot read file: {exc}", file=file)]) from exc
    return loads_catalogue(text, file=file, scales=scales)


def dumps_library(library: Library | Iterable[Catalogue], *, indent: int | None = 2) -> str:
    """Several catalogues as one prevcat JSON library document."""
    catalogues = library.catalogues if isinstance(library, Library) else tuple(library)
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "kind": LIBRARY_KIND,
        "catalogues": [unstructure_catalogue(c) for c in catalogues],
    }
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def loads_library(text: str, *, file: str | None = None) -> Library:
    """Read a prevcat JSON library document."""
    raw = _parse_document(text, file=file, kind=LIBRARY_KIND)
    items = raw.get("catalogues")
    if not isinstance(items, list):
        raise DataErrors([DataError("expected a list of catalogues", file=file, path="catalogues")])
    catalogues = []
    errors: list[DataError] = []
    for index, item in enumerate(items):
        try:
            prefix = f"catalogues[{index}]."
            catalogues.append(
                _structure_catalogue(item, file=file, text=text, scales=None, path_prefix=prefix)
            )
        except DataErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise DataErrors(errors)
    try:
        return Library(tuple(catalogues))
    except PrevcatError as exc:
        raise DataErrors([DataError(str(exc), file=file, path="catalogues")]) from exc


# -- CSV export -------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "name",
    "source",
    "aliases",
    "country",
    "languages",
    "domains",
    "levels",
    "min_age",
    "max_age",
    "settings",
    "substances",
    "ratings",
    "lowest_level",
    "highest_level",
    "disputed",
    "original",
    "url",
    "confidence",
    "description",
    "extra",
)
MULTI_SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with ``'``."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _rating_text(rating: Rating) -> str:
    level = rating.level.value if rating.level else "unplaced"
    extra = f"; {rating.database}" if rating.database else ""
    outcome = f"; outcome: {rating.outcome}" if rating.outcome else ""
    return f"{rating.label} [{rating.scale} → {level}, {rating.direction.value}{extra}{outcome}]"


def intervention_row(item: Intervention) -> dict[str, str]:
    """One intervention as a flat CSV row (multi-values joined with `` | ``), not yet neutralised."""
    target = item.target
    summary = item.evidence
    join = MULTI_SEPARATOR.join
    return {
        "id": item.id,
        "name": item.name,
        "source": item.source,
        "aliases": join(str(a) for a in item.aliases),
        "country": item.country or "",
        "languages": join(item.languages),
        "domains": join(d.value for d in item.domains),
        "levels": join(v.value for v in target.levels),
        "min_age": "" if target.ages.min is None else str(target.ages.min),
        "max_age": "" if target.ages.max is None else str(target.ages.max),
        "settings": join(v.value for v in target.settings),
        "substances": join(v.value for v in target.substances),
        "ratings": join(_rating_text(r) for r in item.ratings),
        "lowest_level": summary.lowest.value if summary.lowest else "",
        "highest_level": summary.highest.value if summary.highest else "",
        "disputed": "yes" if summary.disputed else "no",
        "original": item.original or "",
        "url": item.url or "",
        "confidence": item.confidence.value if item.confidence else "",
        "description": item.description or "",
        "extra": json.dumps(dict(_group_extra(item.extra)), ensure_ascii=False) if item.extra else "",
    }


def _group_extra(extra: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, str | list[str]] = {}
    for key, value in extra:
        if key not in grouped:
            grouped[key] = value
        else:
            current = grouped[key]
            grouped[key] = [*current, value] if isinstance(current, list) else [current, value]
    return grouped


def write_csv(interventions: Iterable[Intervention], target: str | Path | IO[str]) -> int:
    """Write one row per intervention (first column ``id``), formula-like cells neutralised.

    Returns the number of rows written.
    """
    handle: IO[str]
    if isinstance(target, (str, Path)):
        handle = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115
        close = True
    else:
        handle, close = target, False
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for item in interventions:
            writer.writerow({k: neutralise_cell(v) for k, v in intervention_row(item).items()})
            count += 1
        return count
    finally:
        if close:
            handle.close()


def dumps_csv(interventions: Iterable[Intervention]) -> str:
    """The CSV export as a string."""
    buffer = io.StringIO()
    write_csv(interventions, buffer)
    return buffer.getvalue()


# -- SQLite export -------------------------------------------------------------------------------

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
