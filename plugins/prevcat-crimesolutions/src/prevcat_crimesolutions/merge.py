"""Rows that share an id are one method: merge them into one intervention with every rating."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from prevcat.evidence import Confidence
from prevcat.importers.vocab import span
from prevcat.model import Alias, Intervention, Target

T = TypeVar("T")

_CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)


def lowest_confidence(values: Iterable[Confidence | None]) -> Confidence | None:
    """The lowest confidence given, or None when none is."""
    known = [v for v in values if v is not None]
    return min(known, key=_CONFIDENCE_ORDER.index) if known else None


def _union(first: Sequence[T], second: Sequence[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def merge(first: Intervention, second: Intervention) -> Intervention:
    """One intervention from two rows of the same id: the first row's name and url lead.

    The second row's name becomes an alias when it differs; ratings, aliases, target values,
    domains and ``extra`` are combined; the confidence is the lower of the two.
    """
    aliases = list(first.aliases)
    for alias in (Alias(second.name, "en"), *second.aliases):
        if alias.name != first.name and alias not in aliases:
            aliases.append(alias)
    known_ages = [t.ages for t in (first.target, second.target) if not t.ages.is_open]
    target = Target(
        levels=_union(first.target.levels, second.target.levels),
        ages=span(known_ages),
        settings=_union(first.target.settings, second.target.settings),
        substances=_union(first.target.substances, second.target.substances),
    )
    return attrs.evolve(
        first,
        aliases=tuple(aliases),
        country=first.country or second.country,
        ratings=(*first.ratings, *second.ratings),
        target=target,
        domains=_union(first.domains, second.domains),
        original=first.original or second.original,
        url=first.url or second.url,
        description=first.description or second.description,
        confidence=lowest_confidence([first.confidence, second.confidence]),
        extra=(*first.extra, *second.extra),
    )
