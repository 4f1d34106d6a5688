"""The Grüne Liste importer: ``gruene-liste.csv`` (or a file in its columns) → catalogue + report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import IO, ClassVar, TypeVar

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Confidence, Rating, ScaleLevel
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
from prevcat.model import Alias, Intervention, Target
from prevcat_gruene_liste import mappings as m
from prevcat_gruene_liste.ages import parse_german_ages
from prevcat_gruene_liste.names import (
    merge_aliases,
    parse_alternative_names,
    parse_origin,
    parse_subtitle,
)
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


class _Reject(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def parse_confidence(text: str) -> Confidence | None:
    if not text:
        return None
    try:
        return Confidence(text.strip().casefold())
    except ValueError:
        raise _Reject("confidence", f"unknown confidence {text!r}; expected high, medium or low") from None


def _lowest(values: Iterable[Confidence | None]) -> Confidence | None:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [v for v in values if v is not None]
    return min(known, key=order.index) if known else None


def lookup_term(vocabulary: VocabularyMap[T], term: str) -> tuple[T, ...] | None:
    """The values of a term; a trailing bracket is a qualifier, tried without when needed."""
    found = vocabulary.lookup(term)
    if found is None:
        bare = _QUALIFIER.match(term)
        if bare:
            found = vocabulary.lookup(bare.group(1))
    return found


class _RowReader:
    """Translates one row, collecting warnings and unmapped values."""

    def __init__(self, row: TableRow) -> None:
        self.row = row
        self.warnings: list[ImportWarning] = []
        self.extra: list[tuple[str, str]] = []

    def warn(self, column: str, value: str, message: str) -> None:
        self.warnings.append(ImportWarning(message=message, row=self.row.row, field=column, value=value))

    def map_terms(self, vocabulary: VocabularyMap[T], column: str) -> list[T]:
        values: list[T] = []
        for term in split_multi(self.row.get(column)):
            found = lookup_term(vocabulary, term)
            if found is None:  # the column is kept verbatim in extra
                self.warn(column, term, f"{term!r}: no mapping; kept in extra")
                continue
            values += [v for v in found if v not in values]
        return values

    # -- evidence ----------------------------------------------------------------------------

    def _level(self, column: str) -> ScaleLevel | None:
        text = self.row.get(column)
        if not text:
            return None
        try:
            return GRUENE_LISTE_SCALE.lookup(text)
        except UnknownLabelError as exc:
            stufen = ", ".join(f"'Stufe {n}'" for n in range(1, len(GRUENE_LISTE_SCALE.levels) + 1))
            raise _Reject(column, f"{exc.message}; or {stufen}") from None

    def rating(self, url: str | None, confidence: Confidence | None) -> Rating | None:
        """The verdict from ``Beweiskraft`` and ``Stufe``, which must agree when both are given."""
        label_level, stufe_level = self._level("Beweiskraft"), self._level("Stufe")
        if label_level is not None and stufe_level is not None and label_level != stufe_level:
            raise _Reject(
                "Stufe",
                f"Beweiskraft {self.row.get('Beweiskraft')!r} is Stufe {stufe_of(label_level)}, but Stufe "
                f"says {self.row.get('Stufe')!r}: the two wordings of one verdict disagree",
            )
        level = label_level or stufe_level
        if level is None:
            return None
        label = self.row.get("Beweiskraft") or self.row.get("Stufe")
        return GRUENE_LISTE_SCALE.rate(label, url=url, confidence=confidence, note=f"Stufe {stufe_of(level)}")

    # -- target ------------------------------------------------------------------------------

    def target(self) -> Target:
        settings = self.map_terms(m.SETTINGS, "Handlungsfeld / Institution")
        if not self.row.get("Handlungsfeld / Institution"):
            text = self.row.get("Zielgruppe")
            settings = [s for pattern, s in m.TARGET_GROUP_SETTINGS if pattern.search(text)]
        levels = self.map_terms(m.LEVELS, "Präventionsebene")
        levels += [
            v for v in self.map_terms(m.BEHAVIOUR_OR_ENVIRONMENT, "Verhalten/Verhältnis") if v not in levels
        ]
        substances = self.map_terms(m.GOALS, "Ziele / Problemverhalten")
        ages, unparsed = parse_german_ages(self.row.get("Alter der Zielgruppe"))
        for part in unparsed:
            self.warn("Alter der Zielgruppe", part, f"{part!r}: no age found")
        return Target(levels=levels, ages=ages, settings=settings, substances=substances)

    # -- the intervention --------------------------------------------------------------------

    def intervention(self) -> Intervention:
        row = self.row
        native_id = row.get("id")
        if not native_id:
            raise _Reject("id", "empty id")
        if "__overflow__" in row.cells:
            raise _Reject(None, f"more cells than header columns: {row.cells['__overflow__']!r}")
        name = row.get("Programmname")
        if not name:
            raise _Reject("Programmname", "empty Programmname; every programme needs a name")
        programme_id = row.get("Programm-ID")
        if programme_id and programme_id != native_id:
            self.warn(
                "Programm-ID", programme_id, f"Programm-ID {programme_id!r} differs from id {native_id!r}"
            )
        confidence = parse_confidence(row.get("confidence"))
        url = row.get("source_url") or None
        rating = self.rating(row.get("rating_source_url") or url, confidence)
        alternative = parse_alternative_names(row.get("Alternative Namen"))
        from_subtitle = parse_subtitle(name, row.get("Untertitel"))
        aliases = merge_aliases(name, alternative, from_subtitle)
        origin = parse_origin(row.get("Herkunftsland / Originalprogramm"), name, (Alias(name), *aliases))
        for part in origin.unread:
            self.warn("Herkunftsland / Originalprogramm", part, f"{part!r}: not read; kept in extra")
        for note in origin.notes:
            self.warn("Herkunftsland / Originalprogramm", row.get("Herkunftsland / Originalprogramm"), note)
        target = self.target()
        extra = [(c, v.strip()) for c, v in row.cells.items() if c not in MAPPED_COLUMNS and v.strip()]
        return Intervention(
            id=f"{KEY}:{native_id}",
            name=name,
            source=KEY,
            aliases=aliases,
            country=origin.country,
            languages=("de",),
            ratings=(rating,) if rating else (),
            target=target,
            original=origin.original,
            url=url,
            description=row.get("Kurzbeschreibung") or None,
            confidence=confidence,
            extra=(*extra, *self.extra),
        )


def merge(first: Intervention, second: Intervention) -> Intervention:
    """Two rows with one id (two page versions): one intervention with both rows' facts."""
    t1, t2 = first.target, second.target
    target = Target(
        levels=(*t1.levels, *t2.levels),
        ages=span([a for a in (t1.ages, t2.ages) if not a.is_open]),
        settings=(*t1.settings, *t2.settings),
        substances=(*t1.substances, *t2.substances),
    )
    return Intervention(
        id=first.id,
        name=first.name,
        source=first.source,
        aliases=merge_aliases(first.name, first.aliases, (Alias(second.name, "de"),), second.aliases),
        country=first.country or second.country,
        languages=first.languages,
        ratings=(*first.ratings, *second.ratings),
        target=target,
        domains=(*first.domains, *second.domains),
        original=first.original or second.original,
        url=first.url or second.url,
        description=first.description or second.description,
        confidence=_lowest([first.confidence, second.confidence]),
        extra=(*first.extra, *second.extra),
    )


class GrueneListeImporter(Importer):
    """Reads Grüne Liste snapshots (``gruene-liste.csv`` columns, see ``data/PROVENANCE.md``)."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "Grüne Liste Prävention"
    formats: ClassVar[tuple[str, ...]] = ("csv",)

    def snapshot(self) -> Snapshot:
        path = Path(str(files("prevcat_gruene_liste").joinpath("data", "gruene-liste.csv")))
        return Snapshot(path=path, provenance=PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=name, line=1)
        warnings = [ImportWarning(message=w) for w in table.warnings]
        rejected: list[RejectedRow] = []
        by_id: dict[str, Intervention] = {}
        for row in table:
            reader = _RowReader(row)
            try:
                item = reader.intervention()
            except (_Reject, ValueError) as exc:
                rejected.append(
                    RejectedRow(
                        row=row.row,
                        line=row.line,
                        field=exc.field if isinstance(exc, _Reject) else None,
                        reason=exc.reason if isinstance(exc, _Reject) else str(exc),
                        native_id=row.get("id") or None,
                    )
                )
                continue
            warnings.extend(reader.warnings)
            by_id[item.id] = merge(by_id[item.id], item) if item.id in by_id else item
        catalogue = Catalogue(provenance=PROVENANCE, interventions=tuple(by_id.values()))
        report = make_report(
            KEY,
            name,
            rows_read=len(table),
            rejected=rejected,
            warnings=warnings,
            interventions=len(catalogue),
        )
        return ImportResult(catalogue=catalogue, report=report)
