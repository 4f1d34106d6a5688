"""Coverage of a city's methods: the gap framework (strategy level × setting), age bands, substances, domains.

A method counts with what the city says it does (its portfolio entry's levels, settings and
ages); failing that, with what the registries of its variant agree on, marked as such.
Only the framework's meaningful cells and the plan's domains can be gaps.
"""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.framework import (
    AREAS,
    CELLS,
    DEFAULT_PLAN_DOMAINS,
    FRAMEWORK,
    framework_cells,
    outside_framework,
)
from prevcat.compare.framework import LEVELS as FRAMEWORK_LEVELS
from prevcat.compare.model import Cell, CityMethod, Coverage
from prevcat.model import AgeRange, Domain, Substance, Target

#: age bands counted in coverage: label, first and last year (None: open)
AGE_BANDS: tuple[tuple[str, AgeRange], ...] = (
    ("0–5", AgeRange(0, 5)),
    ("6–12", AgeRange(6, 12)),
    ("13–17", AgeRange(13, 17)),
    ("18–25", AgeRange(18, 25)),
    ("adults 26+", AgeRange(26, None)),
)

#: substance columns counted in coverage, and which model substances fill each
SUBSTANCE_GROUPS: tuple[tuple[str, frozenset[Substance]], ...] = (
    ("alcohol", frozenset({Substance.ALCOHOL})),
    ("tobacco", frozenset({Substance.TOBACCO_NICOTINE})),
    ("cannabis", frozenset({Substance.CANNABIS})),
    ("other drugs", frozenset({Substance.OPIOIDS, Substance.OTHER_ILLICIT_DRUGS})),
    ("doping", frozenset({Substance.DOPING})),
    ("gambling", frozenset({Substance.GAMBLING})),
)

LEVELS: tuple[str, ...] = FRAMEWORK_LEVELS
SETTINGS: tuple[str, ...] = AREAS
#: kinds of work outside prevention plans: never a coverage column (academic curricula, assessment
#: instruments)
OUTSIDE_PREVENTION: frozenset[Domain] = frozenset({Domain.EDUCATION, Domain.ASSESSMENT})
DOMAINS: tuple[str, ...] = tuple(domain.value for domain in Domain if domain not in OUTSIDE_PREVENTION)


def label(value: str) -> str:
    """A vocabulary value for display: ``health_care`` gives ``health care``."""
    return value.replace("_", " ")


def gap_label(cell: Cell) -> str:
    """``selective × family``, ``age 0–5``, ``substance cannabis``, ``domain treatment``."""
    if cell.row in LEVELS:
        return f"{label(cell.row)} × {label(cell.column)}"
    return f"{cell.row} {label(cell.column)}"


def age_bands_of(ages: AgeRange) -> tuple[str, ...]:
    """The bands an age range reaches; none when the ages are unknown."""
    if ages.is_open:
        return ()
    return tuple(name for name, band in AGE_BANDS if ages.overlaps(band))


def substance_groups_of(target: Target) -> tuple[str, ...]:
    """The substance columns a target fills."""
    have = set(target.substances)
    return tuple(name for name, members in SUBSTANCE_GROUPS if have & members)


def cells_of(target: Target, domains: Sequence[Domain]) -> set[tuple[str, str]]:
    """Every (row, column) a target and its domains fill: framework cells, ages, substances, domains."""
    out: set[tuple[str, str]] = framework_cells(target, tuple(domains))
    out.update(("age", band) for band in age_bands_of(target.ages))
    out.update(("substance", group) for group in substance_groups_of(target))
    out.update(("domain", domain.value) for domain in domains)
    return out


def coverage(
    city: str, methods: Sequence[CityMethod], plan_domains: Sequence[Domain] = DEFAULT_PLAN_DOMAINS
) -> Coverage:
    """What a city's methods cover.

    Each method counts with its own target (see :attr:`CityMethod.coverage_basis`); ambiguous
    entries do not count (they are not resolved).  A method with no level, setting, age or
    substance still counts in domains.  Only the framework's cells (:data:`~prevcat.compare.
    framework.CELLS`) and ``plan_domains`` can be gaps; ages and substances count for
    prevention and early-intervention methods only.
    """
    filled: dict[tuple[str, str], list[str]] = {}
    unclassified: list[str] = []
    from_registries: list[str] = []
    outside: list[str] = []
    for method in methods:
        if method.kind.value == "ambiguous":
            continue
        cells = cells_of(method.target, method.domains)
        if not method.classified:
            unclassified.append(method.name)
        elif method.coverage_basis == "registries":
            from_registries.append(method.name)
        if outside_framework(method.target):
            outside.append(method.name)
        for cell in cells:
            filled.setdefault(cell, []).append(method.name)
    plan = set(plan_domains)

    def make(row: str, column: str) -> Cell:
        names = filled.get((row, column), [])
        if row in LEVELS:
            applicable = (row, column) in CELLS
        elif row == "domain":
            applicable = Domain(column) in plan
        else:
            applicable = True
        return Cell(row=row, column=column, count=len(names), methods=tuple(names), applicable=applicable)

    return Coverage(
        city=city,
        levels=LEVELS,
        settings=SETTINGS,
        matrix=tuple(make(level, setting) for level in LEVELS for setting in SETTINGS),
        ages=tuple(make("age", name) for name, _ in AGE_BANDS),
        substances=tuple(make("substance", name) for name, _ in SUBSTANCE_GROUPS),
        domains=tuple(make("domain", domain) for domain in DOMAINS),
        unclassified=tuple(unclassified),
        framework=FRAMEWORK,
        from_registries=tuple(from_registries),
        outside=tuple(outside),
    )
