"""The frozen result objects of a portfolio comparison (see :func:`prevcat.compare.compare`).

(This module is long because every result object of a comparison lives here, so renderers and
the JSON converter read one module; there is no logic beyond small derived properties.)

Every object here is plain data: renderers (text, Markdown, CSV, JSON, HTML) read them and
nothing else.  Tuples keep the order renderers show; counts are per *method* (one portfolio
entry, or several entries of one city that resolve to the same cluster, count once).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import field, frozen

from prevcat.evidence import Direction, EvidenceLevel, Rating
from prevcat.model import Domain, Target


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _cells(values: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(values)


def _city_infos(values: Iterable[CityInfo]) -> tuple[CityInfo, ...]:
    return tuple(values)


def _city_methods(values: Iterable[CityMethod]) -> tuple[CityMethod, ...]:
    return tuple(values)


def _city_pairs(values: Iterable[CityPair]) -> tuple[CityPair, ...]:
    return tuple(values)


def _city_recommendationss(values: Iterable[CityRecommendations]) -> tuple[CityRecommendations, ...]:
    return tuple(values)


def _coverages(values: Iterable[Coverage]) -> tuple[Coverage, ...]:
    return tuple(values)


def _domains(values: Iterable[Domain]) -> tuple[Domain, ...]:
    return tuple(values)


def _evidence_flags(values: Iterable[EvidenceFlag]) -> tuple[EvidenceFlag, ...]:
    return tuple(values)


def _evidence_profiles(values: Iterable[EvidenceProfile]) -> tuple[EvidenceProfile, ...]:
    return tuple(values)


def _ints_tuple(values: Iterable[tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    return tuple(values)


def _level_counts(values: Iterable[LevelCount]) -> tuple[LevelCount, ...]:
    return tuple(values)


def _method_transfers(values: Iterable[MethodTransfer]) -> tuple[MethodTransfer, ...]:
    return tuple(values)


def _recommendations(values: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    return tuple(values)


def _registrys(values: Iterable[Registry]) -> tuple[Registry, ...]:
    return tuple(values)


def _shared_methods(values: Iterable[SharedMethod]) -> tuple[SharedMethod, ...]:
    return tuple(values)


def _sourced_ratings(values: Iterable[SourcedRating]) -> tuple[SourcedRating, ...]:
    return tuple(values)


def _transferabilitys(values: Iterable[Transferability]) -> tuple[Transferability, ...]:
    return tuple(values)


class MethodKind(enum.Enum):
    """How a portfolio entry was resolved, as the comparison counts it."""

    MATCHED = "matched"  #: resolved (or pinned) to a registry record and its cluster
    LOCAL = "local"  #: a local method no registry lists
    AMBIGUOUS = "ambiguous"  #: several candidates, none chosen: counted apart, never guessed


class Locality(enum.Enum):
    """Where a rating's registry is, seen from one city."""

    HOME = "home"  #: the city's own country
    REGION = "region"  #: the city's region (Nordic, German-speaking, ...)
    ELSEWHERE = "elsewhere"  #: anywhere else (including European registries such as Xchange)


def scale_text(level: EvidenceLevel | None) -> str:
    """Where a level sits on the common scale, for readers: ``3 of 5 on the common scale``.

    The five steps are insufficient (1), theory-based (2), promising (3), effective (4) and
    well established (5); no effect and harmful are below the scale and say so.
    """
    if level is None:
        return "not placed on the common scale"
    if level in (EvidenceLevel.NO_EFFECT, EvidenceLevel.HARMFUL):
        return f"{level.label}, below the common scale"
    return f"{level.rank - 1} of 5 on the common scale"


@frozen
class SourcedRating:
    """One rating of one registry record, with the record and registry it comes from."""

    rating: Rating
    intervention_id: str
    intervention_name: str
    source: str  #: the registry's source key (``ungsinn``)
    registry: str  #: the registry's title
    registry_country: str | None  #: the registry's country (``NO``; ``EU`` for Xchange)
    url: str | None  #: the rating's page, else the record's page

    @property
    def level(self) -> EvidenceLevel | None:
        return self.rating.level

    @property
    def direction(self) -> Direction:
        return self.rating.direction

    @property
    def negative_or_null(self) -> bool:
        """True for a rating that finds no effect or a harmful/negative one."""
        return self.rating.direction in (Direction.NO_EFFECT, Direction.NEGATIVE) or self.rating.level in (
            EvidenceLevel.NO_EFFECT,
            EvidenceLevel.HARMFUL,
        )

    @property
    def positive(self) -> bool:
        """True for a rating of promising or better with a positive direction."""
        return (
            self.rating.direction is Direction.POSITIVE
            and self.rating.level is not None
            and self.rating.level >= EvidenceLevel.PROMISING
        )

    @property
    def registry_name(self) -> str:
        """The registry's short name: ``Blueprints``."""
        from prevcat.compare.registries import registry_name

        return registry_name(self.source, self.registry)

    def plain(self) -> str:
        """``Blueprints (US): Promising — 3 of 5 on the common scale`` (another list quoted: ``Blueprints
        (US) quoting CrimeSolutions: Effective — 4 of 5 on the common scale``)."""
        where = f" ({self.registry_country})" if self.registry_country else ""
        database = self.rating.database
        own = bool(database) and (database or "").casefold() in self.registry_name.casefold()
        quoting = f" quoting {database}" if database and not own else ""
        return f"{self.registry_name}{where}{quoting}: {self.rating.label} — {scale_text(self.rating.level)}"

    def describe(self) -> str:
        """``Kjærlighet og Grenser (ungsinn, NO): evidensnivå 0 … [ungsinn@2015 → no effect]``."""
        level = self.rating.level.label if self.rating.level else "not on the common scale"
        where = self.source + (f", {self.registry_country}" if self.registry_country else "")
        extra = f"; database: {self.rating.database}" if self.rating.database else ""
        outcome = f"; outcome: {self.rating.outcome}" if self.rating.outcome else ""
        reviewed = f"; reviewed {self.rating.reviewed.isoformat()}" if self.rating.reviewed else ""
        return (
            f"{self.intervention_name} ({where}): {self.rating.label} "
            f"[{self.rating.scale} → {level}{extra}{outcome}{reviewed}]"
        )


@frozen
class Suggestion:
    """A best guess for a portfolio entry the resolver could not place: pin it to use it."""

    intervention_id: str
    name: str
    source: str
    score: float
    entry: str  #: the entry's name, as the city writes it

    @property
    def toml(self) -> str:
        """The line that pins the entry in its ``[[methods]]`` table."""
        return f'intervention = "{self.intervention_id}"'


def _suggestions(values: Iterable[Suggestion]) -> tuple[Suggestion, ...]:
    return tuple(values)


@frozen
class CityMethod:
    """One method of one city: its local name(s), resolution and every rating of its cluster."""

    key: str  #: cluster id for matched methods, ``local:<name>`` or ``ambiguous:<name>`` otherwise
    kind: MethodKind
    local_names: tuple[str, ...] = field(converter=_str_tuple)  #: as the city writes it
    name: str  #: the cluster's (or local) display name
    intervention_id: str | None
    members: tuple[str, ...] = field(converter=_str_tuple)  #: every record of the cluster
    ratings: tuple[SourcedRating, ...] = field(converter=_sourced_ratings)
    lowest: EvidenceLevel | None
    highest: EvidenceLevel | None
    disputed: bool
    classified: bool  #: has a target (levels, settings, ages or substances) to count in coverage
    target: Target = field(factory=Target)  #: what coverage counts (merged over the cluster's records)
    domains: tuple[Domain, ...] = field(default=(), converter=_domains)
    candidates: tuple[str, ...] = field(default=(), converter=_str_tuple)  #: for ambiguous entries
    sources: tuple[str, ...] = field(default=(), converter=_str_tuple)  #: the entry's own sources
    confidence: str | None = None
    note: str | None = None
    #: whose word coverage takes: ``portfolio`` (the city's entry), ``registries`` (what the registries
    #: of its variant agree on) or ``none``
    coverage_basis: str = "none"
    suggestions: tuple[Suggestion, ...] = field(default=(), converter=_suggestions)  #: did you mean

    @property
    def range_label(self) -> str:
        """``no effect..effective``, one level, ``rated, not on the common scale`` or ``unrated``."""
        if self.lowest is None or self.highest is None:
            return "rated, not on the common scale" if self.ratings else "unrated"
        if self.lowest is self.highest:
            return self.lowest.label
        return f"{self.lowest.label}..{self.highest.label}"

    @property
    def effective(self) -> bool:
        """True when any registry rates it effective or better (with a positive direction)."""
        return any(
            r.level is not None and r.level >= EvidenceLevel.EFFECTIVE and r.direction is Direction.POSITIVE
            for r in self.ratings
        )

    @property
    def cautions(self) -> tuple[SourcedRating, ...]:
        """Ratings that find no effect or a harmful one (a verdict repeated word for word, once)."""
        seen: dict[str, SourcedRating] = {}
        for r in self.ratings:
            if r.negative_or_null:
                seen.setdefault(r.describe(), r)
        return tuple(seen.values())


@frozen
class CityInfo:
    """A compared city and its portfolio file."""

    name: str
    country: str | None
    language: str | None
    region: str | None
    year: int | None
    sources: tuple[str, ...] = field(converter=_str_tuple)
    file: str | None
    methods: tuple[CityMethod, ...] = field(converter=_city_methods)
    #: the domains recommendations stay in (the plan's, or those asked for)
    plan_domains: tuple[Domain, ...] = field(default=(), converter=_domains)

    @property
    def matched(self) -> tuple[CityMethod, ...]:
        return tuple(m for m in self.methods if m.kind is MethodKind.MATCHED)

    @property
    def local(self) -> tuple[CityMethod, ...]:
        return tuple(m for m in self.methods if m.kind is MethodKind.LOCAL)

    @property
    def ambiguous(self) -> tuple[CityMethod, ...]:
        return tuple(m for m in self.methods if m.kind is MethodKind.AMBIGUOUS)


@frozen
class SharedVariant:
    """One variant of a shared programme (the record a city's entry resolved to) and who uses it."""

    id: str
    name: str
    cities: tuple[str, ...] = field(converter=_str_tuple)


def _shared_variants(values: Iterable[SharedVariant]) -> tuple[SharedVariant, ...]:
    return tuple(values)


@frozen
class SharedMethod:
    """A method (a programme, or a local method written alike) and the cities that use it."""

    key: str
    name: str
    kind: MethodKind
    cities: tuple[str, ...] = field(converter=_str_tuple)
    range_label: str
    #: for a programme: the variants the cities use, each with its cities
    variants: tuple[SharedVariant, ...] = field(default=(), converter=_shared_variants)


@frozen
class CityPair:
    """Overlap of two cities' methods."""

    a: str
    b: str
    shared: int  #: methods both use
    jaccard: float  #: shared / methods either uses (0.0 when both are empty)


@frozen
class SharedMethods:
    """Which cities use which method; overlap counts and Jaccard per pair."""

    cities: tuple[str, ...] = field(converter=_str_tuple)
    methods: tuple[SharedMethod, ...] = field(converter=_shared_methods)  #: used by two or more cities first
    matrix: tuple[tuple[int, ...], ...] = field(converter=_ints_tuple)  #: [i][j] = shared; [i][i] = own count
    pairs: tuple[CityPair, ...] = field(converter=_city_pairs)


@frozen
class LevelCount:
    """How many of a city's methods reach one evidence category at best."""

    category: str  #: an EvidenceLevel value, ``not_on_scale``, ``unrated``, ``local`` or ``ambiguous``
    label: str
    count: int


@frozen
class EvidenceFlag:
    """A method of a city that some registry rates no-effect or harmful."""

    method: str
    key: str
    rating: SourcedRating


@frozen
class EvidenceProfile:
    """Evidence of one city's methods on the common scale."""

    city: str
    total: int  #: methods counted (matched + local + ambiguous)
    matched: int
    local: int
    ambiguous: int
    counts: tuple[LevelCount, ...] = field(converter=_level_counts)  #: by highest level anywhere, then apart
    effective: int  #: methods rated effective or better in some registry
    flags: tuple[EvidenceFlag, ...] = field(converter=_evidence_flags)

    @property
    def effective_share(self) -> float:
        """Share of all the city's methods rated effective or better somewhere."""
        return self.effective / self.total if self.total else 0.0


@frozen
class Cell:
    """One coverage cell: a row and column label, how many methods fall in it, which ones."""

    row: str
    column: str
    count: int
    methods: tuple[str, ...] = field(converter=_str_tuple)
    applicable: bool = True  #: False for a framework cell that means nothing (never a gap)

    @property
    def gap(self) -> bool:
        return self.count == 0 and self.applicable


@frozen
class Coverage:
    """What a city's classified methods cover; cells with no method are gaps."""

    city: str
    levels: tuple[str, ...] = field(converter=_str_tuple)  #: matrix rows (prevention levels)
    settings: tuple[str, ...] = field(converter=_str_tuple)  #: matrix columns (settings)
    matrix: tuple[Cell, ...] = field(converter=_cells)  #: row-major, len(levels) * len(settings)
    ages: tuple[Cell, ...] = field(converter=_cells)  #: row "age", columns the age bands
    substances: tuple[Cell, ...] = field(converter=_cells)  #: row "substance"
    domains: tuple[Cell, ...] = field(converter=_cells)  #: row "domain" (only the plan's domains are gaps)
    unclassified: tuple[str, ...] = field(converter=_str_tuple)  #: methods with nothing to count
    framework: str = ""  #: the gap framework the matrix follows
    #: methods counted from what registries say (the city's entry gives no levels or settings)
    from_registries: tuple[str, ...] = field(default=(), converter=_str_tuple)
    #: methods whose settings are all outside the framework (criminal justice)
    outside: tuple[str, ...] = field(default=(), converter=_str_tuple)

    def cell(self, level: str, setting: str) -> Cell:
        """The matrix cell of a prevention level and a setting."""
        return self.matrix[self.levels.index(level) * len(self.settings) + self.settings.index(setting)]

    @property
    def gaps(self) -> tuple[Cell, ...]:
        """Every uncovered cell: matrix, age bands, substances, domains."""
        return tuple(c for c in (*self.matrix, *self.ages, *self.substances, *self.domains) if c.gap)

    @property
    def applicable(self) -> tuple[Cell, ...]:
        """Every cell that could be a gap."""
        return tuple(c for c in (*self.matrix, *self.ages, *self.substances, *self.domains) if c.applicable)


@frozen
class MethodTransfer:
    """One method of a city: evidence from its own country or region apart from elsewhere."""

    method: str
    key: str
    home: tuple[SourcedRating, ...] = field(converter=_sourced_ratings)
    region: tuple[SourcedRating, ...] = field(converter=_sourced_ratings)
    elsewhere: tuple[SourcedRating, ...] = field(converter=_sourced_ratings)
    contradiction: str | None  #: why the ratings disagree, or None
    #: records of the cluster with no rating, as ``name (source, country)``: listed, not judged
    unrated: tuple[str, ...] = field(default=(), converter=_str_tuple)


@frozen
class Transferability:
    """Per city: how its matched methods' evidence splits by where the registry is."""

    city: str
    country: str | None
    region: str | None
    methods: tuple[MethodTransfer, ...] = field(converter=_method_transfers)


def _pairs(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in values)


@frozen
class Factor:
    """One thing that counted for (points > 0) or held back (points <= 0) a recommendation.

    ``message`` is an English template with ``{name}`` fields filled from ``values``; it is
    also the message id the report's translations use.
    """

    code: str  #: ``evidence``, ``home_version``, ``language``, ``region``, ``peers``, ``gaps``, ...
    points: float
    message: str
    values: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)

    @property
    def text(self) -> str:
        """The message in English."""
        return self.message.format(**dict(self.values))


def _factors(values: Iterable[Factor]) -> tuple[Factor, ...]:
    return tuple(values)


@frozen
class Recommendation:
    """A proven method (effective or better) that fills one of a city's gaps or that peers use."""

    key: str
    name: str
    score: float
    fills: tuple[str, ...] = field(converter=_str_tuple)  #: the gaps it fills, as ``row × column``
    reasons: tuple[str, ...] = field(converter=_str_tuple)
    used_by: tuple[str, ...] = field(converter=_str_tuple)  #: compared cities that use it
    ratings: tuple[SourcedRating, ...] = field(converter=_sourced_ratings)  #: every rating of every record
    members: tuple[str, ...] = field(converter=_str_tuple)
    urls: tuple[str, ...] = field(converter=_str_tuple)
    caution: str | None  #: set when any registry rates it no-effect or harmful; always shown beside it
    domains: tuple[Domain, ...] = field(default=(), converter=_domains)  #: what kind of work it is
    variant: str | None = None  #: the record whose settings and ages the gaps it fills come from
    variant_name: str | None = None
    counted: tuple[Factor, ...] = field(default=(), converter=_factors)  #: what raised it
    held_back: tuple[Factor, ...] = field(default=(), converter=_factors)  #: what held it back
    explanation: str = ""  #: why it ranks where it does, in plain English
    #: running costs, as a registry gives them
    costs: tuple[str, ...] = field(default=(), converter=_str_tuple)


@frozen
class CityRecommendations:
    """A city's ranked recommendations, and every proven method it does not use that peers use."""

    city: str
    recommendations: tuple[Recommendation, ...] = field(converter=_recommendations)
    used_by_peers: tuple[Recommendation, ...] = field(converter=_recommendations)
    #: the domains recommendations were kept to
    domains: tuple[Domain, ...] = field(default=(), converter=_domains)
    #: proven methods left out for being outside those domains, and for having no version near the city
    out_of_scope: int = 0
    not_near: int = 0


@frozen
class Registry:
    """A catalogue the comparison read: key, title, country, snapshot date and page."""

    source: str
    title: str
    country: str | None
    snapshot: str | None
    url: str | None
    entries: int = 0  #: records of this registry the comparison read
    name: str = ""  #: a short name for readers (``Blueprints``)
    published: str | None = None  #: the registry's own published size, where known


@frozen
class Comparison:
    """Everything :func:`prevcat.compare.compare` finds, per city and across cities."""

    cities: tuple[CityInfo, ...] = field(converter=_city_infos)
    shared: SharedMethods
    profiles: tuple[EvidenceProfile, ...] = field(converter=_evidence_profiles)
    coverage: tuple[Coverage, ...] = field(converter=_coverages)
    transferability: tuple[Transferability, ...] = field(converter=_transferabilitys)
    recommendations: tuple[CityRecommendations, ...] = field(converter=_city_recommendationss)
    registries: tuple[Registry, ...] = field(converter=_registrys)  #: every catalogue the ratings come from

    def city(self, name: str) -> CityInfo:
        """The compared city of this name."""
        for city in self.cities:
            if city.name == name:
                return city
        raise KeyError(name)

    def profile(self, name: str) -> EvidenceProfile:
        return next(p for p in self.profiles if p.city == name)

    def coverage_of(self, name: str) -> Coverage:
        return next(c for c in self.coverage if c.city == name)

    def transferability_of(self, name: str) -> Transferability:
        return next(t for t in self.transferability if t.city == name)

    def recommendations_for(self, name: str) -> CityRecommendations:
        return next(r for r in self.recommendations if r.city == name)


__all__ = [
    "Cell",
    "CityInfo",
    "CityMethod",
    "CityPair",
    "CityRecommendations",
    "Comparison",
    "Coverage",
    "EvidenceFlag",
    "EvidenceProfile",
    "Factor",
    "LevelCount",
    "Locality",
    "MethodKind",
    "MethodTransfer",
    "Recommendation",
    "Registry",
    "SharedMethod",
    "SharedMethods",
    "SharedVariant",
    "Suggestion",
    "Transferability",
]
