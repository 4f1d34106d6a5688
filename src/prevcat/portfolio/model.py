"""A city's portfolio as written locally: its methods, their sources and, for local ones, a classification."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from prevcat.evidence import Confidence
from prevcat.model import Domain, Target

__all__ = ["LocalClassification", "Portfolio", "PortfolioEntry"]


def _domain_tuple(values: Iterable[Domain | str]) -> tuple[Domain, ...]:
    out: list[Domain] = []
    for value in values:
        item = value if isinstance(value, Domain) else Domain(value)
        if item not in out:
            out.append(item)
    return tuple(out)


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _entry_tuple(values: Iterable[PortfolioEntry]) -> tuple[PortfolioEntry, ...]:
    return tuple(values)


@frozen
class LocalClassification:
    """What a local method (one no registry lists) is: its domains and whom, where, about what.

    An empty classification (no domains, an empty target) declares an entry local without
    saying more about it.
    """

    domains: tuple[Domain, ...] = field(default=(), converter=_domain_tuple)
    target: Target = field(factory=Target)

    @property
    def is_empty(self) -> bool:
        """True when nothing is classified (the entry is only declared local)."""
        t = self.target
        return not (self.domains or t.levels or t.settings or t.substances or not t.ages.is_open)


@frozen
class PortfolioEntry:
    """One method of a city, named as the city writes it.

    ``intervention`` pins the entry to a library id; ``classification`` declares it a local
    method (no registry entry) and says what it covers, or, beside ``intervention``, says how
    the city runs the registry method (its levels, settings, ages win over the registries');
    ``same_as`` names a local method that
    other portfolios write differently (``SMADIT`` for *SMADIT-Ö* and *SMADIT i Stockholms
    län*), so that comparisons count it as one method.
    """

    name: str
    intervention: str | None = None
    classification: LocalClassification | None = None
    same_as: str | None = None
    since: str | None = None
    reach: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = field(default=(), converter=_str_tuple)
    confidence: Confidence | None = None


@frozen
class Portfolio:
    """A city's methods with where the list comes from; ``file`` is the file it was read from."""

    city: str
    country: str
    language: str | None = None
    year: int | None = None
    sources: tuple[str, ...] = field(default=(), converter=_str_tuple)
    entries: tuple[PortfolioEntry, ...] = field(default=(), converter=_entry_tuple)
    file: str | None = None
    #: what the city's plan covers (default: prevention and early intervention); recommendations stay in it
    plan_domains: tuple[Domain, ...] = field(default=(), converter=_domain_tuple)
