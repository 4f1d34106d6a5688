"""What the Grüne Liste's data cannot say as a table: the verdict's two wordings (Beweiskraft and
Stufe), qualifiers in brackets, settings named by the target group, name notes (:mod:`.names`)
and German age wordings (:mod:`.ages`)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating, ScaleLevel
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import RowReader, RowRejected, unique_aliases
from prevcat.importers.vocab import VocabularyMap, split_multi
from prevcat.model import Alias, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_gruene_liste.ages import parse_german_ages
from prevcat_gruene_liste.names import parse_alternative_names, parse_origin, parse_subtitle

SPEC = load_spec("prevcat_gruene_liste")
GRUENE_LISTE_SCALE = SPEC.scale("gruene-liste")
ORIGIN = "Herkunftsland / Originalprogramm"
T = TypeVar("T")


def stufe_of(level: ScaleLevel) -> int:
    """The Stufe number (1-3) of a level of this scale."""
    return GRUENE_LISTE_SCALE.levels.index(level) + 1


class GrueneListeImporter(MappedImporter):
    """Reads Grüne Liste snapshots (``gruene-liste.csv`` columns, see ``data/PROVENANCE.md``)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        native_id = row.require("id")
        name = row.require("Programmname", "Programmname; every programme needs a name")
        programme_id = row.get("Programm-ID")
        if programme_id and programme_id != native_id:
            row.warn("Programm-ID", programme_id,
                     f"Programm-ID {programme_id!r} differs from id {native_id!r}")
        confidence = row.confidence()
        url = row.get("source_url") or None
        verdict = rate(row, row.get("rating_source_url") or url, confidence)
        alternative = parse_alternative_names(row.get("Alternative Namen"))
        aliases = unique_aliases(name, alternative, parse_subtitle(name, row.get("Untertitel")))
        origin = parse_origin(row.get(ORIGIN), name, (Alias(name), *aliases))
        row.kept_all(ORIGIN, origin.unread, "not read", store=False)
        for note in origin.notes:
            row.warn(ORIGIN, row.get(ORIGIN), note)
        target = read_target(row)
        row.keep_other_columns(self.translated_columns())
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=name, source=SPEC.key, aliases=aliases, country=origin.country,
            languages=SPEC.languages, ratings=(verdict,) if verdict else (), target=target,
            original=origin.original, url=url, description=row.get("Kurzbeschreibung") or None,
            confidence=confidence, extra=row.extra,
        )


def read_level(row: RowReader, column: str) -> ScaleLevel | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return GRUENE_LISTE_SCALE.lookup(text)
    except UnknownLabelError as exc:
        stufen = ", ".join(f"'Stufe {n}'" for n in range(1, len(GRUENE_LISTE_SCALE.levels) + 1))
        raise RowRejected(column, f"{exc.message}; or {stufen}") from None


def rate(row: RowReader, url: str | None, confidence: Confidence | None) -> Rating | None:
    """The verdict from ``Beweiskraft`` and ``Stufe``, which must agree when both are given."""
    label_level, stufe_level = read_level(row, "Beweiskraft"), read_level(row, "Stufe")
    if label_level is not None and stufe_level is not None and label_level != stufe_level:
        raise RowRejected(
            "Stufe",
            f"Beweiskraft {row.get('Beweiskraft')!r} is Stufe {stufe_of(label_level)}, but Stufe "
            f"says {row.get('Stufe')!r}: the two wordings of one verdict disagree",
        )
    level = label_level or stufe_level
    if level is None:
        return None
    label = row.get("Beweiskraft") or row.get("Stufe")
    return GRUENE_LISTE_SCALE.rate(label, url=url, confidence=confidence, note=f"Stufe {stufe_of(level)}")


def map_terms(row: RowReader, vocabulary: VocabularyMap[T], column: str) -> list[T]:
    """The values of a vocabulary column; a term no table maps is reported (the cell is kept whole).

    A trailing bracket is a qualifier: a term not found whole is looked up without it."""
    values: list[T] = []
    for term in split_multi(row.get(column)):
        found = vocabulary.lookup(term)
        bare = SPEC.pattern("qualifier").match(term)
        if found is None and bare:
            found = vocabulary.lookup(bare.group(1))
        if found is None:
            row.kept(column, term, "no mapping", store=False)
        values += [v for v in found or () if v not in values]
    return values


def read_target(row: RowReader) -> Target:
    settings = map_terms(row, SPEC.vocabulary("settings", Setting), "Handlungsfeld / Institution")
    if not row.get("Handlungsfeld / Institution"):
        settings = SPEC.matches("target_group_settings", row.get("Zielgruppe"))
    levels = map_terms(row, SPEC.vocabulary("levels", PreventionLevel), "Präventionsebene")
    behaviour = SPEC.vocabulary("behaviour_or_environment", PreventionLevel)
    levels += [v for v in map_terms(row, behaviour, "Verhalten/Verhältnis") if v not in levels]
    substances = map_terms(row, SPEC.vocabulary("goals", Substance), "Ziele / Problemverhalten")
    ages, unparsed = parse_german_ages(row.get("Alter der Zielgruppe"))
    row.kept_all("Alter der Zielgruppe", unparsed, "no age found", store=False)
    return Target(levels=levels, ages=ages, settings=settings, substances=substances)
