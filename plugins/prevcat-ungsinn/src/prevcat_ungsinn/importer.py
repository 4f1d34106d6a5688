"""The Ungsinn importer: articles (editions) → one intervention per programme, one rating per edition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from prevcat.catalogue import Provenance
from prevcat.evidence import Confidence, Rating
from prevcat.importers.base import ImportWarning
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    lowest_confidence,
    map_terms,
    unique_aliases,
)
from prevcat.importers.vocab import split_multi
from prevcat.model import AgeRange, Domain, Intervention, Target
from prevcat_ungsinn.mappings import SCALE_VERSIONS, SETTINGS
from prevcat_ungsinn.rating_text import LevelTextError, read_level
from prevcat_ungsinn.scales import LEVELS_BY_VERSION, NEW_VERSION, OLD_VERSION, SCALE_BY_VERSION
from prevcat_ungsinn.vocabulary import (
    domains_for,
    map_ages,
    map_origin,
    map_prevention,
    map_substances,
    names_in,
    other_names,
)

KEY = "ungsinn"
ORIGIN = "Opprinnelsesland / originalprogram"
#: columns with no home in the model, kept verbatim in ``extra`` (in this order)
EXTRA_COLUMNS = (
    "Utgave",
    "Klassifiseringsversjon",
    "Evidensnivå",
    "Dokumentasjonsgrad",
    "Målgruppe",
    "Alder",
    ORIGIN,
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


def _row_dates(row: RowReader) -> list[tuple[str, dt.date | int]]:
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
        raise RowRejected(column, f"{day:02d}.{month:02d}.{year} is not a date ({exc})") from None


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


def scale_version(row: RowReader) -> str:
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
            raise RowRejected(
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
            raise RowRejected(
                "Klassifiseringsversjon",
                "empty, and neither the edition nor a date tells old (before Nov 2015) from new criteria",
            )
        version = OLD_VERSION if verdicts.pop() else NEW_VERSION
    if old_marked and version == NEW_VERSION:
        raise RowRejected("Utgave", f"{utgave!r} marks old criteria, but the row is classified {cell!r}")
    if version == OLD_VERSION and utgave and not old_marked:
        raise RowRejected(
            "Utgave", f"{utgave!r} is a new-criteria edition, but the row is classified {cell!r}"
        )
    for column, value in dates:
        before = _before_new_criteria(value)
        if before is not None and before != (version == OLD_VERSION):
            scale = "old (before Nov 2015)" if version == OLD_VERSION else "new (from Nov 2015)"
            raise RowRejected(column, f"{row.get(column)!r} does not fit the {scale} criteria")
    return version


def edition_order(row: RowReader) -> tuple[int, int, int]:
    """Sort key of an imported row, oldest first: edition number, then scale version, then year."""
    edition = _EDITION.match(row.get("Utgave"))
    year = _YEAR.search(row.get("Publisert"))
    return (
        int(edition.group(1)) if edition else 0,
        1 if scale_version(row) == NEW_VERSION else 0,
        int(year.group(1)) if year else 0,
    )


def _rating(row: RowReader, version: str, confidence: Confidence | None) -> Rating | None:
    text = row.get("Evidensnivå")
    try:
        read = read_level(text, row.get("Nivå"), row.get("Dokumentasjonsgrad"), version)
    except LevelTextError as exc:
        raise RowRejected(exc.field, exc.reason) from None
    if read is None:
        return None
    scale = SCALE_BY_VERSION[version]
    level = LEVELS_BY_VERSION[version].get(read.number)
    if level is None:
        known = "; ".join(scale.labels)
        raise RowRejected("Nivå", f"level {read.number} is not on scale {scale.ref}; known labels: {known}")
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


def read_edition(row: RowReader) -> Intervention:
    """One row (one article edition) as an intervention; :class:`RowRejected` when it cannot be imported."""
    native_id = row.require("id")
    name = row.require("Tiltak", "programme name")
    confidence = row.confidence()
    version = scale_version(row)
    rating = _rating(row, version, confidence)
    for column in EXTRA_COLUMNS:
        row.keep(column)

    levels, treatment, unmapped_levels = map_prevention(row.get("Forebyggingsnivå"))
    row.kept_all("Forebyggingsnivå", unmapped_levels, "unknown prevention level")
    settings, unmapped_settings = map_terms(SETTINGS, split_multi(row.get("Arena")))
    row.kept_all("Arena", unmapped_settings, "unmapped setting")
    ages, unparsed = map_ages(row.get("Alder"))
    row.kept_all("Alder", unparsed, "unparsed age", store=False)
    country, original, known_origin = map_origin(row.get(ORIGIN))
    if not known_origin:
        what = "origin not in the origin table (country read from its first word only)"
        row.kept(ORIGIN, row.get(ORIGIN), what, store=False)
    urls = split_multi(row.get("source_url"))
    return Intervention(
        id=f"{KEY}:{native_id}",
        name=name,
        source=KEY,
        aliases=(*names_in(name), *other_names(row.get("Andre navn"))),
        country=country,
        languages=("nb",),
        ratings=(rating,) if rating is not None else (),
        target=Target(
            levels=levels,
            ages=ages or AgeRange(),
            settings=settings,
            substances=map_substances(row.get("Målgruppe")),
        ),
        domains=domains_for(levels, treatment) or (),
        original=original,
        url=urls[0] if urls else None,
        confidence=confidence,
        extra=row.extra,
    )


T = TypeVar("T")


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v), None)


def merge_editions(
    rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
) -> Intervention:
    """Editions of one programme → one intervention; the newest edition is current.

    Ratings are listed newest first.  Each descriptive field comes from the newest edition that
    gives it; confidence is the lowest of the editions'.  ``extra`` holds every edition's cells,
    newest edition first, each block opening with its ``Utgave``.
    """
    pairs = zip(rows, items, strict=True)
    newest_first = sorted(pairs, key=lambda pair: edition_order(pair[0]), reverse=True)
    current_row, current = newest_first[0]
    editions = [item for _, item in newest_first]
    countries = {e.country for e in editions if e.country}
    if len(countries) > 1:
        warnings.append(
            ImportWarning(
                f"editions give different countries {sorted(countries)}; the newest edition's is used",
                row=current_row.row.row,
                field=ORIGIN,
            )
        )
    target = Target(
        levels=_first(e.target.levels for e in editions) or (),
        # read again from the rows: ages given that span no bounds still count as given
        ages=_first(map_ages(row.get("Alder"))[0] for row, _ in newest_first) or AgeRange(),
        settings=_first(e.target.settings for e in editions) or (),
        substances=_first(e.target.substances for e in editions) or (),
    )
    return Intervention(
        id=current.id,
        name=current.name,
        source=KEY,
        aliases=unique_aliases(current.name, *(e.aliases for e in editions)),
        country=_first(e.country for e in editions),
        languages=("nb",),
        ratings=[rating for e in editions for rating in e.ratings],
        target=target,
        domains=_first(e.domains for e in editions) or (Domain.PREVENTION,),
        original=_first(e.original for e in editions),
        url=_first(e.url for e in editions),
        confidence=lowest_confidence(e.confidence for e in editions),
        extra=[pair for e in editions for pair in e.extra],  # each edition's block in full
    )


class UngsinnImporter(TableImporter):
    """Reads Ungsinn's snapshot (one row per article edition) into one catalogue."""

    key = KEY
    title = "Ungsinn (Norway): virksomme tiltak for barn og unge"
    provenance = PROVENANCE
    package = "prevcat_ungsinn"
    snapshot_file = "ungsinn.csv"
    required_columns = ("id", "Tiltak")

    def read_row(self, row: RowReader) -> Intervention:
        return read_edition(row)

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        return merge_editions(rows, items, warnings)
