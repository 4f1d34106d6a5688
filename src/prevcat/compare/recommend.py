"""Recommendations: proven methods a city does not use that fill its gaps or that peers use."""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.coverage import (
    AGE_BANDS,
    DOMAINS,
    LEVELS,
    OUTSIDE_PREVENTION,
    SETTINGS,
    SUBSTANCE_GROUPS,
    cells_of,
    gap_label,
)
from prevcat.compare.methods import ClusterInfo
from prevcat.compare.model import (
    CityInfo,
    CityRecommendations,
    Coverage,
    Locality,
    Recommendation,
    SourcedRating,
)
from prevcat.compare.transfer import best_per_source, locality, names_of
from prevcat.evidence import Direction, EvidenceLevel

__all__ = ["caution_of", "is_proven", "recommend", "score_recommendation"]


def _effective(rating: SourcedRating) -> bool:
    return (
        rating.rating.level is not None
        and rating.rating.level >= EvidenceLevel.EFFECTIVE
        and rating.rating.direction is Direction.POSITIVE
    )


def is_proven(cluster: ClusterInfo) -> bool:
    return any(_effective(r) for r in cluster.ratings)


def is_outside_prevention(cluster: ClusterInfo) -> bool:
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
        + names_of(best_per_source(effective), levels=True, names=False)
    )
    if home_evidence:
        reasons.append(f"evidence in {city.country}: {names_of(best_per_source(home_evidence), levels=True)}")
    if home_null:
        reasons.append(f"evidence in {city.country} finds no effect or harm: {names_of(home_null)}")
    elif home_records and not home_evidence:
        reasons.append(f"listed in or from {city.country}: {', '.join(home_records)}")
    if region_evidence:
        reasons.append(
            f"evidence in the {city.region} region: {names_of(best_per_source(region_evidence), levels=True)}"
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
