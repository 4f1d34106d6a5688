"""What a method covers: targets merged (a city's entries of one method) or agreed (a variant's records).

``merge_targets`` is the union, for entries the city itself classifies; ``agreed_target`` is what
the records of one variant agree on, so that one registry's list of every setting it has seen a
programme used in does not count as where this city runs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prevcat.model import AgeRange, Domain, Intervention, Target

__all__ = ["agreed_domains", "agreed_target", "is_classified", "merge_targets"]


def merge_targets(targets: Iterable[Target]) -> Target:
    """One target covering all: levels, settings, substances united; ages from lowest to highest."""
    levels: list[object] = []
    settings: list[object] = []
    substances: list[object] = []
    lows: list[int] = []
    highs: list[int] = []
    open_high = False
    any_ages = False
    for target in targets:
        levels.extend(target.levels)
        settings.extend(target.settings)
        substances.extend(target.substances)
        if target.ages.is_open:
            continue
        any_ages = True
        lows.append(0 if target.ages.min is None else target.ages.min)
        if target.ages.max is None:
            open_high = True
        else:
            highs.append(target.ages.max)
    ages = AgeRange()
    if any_ages:
        ages = AgeRange(min(lows), None if open_high or not highs else max(highs))
    return Target(
        levels=tuple(levels),  # type: ignore[arg-type]
        ages=ages,
        settings=tuple(settings),  # type: ignore[arg-type]
        substances=tuple(substances),  # type: ignore[arg-type]
    )


def _agreed(values: Sequence[Sequence[object]]) -> list[object]:
    """Values every list that gives any agrees on; failing that, those most lists give (ties kept)."""
    given = [list(dict.fromkeys(v)) for v in values if v]
    if not given:
        return []
    common = [v for v in given[0] if all(v in other for other in given[1:])]
    if common or len(given) == 1:
        return common
    counts: dict[object, int] = {}
    for group in given:
        for v in group:
            counts[v] = counts.get(v, 0) + 1
    top = max(counts.values())
    return [v for v, n in counts.items() if n == top and n * 2 > len(given)]


def agreed_target(targets: Sequence[Target]) -> Target:
    """What the records of one variant agree on: levels, settings, substances in common; ages overlapping.

    Unlike :func:`merge_targets` (the union), a setting one registry has seen the method used in
    does not count unless the others agree.
    """
    known = [t.ages for t in targets if not t.ages.is_open]
    ages = AgeRange()
    if known:
        low = max(0 if a.min is None else a.min for a in known)
        highs = [a.max for a in known if a.max is not None]
        high = min(highs) if highs else None
        if high is None or low <= high:
            ages = AgeRange(low, high)
    return Target(
        levels=tuple(_agreed([t.levels for t in targets])),  # type: ignore[arg-type]
        ages=ages,
        settings=tuple(_agreed([t.settings for t in targets])),  # type: ignore[arg-type]
        substances=tuple(_agreed([t.substances for t in targets])),  # type: ignore[arg-type]
    )


def agreed_domains(items: Sequence[Intervention]) -> tuple[Domain, ...]:
    """The domains most of the records give (a record calling a parent programme also treatment does not
    make it a treatment method when the others call it prevention)."""
    given = [item.domains for item in items if item.domains]
    if not given:
        return ()
    counts: dict[Domain, int] = {}
    for group in given:
        for d in dict.fromkeys(group):
            counts[d] = counts.get(d, 0) + 1
    majority = [d for d, n in counts.items() if n * 2 > len(given)]
    if majority:
        return tuple(majority)
    top = max(counts.values())
    return tuple(d for d, n in counts.items() if n == top)


def is_classified(target: Target) -> bool:
    """True when a target says anything coverage can count."""
    return bool(target.levels or target.settings or target.substances or not target.ages.is_open)
