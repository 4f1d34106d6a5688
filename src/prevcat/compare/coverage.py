"""Coverage of a city's methods: prevention level × setting, age bands, substances, domains."""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.model import Cell, CityMethod, Coverage
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance, Target

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

LEVELS: tuple[str, ...] = tuple(level.value for level in PreventionLevel)
SETTINGS: tuple[str, ...] = tuple(setting.value for setting in Setting)
#: domains outside prevention work: never a coverage gap; methods only in them are not recommended
OUTSIDE_PREVENTION: frozenset[Domain] = frozenset({Domain.EDUCATION})
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
    """Every (row, column) a target and its domains fill."""
    out: set[tuple[str, str]] = set()
    for level in target.levels:
        for setting in target.settings:
            out.add((level.value, setting.value))
    out.update(("age", band) for band in age_bands_of(target.ages))
    out.update(("substance", group) for group in substance_groups_of(target))
    out.update(("domain", domain.value) for domain in domains)
    return out


def coverage(city: str, methods: Sequence[CityMethod]) -> Coverage:
    """What a city's methods cover.

    Matched methods count with their cluster's target; local methods count when the
    portfolio classifies them; ambiguous entries do not count (they are not resolved).
    A method with no level, setting, age or substance still counts in domains.
    """
    filled: dict[tuple[str, str], list[str]] = {}
    unclassified: list[str] = []
    for method in methods:
        if method.kind.value == "ambiguous":
            continue
        cells = cells_of(method.target, method.domains)
        if not method.classified:
            unclassified.append(method.name)
        for cell in cells:
            filled.setdefault(cell, []).append(method.name)

    def make(row: str, column: str) -> Cell:
        names = filled.get((row, column), [])
        return Cell(row=row, column=column, count=len(names), methods=tuple(names))

    return Coverage(
        city=city,
        levels=LEVELS,
        settings=SETTINGS,
        matrix=tuple(make(level, setting) for level in LEVELS for setting in SETTINGS),
        ages=tuple(make("age", name) for name, _ in AGE_BANDS),
        substances=tuple(make("substance", name) for name, _ in SUBSTANCE_GROUPS),
        domains=tuple(make("domain", domain) for domain in DOMAINS),
        unclassified=tuple(unclassified),
    )
