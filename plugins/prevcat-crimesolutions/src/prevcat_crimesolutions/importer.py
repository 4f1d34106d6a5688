"""Read the CrimeSolutions snapshot (or a file in its columns) into a catalogue and an import report."""

from __future__ import annotations

import re
from typing import ClassVar

from prevcat.catalogue import Provenance
from prevcat.evidence import Confidence, Rating
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, name_forms, split_remarks
from prevcat.importers.vocab import parse_age_band, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, Setting, Substance, Target
from prevcat_crimesolutions import mappings as m
from prevcat_crimesolutions.scales import SCALES

KEY = "crimesolutions"

PROVENANCE = Provenance(
    source=KEY,
    title="CrimeSolutions (National Institute of Justice)",
    publisher="National Institute of Justice, US Office of Justice Programs",
    country="US",
    url="https://crimesolutions.ojp.gov/",
    snapshot="2026-11",
    licence=(
        "CrimeSolutions content is in the public domain (US federal government work; CrimeSolutions FAQ). "
        "Rows quoting third-party pages (Blueprints, Athena Forum, state pages) cite them in source_url."
    ),
    note="Compiled by hand; most ratings are second-hand (see data/PROVENANCE.md).",
)

#: Columns translated into model fields; every other non-empty cell is kept verbatim in ``extra``.
TRANSLATED = frozenset(
    {
        "id",
        "Program Name",
        "Evidence Rating",
        "Single or multiple studies",
        "Outcome",
        "Topic(s)",
        "Age",
        "Setting",
        "Alternative names",
        "Notes",
        "Date posted",
        "source_url",
        "seen",
        "confidence",
    }
)

_GRADES = re.compile(r"^grades?\s+(?P<list>\d{1,2}(?:\s*(?:,|and|-|–|to)\s*\d{1,2})*)$", re.IGNORECASE)


class CrimeSolutionsImporter(TableImporter):
    """CrimeSolutions rows → interventions, one rating per row (per outcome where given)."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "CrimeSolutions (National Institute of Justice)"
    provenance: ClassVar[Provenance] = PROVENANCE
    package: ClassVar[str] = "prevcat_crimesolutions"
    snapshot_file: ClassVar[str] = "crimesolutions.csv"
    required_columns: ClassVar[tuple[str, ...]] = ("id", "Program Name", "Evidence Rating")
    merged_name_lang: ClassVar[str | None] = "en"

    def read_row(self, row: RowReader) -> Intervention:
        """One row as one intervention; raises :class:`RowRejected` for what cannot be imported."""
        native = row.require("id")
        name = row.require("Program Name", "programme name")
        url = row.get("source_url") or None
        confidence = row.confidence()
        ratings = rating(row, url, confidence)
        profile = row.get("Profile type")
        if profile and profile not in m.PROFILE_TYPES:
            row.warn(
                "Profile type", profile, f"unknown profile type {profile!r} (expected Program or Practice)"
            )
        settings: list[Setting] = row.mapped("Setting", m.SETTINGS, "setting")
        topics: list[Substance] = row.mapped("Topic(s)", m.TOPICS, "substance or behaviour")
        substances = [*topics, *m.SUBSTANCES_BY_ID.get(native, ())]
        row.keep_other_columns(TRANSLATED)
        return Intervention(
            source=KEY,
            id=f"{KEY}:{native}",
            name=name,
            aliases=aliases(row, name),
            country=country(row),
            languages=("en",),
            ratings=ratings,
            target=Target(ages=ages(row), settings=settings, substances=substances),
            domains=domains(native, name),
            url=url,
            confidence=confidence,
            extra=row.extra,
        )


def version(label: str, url: str | None) -> str:
    """The scale version of a rating: a label of one version only decides, then the site, then current."""
    holders = [v for v, scale in SCALES.items() if label in scale]
    if len(holders) == 1:
        return holders[0]
    for pattern, site_version in m.SITE_VERSIONS:
        if url and pattern.search(url):
            return site_version
    return m.DEFAULT_VERSION


def rating(row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
    """The row's rating (empty cell: none), with its study count, outcome, date and notes."""
    cell = row.get("Evidence Rating")
    if not cell:
        return []
    label, studies = cell, row.get("Single or multiple studies")
    printed = m.RATING_WITH_STUDIES.match(cell)
    if printed:
        label = printed.group("label")
        if studies and studies.casefold() != printed.group("studies").casefold():
            row.warn("Single or multiple studies", studies,
                     f"differs from the suffix printed with the rating ({cell!r}); the suffix is used")
        studies = printed.group("studies")
    if studies and studies.casefold() not in {s.casefold() for s in m.STUDY_COUNTS}:
        row.warn("Single or multiple studies", studies, f"unknown study count {studies!r}; kept in the note")
    if not any(label in scale for scale in SCALES.values()):
        known = {lab: None for scale in SCALES.values() for lab in scale.labels}
        raise RowRejected("Evidence Rating", f"unknown label {label!r}; known labels: "
                       + "; ".join(repr(k) for k in known))
    scale = SCALES[version(label, url)]
    note = "; ".join(part for part in (studies, row.get("Notes")) if part) or None
    return [scale.rate(
        label,
        outcome=row.get("Outcome") or None,
        reviewed=row.date("Date posted") or row.date("seen"),
        url=url,
        note=note,
        confidence=confidence,
    )]


def aliases(row: RowReader, name: str) -> list[Alias]:
    """English aliases from the name's acronym and the Alternative names column."""
    found: list[Alias] = []
    for candidate in (*name_forms(name), *_alternatives(row)):
        alias = Alias(candidate, "en")
        if candidate != name and alias not in found:
            found.append(alias)
    return found


def _alternatives(row: RowReader) -> list[str]:
    out: list[str] = []
    for part in split_multi(row.get("Alternative names")):
        text, remarks = split_remarks(part)
        out += [text, *name_forms(text)]
        if remarks:
            row.keep("Alternative names", part)
    return out


def ages(row: RowReader) -> AgeRange:
    """Years ("18-24") or grades ("grades 9-12", "grades 1, 4 and 7"); a trailing remark is ignored."""
    text, _ = split_remarks(row.get("Age"))
    if not text:
        return AgeRange()
    grades = _GRADES.match(text)
    if grades:
        numbers = [int(n) for n in re.findall(r"\d{1,2}", grades.group("list"))]
        text = f"grade {min(numbers)}-{max(numbers)}"
    band = parse_age_band(text)
    if band is None:
        row.kept("Age", row.get("Age"), "no age range")
        return AgeRange()
    return band


def country(row: RowReader) -> str | None:
    """The origin where the notes state it ("developed in Finland")."""
    match = m.DEVELOPED_IN.search(row.get("Notes"))
    if not match:
        return None
    found = m.COUNTRIES.lookup(match.group("country"))
    if not found:
        row.kept("Notes", match.group("country"), "no country code")
        return None
    return found[0]


def domains(native: str, name: str) -> list[Domain]:
    """Stated by the target-population text (table), else treatment by name, else prevention."""
    if native in m.DOMAINS_BY_ID:
        return list(m.DOMAINS_BY_ID[native])
    if m.TREATMENT_NAME.search(name):
        return [Domain.TREATMENT]
    return [Domain.PREVENTION]
