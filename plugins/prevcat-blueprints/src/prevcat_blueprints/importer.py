"""Read the Blueprints snapshot (or a file in its columns) into a catalogue and an import report."""

from __future__ import annotations

import re
from typing import ClassVar

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, name_forms, split_remarks
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import (
    AgeRange,
    Alias,
    Domain,
    Intervention,
    PreventionLevel,
    Setting,
    Substance,
    Target,
)
from prevcat_blueprints import mappings as m
from prevcat_blueprints.scales import ENDORSEMENT_SCALES, RATING_SCALES

KEY = "blueprints"

PROVENANCE = Provenance(
    source=KEY,
    title="Blueprints for Healthy Youth Development",
    publisher="Institute of Behavioral Science, University of Colorado Boulder",
    country="US",
    url="https://www.blueprintsprograms.org/",
    snapshot="2026-11",
    licence=(
        "Facts (names, ratings, labels) quoted from the registry's public web pages for reference, "
        "with attribution; no open licence is stated and page texts are not copied."
    ),
    note="Compiled by hand from public programme pages; see data/PROVENANCE.md.",
)

#: Columns translated into model fields; every other non-empty cell is kept verbatim in ``extra``.
TRANSLATED = frozenset(
    {
        "id",
        "Program",
        "Program Rating",
        "Continuum of Intervention",
        "Program Setting",
        "Age",
        "Country of origin",
        "Alternative names",
        "Original name / adapts",
        "source_url",
        "confidence",
    }
)

_FORMERLY = re.compile(r"^formerly\s+(?P<name>.+)$", re.IGNORECASE)
_ADAPTS = re.compile(
    r"^(?:adaptation of|adapted from|based on|.*\bversion (?:related to|of))\s+(?P<name>.+)$", re.IGNORECASE
)
_AND = re.compile(r"(\d)\s+and\s+(\d)", re.IGNORECASE)


class BlueprintsImporter(TableImporter):
    """Blueprints rows → interventions with the registry's rating and the endorsements it prints."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "Blueprints for Healthy Youth Development"
    provenance: ClassVar[Provenance] = PROVENANCE
    package: ClassVar[str] = "prevcat_blueprints"
    snapshot_file: ClassVar[str] = "blueprints.csv"
    required_columns: ClassVar[tuple[str, ...]] = ("id", "Program", "Program Rating")
    merged_name_lang: ClassVar[str | None] = "en"

    def read_row(self, row: RowReader) -> Intervention:
        """One row as one intervention; raises :class:`RowRejected` for what cannot be imported."""
        native = row.require("id")
        name = row.require("Program", "programme name")
        url = row.get("source_url") or None
        confidence = row.confidence()
        endorsed, own = endorsements(row, url, confidence)
        levels = row.mapped("Continuum of Intervention", m.LEVELS, "prevention level")
        aliases, original = names(row, name)
        settings: list[Setting] = row.mapped("Program Setting", m.SETTINGS, "setting")
        substances: list[Substance] = row.mapped(
            "Program Outcomes", m.OUTCOMES, "substance or behaviour", store=False
        )
        row.keep_other_columns(TRANSLATED)
        return Intervention(
            source=KEY,
            id=f"{KEY}:{native}",
            name=name,
            aliases=aliases,
            country=country(row),
            languages=("en",),
            ratings=(*own_rating(row, own, url, confidence), *endorsed),
            target=Target(
                levels=levels,
                ages=ages(row),
                settings=settings,
                substances=substances,
            ),
            domains=domains(row, name, levels),
            original=original,
            url=url,
            confidence=confidence,
            extra=row.extra,
        )


def template(url: str | None) -> str | None:
    """The page template (scale version) of a source URL, or None when it is not recognised."""
    for pattern, version in m.PAGE_TEMPLATES:
        if url and pattern.search(url):
            return version
    return None


def own_rating(
    row: RowReader, endorsed_own: str | None, url: str | None, confidence: Confidence | None
) -> list[Rating]:
    """Blueprints' own rating on the scale version of the page it was read from."""
    label = row.get("Program Rating")
    if label and endorsed_own and endorsed_own.casefold() != label.casefold():
        row.warn("Endorsements", endorsed_own,
                 f"'Blueprints: {endorsed_own}' in Endorsements differs from Program Rating {label!r}; "
                 "Program Rating used")
    note = None
    if not label and endorsed_own:
        label, note = endorsed_own, "rating read from the Endorsements block ('Blueprints: ...')"
    if not label:
        return []
    version = template(url)
    if version is None:
        version = m.DEFAULT_TEMPLATE
        row.warn("source_url", url or "", f"page template not recognised; rated on the {version!r} label set")
    try:
        return [RATING_SCALES[version].rate(
            label, reviewed=row.date("seen"), url=url, note=note, confidence=confidence
        )]
    except UnknownLabelError as exc:
        raise RowRejected("Program Rating", exc.message) from None


def endorsements(
    row: RowReader, url: str | None, confidence: Confidence | None
) -> tuple[list[Rating], str | None]:
    """Other registries' ratings printed on the page, and Blueprints' own label if printed there too.

    ``Registry: value (remark)``: the value is the label, verbatim; a lower-case remark in brackets
    becomes the rating's note, and a rating whose remark says "not confirmed" has low confidence.
    """
    ratings: list[Rating] = []
    own: str | None = None
    for part in split_multi(row.get("Endorsements")):
        prefix, sep, rest = part.partition(":")
        value, remarks = split_remarks(rest)
        if not sep or not prefix.strip() or not value:
            raise RowRejected("Endorsements", f"endorsement {part!r} is not 'Registry: rating'")
        if " ".join(prefix.split()).casefold() == m.OWN_PREFIX:
            own = value
            continue
        found = m.endorser(prefix)
        if found is None:
            known = sorted({name for name, _ in m.ENDORSERS.values()})
            raise RowRejected("Endorsements", f"unknown endorsing registry {prefix.strip()!r} in {part!r}; "
                           f"known: {', '.join(known)}")
        database, scale_key = found
        unconfirmed = any("not confirmed" in r for r in remarks)
        try:
            ratings.append(ENDORSEMENT_SCALES[scale_key].rate(
                value,
                database=database,
                reported_by=KEY,
                url=url,
                note="; ".join(remarks) or None,
                confidence=Confidence.LOW if unconfirmed else confidence,
            ))
        except UnknownLabelError as exc:
            raise RowRejected("Endorsements", f"{database}: {exc.message}") from None
    return ratings, own


def names(row: RowReader, name: str) -> tuple[list[Alias], str | None]:
    """Aliases (all English) from the name, Alternative names and a former name; the original adapted."""
    aliases: list[Alias] = []

    def add(*candidates: str) -> None:
        for candidate in candidates:
            alias = Alias(candidate, "en")
            if candidate.strip() and candidate != name and alias not in aliases:
                aliases.append(alias)

    add(*name_forms(name))
    for part in split_multi(row.get("Alternative names")):
        text, remarks = split_remarks(part)
        add(text, *name_forms(text))
        if remarks:
            row.keep("Alternative names", part)
    original = None
    cell = row.get("Original name / adapts")
    if cell:
        row.keep("Original name / adapts")
        text, _ = split_remarks(cell)
        former = _FORMERLY.match(text)
        if former:
            add(former.group("name"), *name_forms(former.group("name")))
        else:
            adapts = _ADAPTS.match(text)
            original = adapts.group("name") if adapts else text
    return aliases, original


def ages(row: RowReader) -> AgeRange:
    """Fact-sheet bands ("Early Adolescence (12-14) - Middle School"), "Adult", newsletter text."""
    ranges: list[AgeRange] = []
    for part in split_multi(row.get("Age")):
        band = m.AGE_BANDS.get(part.casefold()) or parse_age_band(_AND.sub(r"\1-\2", part))
        if band is None:
            row.kept("Age", part, "no age range")
        else:
            ranges.append(band)
    return span(ranges)


def country(row: RowReader) -> str | None:
    text = row.get("Country of origin")
    if not text:
        return None
    found = m.COUNTRIES.lookup(text)
    if not found:
        row.kept("Country of origin", text, "no country code")
        return None
    return found[0]


def domains(row: RowReader, name: str, levels: list[PreventionLevel]) -> list[Domain]:
    """Treatment by name; prevention/early intervention by level; others by Program Type."""
    found: set[Domain] = set()
    if m.TREATMENT_NAME.search(name):
        found.add(Domain.TREATMENT)
    found.update(m.LEVEL_DOMAINS[level] for level in levels)
    found.update(row.mapped("Program Type", m.TYPES, "domain", store=False))
    return [d for d in m.DOMAIN_ORDER if d in found] or [Domain.PREVENTION]
