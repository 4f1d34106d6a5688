"""Importer of the NJi + RIVM Loketgezondleven snapshot (one row per programme × database).

Rows that share an ``id`` become one intervention with one rating per database entry,
each in its database's wording (see :mod:`prevcat_nji.scales`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, EvidenceScale, Rating
from prevcat.importers.base import ImportWarning
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    bracketed_codes,
    country_named,
    is_short_code,
    map_terms,
    merge_led_by,
    unique_aliases,
)
from prevcat.importers.vocab import split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Target
from prevcat_nji import mappings as m
from prevcat_nji.ages import parse_dutch_ages
from prevcat_nji.scales import NJI_DATABANK, SCALE_BY_DATABANK

KEY = "nji"

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

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def alias_language(name: str) -> str | None:
    """``en``/``fi`` from the table, no tag for acronyms, else ``nl``."""
    if name in m.ALIAS_LANGUAGES:
        return m.ALIAS_LANGUAGES[name]
    return None if is_short_code(name) else "nl"


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(date, None)`` for a full ISO date; ``(None, note)`` for a year or a month only.

    A year or month is not turned into a made-up day: the rating gets no date and a note.
    """
    match = _DATE.match(text)
    if not match:
        raise RowRejected(DATE, f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), None
        if month:
            dt.date(int(year), int(month), 1)
            return None, f"recognition date given as {text} (month only)"
    except ValueError as exc:
        raise RowRejected(DATE, f"{text!r} is not a valid date: {exc}") from exc
    return None, f"recognition date given as {text} (year only)"


def parse_country(text: str) -> tuple[str | None, str | None]:
    """``(ISO code, None)`` or ``(None, why not)``: the country named before any parenthesis."""
    return country_named(text, m.COUNTRIES, joiners=(" en ",))


def _without_last_bracket(phrase: str) -> str:
    """``In de wijk (buurt)`` → ``In de wijk ``: what stands before the last opening bracket."""
    return phrase[: phrase.rfind("(")] if phrase.endswith(")") and "(" in phrase else phrase


def _ratings(
    row: RowReader, scale: EvidenceScale, databank: str, confidence: Confidence | None
) -> list[Rating]:
    label = row.get(RATING)
    reviewed, date_note = parse_date(row.get(DATE)) if row.get(DATE) else (None, None)
    if not label:
        return []  # listed, verdict not confirmed: no rating (never "no effect")
    try:
        level = scale.lookup(label)
    except UnknownLabelError as exc:
        raise RowRejected(RATING, exc.message) from exc
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
        row.warn(
            "Toelichting",
            toelichting,
            "outcome split in the mapping table no longer matches this row; one rating kept",
        )
    return [rate(label, None, "; ".join(notes) or None)]


def _target(row: RowReader) -> tuple[Target, list[Domain]]:
    """Levels, ages, settings and substances, and the domains the row names."""
    ages = None
    if row.get(AGE):
        ages, unparsed = parse_dutch_ages(row.get(AGE))
        row.kept_all(AGE, unparsed, "not mapped", store=False)
    settings, unmapped = map_terms(m.SETTINGS, split_multi(row.get(SETTING)), retry=_without_last_bracket)
    row.kept_all(SETTING, unmapped, "not mapped", store=False)
    kinds, unmapped = m.PREVENTION_TYPES.map(split_multi(row.get(PREVENTION_TYPE)))
    levels = [k for k in kinds if isinstance(k, PreventionLevel)]
    domains = [k for k in kinds if isinstance(k, Domain)]
    row.kept_all(PREVENTION_TYPE, unmapped, "not mapped", store=False)
    substances, unmapped = m.PROBLEMS.map(split_multi(row.get(PROBLEM)))
    row.kept_all(PROBLEM, unmapped, "not mapped", store=False)
    for column, vocab in ((AIM, m.AIMS), (TIER, m.SERVICE_TIERS)):
        found, unmapped = vocab.map(split_multi(row.get(column)))
        domains += found
        row.kept_all(column, unmapped, "not mapped", store=False)
    group = row.get(TARGET_GROUP).casefold()
    if group:
        cues = [value for cue, value in m.DOELGROEP_CUES if cue in group]
        settings += [c for c in cues if isinstance(c, Setting)]
        levels += [c for c in cues if isinstance(c, PreventionLevel)]
        if not cues and not any(word in group for word in m.TREATMENT_WORDS):
            row.kept(TARGET_GROUP, row.get(TARGET_GROUP), "not mapped", store=False)
    texts = (row.get(NAME), row.get(SETTING), row.get(TARGET_GROUP))
    if any(word in text.casefold() for text in texts for word in m.TREATMENT_WORDS):
        domains.append(Domain.TREATMENT)
    return Target(levels, ages or AgeRange(), settings, substances), domains


def _aliases(title: str, other_names: str) -> list[Alias]:
    out: list[Alias] = [Alias(a, None) for a in bracketed_codes(title)]
    for name in split_multi(other_names):
        out.append(Alias(name, alias_language(name)))
        out += [Alias(a, None) for a in bracketed_codes(name)]
    return out


def read_programme_row(row: RowReader) -> Intervention:
    """One row (one programme in one database) as an intervention, merged later by id."""
    native_id = row.require(ID)
    title = row.require(NAME, "programme name")
    databank = row.get(DATABANK)
    scale = SCALE_BY_DATABANK.get(databank)
    if scale is None:
        known = "; ".join(repr(k) for k in SCALE_BY_DATABANK)
        raise RowRejected(DATABANK, f"unknown database {databank!r}; known: {known}")
    confidence = row.confidence(CONFIDENCE)
    ratings = _ratings(row, scale, databank, confidence)
    aliases = _aliases(title, row.get(OTHER_NAMES))
    target, domains = _target(row)
    country = None
    if row.get(COUNTRY):
        country, why = parse_country(row.get(COUNTRY))
        if why:
            row.kept(COUNTRY, row.get(COUNTRY), why, store=False)
    for column in VERBATIM:
        row.keep(column)
    if not ratings:
        row.keep(DATABANK)
    return Intervention(
        id=f"{KEY}:{native_id}",
        name=title,
        source=KEY,
        aliases=unique_aliases(title, aliases),
        country=country,
        languages=("nl",),
        ratings=ratings,
        target=target,
        domains=domains,
        original=row.get(BASED_ON) or None,
        url=row.get(URL) or None,
        confidence=confidence,
        extra=row.extra,
    )


def merge_programme(rows: Sequence[RowReader], items: Sequence[Intervention]) -> Intervention:
    """One intervention from the rows of one programme; the NJi row (else the first) leads.

    An original or a URL that differs from the one kept is kept in ``extra``.
    """
    in_nji = [item for row, item in zip(rows, items, strict=True) if row.get(DATABANK) == NJI_DATABANK]
    lead = in_nji[0] if in_nji else items[0]
    original = next((item.original for item in (lead, *items) if item.original), None)

    def extra_of(item: Intervention) -> list[tuple[str, str]]:
        pairs = list(item.extra)
        if item.original and item.original != original:
            pairs.append((BASED_ON, item.original))
        if item.url and item.url != lead.url and not item.ratings:
            pairs.append((URL, item.url))
        return pairs

    return merge_led_by(items, lead, name_lang="nl", extra_of=extra_of)


class NjiImporter(TableImporter):
    """NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven (Netherlands)."""

    key = KEY
    title = "NJi Databank Effectieve Jeugdinterventies + RIVM Loketgezondleven (NL)"
    provenance = PROVENANCE
    package = "prevcat_nji"
    snapshot_file = "nji.csv"
    required_columns = REQUIRED

    def read_row(self, row: RowReader) -> Intervention:
        return read_programme_row(row)

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        return merge_programme(rows, items)
