"""Recommendations: proven methods a city does not use, in its plan's domains, that fit it.

A candidate is a programme rated effective or better (positive direction) by some registry.
It is kept for a city when

* its kind of work is in the city's plan (:attr:`CityInfo.plan_domains`; by default prevention
  and early intervention, never treatment or harm reduction unless asked for), and
* a version of it is near the city: listed in the city's country, in its language, or in its
  region (a Nordic adaptation).  A Dutch or German programme with no Nordic version is not
  recommended to a Swedish city, whatever its rating;

and it fills one of the city's gaps (from the settings and ages its chosen variant's
registries give, never the union over every registry) or a compared city uses it.

The score adds points for what makes a method likely to work *here* (see
:func:`score_recommendation`); every recommendation carries the factors that counted and
those that held it back, and a plain-language explanation made of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.coverage import (
    AGE_BANDS,
    DOMAINS,
    LEVELS,
    SETTINGS,
    SUBSTANCE_GROUPS,
    cells_of,
    gap_label,
)
from prevcat.compare.framework import DEFAULT_PLAN_DOMAINS
from prevcat.compare.methods import ClusterInfo, Evidence
from prevcat.compare.model import (
    CityInfo,
    CityRecommendations,
    Coverage,
    Factor,
    Locality,
    Recommendation,
    SourcedRating,
)
from prevcat.compare.programmes import Group
from prevcat.compare.registries import REGION_NAMES, country_name, language_name
from prevcat.compare.scoring import explain, points_of, score_recommendation
from prevcat.compare.targets import agreed_domains, agreed_target
from prevcat.compare.transfer import best_per_source, locality, names_of
from prevcat.countries import region_of
from prevcat.evidence import Direction, EvidenceLevel
from prevcat.model import Domain, Intervention

__all__ = ["caution_of", "in_scope", "is_proven", "recommend", "score_recommendation"]

#: kinds of work that are services for people with a problem, not prevention: out of a plan unless asked
SERVICE_DOMAINS: frozenset[Domain] = frozenset(
    {Domain.TREATMENT, Domain.HARM_REDUCTION, Domain.SOCIAL_REINTEGRATION}
)
#: words in a registry's extra fields that name running costs
_COST_WORDS = ("cost", "kostnad", "kosten", "omkostning", "kostnader", "økonomi")


def _effective(rating: SourcedRating) -> bool:
    return (
        rating.rating.level is not None
        and rating.rating.level >= EvidenceLevel.EFFECTIVE
        and rating.rating.direction is Direction.POSITIVE
    )


def is_proven(cluster: ClusterInfo) -> bool:
    """True when some registry rates the programme effective or better, with a positive direction."""
    return any(_effective(r) for r in cluster.ratings)


def in_scope(domains: Sequence[Domain], plan: Sequence[Domain]) -> bool:
    """True when a method's kind of work fits a plan: no service domain the plan leaves out, and
    (when the records say) at least one domain in the plan or a supporting one (policy, coordination,
    monitoring)."""
    wanted = set(plan)
    have = set(domains)
    if (have & SERVICE_DOMAINS) - wanted:
        return False
    supporting = {Domain.POLICY, Domain.COORDINATION, Domain.MONITORING}
    return not have or bool(have & (wanted | supporting))


def caution_of(ratings: Sequence[SourcedRating]) -> str | None:
    """``rated no effect or harmful: Ungsinn (NO): Nivå 0 … — no effect, below the common scale
    (as Kjærlighet og Grenser)``, or None."""
    null = [r for r in ratings if r.negative_or_null]
    if not null:
        return None
    return "rated no effect or harmful: " + "; ".join(
        dict.fromkeys(f"{r.plain()} (as {r.intervention_name})" for r in null)
    )


def _base(language: str | None) -> str | None:
    return language.split("-")[0].casefold() if language else None


def _speaks(items: Sequence[Intervention], language: str | None) -> list[str]:
    base = _base(language)
    if not base:
        return []
    names: list[str] = []
    for item in items:
        if any(_base(lang) == base for lang in item.languages):
            names.append(item.name)
        names.extend(a.name for a in item.aliases if a.lang and _base(a.lang) == base)
    return list(dict.fromkeys(names))


def _costs(items: Sequence[Intervention]) -> list[str]:
    """Running costs as a registry states them (an extra field naming costs, with a value), verbatim."""
    out = []
    for item in items:
        for key, value in item.extra:
            if any(word in key.casefold() for word in _COST_WORDS) and str(value).strip():
                out.append(f"{item.source}: {key}: {value}")
    return list(dict.fromkeys(out))


def _registry(evidence: Evidence, item: Intervention) -> str | None:
    return evidence.registry_country(item.source)


def _home(evidence: Evidence, item: Intervention, city: CityInfo) -> bool:
    return bool(city.country) and city.country in (_registry(evidence, item), item.country)


def _near(evidence: Evidence, item: Intervention, city: CityInfo) -> bool:
    region = city.region
    registry = _registry(evidence, item)
    return bool(region) and region in (region_of(registry), region_of(item.country))


def _variant_rank(evidence: Evidence, records: Sequence[Intervention], city: CityInfo) -> tuple[int, ...]:
    ratings = [r for item in records for r in evidence.ratings_of(item.id)]
    best = max((r.rating.level.rank for r in ratings if r.positive and r.rating.level), default=-1)
    classified = any(x.target.levels or x.target.settings for x in records)
    return (
        any(_home(evidence, x, city) for x in records),
        bool(_speaks(records, city.language)),
        any(_near(evidence, x, city) for x in records),
        best,
        classified,
    )


def _choose_variant(
    evidence: Evidence, cluster: ClusterInfo, city: CityInfo
) -> tuple[Group, tuple[Intervention, ...]]:
    """The variant that fits the city best: listed at home, in its language, in its region, best rated."""
    programme = Group(cluster.key, cluster.name, tuple(m.id for m in cluster.members))
    options = []
    for variant in evidence.programmes.variants(programme):
        records = tuple(evidence.library.get(m) for m in variant.members if m in evidence.library)
        if records:
            options.append((variant, records))
    return max(options, key=lambda pair: _variant_rank(evidence, pair[1], city))


def _recommendation(
    city: CityInfo,
    cluster: ClusterInfo,
    evidence: Evidence,
    gaps: dict[tuple[str, str], str],
    users: Sequence[str],
    ambiguous_with: Sequence[str],
    domains: tuple[Domain, ...],
) -> Recommendation | None:
    members = cluster.members
    ratings = cluster.ratings
    home = [r for r in ratings if locality(r.registry_country, city.country) is Locality.HOME]
    region = [r for r in ratings if locality(r.registry_country, city.country) is Locality.REGION]
    home_evidence = [r for r in home if r.positive]
    home_null = [r for r in home if r.negative_or_null]
    region_evidence = [r for r in region if r.positive]
    home_records = [f"{m.name} ({m.source})" for m in members if _home(evidence, m, city)]
    near_records = [f"{m.name} ({m.source})" for m in members if _near(evidence, m, city)]
    spoken = _speaks(members, city.language)
    if not (home_records or spoken or near_records):
        return None
    variant, records = _choose_variant(evidence, cluster, city)
    target = agreed_target([r.target for r in records])
    order = cell_order()
    cells = sorted(cells_of(target, domains), key=lambda cell: order.get(cell, len(order)))
    fills = [gaps[cell] for cell in cells if cell in gaps]
    if not fills and not users:
        return None
    best = max((r.rating.level for r in ratings if _effective(r) and r.rating.level), default=None)
    caution = caution_of(ratings)
    effective = [r for r in ratings if _effective(r)]
    country = country_name(city.country)
    region_name = REGION_NAMES.get(city.region or "", f"the {city.region} region" if city.region else "?")
    counted: list[Factor] = []
    held: list[Factor] = []
    points = dict(points_of(
        well_established=best is EvidenceLevel.WELL_ESTABLISHED,
        home_evidence=bool(home_evidence),
        home_record=bool(home_records) and not home_null,
        region_evidence=bool(region_evidence),
        language_adaptation=bool(spoken) and not home_records,
        peers=len(users),
        gaps=len(fills),
        caution=caution is not None,
    ))
    evidence_text = names_of(best_per_registry(effective), levels=True, names=False)
    counted.append(Factor("evidence", points.get("well_established", 0.0),
                          "rated {level} at best: {ratings}",
                          {"level": best.label if best else "effective", "ratings": evidence_text}.items()))
    if home_evidence:
        counted.append(Factor("home_evidence", points["home_evidence"], "evaluated in {country}: {ratings}",
                              {"country": country,
                               "ratings": names_of(best_per_registry(home_evidence), levels=True,
                                                   names=False)}.items()))
    elif home_records and not home_null:
        counted.append(Factor("home_version", points["home_version"],
                              "a version is listed in {country}: {names}",
                              {"country": country, "names": ", ".join(home_records)}.items()))
    if region_evidence:
        counted.append(Factor("region_evidence", points["region_evidence"],
                              "evaluated in {region}: {ratings}",
                              {"region": region_name,
                               "ratings": names_of(best_per_registry(region_evidence), levels=True,
                                                   names=False)}.items()))
    if "language" in points:
        counted.append(Factor("language", points["language"], "available in {language}: {names}",
                              {"language": language_name(city.language), "names": ", ".join(spoken)}.items()))
    if users:
        counted.append(Factor("peers", points["peers"], "used by {cities}",
                              {"cities": ", ".join(users)}.items()))
    if fills:
        shown = ", ".join(fills[:6]) + (f" (+{len(fills) - 6})" if len(fills) > 6 else "")
        counted.append(Factor("gaps", points["gaps"], "fills gaps in the plan ({count}): {gaps}",
                              {"count": str(len(fills)), "gaps": shown}.items()))
    if home_null:
        held.append(Factor("home_null", 0.0, "a registry in {country} finds no effect or harm: {ratings}",
                           {"country": country, "ratings": names_of(home_null)}.items()))
    if caution:
        held.append(Factor("caution", points["caution"], "{caution}", {"caution": caution}.items()))
    if not home_evidence and not region_evidence:
        held.append(Factor("no_near_evidence", 0.0, "not evaluated in {country} or {region}",
                           {"country": country, "region": region_name}.items()))
    if not home_records:
        held.append(Factor("no_home_version", 0.0, "no version listed in {country}",
                           {"country": country}.items()))
    if not users:
        held.append(Factor("no_peers", 0.0, "none of the compared cities uses it", ()))
    if not fills:
        held.append(Factor("no_gaps", 0.0,
                           "fills none of the plan's gaps (as its registries describe it)", ()))
    if ambiguous_with:
        held.append(Factor("maybe_in_use", 0.0,
                           "may already be in use: an unresolved entry lists it ({entries})",
                           {"entries": ", ".join(ambiguous_with)}.items()))
    score = round(sum(f.points for f in (*counted, *held)), 2)
    explanation = explain(score, counted, held)
    urls = [r.url for r in ratings if r.url] + [m.url for m in members if m.url]
    return Recommendation(
        key=cluster.key,
        name=cluster.name,
        score=score,
        fills=tuple(fills),
        reasons=tuple(f.text for f in (*counted, *held)),
        used_by=tuple(users),
        ratings=ratings,
        members=tuple(m.id for m in members),
        urls=tuple(dict.fromkeys(urls)),
        caution=caution,
        domains=agreed_domains(members),
        variant=variant.id,
        variant_name=variant.name,
        counted=tuple(counted),
        held_back=tuple(held),
        explanation=explanation,
        costs=tuple(_costs(records)),
    )


def best_per_registry(ratings: Sequence[SourcedRating]) -> list[SourcedRating]:
    """Each registry's best rating (a list it quotes counts apart only when it is all there is)."""
    own = [r for r in ratings if not r.rating.database]
    chosen = best_per_source(own or list(ratings))
    best: dict[str, SourcedRating] = {}
    for r in chosen:
        held = best.get(r.source)
        rank = r.rating.level.rank if r.rating.level else -1
        if held is None or rank > (held.rating.level.rank if held.rating.level else -1):
            best[r.source] = r
    return list(best.values())


def recommend(
    city: CityInfo,
    cov: Coverage,
    cities: Sequence[CityInfo],
    candidates: Sequence[ClusterInfo],
    evidence: Evidence,
    *,
    limit: int = 10,
) -> CityRecommendations:
    """Proven programmes the city does not use, in its plan's domains, with a version near it:
    those filling its gaps (ranked), and those peers use."""
    plan = city.plan_domains or DEFAULT_PLAN_DOMAINS
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
    out_of_scope = not_near = 0
    for cluster in candidates:
        member_ids = {m.id for m in cluster.members}
        if cluster.key in own_keys or member_ids & own_members:
            continue
        domains = agreed_domains(cluster.members)
        if not in_scope(domains, plan):
            out_of_scope += 1
            continue
        users = list(dict.fromkeys(users_of.get(cluster.key, [])))
        for member in sorted(member_ids):
            users.extend(u for u in users_of.get(member, []) if u not in users)
        ambiguous_with = sorted({name for mid in member_ids for name in ambiguous.get(mid, [])})
        rec = _recommendation(city, cluster, evidence, gaps, users, ambiguous_with, domains)
        if rec is None:
            near = any(_home(evidence, m, city) or _near(evidence, m, city) for m in cluster.members)
            if not (near or _speaks(cluster.members, city.language)):
                not_near += 1
            continue
        if rec.fills:
            filling.append(rec)
        if users:
            peers.append(rec)
    order = lambda r: (-r.score, r.name.casefold())  # noqa: E731
    return CityRecommendations(
        city=city.name,
        recommendations=tuple(sorted(filling, key=order)[:limit]),
        used_by_peers=tuple(sorted(peers, key=order)),
        domains=plan,
        out_of_scope=out_of_scope,
        not_near=not_near,
    )


def cell_order() -> dict[tuple[str, str], int]:
    """The display order of coverage cells: framework, ages, substances, domains."""
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
    return order
