"""The Xchange importer: ``xchange.csv`` (or a file in its columns) → catalogue + report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import IO, ClassVar

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.base import (
    Importer,
    ImportResult,
    ImportWarning,
    RejectedRow,
    Snapshot,
    make_report,
)
from prevcat.importers.csvio import TableRow, read_table
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Alias, Intervention, PreventionLevel, Setting, Target
from prevcat_xchange import mappings as m
from prevcat_xchange.names import merge_aliases, parse_alternative_names, parse_origin_note, parse_title
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
    country=None,
    url="https://www.euda.europa.eu/best-practice/xchange_en",
    snapshot="2026-11",
    licence=(
        "Facts compiled by hand from the registry's public pages, each row citing its page. EU agency "
        "content is usually reusable with acknowledgement of the source; terms not re-checked "
        "for this snapshot."
    ),
    note="18 of roughly 38+ Xchange entries; ratings cover the European studies only (data/PROVENANCE.md).",
)


class _Reject(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def parse_date(text: str) -> dt.date:
    """``18.10.2017``, ``Wednesday, October 18, 2017`` (with or without ``- 09:45``), ISO dates."""
    cleaned = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r} (expected dd.mm.yyyy or e.g. 'Wednesday, October 18, 2017')")


def parse_confidence(text: str) -> Confidence | None:
    if not text:
        return None
    try:
        return Confidence(text.strip().casefold())
    except ValueError:
        raise _Reject("confidence", f"unknown confidence {text!r}; expected high, medium or low") from None


def _lowest(values: Iterable[Confidence | None]) -> Confidence | None:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [v for v in values if v is not None]
    return min(known, key=order.index) if known else None


class _RowReader:
    """Translates one row, collecting warnings and unmapped values."""

    def __init__(self, row: TableRow) -> None:
        self.row = row
        self.warnings: list[ImportWarning] = []
        self.extra: list[tuple[str, str]] = []

    def warn(self, column: str, value: str, message: str) -> None:
        self.warnings.append(ImportWarning(message=message, row=self.row.row, field=column, value=value))

    def unmapped(self, column: str, values: Iterable[str], why: str = "no mapping") -> None:
        for value in values:
            self.extra.append((column, value))
            self.warn(column, value, f"{value!r}: {why}; kept in extra")

    # -- evidence ----------------------------------------------------------------------------

    def ratings(self, url: str | None, confidence: Confidence | None) -> list[Rating]:
        out: list[Rating] = []
        reviewed = self.reviewed()
        label = self.row.get("Evidence rating")
        if label:
            try:
                out.append(XCHANGE_SCALE.rate(label, reviewed=reviewed, url=url, confidence=confidence))
            except UnknownLabelError as exc:
                raise _Reject("Evidence rating", exc.message) from None
        elif reviewed is not None:
            self.extra.append(("Last reviewed", self.row.get("Last reviewed")))
        global_label = self.row.get("Global rating")
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
                raise _Reject("Global rating", exc.message) from None
        return out

    def reviewed(self) -> dt.date | None:
        text = self.row.get("Last reviewed")
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.unmapped("Last reviewed", [text], why=str(exc).split(" (")[0])
            return None

    # -- target ------------------------------------------------------------------------------

    def target(self) -> Target:
        levels, unmapped_levels = m.LEVELS.map(split_multi(self.row.get("Level(s) of intervention")))
        for value in unmapped_levels:
            why = m.UNPLACEABLE_LEVELS.get(value.casefold(), "no mapping")
            self.unmapped("Level(s) of intervention", [value], why=why)
        found, unmapped_settings = m.SETTINGS.map(split_multi(self.row.get("Programme setting(s)")))
        self.unmapped("Programme setting(s)", unmapped_settings)
        settings = [v for v in found if isinstance(v, Setting)]
        levels += [v for v in found if isinstance(v, PreventionLevel) and v not in levels]
        substances, unmapped_substances = m.SUBSTANCES.map(
            split_multi(self.row.get("Substance(s) or behaviour addressed"))
        )
        self.unmapped("Substance(s) or behaviour addressed", unmapped_substances)
        return Target(levels=levels, ages=self.ages(), settings=settings, substances=substances)

    def ages(self) -> AgeRange:
        """Exact ages from ``Target group`` where it states them, else the span of the bands."""
        target_group = self.row.get("Target group")
        if target_group and _AGED.search(target_group):
            exact = parse_age_band(target_group)
            if exact is not None:
                return exact
        bands: list[AgeRange] = []
        for band in split_multi(self.row.get("Age group")):
            known = {k.casefold(): v for k, v in m.AGE_BANDS.items()}
            if band.casefold() in known:
                fixed = known[band.casefold()]
                if fixed is not None:
                    bands.append(fixed)
                continue
            parsed = parse_age_band(band)
            if parsed is None:
                self.warn("Age group", band, f"{band!r}: unknown age band; kept in extra")
                continue
            bands.append(parsed)
        return span(bands)

    def country(self) -> str | None:
        text = self.row.get("Country of origin")
        if not text or text.casefold() in m.NO_COUNTRY:
            if text:
                self.extra.append(("Country of origin", text))
            return None
        code = m.COUNTRIES.lookup(text)
        if code is None:
            self.unmapped("Country of origin", [text], why="unknown country")
            return None
        return code[0]

    # -- the intervention --------------------------------------------------------------------

    def intervention(self) -> Intervention:
        row = self.row
        native_id = row.get("id")
        if not native_id:
            raise _Reject("id", "empty id")
        if "__overflow__" in row.cells:
            raise _Reject(None, f"more cells than header columns: {row.cells['__overflow__']!r}")
        title = row.get("Title")
        if not title:
            raise _Reject("Title", "empty title; every programme needs a name")
        confidence = parse_confidence(row.get("confidence"))
        url = row.get("source_url") or None
        parts = parse_title(title)
        origin = parse_origin_note(row.get("Original name / adaptation of"))
        for clause in origin.unread:
            self.warn("Original name / adaptation of", clause, f"clause {clause!r} not read; kept in extra")
        alternative = parse_alternative_names(row.get("Alternative names"))
        original = origin.original or (alternative.brands[0] if alternative.brands else None)
        ratings = self.ratings(url, confidence)
        target = self.target()
        country = self.country()
        domains = m.THERAPY_DOMAINS if re.search(r"\btherapy\b", parts.name, re.I) else m.DEFAULT_DOMAINS
        extra = [(c, v.strip()) for c, v in row.cells.items() if c not in MAPPED_COLUMNS and v.strip()]
        return Intervention(
            id=f"{KEY}:{native_id}",
            name=parts.name,
            source=KEY,
            aliases=merge_aliases(parts.name, parts.aliases, origin.aliases, alternative.aliases),
            country=country,
            languages=("en",),
            ratings=tuple(ratings),
            target=target,
            domains=domains,
            original=original,
            url=url,
            description=row.get("summary_own_words") or None,
            confidence=confidence,
            extra=(*extra, *self.extra),
        )


def merge(first: Intervention, second: Intervention) -> Intervention:
    """Two rows with one id: one intervention with both rows' ratings, names and facts."""
    aliases: tuple[Alias, ...] = merge_aliases(
        first.name, first.aliases, (Alias(second.name, "en"),), second.aliases
    )
    t1, t2 = first.target, second.target
    target = Target(
        levels=(*t1.levels, *t2.levels),
        ages=span([a for a in (t1.ages, t2.ages) if not a.is_open]),
        settings=(*t1.settings, *t2.settings),
        substances=(*t1.substances, *t2.substances),
    )
    return Intervention(
        id=first.id,
        name=first.name,
        source=first.source,
        aliases=aliases,
        country=first.country or second.country,
        languages=first.languages,
        ratings=(*first.ratings, *second.ratings),
        target=target,
        domains=(*first.domains, *second.domains),
        original=first.original or second.original,
        url=first.url or second.url,
        description=first.description or second.description,
        confidence=_lowest([first.confidence, second.confidence]),
        extra=(*first.extra, *second.extra),
    )


class XchangeImporter(Importer):
    """Reads Xchange snapshots (``xchange.csv`` columns, see ``data/PROVENANCE.md``)."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "EUDA Xchange prevention registry"
    formats: ClassVar[tuple[str, ...]] = ("csv",)

    def snapshot(self) -> Snapshot:
        path = Path(str(files("prevcat_xchange").joinpath("data", "xchange.csv")))
        return Snapshot(path=path, provenance=PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=name, line=1)
        warnings = [ImportWarning(message=w) for w in table.warnings]
        rejected: list[RejectedRow] = []
        by_id: dict[str, Intervention] = {}
        for row in table:
            reader = _RowReader(row)
            try:
                item = reader.intervention()
            except _Reject as exc:
                rejected.append(
                    RejectedRow(
                        row=row.row,
                        line=row.line,
                        field=exc.field,
                        reason=exc.reason,
                        native_id=row.get("id") or None,
                    )
                )
                continue
            except ValueError as exc:  # a value the model's validators refuse
                rejected.append(
                    RejectedRow(row=row.row, line=row.line, reason=str(exc), native_id=row.get("id") or None)
                )
                continue
            warnings.extend(reader.warnings)
            by_id[item.id] = merge(by_id[item.id], item) if item.id in by_id else item
        catalogue = Catalogue(provenance=PROVENANCE, interventions=tuple(by_id.values()))
        report = make_report(
            KEY,
            name,
            rows_read=len(table),
            rejected=rejected,
            warnings=warnings,
            interventions=len(catalogue),
        )
        return ImportResult(catalogue=catalogue, report=report)
