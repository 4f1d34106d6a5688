"""The Metodguiden importer: methods described by Socialstyrelsen, with national-guideline priorities."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import IO
from urllib.parse import urlparse

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.base import Importer, ImportResult, ImportWarning, RejectedRow, Snapshot, make_report
from prevcat.importers.csvio import TableRow, read_table
from prevcat.importers.vocab import split_multi
from prevcat.model import Alias, Intervention, Target
from prevcat_metodguiden.mappings import COLLECTIONS, METHOD_TYPES
from prevcat_metodguiden.scales import DATABASE, NR_SCALE
from prevcat_metodguiden.vocabulary import (
    map_ages,
    map_domains,
    map_levels,
    map_origin,
    map_settings,
    map_substances,
    names_in,
    other_names,
)

KEY = "metodguiden"
REQUIRED_COLUMNS = ("id", "Metod")
PRIORITY = "Nationella riktlinjer prioritet"
ORIGIN = "Ursprungsland / originalprogram"
#: columns with no (or only a partial) home in the model, kept verbatim in ``extra`` (in this order)
EXTRA_COLUMNS = (
    "Typ av metod",
    "Målgrupp",
    "Ålder",
    "Syfte",
    ORIGIN,
    "Andra namn",
    "I Sverige sedan",
    "Samling",
    "anmärkning",
    "nr_source_url",
    "source_url",
    "seen",
)
#: host whose pages state national-guideline priorities first hand
NR_HOST = "socialstyrelsen.se"

PROVENANCE = Provenance(
    source=KEY,
    title="Metodguiden för socialt arbete (Socialstyrelsen)",
    publisher="Socialstyrelsen (Swedish National Board of Health and Welfare)",
    country="SE",
    url="https://www.socialstyrelsen.se/kunskapsstod-och-regler/omraden/evidensbaserad-praktik/metodguiden/",
    snapshot="2026-11",
    licence="Facts compiled by hand from Socialstyrelsen's public pages (aims paraphrased, not copied); "
    "Socialstyrelsen's texts remain its own. Guideline priorities partly from secondary sites, as flagged.",
    note="15 rows, 15 methods; Metodguiden gives no rating of its own. See data/PROVENANCE.md and "
    "docs/sources/metodguiden.md.",
)


class RowError(Exception):
    """A row that cannot be imported: the field and the reason."""

    def __init__(self, field: str | None, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(reason)


def _confidence(cell: str) -> Confidence | None:
    if not cell:
        return None
    try:
        return Confidence(cell.casefold())
    except ValueError:
        known = ", ".join(c.value for c in Confidence)
        raise RowError("confidence", f"{cell!r} is not a confidence (expected {known})") from None


def _host(url: str) -> str:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.")


def nr_rating(row: TableRow, confidence: Confidence | None) -> Rating | None:
    """The national-guideline priority as a rating on :data:`NR_SCALE`, or None when the cell is empty.

    The snapshot records priorities from secondary sites (vardochinsats.se); such a rating names the
    site in ``reported_by`` and is at most of medium confidence.
    """
    label = row.get(PRIORITY)
    if not label:
        return None
    try:
        NR_SCALE.lookup(label)
    except UnknownLabelError as exc:
        raise RowError(PRIORITY, exc.message) from None
    urls = split_multi(row.get("nr_source_url"))
    first_host = _host(urls[0]) if urls else ""
    secondary = bool(first_host) and first_host != NR_HOST
    if secondary and confidence is Confidence.HIGH:
        confidence = Confidence.MEDIUM
    source = row.get("nr_source_url") or "not stated"
    return NR_SCALE.rate(
        label,
        database=DATABASE,
        reported_by=first_host if secondary else None,
        url=urls[0] if urls else None,
        note=f"priority in the national guidelines (1 = highest, 10 = lowest), not an effect grade; "
        f"source: {source}",
        confidence=confidence,
    )


def _warn(warnings: list[ImportWarning], row: TableRow, column: str, value: str, what: str) -> None:
    warnings.append(ImportWarning(f"{what} {value!r} kept in extra", row=row.row, field=column, value=value))


def read_method(row: TableRow, warnings: list[ImportWarning]) -> Intervention:
    """One row as an intervention; raises :class:`RowError` when it cannot be imported."""
    native_id = row.get("id")
    if not native_id:
        raise RowError("id", "empty id")
    name = row.get("Metod")
    if not name:
        raise RowError("Metod", "empty method name")
    confidence = _confidence(row.get("confidence"))
    rating = nr_rating(row, confidence)
    extra = [(column, row.get(column)) for column in EXTRA_COLUMNS if row.get(column)]

    kind = None
    if row.get("Typ av metod"):
        kinds = METHOD_TYPES.lookup(row.get("Typ av metod"))
        if kinds is None:
            _warn(warnings, row, "Typ av metod", row.get("Typ av metod"), "unknown method type")
        else:
            kind = kinds[0]
    settings, unmapped = map_settings(row.get("Verksamhet/arena"))
    for term in unmapped:
        _warn(warnings, row, "Verksamhet/arena", term, "unmapped setting")
        extra.append(("Verksamhet/arena", term))
    ages, unparsed = map_ages(row.get("Ålder"))
    for part in unparsed:
        _warn(warnings, row, "Ålder", part, "unparsed age")
    target_group = row.get("Målgrupp")
    substances = map_substances(target_group)
    collection_values, unknown_collections = COLLECTIONS.map(split_multi(row.get("Samling")))
    substances.extend(s for s in collection_values if s not in substances)
    for term in unknown_collections:
        _warn(warnings, row, "Samling", term, "unknown collection")
    country, original = map_origin(row.get(ORIGIN))
    if row.get(ORIGIN) and country is None:
        _warn(warnings, row, ORIGIN, row.get(ORIGIN), "no country named in")
    urls = split_multi(row.get("source_url"))
    return Intervention(
        id=f"{KEY}:{native_id}",
        name=name,
        source=KEY,
        aliases=_unique_aliases(name, [*names_in(name), *other_names(row.get("Andra namn"))]),
        country=country,
        languages=("sv",),
        ratings=(rating,) if rating else (),
        target=Target(
            levels=map_levels(target_group),
            ages=ages,
            settings=settings,
            substances=substances,
        ),
        domains=map_domains(kind, f"{target_group} | {row.get('Verksamhet/arena')}"),
        original=original,
        url=urls[0] if urls else None,
        confidence=confidence,
        extra=extra,
    )


def _unique_aliases(name: str, aliases: list[Alias]) -> list[Alias]:
    seen = {name.casefold()}
    out: list[Alias] = []
    for alias in aliases:
        if alias.name.casefold() not in seen:
            seen.add(alias.name.casefold())
            out.append(alias)
    return out


_CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)


def merge(items: list[Intervention]) -> Intervention:
    """Rows sharing an id → one intervention: the first row's description, every row's ratings."""
    first = items[0]
    if len(items) == 1:
        return first
    confidences = [i.confidence for i in items if i.confidence is not None]
    extra: list[tuple[str, str]] = []
    for item in items:
        extra.extend(pair for pair in item.extra if pair not in extra)
    return Intervention(
        id=first.id,
        name=first.name,
        source=KEY,
        aliases=_unique_aliases(first.name, [a for i in items for a in (Alias(i.name), *i.aliases)]),
        country=first.country,
        languages=first.languages,
        ratings=[r for i in items for r in i.ratings],
        target=first.target,
        domains=first.domains,
        original=first.original,
        url=first.url,
        confidence=min(confidences, key=_CONFIDENCE_ORDER.index) if confidences else None,
        extra=extra,
    )


class MetodguidenImporter(Importer):
    """Reads the Metodguiden snapshot (one row per method) into one catalogue."""

    key = KEY
    title = "Metodguiden för socialt arbete (Socialstyrelsen, Sweden)"
    formats = ("csv",)

    def snapshot(self) -> Snapshot:
        path = Path(str(files("prevcat_metodguiden") / "data" / "metodguiden.csv"))
        return Snapshot(path=path, provenance=PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        file = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=file, line=1)
        warnings = [ImportWarning(message) for message in table.warnings]
        rejected: list[RejectedRow] = []
        groups: dict[str, list[Intervention]] = {}
        for row in table:
            native_id = row.get("id") or None
            if "__overflow__" in row.cells:
                reason = "more cells than header columns"
                rejected.append(RejectedRow(row.row, reason, line=row.line, native_id=native_id))
                continue
            row_warnings: list[ImportWarning] = []
            try:
                item = read_method(row, row_warnings)
            except RowError as exc:
                rejected.append(
                    RejectedRow(row.row, exc.reason, field=exc.field, line=row.line, native_id=native_id)
                )
                continue
            warnings.extend(row_warnings)
            groups.setdefault(item.id, []).append(item)
        interventions = [merge(items) for items in groups.values()]
        catalogue = Catalogue(provenance=PROVENANCE, interventions=interventions)
        report = make_report(
            KEY,
            Path(file).name if file else None,
            rows_read=len(table),
            rejected=rejected,
            warnings=warnings,
            interventions=len(interventions),
        )
        return ImportResult(catalogue=catalogue, report=report)
