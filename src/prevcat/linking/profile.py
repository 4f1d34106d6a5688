"""What the matcher knows about one intervention: its name forms, ``original``, languages.

A :class:`Profile` holds every form of an entry's names and aliases (as written, before a
subtitle, inside a parenthesis...) with its weight (:data:`KIND_WEIGHT`), the forms of its
``original`` field, its languages and countries, and the folded words of its other fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from attrs import field, frozen

from prevcat.catalogue import Library
from prevcat.linking.aliases import CuratedAlias, by_intervention, shipped_aliases
from prevcat.linking.glossary import Glossary
from prevcat.linking.normalize import NameForm, fold, name_variants, normalize
from prevcat.model import AgeRange, Intervention

__all__ = ["KIND_WEIGHT", "NameVariant", "Profile", "bands_agree", "profiles_of", "programme_like"]

KIND_WEIGHT = {
    "full": 1.0,
    "main": 0.99,
    "alias": 0.98,
    "part": 0.95,
    "paren": 0.93,
    "original": 0.9,
    "short": 0.8,
}

_COUNTRY_WORDS = frozenset(
    fold(w)
    for w in (
        "usa us u.s. united states verenigde staten amerika amerikanisch sverige sweden zweden schweden "
        "norge norway noorwegen norwegen danmark denmark denemarken dänemark finland suomi finnland "
        "deutschland germany duitsland tyskland nederland netherlands niederlande holland "
        "australia australien australië australie canada kanada england uk united kingdom schweiz "
        "switzerland israel israël italy italien iceland island vlaanderen belgium belgien"
    ).split()
)


@frozen
class NameVariant:
    """One name form of one intervention."""

    intervention_id: str
    kind: str  #: full, main, part, paren (of the name) or alias/original
    text: str
    form: NameForm
    lang: str | None = None
    weight: float = 1.0
    curated: CuratedAlias | None = None  #: the curated alias this form comes from, if any

    def label(self) -> str:
        """How the form is named in reasons: ``full 'Komet'`` or ``curated alias 'X' (sv; source: ...)``."""
        return self.curated.describe(self.text) if self.curated is not None else f"{self.kind} {self.text!r}"

    def language_conflict(self, other: NameForm) -> str | None:
        """For a curated alias: why ``other`` reads as another language (``för`` is not ``for``)."""
        if self.curated is None or not other.langs or self.curated.lang in other.langs:
            return None
        return f"curated alias is {self.curated.lang}, the name reads as {'/'.join(sorted(other.langs))}"


def _ages_of(item: Intervention) -> AgeRange:
    return item.target.ages


def _origin_forms(text: str | None, glossary: Glossary) -> tuple[NameForm, ...]:
    if not text:
        return ()
    out: list[NameForm] = []
    for chunk in re.split(r"\s*[|;]\s*", text):
        for kind, piece in name_variants(chunk):
            if kind in ("short", "part"):
                continue
            form = normalize(piece, glossary)
            if form.tokens and not set(form.tokens) <= _COUNTRY_WORDS:
                out.append(form)
    return tuple(out)


def programme_like(form: NameForm) -> bool:
    words = [t for t in form.tokens if t not in _COUNTRY_WORDS and not t.isdigit()]
    return bool(words) and len(words) <= 6


@frozen
class Profile:
    """What the matcher knows about one intervention."""

    intervention: Intervention
    variants: tuple[NameVariant, ...]
    originals: tuple[NameForm, ...]
    langs: frozenset[str]
    countries: frozenset[str]
    context: frozenset[str] = frozenset()  #: folded words of description, original and other fields
    acronyms: frozenset[str] = field(init=False)
    written: frozenset[str] = field(init=False)
    words: frozenset[str] = field(init=False)

    def __attrs_post_init__(self) -> None:
        acr: set[str] = set()
        written: set[str] = set()
        words: set[str] = set()
        for v in self.variants:
            # initials of a shortened form ("Parent Management Training – Oregon...") mislead, and so
            # do those of a curated name ("PAX i skolan" is not "PIS")
            acr |= v.form.acronyms if v.kind in ("full", "alias") and v.curated is None else v.form.written
            written |= v.form.written
            words.update(v.form.tokens)
        object.__setattr__(self, "acronyms", frozenset(acr))
        object.__setattr__(self, "written", frozenset(written))
        object.__setattr__(self, "words", frozenset(words))

    @property
    def id(self) -> str:
        return self.intervention.id

    @property
    def source(self) -> str:
        return self.intervention.source

    @property
    def bands(self) -> frozenset[tuple[int, int]]:
        out: set[tuple[int, int]] = set()
        for v in self.variants:
            if v.kind in ("full", "alias"):
                out |= set(v.form.bands)
        return frozenset(out)

    @classmethod
    def of(
        cls,
        item: Intervention,
        glossary: Glossary,
        *,
        catalogue_country: str | None = None,
        curated: Sequence[CuratedAlias] = (),
    ) -> Profile:
        """The profile of one intervention: its name forms, aliases, ``original`` and languages.

        ``curated`` aliases count as aliases in their language; they do not add to the
        entry's own languages.
        """
        variants: list[NameVariant] = []
        seen: dict[str, int] = {}

        def add(
            kind: str, text: str, lang: str | None, base_kind: str, source: CuratedAlias | None = None
        ) -> None:
            form = normalize(text, glossary)
            if not form.key:
                return
            if kind != "full" and all(glossary.concept(t) or t.isdigit() for t in form.tokens):
                return  # "Parenting Programme" alone names no method
            weight = KIND_WEIGHT.get(kind, 0.9)
            if base_kind == "alias":
                weight = min(weight, KIND_WEIGHT["alias"])
            new = NameVariant(
                item.id, kind if base_kind == "name" else "alias", text, form, lang, weight, source
            )
            if form.key in seen:
                at = seen[form.key]
                if variants[at].weight < weight:
                    variants[at] = new
                return
            seen[form.key] = len(variants)
            variants.append(new)

        for kind, text in name_variants(item.name):
            add(kind, text, None, "name")
        for alias in item.aliases:
            for kind, text in name_variants(alias.name):
                add(kind, text, alias.lang, "alias")
        for extra in curated:
            for kind, text in name_variants(extra.name):
                add(kind, text, extra.lang, "alias", extra)
        langs = set(item.languages) | {a.lang for a in item.aliases if a.lang}
        countries = {item.country} if item.country else set()
        if catalogue_country and not countries:
            countries.add(catalogue_country)
        context: set[str] = set()
        for text in (item.description or "", item.original or "", *(v for _k, v in item.extra)):
            context.update(w for w in re.split(r"[^0-9a-z]+", fold(text)) if len(w) >= 4)
        return cls(
            intervention=item,
            variants=tuple(variants),
            originals=_origin_forms(item.original, glossary),
            langs=frozenset(lang.split("-")[0] for lang in langs),
            countries=frozenset(countries),
            context=frozenset(context),
        )


def bands_agree(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> str:
    """``same`` (a band in common), ``nested`` (one inside another: 3-8 / 3-6), ``differ``, or ``""``.

    Age bands in names tell versions apart: ``SFP 10-14`` is not ``SFP 6-11``, ``3–6`` is not
    ``6–12`` even though they touch.
    """
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return ""
    if set_a & set_b:
        return "same"
    for lo_a, hi_a in set_a:
        for lo_b, hi_b in set_b:
            if (lo_a <= lo_b and hi_b <= hi_a) or (lo_b <= lo_a and hi_a <= hi_b):
                return "nested"
    return "differ"


def profiles_of(
    library: Library | Iterable[Intervention],
    glossary: Glossary,
    curated: Iterable[CuratedAlias] | None = None,
) -> list[Profile]:
    """Profiles of every intervention (catalogue country used where an item has none).

    ``curated`` aliases (default: the shipped ``data/aliases.csv``) are added to the entries
    they name; those naming an entry not in ``library`` are ignored.
    """
    extra: Mapping[str, tuple[CuratedAlias, ...]] = by_intervention(
        shipped_aliases() if curated is None else curated
    )
    if isinstance(library, Library):
        out = []
        for catalogue in library.catalogues:
            for item in catalogue:
                out.append(
                    Profile.of(
                        item,
                        glossary,
                        catalogue_country=catalogue.provenance.country,
                        curated=extra.get(item.id, ()),
                    )
                )
        return out
    return [Profile.of(item, glossary, curated=extra.get(item.id, ())) for item in library]
