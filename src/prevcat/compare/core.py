"""Compare city portfolios: shared methods, evidence, coverage, transferability, recommendations.

``compare(resolved, library=..., crosswalk=...)`` reads resolved portfolios (see
:mod:`prevcat.portfolio`) and returns a frozen :class:`~prevcat.compare.model.Comparison`;
the renderers in :mod:`prevcat.render` turn it into text, Markdown, CSV, JSON or HTML.

The rules, in short (``docs/compare.md`` has them in full):

* a *method* is a cluster (every registry's record of one programme) or a local method;
  a city's entries resolving to the same cluster count once; local methods of different
  cities meet when written alike (see :func:`~prevcat.compare.methods.local_key`);
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
from prevcat.compare.coverage import coverage
from prevcat.compare.inputs import CrosswalkLike, ResolvedPortfolioLike, optional_str, str_items
from prevcat.compare.methods import Evidence, city_methods
from prevcat.compare.model import CityInfo, Comparison, Registry
from prevcat.compare.profiles import evidence_profile
from prevcat.compare.recommend import is_outside_prevention, is_proven, recommend
from prevcat.compare.shared import shared_methods
from prevcat.compare.transfer import transferability
from prevcat.countries import region_of

__all__ = ["compare"]


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
    candidates = tuple(c for c in evidence.all_clusters() if is_proven(c) and not is_outside_prevention(c))
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
