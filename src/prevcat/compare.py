"""Compare city portfolios: shared methods, evidence, coverage, transferability, recommendations.

``compare(resolved, library=..., crosswalk=...)`` reads resolved portfolios (see
:mod:`prevcat.portfolio`) and returns a frozen :class:`~prevcat.compare_model.Comparison`;
the renderers in :mod:`prevcat.render` turn it into text, Markdown, CSV, JSON or HTML.

The rules, in short (``docs/compare.md`` has them in full):

* a *method* is a cluster (every registry's record of one programme) or a local method;
  a city's entries resolving to the same cluster count once; local methods of different
  cities meet when written alike (see :func:`~prevcat.compare_methods.local_key`);
* evidence is every rating of every record of the cluster, never averaged: a method
  counts in the evidence profile under its *highest* level, its range and every
  no-effect or harmful rating are shown beside it;
* registries are placed by their provenance country: the city's own country, its region
  (Nordic, German-speaking, ...), or elsewhere (Xchange is ``EU``: elsewhere);
* recommendations are clusters rated effective or better (positive direction) that fill
  one of the city's coverage gaps, ranked by :func:`score_recommendation`; clusters only
  outside prevention (``Domain.EDUCATION``) are never recommended.
"""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.catalogue import Library
from prevcat.compare_coverage import (
    AGE_BANDS,
    DOMAINS,
    LEVELS,
    OUTSIDE_PREVENTION,
    SETTINGS,
    SUBSTANCE_GROUPS,
    cells_of,
    coverage,
    gap_label,
)
from prevcat.compare_inputs import CrosswalkLike, ResolvedPortfolioLike, optional_str, str_items
from prevcat.compare_methods import ClusterInfo, Evidence, city_methods, common_local_name
from prevcat.compare_model import (
    CityInfo,
    CityMethod,
    CityPair,
    CityRecommendations,
    Comparison,
    Coverage,
    EvidenceFlag,
    EvidenceProfile,
    LevelCount,
    Locality,
    MethodKind,
    MethodTransfer,
    Recommendation,
    Registry,
    SharedMethod,
    SharedMethods,
    SourcedRating,
    Transferability,
)
from prevcat.countries import region_of
from prevcat.evidence import Direction, EvidenceLevel

__all__ = ["compare", "locality", "score_recommendation"]

#: evidence-profile categories in display order: common levels best first, then the rest
PROFILE_CATEGORIES: tuple[tuple[str, str], ...] = (
    *((level.value, level.label) for level in sorted(EvidenceLevel, reverse=True)),
    ("not_on_scale", "rated, not on the common scale"),
    ("unrated", "in a registry, unrated"),
    ("local", "local method"),
    ("ambiguous", "ambiguous (not resolved)"),
)


def compare(
    resolved: Sequence[ResolvedPortfolioLike],
    *,
    library: Library,
    crosswalk: CrosswalkLike | None = None,
    max_recommendations: int = 10,
) -> Comparison:
    """Compare one or more resolved portfolios against the library (and its crosswalk)."""
    evidence = Evidence(library, crosswalk)
    cities = tuple(_city_info(rp, evidence) for rp in resolved)
    shared = shared_methods(cities)
    profiles = tuple(evidence_profile(city) for city in cities)
    coverages = tuple(coverage(city.name, city.methods) for city in cities)
    transfers = tuple(transferability(city, evidence) for city in cities)
    candidates = tuple(c for c in evidence.all_clusters() if _proven(c) and not _outside_prevention(c))
    recommendations = tuple(
        recommend(city, cov, cities, candidates, limit=max_recommendations)
        for city, cov in zip(cities, coverages, strict=True)
    )
    registries = tuple(
        Registry(
            source=c.source,
            title=c.provenance.title,
            country=evidence.registry_country(c.source),
            snapshot=c.provenance.snapshot,
            url=c.provenance.url,
        )
        for c in library.catalogues
    )
    return Comparison(
        cities=cities,
        shared=shared,
        profiles=profiles,
        coverage=coverages,
        transferability=transfers,
        recommendations=recommendations,
        registries=registries,
    )


def _city_info(rp: ResolvedPortfolioLike, evidence: Evidence) -> CityInfo:
    portfolio = rp.portfolio
    country = optional_str(portfolio, "country")
    year = getattr(portfolio, "year", None)
    file = getattr(portfolio, "file", None)
    return CityInfo(
        name=portfolio.city,
        country=country.upper() if country else None,
        language=optional_str(portfolio, "language"),
        region=region_of(country),
        year=year if isinstance(year, int) else None,
        sources=str_items(portfolio, "sources"),
        file=str(file) if file is not None else None,
        methods=city_methods(rp.entries, evidence),
    )


# -- shared methods ---------------------------------------------------------------------------


def _keys(city: CityInfo) -> set[str]:
    return {m.key for m in city.methods if m.kind is not MethodKind.AMBIGUOUS}


def shared_methods(cities: Sequence[CityInfo]) -> SharedMethods:
    """Which cities use which method, the overlap matrix and Jaccard per pair."""
    users: dict[str, list[str]] = {}
    first: dict[str, CityMethod] = {}
    written: dict[str, list[str]] = {}
    for city in cities:
        for method in city.methods:
            if method.kind is MethodKind.AMBIGUOUS:
                continue
            written.setdefault(method.key, []).extend(method.local_names)
            users.setdefault(method.key, [])
            if city.name not in users[method.key]:
                users[method.key].append(city.name)
            first.setdefault(method.key, method)
    methods = sorted(
        (
            SharedMethod(
                key=key,
                # a matched method shows its cluster's name, a local one its `same_as` name,
                # else what the cities wrote in common
                name=first[key].name
                if first[key].kind is MethodKind.MATCHED or first[key].name not in first[key].local_names
                else common_local_name(written[key]),
                kind=first[key].kind,
                cities=tuple(names),
                range_label=first[key].range_label,
            )
            for key, names in users.items()
        ),
        key=lambda m: (-len(m.cities), m.kind is not MethodKind.MATCHED, m.name.casefold()),
    )
    keys = [_keys(city) for city in cities]
    matrix = tuple(tuple(len(a & b) for b in keys) for a in keys)
    pairs = []
    for i, a in enumerate(cities):
        for j in range(i + 1, len(cities)):
            union = keys[i] | keys[j]
            inter = keys[i] & keys[j]
            pairs.append(
                CityPair(
                    a=a.name,
                    b=cities[j].name,
                    shared=len(inter),
                    jaccard=round(len(inter) / len(union), 4) if union else 0.0,
                )
            )
    return SharedMethods(
        cities=tuple(c.name for c in cities), methods=tuple(methods), matrix=matrix, pairs=tuple(pairs)
    )


# -- evidence profile -------------------------------------------------------------------------


def _category(method: CityMethod) -> str:
    if method.kind is MethodKind.AMBIGUOUS:
        return "ambiguous"
    if method.kind is MethodKind.LOCAL:
        return "local"
    if method.highest is not None:
        return method.highest.value
    return "not_on_scale" if method.ratings else "unrated"


def evidence_profile(city: CityInfo) -> EvidenceProfile:
    """Methods per category (highest common level anywhere; local, unrated, ambiguous apart)."""
    counts = {key: 0 for key, _ in PROFILE_CATEGORIES}
    flags: list[EvidenceFlag] = []
    for method in city.methods:
        counts[_category(method)] += 1
        seen: set[str] = set()
        for rating in method.cautions:
            # the same verdict repeated (two editions alike) is flagged once
            if rating.describe() not in seen:
                seen.add(rating.describe())
                flags.append(EvidenceFlag(method=method.name, key=method.key, rating=rating))
    return EvidenceProfile(
        city=city.name,
        total=len(city.methods),
        matched=len(city.matched),
        local=len(city.local),
        ambiguous=len(city.ambiguous),
        counts=tuple(LevelCount(key, text, counts[key]) for key, text in PROFILE_CATEGORIES),
        effective=sum(1 for m in city.methods if m.effective),
        flags=tuple(flags),
    )


# -- transferability --------------------------------------------------------------------------


def locality(registry_country: str | None, country: str | None) -> Locality:
    """Where a registry is, seen from a city of ``country``."""
    if registry_country and country and registry_country.upper() == country.upper():
        return Locality.HOME
    region = region_of(country)
    if registry_country and region and region_of(registry_country) == region:
        return Locality.REGION
    return Locality.ELSEWHERE


def best_per_source(ratings: Sequence[SourcedRating]) -> list[SourcedRating]:
    """Each registry's (and database's) best rating, in first-seen order: one line per verdict."""
    best: dict[tuple[str, str | None], SourcedRating] = {}
    for r in ratings:
        key = (r.source, r.rating.database)
        held = best.get(key)
        rank = r.rating.level.rank if r.rating.level is not None else -1
        if held is None or rank > (held.rating.level.rank if held.rating.level is not None else -1):
            best[key] = r
    return list(best.values())


def _names(ratings: Sequence[SourcedRating], *, levels: bool = False, names: bool = True) -> str:
    """``blueprints (US) “Model” for Multisystemic Therapy; ...`` (with the common level if asked)."""
    out = []
    seen: set[str] = set()
    for r in ratings:
        where = ", ".join(x for x in (r.registry_country, r.rating.database) if x)
        text = f"{r.source}{f' ({where})' if where else ''} “{r.rating.label}”"
        if levels and r.rating.level is not None:
            text += f" = {r.rating.level.label}"
        text += f" for {r.intervention_name}" if names and r.intervention_name else ""
        if text not in seen:
            seen.add(text)
            out.append(text)
    return "; ".join(out)


def contradiction(ratings: Sequence[SourcedRating], country: str | None) -> str | None:
    """Why these ratings disagree (positive somewhere, no effect or harmful elsewhere), or None."""
    positive = [r for r in ratings if r.positive]
    null = [r for r in ratings if r.negative_or_null]
    mixed = [r for r in ratings if r.rating.direction is Direction.MIXED]
    parts = []
    if positive and null:
        near = [r for r in null if locality(r.registry_country, country) is not Locality.ELSEWHERE]
        lead = "evidence near the city contradicts evidence elsewhere: " if near else ""
        parts.append(f"{lead}positive: {_names(positive)}; no effect or harmful: {_names(null)}")
    if mixed:
        parts.append(f"mixed effects: {_names(mixed)}")
    return "; ".join(parts) or None


def transferability(city: CityInfo, evidence: Evidence | None = None) -> Transferability:
    """Each matched method's ratings split into home, region and elsewhere, contradictions flagged."""
    out = []
    for method in city.matched:
        unrated = []
        if evidence is not None:
            for member in method.members:
                if member in evidence.library and not evidence.library.get(member).ratings:
                    item = evidence.library.get(member)
                    country = evidence.registry_country(item.source)
                    unrated.append(f"{item.name} ({item.source}{f', {country}' if country else ''})")
        split: dict[Locality, list[SourcedRating]] = {place: [] for place in Locality}
        for rating in method.ratings:
            split[locality(rating.registry_country, city.country)].append(rating)
        out.append(
            MethodTransfer(
                method=method.name,
                key=method.key,
                home=tuple(split[Locality.HOME]),
                region=tuple(split[Locality.REGION]),
                elsewhere=tuple(split[Locality.ELSEWHERE]),
                contradiction=contradiction(method.ratings, city.country),
                unrated=tuple(unrated),
            )
        )
    return Transferability(city=city.name, country=city.country, region=city.region, methods=tuple(out))


# -- recommendations --------------------------------------------------------------------------


def _effective(rating: SourcedRating) -> bool:
    return (
        rating.rating.level is not None
        and rating.rating.level >= EvidenceLevel.EFFECTIVE
        and rating.rating.direction is Direction.POSITIVE
    )


def _proven(cluster: ClusterInfo) -> bool:
    return any(_effective(r) for r in cluster.ratings)


def _outside_prevention(cluster: ClusterInfo) -> bool:
    """True for a cluster whose every domain is outside prevention (reading or maths curricula)."""
    return bool(cluster.domains) and set(cluster.domains) <= OUTSIDE_PREVENTION


def caution_of(ratings: Sequence[SourcedRating]) -> str | None:
    """``rated no effect by ungsinn (NO) “evidensnivå 0 …” for Kjærlighet og Grenser``, or None."""
    null = [r for r in ratings if r.negative_or_null]
    if not null:
        return None
    return "rated no effect or harmful: " + "; ".join(dict.fromkeys(r.describe() for r in null))


def score_recommendation(
    *,
    well_established: bool,
    home_evidence: bool,
    home_record: bool,
    region_evidence: bool,
    language_adaptation: bool,
    peers: int,
    gaps: int,
    caution: bool,
) -> float:
    """The ranking score of a recommendation (higher first).

    +5 positive evidence (promising or better) from a registry in the city's country, else +3
    when a registry there lists it or one of its records comes from that country (unless a
    registry there finds no effect); +2 positive evidence from the city's region; +1.5 a record
    or alias in the city's language (when nothing is listed in the country); compared cities
    already using it +2 for the first and +1 for each further one (at most +4); +1 well
    established; +0.1 per gap filled (at most 2); -3 when any registry finds no effect or harm.
    Evidence at home weighs most: it is the best sign that a method transfers.
    """
    score = 0.0
    score += 5.0 if home_evidence else (3.0 if home_record else 0.0)
    score += 2.0 if region_evidence else 0.0
    score += 1.5 if language_adaptation else 0.0
    score += min(2.0 + (peers - 1), 4.0) if peers else 0.0
    score += 1.0 if well_established else 0.0
    score += min(gaps, 20) * 0.1
    score -= 3.0 if caution else 0.0
    return round(score, 2)


def _speaks(cluster: ClusterInfo, language: str | None) -> list[str]:
    if not language:
        return []
    base = language.split("-")[0].casefold()
    names: list[str] = []
    for item in cluster.members:
        if any(lang.split("-")[0].casefold() == base for lang in item.languages):
            names.append(item.name)
        names.extend(
            a.name for a in item.aliases if a.lang and a.lang.split("-")[0].casefold() == base
        )
    return list(dict.fromkeys(names))


def _recommendation(
    city: CityInfo,
    cluster: ClusterInfo,
    fills: Sequence[str],
    users: Sequence[str],
    ambiguous_with: Sequence[str],
) -> Recommendation:
    ratings = cluster.ratings
    home = [r for r in ratings if locality(r.registry_country, city.country) is Locality.HOME]
    region = [r for r in ratings if locality(r.registry_country, city.country) is Locality.REGION]
    home_evidence = [r for r in home if r.positive]
    home_null = [r for r in home if r.negative_or_null]
    region_evidence = [r for r in region if r.positive]
    # records listed by a registry of the city's country, or of a programme from that country
    home_records = [
        f"{m.name} ({m.source})"
        for m, registry in zip(cluster.members, cluster.registry_countries, strict=True)
        if city.country and city.country in (registry, m.country)
    ]
    spoken = [] if home_records else _speaks(cluster, city.language)
    best = max((r.rating.level for r in ratings if _effective(r) and r.rating.level), default=None)
    caution = caution_of(ratings)
    reasons = []
    effective = [r for r in ratings if _effective(r)]
    reasons.append(
        f"rated {best.label if best else 'effective'} at best: "
        + _names(best_per_source(effective), levels=True, names=False)
    )
    if home_evidence:
        reasons.append(f"evidence in {city.country}: {_names(best_per_source(home_evidence), levels=True)}")
    if home_null:
        reasons.append(f"evidence in {city.country} finds no effect or harm: {_names(home_null)}")
    elif home_records and not home_evidence:
        reasons.append(f"listed in or from {city.country}: {', '.join(home_records)}")
    if region_evidence:
        reasons.append(
            f"evidence in the {city.region} region: {_names(best_per_source(region_evidence), levels=True)}"
        )
    if spoken:
        reasons.append(f"available in {city.language}: {', '.join(spoken)}")
    if users:
        reasons.append(f"used by {', '.join(users)}")
    if fills:
        shown = ", ".join(fills[:6]) + (f" and {len(fills) - 6} more" if len(fills) > 6 else "")
        reasons.append(f"fills {len(fills)} gap(s): {shown}")
    if ambiguous_with:
        reasons.append(f"may already be in use: an unresolved entry lists it ({', '.join(ambiguous_with)})")
    score = score_recommendation(
        well_established=best is EvidenceLevel.WELL_ESTABLISHED,
        home_evidence=bool(home_evidence),
        home_record=bool(home_records) and not home_null,
        region_evidence=bool(region_evidence),
        language_adaptation=bool(spoken),
        peers=len(users),
        gaps=len(fills),
        caution=caution is not None,
    )
    urls = [r.url for r in ratings if r.url] + [m.url for m in cluster.members if m.url]
    return Recommendation(
        key=cluster.key,
        name=cluster.name,
        score=score,
        fills=tuple(fills),
        reasons=tuple(reasons),
        used_by=tuple(users),
        ratings=ratings,
        members=tuple(m.id for m in cluster.members),
        urls=tuple(dict.fromkeys(urls)),
        caution=caution,
    )


def recommend(
    city: CityInfo,
    cov: Coverage,
    cities: Sequence[CityInfo],
    candidates: Sequence[ClusterInfo],
    *,
    limit: int = 10,
) -> CityRecommendations:
    """Proven clusters the city does not use: those filling its gaps (ranked), and those peers use."""
    own_keys = {m.key for m in city.methods}
    own_members = {member for m in city.methods for member in m.members}
    gaps = {(c.row, c.column): gap_label(c) for c in cov.gaps}
    users_of: dict[str, list[str]] = {}
    for other in cities:
        if other.name == city.name:
            continue
        for method in other.methods:
            users_of.setdefault(method.key, []).append(other.name)
            for member in method.members:
                users_of.setdefault(member, []).append(other.name)
    ambiguous: dict[str, list[str]] = {}
    for method in city.ambiguous:
        for candidate in method.candidates:
            ambiguous.setdefault(candidate, []).append(method.name)
    filling: list[Recommendation] = []
    peers: list[Recommendation] = []
    for cluster in candidates:
        member_ids = {m.id for m in cluster.members}
        if cluster.key in own_keys or member_ids & own_members:
            continue
        users = list(dict.fromkeys(users_of.get(cluster.key, [])))
        for member in sorted(member_ids):
            users.extend(u for u in users_of.get(member, []) if u not in users)
        fills = [gaps[cell] for cell in _ordered(cells_of(cluster.target, cluster.domains)) if cell in gaps]
        if not fills and not users:
            continue
        ambiguous_with = sorted({name for mid in member_ids for name in ambiguous.get(mid, [])})
        rec = _recommendation(city, cluster, fills, users, ambiguous_with)
        if fills:
            filling.append(rec)
        if users:
            peers.append(rec)
    order = lambda r: (-r.score, r.name.casefold())  # noqa: E731
    return CityRecommendations(
        city=city.name,
        recommendations=tuple(sorted(filling, key=order)[:limit]),
        used_by_peers=tuple(sorted(peers, key=order)),
    )


def _ordered(cells: set[tuple[str, str]]) -> list[tuple[str, str]]:
    order: dict[tuple[str, str], int] = {}
    for level in LEVELS:
        for setting in SETTINGS:
            order[(level, setting)] = len(order)
    for name, _ in AGE_BANDS:
        order[("age", name)] = len(order)
    for name, _ in SUBSTANCE_GROUPS:
        order[("substance", name)] = len(order)
    for domain in DOMAINS:
        order[("domain", domain)] = len(order)
    return sorted(cells, key=lambda cell: order.get(cell, len(order)))
