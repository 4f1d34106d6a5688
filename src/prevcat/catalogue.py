"""Catalogues: one source's interventions with their provenance; a Library of many."""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from attrs import field, frozen

from prevcat.countries import ISO_3166_ALPHA2
from prevcat.errors import DuplicateIdError, NotFoundError
from prevcat.evidence import EvidenceLevel
from prevcat.model import SOURCE_KEY, AgeRange, Domain, Intervention, PreventionLevel, Setting, Substance


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form for substring search (ø and æ kept apart from o and a)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _registry_country(value: str | None) -> str | None:
    return value.strip().upper() or None if value is not None else None


def _check_registry_country(instance: Provenance, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value != "EU" and value not in ISO_3166_ALPHA2:
        raise ValueError(
            f"{attribute.name}: {value!r} is not an ISO 3166-1 alpha-2 code or EU (a European registry)"
        )


@frozen
class Provenance:
    """Where a catalogue's facts come from and on what terms.

    ``country`` is the registry's own country (ISO 3166-1 alpha-2), or ``EU`` for a European
    registry; it tells evidence from a city's own country apart from evidence elsewhere.
    """

    source: str = field(validator=attrs.validators.matches_re(SOURCE_KEY))
    title: str
    publisher: str | None = None
    country: str | None = field(default=None, converter=_registry_country, validator=_check_registry_country)
    url: str | None = None
    snapshot: str | None = None  #: when the facts were read, e.g. ``2026-11``
    licence: str | None = None  #: licence or terms-of-use note
    note: str | None = None
    #: what the registry itself says it holds, with where it says so (``≈ 216 interventions (NJi, 2026)``)
    published: str | None = None
    #: the day the registry closed, when it has; its snapshot is then frozen (no new ratings will come)
    closed: dt.date | None = None

    @property
    def frozen(self) -> bool:
        """True for a registry that has closed: what it rated is all it will ever rate."""
        return self.closed is not None


def _intervention_tuple(values: Iterable[Intervention]) -> tuple[Intervention, ...]:
    return tuple(values)


def _catalogue_tuple(values: Iterable[Catalogue]) -> tuple[Catalogue, ...]:
    return tuple(values)


def _unique_ids(
    instance: Catalogue, attribute: attrs.Attribute[Any], value: tuple[Intervention, ...]
) -> None:
    seen: set[str] = set()
    for index, item in enumerate(value):
        if item.source != instance.provenance.source:
            raise ValueError(
                f"interventions[{index}].source: {item.source!r} differs from the catalogue's "
                f"source {instance.provenance.source!r}"
            )
        if item.id in seen:
            raise DuplicateIdError(f"interventions[{index}].id: duplicate id {item.id!r}")
        seen.add(item.id)


def _matches(
    item: Intervention,
    *,
    level: PreventionLevel | None,
    setting: Setting | None,
    substance: Substance | None,
    domain: Domain | None,
    ages: AgeRange | None,
    min_evidence: EvidenceLevel | None,
) -> bool:
    target = item.target
    if level is not None and level not in target.levels:
        return False
    if setting is not None and setting not in target.settings:
        return False
    if substance is not None and substance not in target.substances:
        return False
    if domain is not None and domain not in item.domains:
        return False
    if ages is not None and (target.ages.is_open or not target.ages.overlaps(ages)):
        return False
    return min_evidence is None or item.evidence.at_least(min_evidence)


class _Queryable:
    """Lookup and filtering shared by :class:`Catalogue` and :class:`Library`."""

    def _items(self) -> tuple[Intervention, ...]:
        raise NotImplementedError

    def _index(self) -> dict[str, Intervention]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Intervention]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._index()

    def get(self, key: str) -> Intervention:
        """The intervention with this id; :class:`NotFoundError` (with suggestions) if none."""
        try:
            return self._index()[key]
        except KeyError:
            near = difflib.get_close_matches(key, list(self._index()), n=3, cutoff=0.6)
            raise NotFoundError(key, near) from None

    def __getitem__(self, key: str) -> Intervention:
        return self.get(key)

    def filter(
        self,
        *,
        level: PreventionLevel | None = None,
        setting: Setting | None = None,
        substance: Substance | None = None,
        domain: Domain | None = None,
        ages: AgeRange | None = None,
        min_evidence: EvidenceLevel | None = None,
    ) -> list[Intervention]:
        """Interventions matching every criterion given.

        ``ages`` keeps interventions whose (known) age range overlaps it; ``min_evidence``
        keeps those with at least one rating at or above that common level.
        """
        return [
            item
            for item in self._items()
            if _matches(
                item,
                level=level,
                setting=setting,
                substance=substance,
                domain=domain,
                ages=ages,
                min_evidence=min_evidence,
            )
        ]

    def search(
        self,
        text: str,
        *,
        level: PreventionLevel | None = None,
        setting: Setting | None = None,
        substance: Substance | None = None,
        domain: Domain | None = None,
        min_evidence: EvidenceLevel | None = None,
        sources: Iterable[str] = (),
    ) -> list[Intervention]:
        """Interventions whose name, alias, original or id contains ``text`` (case and accents ignored),
        narrowed by :meth:`filter`'s criteria and to ``sources`` when given."""
        needle = fold_text(text.strip())
        wanted = set(sources)
        found = []
        for item in self.filter(
            level=level, setting=setting, substance=substance, domain=domain, min_evidence=min_evidence
        ):
            if wanted and item.source not in wanted:
                continue
            haystack = [item.id, *item.names, item.original or ""]
            if any(needle in fold_text(h) for h in haystack):
                found.append(item)
        return found


@frozen
class Catalogue(_Queryable):
    """One source's interventions plus provenance; ids unique and prefixed with the source key."""

    provenance: Provenance
    interventions: tuple[Intervention, ...] = field(converter=_intervention_tuple, validator=_unique_ids)
    _by_id: dict[str, Intervention] = field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.interventions})

    @property
    def source(self) -> str:
        """The source key, the prefix of every id."""
        return self.provenance.source

    def _items(self) -> tuple[Intervention, ...]:
        return self.interventions

    def _index(self) -> dict[str, Intervention]:
        return self._by_id


@frozen
class Library(_Queryable):
    """Many catalogues, with ids unique across all of them and one catalogue per source."""

    catalogues: tuple[Catalogue, ...] = field(converter=_catalogue_tuple)
    _by_id: dict[str, Intervention] = field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Intervention] = {}
        sources: set[str] = set()
        for catalogue in self.catalogues:
            if catalogue.source in sources:
                raise DuplicateIdError(f"two catalogues share the source key {catalogue.source!r}")
            sources.add(catalogue.source)
            for item in catalogue:
                if item.id in index:
                    raise DuplicateIdError(f"id {item.id!r} appears in two catalogues")
                index[item.id] = item
        object.__setattr__(self, "_by_id", index)

    @classmethod
    def of(cls, catalogues: Iterable[Catalogue]) -> Library:
        """A library of these catalogues."""
        return cls(tuple(catalogues))

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys, in catalogue order."""
        return tuple(c.source for c in self.catalogues)

    def catalogue(self, source: str) -> Catalogue:
        """The catalogue of one source."""
        for catalogue in self.catalogues:
            if catalogue.source == source:
                return catalogue
        raise NotFoundError(source, [c.source for c in self.catalogues])

    def with_catalogue(self, catalogue: Catalogue) -> Library:
        """A new library with ``catalogue`` added."""
        return Library((*self.catalogues, catalogue))

    def _items(self) -> tuple[Intervention, ...]:
        return tuple(self._by_id.values())

    def _index(self) -> dict[str, Intervention]:
        return self._by_id
