"""Importer of the NJi + RIVM Loketgezondleven snapshot (one row per programme × database).

Rows that share an ``id`` become one intervention with one rating per database entry,
each in its database's wording (see :mod:`prevcat_nji.scales`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TypeVar

from attrs import define, field

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Confidence, EvidenceScale, Rating
from prevcat.importers.base import (
    Importer,
    ImportResult,
    ImportWarning,
    RejectedRow,
    Snapshot,
    make_report,
)
from prevcat.importers.csvio import TableRow, read_table
from prevcat.importers.vocab import VocabularyMap, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_nji import mappings as m
from prevcat_nji.ages import parse_dutch_ages
from prevcat_nji.scales import NJI_DATABANK, SCALE_BY_DATABANK

KEY = "nji"
DATA = Path(__file__).parent / "data" / "nji.csv"

ID = "id"
NAME = "Interventie"
RATING = "Oordeel Erkenningscommissie"
DATABANK = "Databank"
TARGET_GROUP = "Doelgroep"
AGE = "Leeftijd"
SETTING = "Setting / Locatie"
PREVENTION_TYPE = "Type preventie"
PROBLEM = "Probleem / thema"
AIM = "Doel"
TIER = "Uitvoering"
BASED_ON = "Gebaseerd op"
COUNTRY = "Land van herkomst"
OTHER_NAMES = "Andere namen"
DATE = "Datum erkenning"
REVIEW = "Herbeoordeling"
URL = "source_url"
CONFIDENCE = "confidence"
REQUIRED = (ID, NAME, RATING, DATABANK)

#: columns kept verbatim in ``extra`` whenever they are filled
VERBATIM = (
    "Deelcommissie",
    TARGET_GROUP,
    AGE,
    SETTING,
    PREVENTION_TYPE,
    PROBLEM,
    AIM,
    "Methode",
    TIER,
    COUNTRY,
    "Eigenaar",
    DATE,
    REVIEW,
    "Toelichting",
    "seen",
)

PROVENANCE = Provenance(
    source=KEY,
    title="NJi Databank Effectieve Jeugdinterventies + RIVM Loketgezondleven",
    publisher="Nederlands Jeugdinstituut (NJi); RIVM Centrum Gezond Leven",
    country="NL",
    url="https://www.nji.nl/interventies",
    snapshot="2026-11",
    licence="Facts (names, verdicts, dates, coded fields) compiled by hand from the public database "
    "pages, cited per row; the databases publish no open data licence. See data/PROVENANCE.md.",
    note="49 rows, 39 programmes; about 15% of the databank. Absence is not a verdict.",
)

_ACRONYM = re.compile(r"^(?=.*[A-Z])[A-Z0-9][A-Z0-9-]{1,9}$")
_PAREN = re.compile(r"\(([^()]*)\)")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOMAIN_ORDER = tuple(Domain)
T = TypeVar("T")


class RowError(Exception):
    """A row that cannot be imported: which field and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@define
class RowResult:
    """What one row contributes to its intervention."""

    native_id: str
    databank: str
    name: str
    aliases: list[Alias] = field(factory=list)
    ratings: list[Rating] = field(factory=list)
    levels: list[PreventionLevel] = field(factory=list)
    ages: AgeRange | None = None
    settings: list[Setting] = field(factory=list)
    substances: list[Substance] = field(factory=list)
    domains: list[Domain] = field(factory=list)
    original: str | None = None
    country: str | None = None
    url: str | None = None
    confidence: Confidence | None = None
    extra: list[tuple[str, str]] = field(factory=list)


def acronyms(text: str) -> list[str]:
    """Acronyms given in parentheses: ``Multidimensionele familietherapie (MDFT)`` → ``MDFT``."""
    return [inner.strip() for inner in _PAREN.findall(text) if _ACRONYM.match(inner.strip())]


def alias_language(name: str) -> str | None:
    """``en``/``fi`` from the table, no tag for acronyms, else ``nl``."""
    if name in m.ALIAS_LANGUAGES:
        return m.ALIAS_LANGUAGES[name]
    return None if _ACRONYM.match(name) else "nl"


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(date, None)`` for a full ISO date; ``(None, note)`` for a year or a month only.

    A year or month is not turned into a made-up day: the rating gets no date and a note.
    """
    match = _DATE.match(text)
    if not match:
        raise RowError(DATE, f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), None
        if month:
            dt.date(int(year), int(month), 1)
            return None, f"recognition date given as {text} (month only)"
    except ValueError as exc:
        raise RowError(DATE, f"{text!r} is not a valid date: {exc}") from exc
    return None, f"recognition date given as {text} (year only)"


def parse_country(text: str) -> tuple[str | None, str | None]:
    """``(ISO code, None)`` or ``(None, why not)``: the country named before any parenthesis."""
    head = _PAREN.sub("", text).strip().casefold()
    if " en " in head or "," in head:
        return None, "names more than one country; country left unknown"
    code = m.COUNTRIES.get(head)
    if code is None:
        return None, "country not in the table; country left unknown"
    return code, None


class _Warnings:
    def __init__(self) -> None:
        self.items: list[ImportWarning] = []

    def unmapped(self, row: TableRow, column: str, values: Iterable[str]) -> None:
        for value in values:
            self.items.append(
                ImportWarning(f"{value!r} not mapped; kept in extra", row=row.row, field=column, value=value)
            )


def _map_phrases(table: VocabularyMap[Setting], phrases: list[str]) -> tuple[list[Setting], list[str]]:
    """Map phrases exactly, then once more without a trailing parenthesis."""
    values: list[Setting] = []
    unmapped: list[str] = []
    for phrase in phrases:
        found = table.lookup(phrase)
        if found is None and phrase.endswith(")") and "(" in phrase:
            found = table.lookup(phrase[: phrase.rfind("(")])
        if found is None:
            unmapped.append(phrase)
            continue
        values += [v for v in found if v not in values]
    return values, unmapped


def _add(target: list[T], values: Iterable[T]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


class NjiImporter(Importer):
    """NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven (Netherlands)."""

    key = KEY
    title = "NJi Databank Effectieve Jeugdinterventies + RIVM Loketgezondleven (NL)"
    formats = ("csv",)

    def snapshot(self) -> Snapshot:
        return Snapshot(DATA, PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=name, line=1)
        warnings = _Warnings()
        warnings.items += [ImportWarning(w) for w in table.warnings]
        rejected: list[RejectedRow] = []
        groups: dict[str, list[RowResult]] = {}
        for row in table:
            try:
                result = self._row(row, warnings)
            except RowError as exc:
                rejected.append(
                    RejectedRow(
                        row=row.row,
                        line=row.line,
                        field=exc.field,
                        reason=exc.reason,
                        native_id=row.get(ID) or None,
                    )
                )
                continue
            groups.setdefault(result.native_id, []).append(result)
        interventions = [merge(rows) for rows in groups.values()]
        report = make_report(
            KEY,
            Path(name).name if name else None,
            rows_read=len(table),
            rejected=rejected,
            warnings=warnings.items,
            interventions=len(interventions),
        )
        return ImportResult(Catalogue(PROVENANCE, interventions), report)

    # -- one row ------------------------------------------------------------------------

    def _row(self, row: TableRow, warnings: _Warnings) -> RowResult:
        if "__overflow__" in row.cells:
            raise RowError(ID, f"row has more cells than the header: {row.cells['__overflow__']!r}")
        native_id, title, databank = row.get(ID), row.get(NAME), row.get(DATABANK)
        if not native_id:
            raise RowError(ID, "empty id")
        if not title:
            raise RowError(NAME, "empty programme name")
        scale = SCALE_BY_DATABANK.get(databank)
        if scale is None:
            known = "; ".join(repr(k) for k in SCALE_BY_DATABANK)
            raise RowError(DATABANK, f"unknown database {databank!r}; known: {known}")
        confidence = _confidence(row.get(CONFIDENCE))
        out = RowResult(native_id=native_id, databank=databank, name=title, confidence=confidence)
        out.url = row.get(URL) or None
        out.ratings = self._ratings(row, scale, databank, confidence, warnings)
        out.aliases = _aliases(title, row.get(OTHER_NAMES))
        self._target(row, out, warnings)
        out.original = row.get(BASED_ON) or None
        if row.get(COUNTRY):
            out.country, why = parse_country(row.get(COUNTRY))
            if why:
                warnings.items.append(
                    ImportWarning(
                        f"{row.get(COUNTRY)!r} {why}", row=row.row, field=COUNTRY, value=row.get(COUNTRY)
                    )
                )
        out.extra = [(c, row.get(c)) for c in VERBATIM if row.get(c)]
        if not out.ratings:
            out.extra.append((DATABANK, databank))
        return out

    def _ratings(
        self,
        row: TableRow,
        scale: EvidenceScale,
        databank: str,
        confidence: Confidence | None,
        warnings: _Warnings,
    ) -> list[Rating]:
        label = row.get(RATING)
        reviewed, date_note = parse_date(row.get(DATE)) if row.get(DATE) else (None, None)
        if not label:
            return []  # listed, verdict not confirmed: no rating (never "no effect")
        try:
            level = scale.lookup(label)
        except UnknownLabelError as exc:
            raise RowError(RATING, exc.message) from exc
        notes = [n for n in (date_note, row.get(REVIEW)) if n]

        def rate(text: str, outcome: str | None, note: str | None) -> Rating:
            return scale.rate(
                text,
                outcome=outcome,
                reviewed=reviewed,
                database=databank,
                url=row.get(URL) or None,
                note=note,
                confidence=confidence,
            )

        split = m.OUTCOME_SPLITS.get((row.get(ID), databank))
        if split is not None:
            toelichting = row.get("Toelichting")
            if split.anchor in toelichting and scale.lookup(split.outcomes[0][1]) == level:
                note = "; ".join([*notes, f"verdict per outcome: {toelichting}"])
                (first, _), *others = split.outcomes
                return [rate(label, first, note), *(rate(lab, out, note) for out, lab in others)]
            warnings.items.append(
                ImportWarning(
                    "outcome split in the mapping table no longer matches this row; one rating kept",
                    row=row.row,
                    field="Toelichting",
                    value=toelichting,
                )
            )
        return [rate(label, None, "; ".join(notes) or None)]

    def _target(self, row: TableRow, out: RowResult, warnings: _Warnings) -> None:
        if row.get(AGE):
            ages, unparsed = parse_dutch_ages(row.get(AGE))
            out.ages = None if ages.is_open else ages
            warnings.unmapped(row, AGE, unparsed)
        settings, unmapped = _map_phrases(m.SETTINGS, split_multi(row.get(SETTING)))
        _add(out.settings, settings)
        warnings.unmapped(row, SETTING, unmapped)
        kinds, unmapped = m.PREVENTION_TYPES.map(split_multi(row.get(PREVENTION_TYPE)))
        _add(out.levels, [k for k in kinds if isinstance(k, PreventionLevel)])
        _add(out.domains, [k for k in kinds if isinstance(k, Domain)])
        warnings.unmapped(row, PREVENTION_TYPE, unmapped)
        substances, unmapped = m.PROBLEMS.map(split_multi(row.get(PROBLEM)))
        _add(out.substances, substances)
        warnings.unmapped(row, PROBLEM, unmapped)
        for column, vocab in ((AIM, m.AIMS), (TIER, m.SERVICE_TIERS)):
            domains, unmapped = vocab.map(split_multi(row.get(column)))
            _add(out.domains, domains)
            warnings.unmapped(row, column, unmapped)
        group = row.get(TARGET_GROUP).casefold()
        if group:
            cues = [value for cue, value in m.DOELGROEP_CUES if cue in group]
            _add(out.settings, [c for c in cues if isinstance(c, Setting)])
            _add(out.levels, [c for c in cues if isinstance(c, PreventionLevel)])
            if not cues and not any(word in group for word in m.TREATMENT_WORDS):
                warnings.unmapped(row, TARGET_GROUP, [row.get(TARGET_GROUP)])
        texts = (row.get(NAME), row.get(SETTING), row.get(TARGET_GROUP))
        if any(word in text.casefold() for text in texts for word in m.TREATMENT_WORDS):
            _add(out.domains, [Domain.TREATMENT])


def _confidence(text: str) -> Confidence | None:
    if not text:
        return None
    try:
        return Confidence(text.strip().casefold())
    except ValueError:
        known = ", ".join(c.value for c in Confidence)
        raise RowError(CONFIDENCE, f"unknown confidence {text!r}; known: {known}") from None


def _aliases(title: str, other_names: str) -> list[Alias]:
    out: list[Alias] = [Alias(a, None) for a in acronyms(title)]
    for name in split_multi(other_names):
        out.append(Alias(name, alias_language(name)))
        out += [Alias(a, None) for a in acronyms(name)]
    return out


def _lowest(values: Iterable[Confidence | None]) -> Confidence | None:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [v for v in values if v is not None]
    return min(known, key=order.index) if known else None


def merge(rows: list[RowResult]) -> Intervention:
    """One intervention from the rows of one programme; the NJi row (else the first) leads."""
    primary = next((r for r in rows if r.databank == NJI_DATABANK), rows[0])
    ordered = [primary, *(r for r in rows if r is not primary)]
    aliases: list[Alias] = []
    seen = {primary.name.casefold()}
    for row in ordered:
        candidates = [*([Alias(row.name, "nl")] if row is not primary else []), *row.aliases]
        for alias in candidates:
            if alias.name.casefold() not in seen:
                seen.add(alias.name.casefold())
                aliases.append(alias)
    extra: list[tuple[str, str]] = []
    original = next((r.original for r in ordered if r.original), None)
    country = next((r.country for r in ordered if r.country), None)
    for row in ordered:
        pairs = list(row.extra)
        if row.original and row.original != original:
            pairs.append((BASED_ON, row.original))
        if row.url and row.url != primary.url and not row.ratings:
            pairs.append((URL, row.url))
        extra += [p for p in pairs if p not in extra]
    domains = {d for r in rows for d in r.domains} or {Domain.PREVENTION}
    return Intervention(
        source=KEY,
        id=f"{KEY}:{primary.native_id}",
        name=primary.name,
        aliases=aliases,
        country=country,
        languages=("nl",),
        ratings=[rating for r in rows for rating in r.ratings],
        target=Target(
            levels=[lv for r in ordered for lv in r.levels],
            ages=span(r.ages for r in ordered if r.ages is not None),
            settings=[s for r in ordered for s in r.settings],
            substances=[s for r in ordered for s in r.substances],
        ),
        domains=[d for d in _DOMAIN_ORDER if d in domains],
        original=original,
        url=primary.url,
        confidence=_lowest(r.confidence for r in rows),
        extra=extra,
    )
