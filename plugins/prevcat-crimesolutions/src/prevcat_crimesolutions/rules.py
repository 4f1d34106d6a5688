"""What CrimeSolutions' data cannot say as a table: rating suffixes and the scale version of a
label, ages in grades, the country in the notes, domains.  Everything else is in registry.toml."""

from __future__ import annotations

import re
from typing import ClassVar

from prevcat.evidence import Confidence, EvidenceScale, Rating
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, RowRejected, name_forms, split_remarks
from prevcat.importers.vocab import parse_age_band, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, Setting, Substance, Target

SPEC = load_spec("prevcat_crimesolutions")
SCALES: dict[str, EvidenceScale] = {s.version: s for s in SPEC.build_scales()}
SETTINGS = SPEC.vocabulary("settings", Setting)
TOPICS = SPEC.vocabulary("topics", Substance)
DOMAINS_BY_ID = SPEC.vocabulary("domains_by_id", Domain)
SUBSTANCES_BY_ID = SPEC.vocabulary("substances_by_id", Substance)
COUNTRIES = SPEC.vocabulary("countries", str)
STUDY_COUNTS = SPEC.words("study_counts")
RATING_WITH_STUDIES = re.compile(
    r"^(?P<label>.+?)\s*[-|]\s*(?P<studies>" + "|".join(STUDY_COUNTS) + r")$", re.IGNORECASE
)


class CrimeSolutionsImporter(MappedImporter):
    """CrimeSolutions rows → interventions, one rating per row (per outcome where given)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        native = row.require("id")
        name = row.require("Program Name", "programme name")
        url = row.get("source_url") or None
        confidence = row.confidence()
        ratings = rating(row, url, confidence)
        profile = row.get("Profile type")
        if profile and profile not in SPEC.words("profile_types"):
            row.warn("Profile type", profile,
                     f"unknown profile type {profile!r} (expected Program or Practice)")
        settings: list[Setting] = row.mapped("Setting", SETTINGS, "setting")
        topics: list[Substance] = row.mapped("Topic(s)", TOPICS, "substance or behaviour", store=False)
        substances = [*topics, *(SUBSTANCES_BY_ID.lookup(native) or ())]
        row.keep_other_columns(self.translated_columns())
        return Intervention(
            source=SPEC.key, id=f"{SPEC.key}:{native}", name=name, aliases=aliases(row, name),
            country=country(row), languages=SPEC.languages, ratings=ratings,
            target=Target(ages=ages(row), settings=settings, substances=substances),
            domains=domains(native, name), url=url, confidence=confidence, extra=row.extra,
        )


def version(label: str, url: str | None) -> str:
    """The scale version of a rating: a label of one version only decides, then the site, then current."""
    holders = [v for v, scale in SCALES.items() if label in scale]
    if len(holders) == 1:
        return holders[0]
    return next(iter(SPEC.matches("site_versions", url or "")), "current")


def rating(row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
    """The row's rating (empty cell: none), with its study count, outcome, date and notes."""
    cell = row.get("Evidence Rating")
    if not cell:
        return []
    label, studies = cell, row.get("Single or multiple studies")
    printed = RATING_WITH_STUDIES.match(cell)
    if printed:
        label = printed.group("label")
        if studies and studies.casefold() != printed.group("studies").casefold():
            row.warn("Single or multiple studies", studies,
                     f"differs from the suffix printed with the rating ({cell!r}); the suffix is used")
        studies = printed.group("studies")
    if studies and studies.casefold() not in {s.casefold() for s in STUDY_COUNTS}:
        row.warn("Single or multiple studies", studies, f"unknown study count {studies!r}; kept in the note")
    if not any(label in scale for scale in SCALES.values()):
        known = {lab: None for scale in SCALES.values() for lab in scale.labels}
        raise RowRejected("Evidence Rating", f"unknown label {label!r}; known labels: "
                          + "; ".join(repr(k) for k in known))
    note = "; ".join(part for part in (studies, row.get("Notes")) if part) or None
    return [SCALES[version(label, url)].rate(
        label, outcome=row.get("Outcome") or None, reviewed=row.date("Date posted") or row.date("seen"),
        url=url, note=note, confidence=confidence,
    )]


def aliases(row: RowReader, name: str) -> list[Alias]:
    """English aliases from the name's acronym and the Alternative names column (a part with a
    remark in brackets is kept in extra too)."""
    found = list(name_forms(name))
    for part in split_multi(row.get("Alternative names")):
        text, remarks = split_remarks(part)
        found += [text, *name_forms(text)]
        if remarks:
            row.keep("Alternative names", part)
    return list(dict.fromkeys(Alias(candidate, "en") for candidate in found if candidate != name))


def ages(row: RowReader) -> AgeRange:
    """Years ("18-24") or grades ("grades 9-12", "grades 1, 4 and 7"); a trailing remark is ignored."""
    text, _ = split_remarks(row.get("Age"))
    if not text:
        return AgeRange()
    grades = SPEC.pattern("grades").match(text)
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
    match = SPEC.pattern("developed_in").search(row.get("Notes"))
    if not match:
        return None
    found = COUNTRIES.lookup(match.group("country"))
    if not found:
        row.kept("Notes", match.group("country"), "no country code")
        return None
    return found[0]


def domains(native: str, name: str) -> list[Domain]:
    """Stated by the target-population text (table), else treatment by name, else prevention."""
    if native in DOMAINS_BY_ID:
        return list(DOMAINS_BY_ID.lookup(native) or ())
    if SPEC.pattern("treatment_name").search(name):
        return [Domain.TREATMENT]
    return [Domain.PREVENTION]
