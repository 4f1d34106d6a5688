"""What Metodguiden's data cannot say as a table: the guideline priorities and where they were read,
and the row's descriptive cells (:mod:`.names`).  Rows sharing an id merge as every mapped registry's do."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlparse

from prevcat.evidence import Confidence, Rating
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, map_terms, unique_aliases
from prevcat.importers.vocab import split_multi
from prevcat.model import Domain, Intervention, Setting, Substance, Target
from prevcat_metodguiden.names import (
    map_ages,
    map_domains,
    map_levels,
    map_origin,
    map_substances,
    names_in,
    other_names,
)

SPEC = load_spec("prevcat_metodguiden")
NR_SCALE = SPEC.scale("metodguiden-nr")
SETTINGS = SPEC.vocabulary("settings", Setting)
#: whose verdict the ratings are (not Metodguiden's own)
DATABASE = "Socialstyrelsen, Nationella riktlinjer"
PRIORITY, ORIGIN = "Nationella riktlinjer prioritet", "Ursprungsland / originalprogram"


def _host(url: str) -> str:
    return (urlparse(url).hostname or "").removeprefix("www.")


class MetodguidenImporter(MappedImporter):
    """Reads the Metodguiden snapshot (one row per method) into one catalogue."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_ratings(self, row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
        """The national-guideline priorities on ``metodguiden-nr``, one per condition (none when empty).

        A cell may hold several priorities (``2 | 3 | 4``), one per condition; ``records.nr_conditions``
        names each condition, carried as the rating's ``outcome``.  Priorities read on secondary sites
        (vardochinsats.se) name the site in ``reported_by`` and are at most of medium confidence.
        """
        labels = split_multi(row.get(PRIORITY))
        for label in labels:
            self.rate(NR_SCALE.id, label, PRIORITY)  # an unknown priority rejects the row
        urls = split_multi(row.get("nr_source_url"))
        first_host = _host(urls[0]) if urls else ""
        secondary = bool(first_host) and first_host not in SPEC.words("nr_hosts")
        if secondary and confidence is Confidence.HIGH:
            confidence = Confidence.MEDIUM
        records = SPEC.records["nr_conditions"]
        conditions = {r["priority"]: r["condition"] for r in records if r["id"] == row.get("id")}
        if len(labels) > 1:
            for label in (x for x in labels if x not in conditions):
                row.warn(PRIORITY, label, "one of several priorities; its condition is not recorded")
        source = row.get("nr_source_url") or "not stated"
        return [NR_SCALE.rate(
            label, database=DATABASE, reported_by=first_host if secondary else None,
            url=urls[0] if urls else None, confidence=confidence,
            outcome=conditions.get(label) if len(labels) > 1 else None,
            note=f"priority in the national guidelines (1 = highest, 10 = lowest), not an effect grade; "
            f"source: {source}",
        ) for label in labels]

    def read_row(self, row: RowReader) -> Intervention:
        native_id = row.require("id")
        name = row.require("Metod", "method name")
        confidence = row.confidence()
        ratings = self.read_ratings(row, None, confidence)
        for column in SPEC.words("extra_columns"):
            row.keep(column)
        kind = None
        if row.get("Typ av metod"):
            kinds = SPEC.vocabulary("method_types", str).lookup(row.get("Typ av metod"))
            if kinds is None:
                row.kept("Typ av metod", row.get("Typ av metod"), "unknown method type", store=False)
            kind = kinds[0] if kinds else None
        settings, unmapped = map_terms(SETTINGS, split_multi(row.get("Verksamhet/arena")))
        row.kept_all("Verksamhet/arena", unmapped, "unmapped setting")
        ages, unparsed = map_ages(row.get("Ålder"))
        row.kept_all("Ålder", unparsed, "unparsed age", store=False)
        target_group = row.get("Målgrupp")
        substances = map_substances(target_group)
        collections, unknown = SPEC.vocabulary("collections", Substance).map(split_multi(row.get("Samling")))
        substances.extend(s for s in collections if s not in substances)
        row.kept_all("Samling", unknown, "unknown collection", store=False)
        country, original = map_origin(row.get(ORIGIN))
        if row.get(ORIGIN) and country is None:
            row.kept(ORIGIN, row.get(ORIGIN), "names no country", store=False)
        urls = split_multi(row.get("source_url"))
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=name, source=SPEC.key,
            aliases=unique_aliases(name, names_in(name), other_names(row.get("Andra namn"))),
            country=country, languages=SPEC.languages, ratings=ratings,
            target=Target(levels=map_levels(target_group), ages=ages, settings=settings,
                          substances=substances),
            domains=SPEC.vocabulary("domains_by_id", Domain).lookup(native_id)
            or map_domains(kind, f"{target_group} | {row.get('Verksamhet/arena')}"),
            original=original, url=urls[0] if urls else None, confidence=confidence, extra=row.extra,
        )
