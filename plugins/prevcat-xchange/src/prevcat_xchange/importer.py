"""The Xchange importer: ``xchange.csv`` (or a file in its columns) → catalogue + report."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, unique_aliases
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Intervention, PreventionLevel, Setting, Target
from prevcat_xchange import mappings as m
from prevcat_xchange.names import parse_alternative_names, parse_origin_note, parse_title
from prevcat_xchange.scales import GLOBAL_SCALE, XCHANGE_SCALE

KEY = "xchange"
REQUIRED_COLUMNS = ("id", "Title")
#: columns whose every value has a home in the model (all others are kept in ``extra``)
MAPPED_COLUMNS = frozenset(
    {
        "id",
        "Evidence rating",
        "Global rating",
        "Last reviewed",
        "Country of origin",
        "Programme setting(s)",
        "Level(s) of intervention",
        "Substance(s) or behaviour addressed",
        "summary_own_words",
        "source_url",
        "confidence",
    }
)
_DATE_FORMATS = ("%d.%m.%Y", "%A, %B %d, %Y", "%A, %B %d, %Y - %H:%M", "%B %d, %Y", "%Y-%m-%d")
_AGED = re.compile(r"\baged?\b|\byears\b|\d\s*[-–]\s*\d", re.IGNORECASE)

PROVENANCE = Provenance(
    source=KEY,
    title="EUDA Xchange prevention registry",
    publisher="European Union Drugs Agency (EUDA; EMCDDA until July 2024), Best practice portal",
    country="EU",
    url="https://www.euda.europa.eu/best-practice/xchange_en",
    snapshot="2026-11",
    licence=(
        "Facts compiled by hand from the registry's public pages, each row citing its page. EU agency "
        "content is usually reusable with acknowledgement of the source; terms not re-checked "
        "for this snapshot."
    ),
    note="18 of roughly 38+ Xchange entries; ratings cover the European studies only (data/PROVENANCE.md).",
)


def parse_date(text: str) -> dt.date:
    """``18.10.2017``, ``Wednesday, October 18, 2017`` (with or without ``- 09:45``), ISO dates."""
    cleaned = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r} (expected dd.mm.yyyy or e.g. 'Wednesday, October 18, 2017')")


class XchangeImporter(TableImporter):
    """Reads Xchange snapshots (``xchange.csv`` columns, see ``data/PROVENANCE.md``)."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "EUDA Xchange prevention registry"
    provenance: ClassVar[Provenance] = PROVENANCE
    package: ClassVar[str] = "prevcat_xchange"
    snapshot_file: ClassVar[str] = "xchange.csv"
    required_columns: ClassVar[tuple[str, ...]] = REQUIRED_COLUMNS
    merged_name_lang: ClassVar[str | None] = "en"

    def read_row(self, row: RowReader) -> Intervention:
        native_id = row.require("id")
        title = row.require("Title", "title; every programme needs a name")
        confidence = row.confidence()
        row.keep_other_columns(MAPPED_COLUMNS)
        url = row.get("source_url") or None
        parts = parse_title(title)
        origin = parse_origin_note(row.get("Original name / adaptation of"))
        row.kept_all("Original name / adaptation of", origin.unread, "clause not read", store=False)
        alternative = parse_alternative_names(row.get("Alternative names"))
        original = origin.original or (alternative.brands[0] if alternative.brands else None)
        ratings = rate(row, url, confidence)
        target = read_target(row)
        country = read_country(row)
        domains = m.THERAPY_DOMAINS if re.search(r"\btherapy\b", parts.name, re.I) else m.DEFAULT_DOMAINS
        return Intervention(
            id=f"{KEY}:{native_id}",
            name=parts.name,
            source=KEY,
            aliases=unique_aliases(parts.name, parts.aliases, origin.aliases, alternative.aliases),
            country=country,
            languages=("en",),
            ratings=tuple(ratings),
            target=target,
            domains=domains,
            original=original,
            url=url,
            description=row.get("summary_own_words") or None,
            confidence=confidence,
            extra=row.extra,
        )


# -- evidence ------------------------------------------------------------------------------------


def rate(row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
    """Xchange's own verdict and the Global rating the page shows."""
    out: list[Rating] = []
    reviewed = read_reviewed(row)
    label = row.get("Evidence rating")
    if label:
        try:
            out.append(XCHANGE_SCALE.rate(label, reviewed=reviewed, url=url, confidence=confidence))
        except UnknownLabelError as exc:
            raise RowRejected("Evidence rating", exc.message) from None
    elif reviewed is not None:
        row.keep("Last reviewed")
    global_label = row.get("Global rating")
    if global_label:
        try:
            out.append(
                GLOBAL_SCALE.rate(
                    global_label,
                    database="blueprints",
                    reported_by=KEY,
                    url=url,
                    confidence=confidence,
                    note="Global rating shown on the Xchange page",
                )
            )
        except UnknownLabelError as exc:
            raise RowRejected("Global rating", exc.message) from None
    return out


def read_reviewed(row: RowReader) -> dt.date | None:
    text = row.get("Last reviewed")
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        row.kept("Last reviewed", text, str(exc).split(" (")[0])
        return None


# -- target --------------------------------------------------------------------------------------


def read_target(row: RowReader) -> Target:
    levels, unmapped_levels = m.LEVELS.map(split_multi(row.get("Level(s) of intervention")))
    for value in unmapped_levels:
        why = m.UNPLACEABLE_LEVELS.get(value.casefold(), "no mapping")
        row.kept("Level(s) of intervention", value, why)
    found, unmapped_settings = m.SETTINGS.map(split_multi(row.get("Programme setting(s)")))
    row.kept_all("Programme setting(s)", unmapped_settings, "no mapping")
    settings = [v for v in found if isinstance(v, Setting)]
    levels += [v for v in found if isinstance(v, PreventionLevel) and v not in levels]
    substances, unmapped_substances = m.SUBSTANCES.map(
        split_multi(row.get("Substance(s) or behaviour addressed"))
    )
    row.kept_all("Substance(s) or behaviour addressed", unmapped_substances, "no mapping")
    return Target(levels=levels, ages=read_ages(row), settings=settings, substances=substances)


def read_ages(row: RowReader) -> AgeRange:
    """Exact ages from ``Target group`` where it states them, else the span of the bands."""
    target_group = row.get("Target group")
    if target_group and _AGED.search(target_group):
        exact = parse_age_band(target_group)
        if exact is not None:
            return exact
    bands: list[AgeRange] = []
    for band in split_multi(row.get("Age group")):
        known = {k.casefold(): v for k, v in m.AGE_BANDS.items()}
        if band.casefold() in known:
            fixed = known[band.casefold()]
            if fixed is not None:
                bands.append(fixed)
            continue
        parsed = parse_age_band(band)
        if parsed is None:
            row.kept("Age group", band, "unknown age band", store=False)
            continue
        bands.append(parsed)
    return span(bands)


def read_country(row: RowReader) -> str | None:
    text = row.get("Country of origin")
    if not text or text.casefold() in m.NO_COUNTRY:
        if text:
            row.keep("Country of origin")
        return None
    code = m.COUNTRIES.lookup(text)
    if code is None:
        row.kept("Country of origin", text, "unknown country")
        return None
    return code[0]
