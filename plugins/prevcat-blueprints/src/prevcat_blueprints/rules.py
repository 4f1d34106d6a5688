"""What Blueprints' data cannot say as a table: the scale version of a page, the endorsements
block, former and adapted names, ages written in words, and domains from name, level and type."""

from __future__ import annotations

from typing import ClassVar

from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, RowRejected, name_forms, split_remarks
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target

SPEC = load_spec("prevcat_blueprints")
ENDORSERS = SPEC.vocabulary("endorsers", str)


class BlueprintsImporter(MappedImporter):
    """Blueprints rows → interventions with the registry's rating and the endorsements it prints."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        native = row.require("id")
        name = row.require("Program", "programme name")
        url = row.get("source_url") or None
        confidence = row.confidence()
        endorsed, own = endorsements(row, url, confidence)
        levels = row.mapped("Continuum of Intervention", SPEC.vocabulary("levels", PreventionLevel),
                            "prevention level")
        aliases, original = names(row, name)
        settings = row.mapped("Program Setting", SPEC.vocabulary("settings", Setting), "setting")
        substances = row.mapped("Program Outcomes", SPEC.vocabulary("outcomes", Substance),
                                "substance or behaviour", store=False)
        row.keep_other_columns(self.translated_columns())
        return Intervention(
            source=SPEC.key, id=f"{SPEC.key}:{native}", name=name, aliases=aliases,
            country=self.read_country(row), languages=SPEC.languages,
            ratings=(*self.own_rating(row, own, url, confidence), *endorsed),
            target=Target(levels=levels, ages=ages(row), settings=settings, substances=substances),
            domains=domains(row, name, levels), original=original, url=url, confidence=confidence,
            extra=row.extra,
        )

    def own_rating(
        self, row: RowReader, endorsed_own: str | None, url: str | None, confidence: Confidence | None
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
        version = next(iter(SPEC.matches("page_templates", url or "")), None)
        if version is None:
            version, why = "programs", "page template not recognised; rated on the 'programs' label set"
            row.warn("source_url", url or "", why)
        return [self.rate(f"blueprints@{version}", label, "Program Rating", reviewed=row.date("seen"),
                          url=url, note=note, confidence=confidence)]


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
        if " ".join(prefix.split()).casefold() == "blueprints":
            own = value
            continue
        found = ENDORSERS.lookup(prefix)
        if found is None:
            known = sorted({names[0] for names in SPEC.vocabularies["endorsers"].terms.values()})
            raise RowRejected("Endorsements", f"unknown endorsing registry {prefix.strip()!r} in {part!r}; "
                              f"known: {', '.join(known)}")
        database, scale_key = found
        unconfirmed = any("not confirmed" in r for r in remarks)
        try:
            ratings.append(SPEC.scale(f"blueprints-endorsements-{scale_key}").rate(
                value, database=database, reported_by=SPEC.key, url=url, note="; ".join(remarks) or None,
                confidence=Confidence.LOW if unconfirmed else confidence,
            ))
        except UnknownLabelError as exc:
            raise RowRejected("Endorsements", f"{database}: {exc.message}") from None
    return ratings, own


def names(row: RowReader, name: str) -> tuple[list[Alias], str | None]:
    """Aliases (all English) from the name, Alternative names and a former name; the original adapted."""
    found = list(name_forms(name))
    for part in split_multi(row.get("Alternative names")):
        text, remarks = split_remarks(part)
        found += [text, *name_forms(text)]
        if remarks:
            row.keep("Alternative names", part)
    original = None
    cell = row.get("Original name / adapts")
    if cell:
        row.keep("Original name / adapts")
        text, _ = split_remarks(cell)
        former = SPEC.pattern("formerly").match(text)
        if former:
            found += [former.group("name"), *name_forms(former.group("name"))]
        else:
            adapts = SPEC.pattern("adapts").match(text)
            original = adapts.group("name") if adapts else text
    aliases = dict.fromkeys(Alias(c, "en") for c in found if c.strip() and c != name)
    return list(aliases), original


def ages(row: RowReader) -> AgeRange:
    """Fact-sheet bands ("Early Adolescence (12-14) - Middle School"), "Adult", newsletter text."""
    ranges: list[AgeRange] = []
    for part in split_multi(row.get("Age")):
        fixed = SPEC.vocabulary("age_bands", AgeRange).lookup(part)
        band = fixed[0] if fixed else parse_age_band(SPEC.pattern("and").sub(r"\1-\2", part))
        if band is None:
            row.kept("Age", part, "no age range")
        ranges += [band] if band is not None else []
    return span(ranges)


def domains(row: RowReader, name: str, levels: list[PreventionLevel]) -> list[Domain]:
    """Treatment by name; prevention/early intervention by level; others by Program Type."""
    found = {Domain.TREATMENT} if SPEC.pattern("treatment_name").search(name) else set()
    by_level = SPEC.vocabulary("level_domains", Domain)
    found.update(d for level in levels for d in by_level.lookup(level.value) or ())
    found.update(row.mapped("Program Type", SPEC.vocabulary("types", Domain), "domain", store=False))
    return [d for d in map(Domain, SPEC.words("domain_order")) if d in found] or [Domain.PREVENTION]
