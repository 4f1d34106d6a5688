"""Importer of the Vidensportalen snapshot (one row per intervention article).

The knowledge declaration becomes one rating per knowledge type on the non-ordinal A-D
scale (:mod:`prevcat_vidensportalen.scales`).  ``Effekt (kort)`` is never a rating: it is a
one- or two-word paraphrase of the article's prose, with no scale and no assessment behind
it, so it is kept verbatim in ``extra`` (placing "positiv" on the common scale would invent
a level the portal does not give).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TypeVar

from attrs import define, field

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.base import (
    Importer,
    ImportResult,
    ImportWarning,
    RejectedRow,
    Snapshot,
    make_report,
)
from prevcat.importers.csvio import TableRow, read_table
from prevcat.importers.vocab import parse_ages, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_vidensportalen import mappings as m
from prevcat_vidensportalen.scales import DECLARATION_SCALE

KEY = "vidensportalen"
DATA = Path(__file__).parent / "data" / "vidensportalen.csv"

ID = "id"
NAME = "Indsats"
THEME = "Tema"
TARGET_GROUP = "Målgruppe"
AGE = "Alder"
EFFECT_SHORT = "Effekt (kort)"
ORIGIN = "Oprindelsesland / oprindeligt program"
OTHER_NAMES = "Andre navne"
REMARK = "bemærkning"
DECLARATION_URL = "declaration_url"
URL = "source_url"
CONFIDENCE = "confidence"
REQUIRED = (ID, NAME)

#: columns kept verbatim in ``extra`` whenever they are filled
VERBATIM = (THEME, TARGET_GROUP, AGE, EFFECT_SHORT, ORIGIN, "I Danmark siden", REMARK, "seen")

PROVENANCE = Provenance(
    source=KEY,
    title="Vidensportalen på det sociale område",
    publisher="Socialstyrelsen / Social- og Boligstyrelsen",
    country="DK",
    url="https://vidensportal.dk",
    snapshot="2026-11",
    licence="Facts (names, themes, target groups, A-D scores, short paraphrases) compiled by hand from "
    "the public article pages, cited per row; the portal publishes no open data licence. "
    "See data/PROVENANCE.md.",
    note="12 rows; the registry's total size is not confirmed. Absence is not a verdict.",
)

_ACRONYM = re.compile(r"^(?=.*[A-Z])[A-Z0-9][A-Z0-9-]{1,9}$")
_PAREN = re.compile(r"\(([^()]*)\)")
_PREFIX = re.compile(r"^([A-Z0-9][A-Z0-9-]{1,9})\s*(?::|\s[–-]\s)")
_VARIANT = re.compile(r"\s*\(variant\)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
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
    """Acronyms a title gives: ``MST: …``, ``TFCO – …``, ``… (FFT)``."""
    found = [inner.strip() for inner in _PAREN.findall(text) if _ACRONYM.match(inner.strip())]
    prefix = _PREFIX.match(text)
    if prefix:
        found.insert(0, prefix.group(1))
    return found


def alias_language(name: str) -> str | None:
    """``en`` from the table, no tag for acronyms, else ``da``."""
    if name in m.ENGLISH_NAMES:
        return "en"
    return None if _ACRONYM.match(name) else "da"


def declaration_note(remark: str) -> str | None:
    """The sentences of ``bemærkning`` that speak of the declaration (they qualify its scores)."""
    sentences = [s.strip() for s in _SENTENCE.split(remark) if "vidensdeklaration" in s.casefold()]
    return " ".join(sentences) or None


def parse_origin(text: str) -> tuple[str | None, str | None]:
    """``(ISO code, None)`` or ``(None, why not)``: the country named before any parenthesis."""
    head = _PAREN.sub("", text).split(";")[0].strip().casefold()
    if " og " in head or "," in head:
        return None, "names more than one country; country left unknown"
    code = m.COUNTRIES.get(head)
    if code is None:
        return None, "country not in the table; country left unknown"
    return code, None


def _add(target: list[T], values: Iterable[T]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


class VidensportalenImporter(Importer):
    """Vidensportalen på det sociale område (Socialstyrelsen, Denmark)."""

    key = KEY
    title = "Vidensportalen på det sociale område (DK)"
    formats = ("csv",)

    def snapshot(self) -> Snapshot:
        return Snapshot(DATA, PROVENANCE)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        table = read_table(source)
        name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)
        missing = [c for c in REQUIRED if c not in table.header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=name, line=1)
        warnings = [ImportWarning(w) for w in table.warnings]
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
            warnings=warnings,
            interventions=len(interventions),
        )
        return ImportResult(Catalogue(PROVENANCE, interventions), report)

    def _row(self, row: TableRow, warnings: list[ImportWarning]) -> RowResult:
        if "__overflow__" in row.cells:
            raise RowError(ID, f"row has more cells than the header: {row.cells['__overflow__']!r}")
        native_id, title = row.get(ID), row.get(NAME)
        if not native_id:
            raise RowError(ID, "empty id")
        if not title:
            raise RowError(NAME, "empty intervention title")
        out = RowResult(native_id=native_id, name=title, confidence=_confidence(row.get(CONFIDENCE)))
        out.url = row.get(URL) or None
        out.ratings = self._ratings(row, out.confidence)
        variants: list[str] = []
        out.aliases = [Alias(a, None) for a in acronyms(title)]
        for other in split_multi(row.get(OTHER_NAMES)):
            if _VARIANT.search(other):
                variants.append(other)  # a related variant, not another name of this one
                continue
            out.aliases.append(Alias(other, alias_language(other)))
            out.aliases += [Alias(a, None) for a in acronyms(other)]
        self._target(row, out, warnings)
        if row.get(ORIGIN):
            out.country, why = parse_origin(row.get(ORIGIN))
            if why:
                warnings.append(
                    ImportWarning(
                        f"{row.get(ORIGIN)!r} {why}", row=row.row, field=ORIGIN, value=row.get(ORIGIN)
                    )
                )
            if out.country not in (None, "DK"):
                out.original = next((a.name for a in out.aliases if a.name in m.ORIGINAL_NAMES), None)
        out.extra = [(c, row.get(c)) for c in VERBATIM if row.get(c)]
        out.extra += [(OTHER_NAMES, v) for v in variants]
        if row.get(DECLARATION_URL) and not out.ratings:
            out.extra.append((DECLARATION_URL, row.get(DECLARATION_URL)))
        return out

    def _ratings(self, row: TableRow, confidence: Confidence | None) -> list[Rating]:
        note = declaration_note(row.get(REMARK))
        url = row.get(DECLARATION_URL) or row.get(URL) or None
        ratings = []
        for dimension in m.DIMENSIONS:
            score = row.get(dimension)
            if not score:
                continue  # not confirmed: no rating
            try:
                ratings.append(
                    DECLARATION_SCALE.rate(
                        score, outcome=dimension, url=url, note=note, confidence=confidence
                    )
                )
            except UnknownLabelError as exc:
                raise RowError(dimension, exc.message) from exc
        return ratings

    def _target(self, row: TableRow, out: RowResult, warnings: list[ImportWarning]) -> None:
        def unmapped(column: str, values: Iterable[str]) -> None:
            warnings.extend(
                ImportWarning(f"{v!r} not mapped; kept in extra", row=row.row, field=column, value=v)
                for v in values
            )

        if row.get(AGE):
            ages, unparsed = parse_ages(row.get(AGE), danish=True)
            out.ages = None if ages.is_open else ages
            unmapped(AGE, unparsed)
        substances, unknown = m.THEMES.map(split_multi(row.get(THEME)))
        _add(out.substances, substances)
        unmapped(THEME, unknown)
        group = row.get(TARGET_GROUP).casefold()
        if group:
            values = [v for cue, found in m.TARGET_GROUP_CUES if cue in group for v in found]
            _add(out.settings, [v for v in values if isinstance(v, Setting)])
            _add(out.levels, [v for v in values if isinstance(v, PreventionLevel)])
            _add(out.domains, [v for v in values if isinstance(v, Domain)])
            if not values:
                unmapped(TARGET_GROUP, [row.get(TARGET_GROUP)])


def _confidence(text: str) -> Confidence | None:
    if not text:
        return None
    try:
        return Confidence(text.strip().casefold())
    except ValueError:
        known = ", ".join(c.value for c in Confidence)
        raise RowError(CONFIDENCE, f"unknown confidence {text!r}; known: {known}") from None


def _lowest(values: Iterable[Confidence | None]) -> Confidence | None:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [v for v in values if v is not None]
    return min(known, key=order.index) if known else None


def merge(rows: list[RowResult]) -> Intervention:
    """One intervention from the rows sharing an id (editions); the first row leads."""
    primary = rows[0]
    aliases: list[Alias] = []
    seen = {primary.name.casefold()}
    for row in rows:
        candidates = [*([Alias(row.name, "da")] if row is not primary else []), *row.aliases]
        for alias in candidates:
            if alias.name.casefold() not in seen:
                seen.add(alias.name.casefold())
                aliases.append(alias)
    extra: list[tuple[str, str]] = []
    for row in rows:
        pairs = list(row.extra)
        if row.url and row.url != primary.url:
            pairs.append((URL, row.url))
        extra += [p for p in pairs if p not in extra]
    domains = {d for r in rows for d in r.domains} or {Domain.PREVENTION}
    return Intervention(
        source=KEY,
        id=f"{KEY}:{primary.native_id}",
        name=primary.name,
        aliases=aliases,
        country=next((r.country for r in rows if r.country), None),
        languages=("da",),
        ratings=[rating for r in rows for rating in r.ratings],
        target=Target(
            levels=[lv for r in rows for lv in r.levels],
            ages=span(r.ages for r in rows if r.ages is not None),
            settings=[s for r in rows for s in r.settings],
            substances=[s for r in rows for s in r.substances],
        ),
        domains=[d for d in _DOMAIN_ORDER if d in domains],
        original=next((r.original for r in rows if r.original), None),
        url=primary.url,
        confidence=_lowest(r.confidence for r in rows),
        extra=extra,
    )
