"""The Metodguiden importer: methods described by Socialstyrelsen, with national-guideline priorities."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlparse

import attrs

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    lowest_confidence,
    map_terms,
    unique_aliases,
)
from prevcat.importers.vocab import split_multi
from prevcat.model import Alias, Intervention, Target
from prevcat_metodguiden.mappings import COLLECTIONS, METHOD_TYPES, SETTINGS
from prevcat_metodguiden.scales import DATABASE, NR_SCALE
from prevcat_metodguiden.vocabulary import (
    map_ages,
    map_domains,
    map_levels,
    map_origin,
    map_substances,
    names_in,
    other_names,
)

KEY = "metodguiden"
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


def _host(url: str) -> str:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.")


def nr_rating(row: RowReader, confidence: Confidence | None) -> Rating | None:
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
        raise RowRejected(PRIORITY, exc.message) from None
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


def read_method(row: RowReader) -> Intervention:
    """One row as an intervention; raises :class:`RowRejected` when it cannot be imported."""
    native_id = row.require("id")
    name = row.require("Metod", "method name")
    confidence = row.confidence()
    rating = nr_rating(row, confidence)
    for column in EXTRA_COLUMNS:
        row.keep(column)

    kind = None
    method_type = row.get("Typ av metod")
    if method_type:
        kinds = METHOD_TYPES.lookup(method_type)
        if kinds is None:
            row.kept("Typ av metod", method_type, "unknown method type", store=False)
        else:
            kind = kinds[0]
    settings, unmapped = map_terms(SETTINGS, split_multi(row.get("Verksamhet/arena")))
    row.kept_all("Verksamhet/arena", unmapped, "unmapped setting")
    ages, unparsed = map_ages(row.get("Ålder"))
    row.kept_all("Ålder", unparsed, "unparsed age", store=False)
    target_group = row.get("Målgrupp")
    substances = map_substances(target_group)
    collection_values, unknown_collections = COLLECTIONS.map(split_multi(row.get("Samling")))
    substances.extend(s for s in collection_values if s not in substances)
    row.kept_all("Samling", unknown_collections, "unknown collection", store=False)
    country, original = map_origin(row.get(ORIGIN))
    if row.get(ORIGIN) and country is None:
        row.kept(ORIGIN, row.get(ORIGIN), "names no country", store=False)
    urls = split_multi(row.get("source_url"))
    return Intervention(
        id=f"{KEY}:{native_id}",
        name=name,
        source=KEY,
        aliases=unique_aliases(name, names_in(name), other_names(row.get("Andra namn"))),
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
        extra=row.extra,
    )


def merge_methods(items: Sequence[Intervention]) -> Intervention:
    """Rows sharing an id → one intervention: the first row's description, every row's ratings."""
    first = items[0]
    if len(items) == 1:
        return first
    extra: list[tuple[str, str]] = []
    for item in items:
        extra.extend(pair for pair in item.extra if pair not in extra)
    return attrs.evolve(
        first,
        aliases=unique_aliases(first.name, *((Alias(i.name), *i.aliases) for i in items)),
        ratings=[r for i in items for r in i.ratings],
        confidence=lowest_confidence(i.confidence for i in items),
        extra=extra,
    )


class MetodguidenImporter(TableImporter):
    """Reads the Metodguiden snapshot (one row per method) into one catalogue."""

    key = KEY
    title = "Metodguiden för socialt arbete (Socialstyrelsen, Sweden)"
    provenance = PROVENANCE
    package = "prevcat_metodguiden"
    snapshot_file = "metodguiden.csv"
    required_columns = ("id", "Metod")

    def read_row(self, row: RowReader) -> Intervention:
        return read_method(row)

    def merge(self, items: Sequence[Intervention]) -> Intervention:
        return merge_methods(items)
