"""The Ungsinn importer: articles (editions) → one intervention per programme, one rating per edition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import IO, TypeVar

from attrs import frozen

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError
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
from prevcat.importers.vocab import split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_ungsinn.mappings import SCALE_VERSIONS
from prevcat_ungsinn.rating_text import LevelTextError, read_level
from prevcat_ungsinn.scales import LEVELS_BY_VERSION, NEW_VERSION, OLD_VERSION, SCALE_BY_VERSION
from prevcat_ungsinn.vocabulary import (
    domains_for,
    map_ages,
    map_origin,
    map_prevention,
    map_settings,
    map_substances,
    names_in,
    other_names,
)

KEY = "ungsinn"
REQUIRED_COLUMNS = ("id", "Tiltak")
#: columns with no home in the model, kept verbatim in ``extra`` (in this order)
EXTRA_COLUMNS = (
    "Utgave",
    "Klassifiseringsversjon",
    "Evidensnivå",
    "Dokumentasjonsgrad",
    "Målgruppe",
    "Alder",
    "Opprinnelsesland / originalprogram",
    "Andre navn",
    "Publisert",
    "Forfattere",
    "source_url",
    "seen",
    "Merknad",
)
#: new criteria apply to articles from this date on
NEW_CRITERIA_FROM = dt.date(2015, 11, 1)

_EDITION = re.compile(r"^\s*(\d+)\.\s*utg\.?", re.IGNORECASE)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_PANEL_DATE = re.compile(
    r"(?:Sist vurdert av Ungsinnpanelet|panel)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

PROVENANCE = Provenance(
    source=KEY,
    title="Ungsinn – Tidsskrift for virksomme tiltak for barn og unge",
    publisher="RKBU Nord, UiT Norges arktiske universitet (funded by Helsedirektoratet)",
    country="NO",
    url="https://ungsinn.no/",
    snapshot="2026-11",
    licence="Facts compiled by hand from the registry's public pages; article texts remain the publisher's. "
    "Journal articles on septentrio.uit.no are open access.",
    note="43 rows (articles/editions), 28 programmes; see data/PROVENANCE.md and docs/sources/ungsinn.md.",
)


class RowError(Exception):
    """A row that cannot be imported: the field and the reason."""

    def __init__(self, field: str | None, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(reason)


@frozen
class Edition:
    """One imported row: an article about a programme, in one edition, on one scale version."""

    row: int
    native_id: str
    name: str
    edition: int | None
    version: str
    year: int | None
    rating: Rating | None
    aliases: tuple[Alias, ...]
    levels: tuple[PreventionLevel, ...]
    domains: tuple[Domain, ...] | None
    ages: AgeRange | None
    settings: tuple[Setting, ...]
    substances: tuple[Substance, ...]
    country: str | None
    original: str | None
    url: str | None
    confidence: Confidence | None
    extra: tuple[tuple[str, str], ...]

    @property
    def order(self) -> tuple[int, int, int]:
        """Sort key, oldest first: edition number, then scale version, then year."""
        return (self.edition or 0, 1 if self.version == NEW_VERSION else 0, self.year or 0)


def _confidence(cell: str) -> Confidence | None:
    if not cell:
        return None
    try:
        return Confidence(cell.casefold())
    except ValueError:
        known = ", ".join(c.value for c in Confidence)
        raise RowError("confidence", f"{cell!r} is not a confidence (expected {known})") from None


def _row_dates(row: TableRow) -> list[tuple[str, dt.date | int]]:
    """Every date or year the row gives, with the column it comes from."""
    found: list[tuple[str, dt.date | int]] = []
    year = _YEAR.search(row.get("Publisert"))
    if year:
        found.append(("Publisert", int(year.group(1))))
    seen = row.get("seen")
    for match in _PANEL_DATE.finditer(seen):
        day, month, yr = (int(g) for g in match.groups())
        found.append(("seen", _date(yr, month, day, "seen")))
    for match in _ISO_DATE.finditer(seen):
        yr, month, day = (int(g) for g in match.groups())
        found.append(("seen", _date(yr, month, day, "seen")))
    if seen and not any(where == "seen" for where, _ in found):
        year = _YEAR.search(seen)
        if year:
            found.append(("seen", int(year.group(1))))
    return found


def _date(year: int, month: int, day: int, column: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise RowError(column, f"{day:02d}.{month:02d}.{year} is not a date ({exc})") from None


def reviewed_date(seen: str) -> dt.date | None:
    """The review date: the panel's date, or a bare ISO date; a qualified page date is not one."""
    panel = _PANEL_DATE.search(seen)
    if panel:
        day, month, year = (int(g) for g in panel.groups())
        return _date(year, month, day, "seen")
    bare = _ISO_DATE.fullmatch(seen.strip())
    if bare:
        year, month, day = (int(g) for g in bare.groups())
        return _date(year, month, day, "seen")
    return None


def _before_new_criteria(value: dt.date | int) -> bool | None:
    """True/False when a date or year is clearly before/after November 2015; None for 2015."""
    if isinstance(value, dt.date):
        return value < NEW_CRITERIA_FROM
    if value == NEW_CRITERIA_FROM.year:
        return None
    return value < NEW_CRITERIA_FROM.year


def scale_version(row: TableRow) -> str:
    """The row's scale version: ``Klassifiseringsversjon``, checked against edition and dates.

    Without the column the version follows from "(gamle kriterier)" in ``Utgave`` or from a date.
    """
    cell = row.get("Klassifiseringsversjon")
    utgave = row.get("Utgave")
    old_marked = "gamle kriterier" in utgave.casefold()
    dates = _row_dates(row)
    if cell:
        found = SCALE_VERSIONS.lookup(cell)
        if found is None:
            raise RowError(
                "Klassifiseringsversjon",
                f"unknown classification version {cell!r}; known: 'ny (0–5, fra nov. 2015)', "
                "'gammel (1–4, før nov. 2015)'",
            )
        version = found[0]
    elif old_marked:
        version = OLD_VERSION
    else:
        verdicts = {_before_new_criteria(value) for _, value in dates} - {None}
        if len(verdicts) != 1:
            raise RowError(
                "Klassifiseringsversjon",
                "empty, and neither the edition nor a date tells old (before Nov 2015) from new criteria",
            )
        version = OLD_VERSION if verdicts.pop() else NEW_VERSION
    if old_marked and version == NEW_VERSION:
        raise RowError("Utgave", f"{utgave!r} marks old criteria, but the row is classified {cell!r}")
    if version == OLD_VERSION and utgave and not old_marked:
        raise RowError(
            "Utgave", f"{utgave!r} is a new-criteria edition, but the row is classified {cell!r}"
        )
    for column, value in dates:
        before = _before_new_criteria(value)
        if before is not None and before != (version == OLD_VERSION):
            scale = "old (before Nov 2015)" if version == OLD_VERSION else "new (from Nov 2015)"
            raise RowError(column, f"{row.get(column)!r} does not fit the {scale} criteria")
    return version


def _rating(row: TableRow, version: str, confidence: Confidence | None) -> Rating | None:
    text = row.get("Evidensnivå")
    try:
        read = read_level(text, row.get("Nivå"), row.get("Dokumentasjonsgrad"), version)
    except LevelTextError as exc:
        raise RowError(exc.field, exc.reason) from None
    if read is None:
        return None
    scale = SCALE_BY_VERSION[version]
    level = LEVELS_BY_VERSION[version].get(read.number)
    if level is None:
        known = "; ".join(scale.labels)
        raise RowError("Nivå", f"level {read.number} is not on scale {scale.ref}; known labels: {known}")
    utgave = row.get("Utgave") or "edition not stated"
    published = row.get("Publisert")
    parts = [f"{utgave}, published {published}" if published else utgave]
    parts.append(f"Evidensnivå: «{text}»" if text else "level from the Nivå column only")
    if read.grade:
        parts.append(f"dokumentasjonsgrad {read.grade}")
    urls = split_multi(row.get("source_url"))
    return scale.rate(
        level.label,
        reviewed=reviewed_date(row.get("seen")),
        url=urls[0] if urls else None,
        note="; ".join(parts),
        confidence=confidence,
    )


def _warn(warnings: list[ImportWarning], row: TableRow, column: str, value: str, what: str) -> None:
    warnings.append(
        ImportWarning(f"{what} {value!r} kept in extra", row=row.row, field=column, value=value)
    )


def read_edition(row: TableRow, warnings: list[ImportWarning]) -> Edition:
    """One row as an :class:`Edition`; raises :class:`RowError` when it cannot be imported."""
    native_id = row.get("id")
    if not native_id:
        raise RowError("id", "empty id")
    name = row.get("Tiltak")
    if not name:
        raise RowError("Tiltak", "empty programme name")
    confidence = _confidence(row.get("confidence"))
    version = scale_version(row)
    rating = _rating(row, version, confidence)
    extra = [(column, row.get(column)) for column in EXTRA_COLUMNS if row.get(column)]

    levels, treatment, unmapped_levels = map_prevention(row.get("Forebyggingsnivå"))
    for term in unmapped_levels:
        _warn(warnings, row, "Forebyggingsnivå", term, "unknown prevention level")
        extra.append(("Forebyggingsnivå", term))
    settings, unmapped_settings = map_settings(row.get("Arena"))
    for term in unmapped_settings:
        _warn(warnings, row, "Arena", term, "unmapped setting")
        extra.append(("Arena", term))
    ages, unparsed = map_ages(row.get("Alder"))
    for part in unparsed:
        _warn(warnings, row, "Alder", part, "unparsed age")
    country, original, known_origin = map_origin(row.get("Opprinnelsesland / originalprogram"))
    if not known_origin:
        _warn(
            warnings,
            row,
            "Opprinnelsesland / originalprogram",
            row.get("Opprinnelsesland / originalprogram"),
            "origin not in the origin table (country read from its first word only)",
        )
    edition = _EDITION.match(row.get("Utgave"))
    year = _YEAR.search(row.get("Publisert"))
    urls = split_multi(row.get("source_url"))
    return Edition(
        row=row.row,
        native_id=native_id,
        name=name,
        edition=int(edition.group(1)) if edition else None,
        version=version,
        year=int(year.group(1)) if year else None,
        rating=rating,
        aliases=(*names_in(name), *other_names(row.get("Andre navn"))),
        levels=tuple(levels),
        domains=domains_for(levels, treatment),
        ages=ages,
        settings=tuple(settings),
        substances=tuple(map_substances(row.get("Målgruppe"))),
        country=country,
        original=original,
        url=urls[0] if urls else None,
        confidence=confidence,
        extra=tuple(extra),
    )


_CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)


T = TypeVar("T")


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v), None)


def merge(editions: list[Edition], warnings: list[ImportWarning]) -> Intervention:
    """Editions of one programme → one intervention; the newest edition is current.

    Ratings are listed newest first.  Each descriptive field comes from the newest edition that
    gives it; confidence is the lowest of the editions'.  ``extra`` holds every edition's cells,
    newest edition first, each block opening with its ``Utgave``.
    """
    newest_first = sorted(editions, key=lambda e: e.order, reverse=True)
    current = newest_first[0]
    aliases: list[Alias] = []
    seen_names = {current.name.casefold()}
    for edition in newest_first:
        for alias in edition.aliases:
            if alias.name.casefold() not in seen_names:
                seen_names.add(alias.name.casefold())
                aliases.append(alias)
    countries = {e.country for e in newest_first if e.country}
    if len(countries) > 1:
        warnings.append(
            ImportWarning(
                f"editions give different countries {sorted(countries)}; the newest edition's is used",
                row=current.row,
                field="Opprinnelsesland / originalprogram",
            )
        )
    confidences = [e.confidence for e in newest_first if e.confidence is not None]
    extra = [pair for edition in newest_first for pair in edition.extra]  # each edition's block in full
    target = Target(
        levels=_first(e.levels for e in newest_first) or (),
        ages=_first(e.ages for e in newest_first) or AgeRange(),
        settings=_first(e.settings for e in newest_first) or (),
        substances=_first(e.substances for e in newest_first) or (),
    )
    return Intervention(
        id=f"{KEY}:{current.native_id}",
        name=current.name,
        source=KEY,
        aliases=aliases,
        country=_first(e.country for e in newest_first),
        languages=("nb",),
        ratings=[e.rating for e in newest_first if e.rating is not None],
        target=target,
        domains=_first(e.domains for e in newest_first) or (Domain.PREVENTION,),
        original=_first(e.original for e in newest_first),
        url=_first(e.url for e in newest_first),
        confidence=min(confidences, key=_CONFIDENCE_ORDER.index) if confidences else None,
        extra=extra,
    )


class UngsinnImporter(Importer):
    """Reads Ungsinn's snapshot (one row per article edition) into one catalogue."""

    key = KEY
    title = "Ungsinn (Norway): virksomme tiltak for barn og unge"
    formats = ("csv",)

    def snapshot(self) -> Snapshot:
        path = Path(str(files("prevcat_ungsinn") / "data" / "ungsinn.csv"))
        return Snapshot(path=path, provenance=PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        file = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=file, line=1)
        warnings = [ImportWarning(message) for message in table.warnings]
        rejected: list[RejectedRow] = []
        groups: dict[str, list[Edition]] = {}
        for row in table:
            if "__overflow__" in row.cells:
                reason = "more cells than header columns"
                rejected.append(RejectedRow(row.row, reason, line=row.line, native_id=row.get("id") or None))
                continue
            row_warnings: list[ImportWarning] = []
            try:
                edition = read_edition(row, row_warnings)
            except RowError as exc:
                rejected.append(
                    RejectedRow(
                        row.row, exc.reason, field=exc.field, line=row.line, native_id=row.get("id") or None
                    )
                )
                continue
            warnings.extend(row_warnings)
            groups.setdefault(edition.native_id, []).append(edition)
        interventions = [merge(editions, warnings) for editions in groups.values()]
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
