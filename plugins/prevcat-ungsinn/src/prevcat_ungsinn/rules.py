"""What Ungsinn's data cannot say as a table: the scale version of an article edition (from its
edition, criteria and dates), the classification sentence (:mod:`.rating_text`), and editions of
one programme merged, the newest being current.  Names, ages and origins: :mod:`.names`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import ClassVar, TypeVar

from prevcat.evidence import Confidence, Rating, ScaleLevel
from prevcat.importers.base import ImportWarning
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, RowRejected, lowest_confidence, map_terms, unique_aliases
from prevcat.importers.vocab import split_multi
from prevcat.model import AgeRange, Domain, Intervention, Setting, Target
from prevcat_ungsinn.names import (
    domains_for,
    map_ages,
    map_origin,
    map_prevention,
    map_substances,
    names_in,
    other_names,
)
from prevcat_ungsinn.rating_text import NEW_VERSION, OLD_VERSION, LevelTextError, read_level

SPEC = load_spec("prevcat_ungsinn")
OLD_SCALE, NEW_SCALE = SPEC.build_scales()
SCALE_BY_VERSION = {OLD_VERSION: OLD_SCALE, NEW_VERSION: NEW_SCALE}
#: level number (as each label opens: "Nivå 3: …") → level, per version
LEVELS_BY_VERSION: dict[str, dict[int, ScaleLevel]] = {
    version: {int(level.label.split(":")[0].split()[-1]): level for level in scale.levels}
    for version, scale in SCALE_BY_VERSION.items()
}
NEW_CRITERIA_FROM = dt.date.fromisoformat(SPEC.words("new_criteria_from")[0])
ORIGIN = "Opprinnelsesland / originalprogram"
YEAR, PANEL_DATE, ISO_DATE = SPEC.pattern("year"), SPEC.pattern("panel_date"), SPEC.pattern("iso_date")
T = TypeVar("T")


def _row_dates(row: RowReader) -> list[tuple[str, dt.date | int]]:
    """Every date or year the row gives, with the column it comes from."""
    found: list[tuple[str, dt.date | int]] = []
    year = YEAR.search(row.get("Publisert"))
    if year:
        found.append(("Publisert", int(year.group(1))))
    seen = row.get("seen")
    for match in PANEL_DATE.finditer(seen):
        day, month, yr = (int(g) for g in match.groups())
        found.append(("seen", _date(yr, month, day, "seen")))
    for match in ISO_DATE.finditer(seen):
        yr, month, day = (int(g) for g in match.groups())
        found.append(("seen", _date(yr, month, day, "seen")))
    if seen and not any(where == "seen" for where, _ in found):
        year = YEAR.search(seen)
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
    panel = PANEL_DATE.search(seen)
    if panel:
        day, month, year = (int(g) for g in panel.groups())
        return _date(year, month, day, "seen")
    bare = ISO_DATE.fullmatch(seen.strip())
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
        found = SPEC.vocabulary("scale_versions", str).lookup(cell)
        if found is None:
            raise RowRejected("Klassifiseringsversjon", f"unknown classification version {cell!r}; known: "
                              "'ny (0–5, fra nov. 2015)', 'gammel (1–4, før nov. 2015)'")
        version = found[0]
    elif old_marked:
        version = OLD_VERSION
    else:
        verdicts = {_before_new_criteria(value) for _, value in dates} - {None}
        if len(verdicts) != 1:
            raise RowRejected("Klassifiseringsversjon", "empty, and neither the edition nor a date tells "
                              "old (before Nov 2015) from new criteria")
        version = OLD_VERSION if verdicts.pop() else NEW_VERSION
    if old_marked and version == NEW_VERSION:
        raise RowRejected("Utgave", f"{utgave!r} marks old criteria, but the row is classified {cell!r}")
    if version == OLD_VERSION and utgave and not old_marked:
        raise RowRejected("Utgave",
                          f"{utgave!r} is a new-criteria edition, but the row is classified {cell!r}")
    for column, value in dates:
        before = _before_new_criteria(value)
        if before is not None and before != (version == OLD_VERSION):
            scale = "old (before Nov 2015)" if version == OLD_VERSION else "new (from Nov 2015)"
            raise RowRejected(column, f"{row.get(column)!r} does not fit the {scale} criteria")
    return version


def edition_order(row: RowReader) -> tuple[int, int, int]:
    """Sort key of an imported row, oldest first: edition number, then scale version, then year."""
    edition = SPEC.pattern("edition").match(row.get("Utgave"))
    year = YEAR.search(row.get("Publisert"))
    return (int(edition.group(1)) if edition else 0, 1 if scale_version(row) == NEW_VERSION else 0,
            int(year.group(1)) if year else 0)


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
    return scale.rate(level.label, reviewed=reviewed_date(row.get("seen")), url=urls[0] if urls else None,
                      note="; ".join(parts), confidence=confidence)


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v), None)


class UngsinnImporter(MappedImporter):
    """Reads Ungsinn's snapshot (one row per article edition) into one catalogue."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        """One row (one article edition) as an intervention."""
        native_id = row.require("id")
        name = row.require("Tiltak", "programme name")
        confidence = row.confidence()
        rating = _rating(row, scale_version(row), confidence)
        for column in SPEC.words("extra_columns"):
            row.keep(column)
        levels, treatment, unmapped_levels = map_prevention(row.get("Forebyggingsnivå"))
        row.kept_all("Forebyggingsnivå", unmapped_levels, "unknown prevention level")
        settings, unmapped = map_terms(SPEC.vocabulary("settings", Setting), split_multi(row.get("Arena")))
        row.kept_all("Arena", unmapped, "unmapped setting")
        ages, unparsed = map_ages(row.get("Alder"))
        row.kept_all("Alder", unparsed, "unparsed age", store=False)
        country, original, known_origin = map_origin(row.get(ORIGIN))
        if not known_origin:
            what = "origin not in the origin table (country read from its first word only)"
            row.kept(ORIGIN, row.get(ORIGIN), what, store=False)
        urls = split_multi(row.get("source_url"))
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=name, source=SPEC.key,
            aliases=(*names_in(name), *other_names(row.get("Andre navn"))), country=country,
            languages=SPEC.languages, ratings=(rating,) if rating is not None else (),
            target=Target(levels=levels, ages=ages or AgeRange(), settings=settings,
                          substances=map_substances(row.get("Målgruppe"))),
            domains=domains_for(levels, treatment) or (), original=original, url=urls[0] if urls else None,
            confidence=confidence, extra=row.extra,
        )

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
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
            warnings.append(ImportWarning(
                f"editions give different countries {sorted(countries)}; the newest edition's is used",
                row=current_row.row.row, field=ORIGIN,
            ))
        target = Target(
            levels=_first(e.target.levels for e in editions) or (),
            # read again from the rows: ages given that span no bounds still count as given
            ages=_first(map_ages(row.get("Alder"))[0] for row, _ in newest_first) or AgeRange(),
            settings=_first(e.target.settings for e in editions) or (),
            substances=_first(e.target.substances for e in editions) or (),
        )
        return Intervention(
            id=current.id, name=current.name, source=SPEC.key,
            aliases=unique_aliases(current.name, *(e.aliases for e in editions)),
            country=_first(e.country for e in editions), languages=SPEC.languages,
            ratings=[rating for e in editions for rating in e.ratings], target=target,
            domains=_first(e.domains for e in editions) or (Domain.PREVENTION,),
            original=_first(e.original for e in editions), url=_first(e.url for e in editions),
            confidence=lowest_confidence(e.confidence for e in editions),
            extra=[pair for e in editions for pair in e.extra],  # each edition's block in full
        )
