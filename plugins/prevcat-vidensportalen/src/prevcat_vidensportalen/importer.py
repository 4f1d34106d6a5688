"""Importer of the Vidensportalen snapshot (one row per intervention article).

The knowledge declaration becomes one rating per knowledge type on the non-ordinal A-D
scale (:mod:`prevcat_vidensportalen.scales`).  ``Effekt (kort)`` is never a rating: it is a
one- or two-word paraphrase of the article's prose, with no scale and no assessment behind
it, so it is kept verbatim in ``extra`` (placing "positiv" on the common scale would invent
a level the portal does not give).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from prevcat.catalogue import Provenance
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Rating
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    bracketed_codes,
    country_named,
    is_short_code,
    merge_led_by,
    unique_aliases,
)
from prevcat.importers.vocab import parse_ages, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Target
from prevcat_vidensportalen import mappings as m
from prevcat_vidensportalen.scales import DECLARATION_SCALE

KEY = "vidensportalen"

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

_PREFIX = re.compile(r"^([A-Z0-9][A-Z0-9-]{1,9})\s*(?::|\s[–-]\s)")
_VARIANT = re.compile(r"\s*\(variant\)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def acronyms(text: str) -> list[str]:
    """Acronyms a title gives: ``MST: …``, ``TFCO – …``, ``… (FFT)``."""
    found = bracketed_codes(text)
    prefix = _PREFIX.match(text)
    if prefix:
        found.insert(0, prefix.group(1))
    return found


def alias_language(name: str) -> str | None:
    """``en`` from the table, no tag for acronyms, else ``da``."""
    if name in m.ENGLISH_NAMES:
        return "en"
    return None if is_short_code(name) else "da"


def declaration_note(remark: str) -> str | None:
    """The sentences of ``bemærkning`` that speak of the declaration (they qualify its scores)."""
    sentences = [s.strip() for s in _SENTENCE.split(remark) if "vidensdeklaration" in s.casefold()]
    return " ".join(sentences) or None


def parse_origin(text: str) -> tuple[str | None, str | None]:
    """``(ISO code, None)`` or ``(None, why not)``: the country named before any parenthesis."""
    return country_named(text, m.COUNTRIES, joiners=(" og ",), cut=";")


def _ratings(row: RowReader, confidence: Confidence | None) -> list[Rating]:
    note = declaration_note(row.get(REMARK))
    url = row.get(DECLARATION_URL) or row.get(URL) or None
    ratings = []
    for dimension in m.DIMENSIONS:
        score = row.get(dimension)
        if not score:
            continue  # not confirmed: no rating
        try:
            ratings.append(
                DECLARATION_SCALE.rate(score, outcome=dimension, url=url, note=note, confidence=confidence)
            )
        except UnknownLabelError as exc:
            raise RowRejected(dimension, exc.message) from exc
    return ratings


def _target(row: RowReader) -> tuple[Target, list[Domain]]:
    """Levels, ages, settings and substances, and the domains the target group names."""
    ages = AgeRange()
    if row.get(AGE):
        ages, unparsed = parse_ages(row.get(AGE), danish=True)
        row.kept_all(AGE, unparsed, "not mapped", store=False)
    substances, unknown = m.THEMES.map(split_multi(row.get(THEME)))
    row.kept_all(THEME, unknown, "not mapped", store=False)
    values = []
    group = row.get(TARGET_GROUP).casefold()
    if group:
        values = [v for cue, found in m.TARGET_GROUP_CUES if cue in group for v in found]
        if not values:
            row.kept(TARGET_GROUP, row.get(TARGET_GROUP), "not mapped", store=False)
    target = Target(
        levels=[v for v in values if isinstance(v, PreventionLevel)],
        ages=ages,
        settings=[v for v in values if isinstance(v, Setting)],
        substances=substances,
    )
    return target, [v for v in values if isinstance(v, Domain)]


def read_article(row: RowReader) -> Intervention:
    """One row (one intervention article) as an intervention."""
    native_id = row.require(ID)
    title = row.require(NAME, "intervention title")
    confidence = row.confidence(CONFIDENCE)
    ratings = _ratings(row, confidence)
    variants: list[str] = []
    aliases = [Alias(a, None) for a in acronyms(title)]
    for other in split_multi(row.get(OTHER_NAMES)):
        if _VARIANT.search(other):
            variants.append(other)  # a related variant, not another name of this one
            continue
        aliases.append(Alias(other, alias_language(other)))
        aliases += [Alias(a, None) for a in acronyms(other)]
    target, domains = _target(row)
    country = original = None
    if row.get(ORIGIN):
        country, why = parse_origin(row.get(ORIGIN))
        if why:
            row.kept(ORIGIN, row.get(ORIGIN), why, store=False)
        if country not in (None, "DK"):
            original = next((a.name for a in aliases if a.name in m.ORIGINAL_NAMES), None)
    for column in VERBATIM:
        row.keep(column)
    for variant in variants:
        row.keep(OTHER_NAMES, variant)
    if not ratings:
        row.keep(DECLARATION_URL)
    return Intervention(
        id=f"{KEY}:{native_id}",
        name=title,
        source=KEY,
        aliases=unique_aliases(title, aliases),
        country=country,
        languages=("da",),
        ratings=ratings,
        target=target,
        domains=domains,
        original=original,
        url=row.get(URL) or None,
        confidence=confidence,
        extra=row.extra,
    )


def merge_articles(items: Sequence[Intervention]) -> Intervention:
    """One intervention from the rows sharing an id (editions); the first row leads.

    A URL that differs from the first row's is kept in ``extra``.
    """
    lead = items[0]

    def extra_of(item: Intervention) -> list[tuple[str, str]]:
        if item.url and item.url != lead.url:
            return [*item.extra, (URL, item.url)]
        return list(item.extra)

    return merge_led_by(items, lead, name_lang="da", extra_of=extra_of)


class VidensportalenImporter(TableImporter):
    """Vidensportalen på det sociale område (Socialstyrelsen, Denmark)."""

    key = KEY
    title = "Vidensportalen på det sociale område (DK)"
    provenance = PROVENANCE
    package = "prevcat_vidensportalen"
    snapshot_file = "vidensportalen.csv"
    required_columns = REQUIRED

    def read_row(self, row: RowReader) -> Intervention:
        return read_article(row)

    def merge(self, items: Sequence[Intervention]) -> Intervention:
        return merge_articles(items)
