"""What Vidensportalen's data cannot say as a table: acronyms and variants in titles, the
declaration's note, the origin column, target-group cues, and merging editions of one article.

``Effekt (kort)`` is never a rating: it paraphrases the article's prose with no scale behind it,
so it stays verbatim in ``extra``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs

from prevcat.evidence import Confidence, Rating
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import (
    RowReader,
    bracketed_codes,
    country_named,
    is_short_code,
    merge_led_by,
    unique_aliases,
)
from prevcat.importers.vocab import parse_ages, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target

SPEC = load_spec("prevcat_vidensportalen")
DECLARATION_SCALE = SPEC.scale("vidensportalen-vidensdeklaration")
DIMENSIONS = SPEC.words("dimensions")
COUNTRIES = {term: codes[0] for term, codes in SPEC.vocabularies["countries"].terms.items()}
NAME, AGE, THEME, GROUP, ORIGIN, OTHER = "Indsats", "Alder", "Tema", "Målgruppe", \
    "Oprindelsesland / oprindeligt program", "Andre navne"


def acronyms(text: str) -> list[str]:
    """Acronyms a title gives: ``MST: …``, ``TFCO – …``, ``… (FFT)``."""
    found = bracketed_codes(text)
    prefix = SPEC.pattern("prefix").match(text)
    return [prefix.group(1), *found] if prefix else found


def alias_language(name: str) -> str | None:
    """``en`` from the list, no tag for acronyms, else ``da``."""
    if name in SPEC.words("english_names"):
        return "en"
    return None if is_short_code(name) else "da"


def declaration_note(remark: str) -> str | None:
    """The sentences of ``bemærkning`` that speak of the declaration (they qualify its scores)."""
    parts = SPEC.pattern("sentence").split(remark)
    sentences = [s.strip() for s in parts if "vidensdeklaration" in s.casefold()]
    return " ".join(sentences) or None


class VidensportalenImporter(MappedImporter):
    """Vidensportalen på det sociale område (Socialstyrelsen, Denmark)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_ratings(self, row: RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
        """One rating per filled knowledge type (an empty one is not confirmed: no rating)."""
        note = declaration_note(row.get("bemærkning"))
        url = row.get("declaration_url") or url
        scale = DECLARATION_SCALE.id
        return [self.rate(scale, row.get(d), d, outcome=d, url=url, note=note, confidence=confidence)
                for d in DIMENSIONS if row.get(d)]

    def target(self, row: RowReader) -> tuple[Target, list[Domain]]:
        """Levels, ages, settings and substances, and the domains the target group names."""
        ages = AgeRange()
        if row.get(AGE):
            ages, unparsed = parse_ages(row.get(AGE), danish=True)
            row.kept_all(AGE, unparsed, "not mapped", store=False)
        themes, unknown = SPEC.vocabulary("themes", object).map(split_multi(row.get(THEME)))
        row.kept_all(THEME, unknown, "not mapped", store=False)
        cues = SPEC.matches("target_group", row.get(GROUP))
        if row.get(GROUP) and not cues:
            row.kept(GROUP, row.get(GROUP), "not mapped", store=False)
        values = [*themes, *(v for v in cues if v not in themes)]
        substances = [v for v in values if isinstance(v, Substance)]
        levels = [v for v in values if isinstance(v, PreventionLevel)]
        settings = [v for v in values if isinstance(v, Setting)]
        target = Target(levels=levels, ages=ages, settings=settings, substances=substances)
        return target, [v for v in values if isinstance(v, Domain)]

    def read_row(self, row: RowReader) -> Intervention:
        native_id, title = row.require("id"), row.require(NAME, "intervention title")
        confidence = row.confidence("confidence")
        ratings = self.read_ratings(row, row.get("source_url") or None, confidence)
        variants: list[str] = []
        aliases = [Alias(a, None) for a in acronyms(title)]
        for other in split_multi(row.get(OTHER)):
            if SPEC.pattern("variant").search(other):
                variants.append(other)  # a related variant, not another name of this one
                continue
            aliases += [Alias(other, alias_language(other)), *(Alias(a, None) for a in acronyms(other))]
        target, domains = self.target(row)
        country = original = None
        if row.get(ORIGIN):
            country, why = country_named(row.get(ORIGIN), COUNTRIES, joiners=(" og ",), cut=";")
            if why:
                row.kept(ORIGIN, row.get(ORIGIN), why, store=False)
            if country not in (None, "DK"):
                original = next((a.name for a in aliases if a.name in SPEC.words("original_names")), None)
        for column in SPEC.words("verbatim"):
            row.keep(column)
        for variant in variants:
            row.keep(OTHER, variant)
        if not ratings:
            row.keep("declaration_url")
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=title, source=SPEC.key, aliases=unique_aliases(title, aliases),
            country=country, languages=SPEC.languages, ratings=ratings, target=target, domains=domains,
            original=original, url=row.get("source_url") or None, confidence=confidence, extra=row.extra,
        )

    def merge(self, items: Sequence[Intervention]) -> Intervention:
        """One intervention from the rows sharing an id (articles); the first row leads, another
        article's English title is tagged ``en``, a URL unlike the first row's is kept in ``extra``."""
        lead = items[0]

        def extra_of(item: Intervention) -> list[tuple[str, str]]:
            moved = item.url and item.url != lead.url
            return [*item.extra, ("source_url", item.url)] if moved and item.url else list(item.extra)

        merged = merge_led_by(items, lead, name_lang="da", extra_of=extra_of)
        tagged = [Alias(a.name, alias_language(a.name) if a.lang else None) for a in merged.aliases]
        return attrs.evolve(merged, aliases=tagged)
