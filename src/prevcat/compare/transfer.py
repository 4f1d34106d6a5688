"""Transferability: each method's ratings split by where the registry is (home, region, elsewhere)."""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.methods import Evidence
from prevcat.compare.model import CityInfo, Locality, MethodTransfer, SourcedRating, Transferability
from prevcat.countries import region_of
from prevcat.evidence import Direction

__all__ = ["best_per_source", "contradiction", "locality", "names_of", "transferability"]


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


def names_of(ratings: Sequence[SourcedRating], *, levels: bool = False, names: bool = True) -> str:
    """``Blueprints (US): Model — 5 of 5 on the common scale; …`` (``levels`` adds the scale step,
    ``names`` the record's name when the registry lists it under another)."""
    out = []
    seen: set[str] = set()
    for r in ratings:
        if levels:
            text = r.plain()
        else:
            where = ", ".join(x for x in (r.registry_country, r.rating.database) if x)
            text = f"{r.registry_name}{f' ({where})' if where else ''}: {r.rating.label}"
        text += f" (as {r.intervention_name})" if names and r.intervention_name else ""
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
        parts.append(f"{lead}positive: {names_of(positive)}; no effect or harmful: {names_of(null)}")
    if mixed:
        parts.append(f"mixed effects: {names_of(mixed)}")
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
