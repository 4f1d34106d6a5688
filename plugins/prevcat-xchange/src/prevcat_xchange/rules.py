"""What Xchange's data cannot say as a table: titles and name notes (:mod:`.names`), the site's
date formats, exact ages in the target group, and the two ratings a page shows."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from prevcat.evidence import Confidence, Rating
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, unique_aliases
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_xchange.names import parse_alternative_names, parse_origin_note, parse_title

SPEC = load_spec("prevcat_xchange")
XCHANGE_SCALE, GLOBAL_SCALE = SPEC.scale("xchange"), SPEC.scale("xchange-global")
LEVELS = SPEC.vocabulary("levels", PreventionLevel)
SETTINGS = SPEC.vocabulary("settings", Setting | PreventionLevel)  # type: ignore[arg-type]
SUBSTANCES = SPEC.vocabulary("substances", Substance)
AGE_BANDS = SPEC.vocabulary("age_bands", AgeRange)
DOMAINS = SPEC.vocabulary("domains", Domain)
LEVEL, SETTING = "Level(s) of intervention", "Programme setting(s)"
SUBSTANCE = "Substance(s) or behaviour addressed"


def parse_date(text: str) -> dt.date:
    """``18.10.2017``, ``Wednesday, October 18, 2017`` (with or without ``- 09:45``), ISO dates."""
    cleaned = " ".join(text.split())
    for fmt in SPEC.words("date_formats"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r} (expected dd.mm.yyyy or e.g. 'Wednesday, October 18, 2017')")


class XchangeImporter(MappedImporter):
    """Reads Xchange snapshots (``xchange.csv`` columns, see ``data/PROVENANCE.md``)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        native_id = row.require("id")
        title = row.require("Title", "title; every programme needs a name")
        confidence = row.confidence()
        row.keep_other_columns(self.translated_columns() - {"Title"})  # the full title stays in extra
        url = row.get("source_url") or None
        parts = parse_title(title)
        origin = parse_origin_note(row.get("Original name / adaptation of"))
        row.kept_all("Original name / adaptation of", origin.unread, "clause not read", store=False)
        alternative = parse_alternative_names(row.get("Alternative names"))
        original = origin.original or (alternative.brands[0] if alternative.brands else None)
        ratings = self.read_ratings(row, url, confidence)
        target = read_target(row)
        country = self.read_country(row)
        domains = DOMAINS.lookup("therapy" if SPEC.pattern("therapy").search(parts.name) else "default")
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=parts.name, source=SPEC.key,
            aliases=unique_aliases(parts.name, parts.aliases, origin.aliases, alternative.aliases),
            country=country, languages=SPEC.languages, ratings=tuple(ratings), target=target,
            domains=domains or (), original=original, url=url,
            description=row.get("summary_own_words") or None, confidence=confidence, extra=row.extra,
        )

    def read_ratings(self, row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
        """Xchange's own verdict and the Global rating the page shows."""
        out: list[Rating] = []
        reviewed = read_reviewed(row)
        label = row.get("Evidence rating")
        if label:
            out.append(self.rate("xchange", label, "Evidence rating", reviewed=reviewed, url=url,
                                 confidence=confidence))
        elif reviewed is not None:
            row.keep("Last reviewed")
        if row.get("Global rating"):
            out.append(self.rate("xchange-global", row.get("Global rating"), "Global rating",
                                 database="blueprints", reported_by=SPEC.key, url=url, confidence=confidence,
                                 note="Global rating shown on the Xchange page"))
        return out

    def read_country(self, row: RowReader) -> str | None:
        text = row.get("Country of origin")
        if text and text.casefold() in SPEC.words("no_country"):
            row.keep("Country of origin")
            return None
        code = SPEC.vocabulary("countries", str).lookup(text) if text else None
        if text and code is None:
            row.kept("Country of origin", text, "unknown country")
        return code[0] if code else None


def read_reviewed(row: RowReader) -> dt.date | None:
    text = row.get("Last reviewed")
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        row.kept("Last reviewed", text, str(exc).split(" (")[0])
        return None


def read_target(row: RowReader) -> Target:
    levels, unmapped_levels = LEVELS.map(split_multi(row.get(LEVEL)))
    for value in unmapped_levels:
        row.kept(LEVEL, value, SPEC.table("unplaceable_levels").get(value.casefold(), "no mapping"))
    found, unmapped_settings = SETTINGS.map(split_multi(row.get(SETTING)))
    row.kept_all(SETTING, unmapped_settings, "no mapping")
    settings = [v for v in found if isinstance(v, Setting)]
    levels += [v for v in found if isinstance(v, PreventionLevel) and v not in levels]
    substances, unmapped_substances = SUBSTANCES.map(split_multi(row.get(SUBSTANCE)))
    row.kept_all(SUBSTANCE, unmapped_substances, "no mapping")
    return Target(levels=levels, ages=read_ages(row), settings=settings, substances=substances)


def read_ages(row: RowReader) -> AgeRange:
    """Exact ages from ``Target group`` where it states them, else the span of the bands."""
    target_group = row.get("Target group")
    if target_group and SPEC.pattern("aged").search(target_group):
        exact = parse_age_band(target_group)
        if exact is not None:
            return exact
    bands: list[AgeRange] = []
    for band in split_multi(row.get("Age group")):
        fixed = AGE_BANDS.lookup(band)
        parsed = list(fixed) if fixed is not None else [parse_age_band(band)]
        if None in parsed:
            row.kept("Age group", band, "unknown age band", store=False)
        bands += [p for p in parsed if p is not None]
    return span(bands)
