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
* coverage follows the city's own entry first, else what the registries of the method's
  variant agree on, on the gap framework of :mod:`prevcat.compare.framework`;
* recommendations are programmes rated effective or better (positive direction), in the
  city's plan domains, with a version near the city, that fill a gap or that peers use
  (:mod:`prevcat.compare.recommend`); each explains its rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.catalogue import Library
from prevcat.compare.coverage import coverage
from prevcat.compare.framework import DEFAULT_PLAN_DOMAINS
from prevcat.compare.inputs import CrosswalkLike, ResolvedPortfolioLike, optional_str, str_items
from prevcat.compare.methods import Evidence, city_methods
from prevcat.compare.model import CityInfo, Comparison, Registry
from prevcat.compare.profiles import evidence_profile
from prevcat.compare.recommend import is_proven, recommend
from prevcat.compare.registries import registry_name
from prevcat.compare.shared import shared_methods
from prevcat.compare.transfer import transferability
from prevcat.countries import region_of
from prevcat.model import Domain

__all__ = ["compare"]


def compare(
    resolved: Sequence[ResolvedPortfolioLike],
    *,
    library: Library,
    crosswalk: CrosswalkLike | None = None,
    max_recommendations: int = 10,
    domains: Sequence[Domain] | None = None,
) -> Comparison:
    """Compare one or more resolved portfolios against the library (and its crosswalk).

    ``domains`` are the kinds of work recommendations may be (default: each portfolio's
    ``plan_domains``, else prevention and early intervention); given, they are added to the
    default, so ``[Domain.TREATMENT]`` also lets treatment methods in.
    """
    evidence = Evidence(library, crosswalk)
    cities = tuple(_city_info(rp, evidence, domains) for rp in resolved)
    shared = shared_methods(cities, evidence)
    profiles = tuple(evidence_profile(city) for city in cities)
    coverages = tuple(coverage(city.name, city.methods, city.plan_domains) for city in cities)
    transfers = tuple(transferability(city, evidence) for city in cities)
    candidates = tuple(c for c in evidence.all_clusters() if is_proven(c))
    recommendations = tuple(
        recommend(city, cov, cities, candidates, evidence, limit=max_recommendations)
        for city, cov in zip(cities, coverages, strict=True)
    )
    registries = tuple(
        Registry(
            source=c.source,
            title=c.provenance.title,
            country=evidence.registry_country(c.source),
            snapshot=c.provenance.snapshot,
            url=c.provenance.url,
            entries=len(c),
            name=registry_name(c.source, c.provenance.title),
            published=c.provenance.published,
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


def _plan(portfolio: object, domains: Sequence[Domain] | None) -> tuple[Domain, ...]:
    own = tuple(d for d in getattr(portfolio, "plan_domains", ()) or () if isinstance(d, Domain))
    plan = list(own or DEFAULT_PLAN_DOMAINS)
    plan += [d for d in domains or () if d not in plan]
    return tuple(plan)


def _city_info(rp: ResolvedPortfolioLike, evidence: Evidence, domains: Sequence[Domain] | None) -> CityInfo:
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
        plan_domains=_plan(portfolio, domains),
    )
