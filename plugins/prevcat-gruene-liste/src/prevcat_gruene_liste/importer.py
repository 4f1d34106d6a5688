"""The Grüne Liste importer: ``gruene-liste.csv`` (or a file in its columns) → catalogue + report."""

from __future__ import annotations

import re
from typing import ClassVar, TypeVar

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating, ScaleLevel
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, unique_aliases
from prevcat.importers.vocab import VocabularyMap, split_multi
from prevcat.model import Alias, Intervention, Target
from prevcat_gruene_liste import mappings as m
from prevcat_gruene_liste.ages import parse_german_ages
from prevcat_gruene_liste.names import parse_alternative_names, parse_origin, parse_subtitle
from prevcat_gruene_liste.scales import GRUENE_LISTE_SCALE, stufe_of

KEY = "gruene-liste"
REQUIRED_COLUMNS = ("id", "Programmname")
#: columns whose every value has a home in the model; all others are kept verbatim in ``extra``,
#: including the vocabulary columns, whose qualifiers ("(reaktiver Baustein)") the enums cannot hold
MAPPED_COLUMNS = frozenset(
    {
        "id",
        "Programmname",
        "Alternative Namen",
        "Beweiskraft",
        "Stufe",
        "Kurzbeschreibung",
        "source_url",
        "rating_source_url",
        "confidence",
    }
)
_QUALIFIER = re.compile(r"^(.*?)\s*\([^()]*\)$")
T = TypeVar("T")

PROVENANCE = Provenance(
    source=KEY,
    title="Grüne Liste Prävention",
    publisher="Landespräventionsrat Niedersachsen (LPR) with Medizinische Hochschule Hannover (MHH)",
    country="DE",
    url="https://www.gruene-liste-praevention.de/nano.cms/datenbank/information",
    snapshot="2026-11",
    licence=(
        "Facts (names, rating labels, target groups) compiled by hand from the registry's public pages, "
        "each row citing its page; Kurzbeschreibung is a paraphrase, not registry text. No reuse licence "
        "is stated on the registry's pages; the registry's own text is not reproduced."
    ),
    note="22 of roughly 102-112 listed programmes; see data/PROVENANCE.md.",
)


def lookup_term(vocabulary: VocabularyMap[T], term: str) -> tuple[T, ...] | None:
    """The values of a term; a trailing bracket is a qualifier, tried without when needed."""
    found = vocabulary.lookup(term)
    if found is None:
        bare = _QUALIFIER.match(term)
        if bare:
            found = vocabulary.lookup(bare.group(1))
    return found


class GrueneListeImporter(TableImporter):
    """Reads Grüne Liste snapshots (``gruene-liste.csv`` columns, see ``data/PROVENANCE.md``)."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "Grüne Liste Prävention"
    provenance: ClassVar[Provenance] = PROVENANCE
    package: ClassVar[str] = "prevcat_gruene_liste"
    snapshot_file: ClassVar[str] = "gruene-liste.csv"
    required_columns: ClassVar[tuple[str, ...]] = REQUIRED_COLUMNS
    merged_name_lang: ClassVar[str | None] = "de"

    def read_row(self, row: RowReader) -> Intervention:
        native_id = row.require("id")
        name = row.require("Programmname", "Programmname; every programme needs a name")
        programme_id = row.get("Programm-ID")
        if programme_id and programme_id != native_id:
            row.warn(
                "Programm-ID", programme_id, f"Programm-ID {programme_id!r} differs from id {native_id!r}"
            )
        confidence = row.confidence()
        url = row.get("source_url") or None
        verdict = rate(row, row.get("rating_source_url") or url, confidence)
        alternative = parse_alternative_names(row.get("Alternative Namen"))
        from_subtitle = parse_subtitle(name, row.get("Untertitel"))
        aliases = unique_aliases(name, alternative, from_subtitle)
        origin = parse_origin(row.get("Herkunftsland / Originalprogramm"), name, (Alias(name), *aliases))
        row.kept_all("Herkunftsland / Originalprogramm", origin.unread, "not read", store=False)
        for note in origin.notes:
            row.warn("Herkunftsland / Originalprogramm", row.get("Herkunftsland / Originalprogramm"), note)
        target = read_target(row)
        row.keep_other_columns(MAPPED_COLUMNS)
        return Intervention(
            id=f"{KEY}:{native_id}",
            name=name,
            source=KEY,
            aliases=aliases,
            country=origin.country,
            languages=("de",),
            ratings=(verdict,) if verdict else (),
            target=target,
            original=origin.original,
            url=url,
            description=row.get("Kurzbeschreibung") or None,
            confidence=confidence,
            extra=row.extra,
        )


# -- evidence ------------------------------------------------------------------------------------


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


# -- target --------------------------------------------------------------------------------------


def map_terms(row: RowReader, vocabulary: VocabularyMap[T], column: str) -> list[T]:
    """The values of a vocabulary column; a term no table maps is reported (the cell is kept whole)."""
    values: list[T] = []
    for term in split_multi(row.get(column)):
        found = lookup_term(vocabulary, term)
        if found is None:
            row.kept(column, term, "no mapping", store=False)
            continue
        values += [v for v in found if v not in values]
    return values


def read_target(row: RowReader) -> Target:
    settings = map_terms(row, m.SETTINGS, "Handlungsfeld / Institution")
    if not row.get("Handlungsfeld / Institution"):
        text = row.get("Zielgruppe")
        settings = [s for pattern, s in m.TARGET_GROUP_SETTINGS if pattern.search(text)]
    levels = map_terms(row, m.LEVELS, "Präventionsebene")
    levels += [
        v for v in map_terms(row, m.BEHAVIOUR_OR_ENVIRONMENT, "Verhalten/Verhältnis") if v not in levels
    ]
    substances = map_terms(row, m.GOALS, "Ziele / Problemverhalten")
    ages, unparsed = parse_german_ages(row.get("Alter der Zielgruppe"))
    row.kept_all("Alter der Zielgruppe", unparsed, "no age found", store=False)
    return Target(levels=levels, ages=ages, settings=settings, substances=substances)
