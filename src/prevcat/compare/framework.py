"""The gap framework: the areas of the European Prevention Curriculum (EUPC) and the European Drug
Prevention Quality Standards (EDPQS), by strategy level.

Rows are the strategy levels a coordinator plans by (environmental, universal, selective,
indicated); columns are the EUPC settings (family, school, workplace, community, nightlife,
media).  Only cells that mean something in a prevention plan are cells at all (see
:data:`CELLS`): there is no "indicated media" or "environmental family" gap to fill.

prevcat's settings map onto the framework's columns (:data:`SETTING_AREAS`): preschool counts
as school; social services, health care and outreach count as community (the EUPC's
community-based prevention); criminal justice is outside the framework and counts in no cell.
"""

from __future__ import annotations

from prevcat.model import Domain, PreventionLevel, Setting, Target

__all__ = [
    "AREAS",
    "CELLS",
    "DEFAULT_PLAN_DOMAINS",
    "FRAMEWORK",
    "LEVELS",
    "SETTING_AREAS",
    "framework_cells",
]

#: the framework's name, as reports cite it
FRAMEWORK = "European Prevention Curriculum / EDPQS"

#: rows: strategy levels, in planning order
LEVELS: tuple[str, ...] = ("environmental", "universal", "selective", "indicated")
#: columns: the EUPC settings
AREAS: tuple[str, ...] = ("family", "school", "workplace", "community", "nightlife", "media")

#: the cells that mean something in a prevention plan
CELLS: frozenset[tuple[str, str]] = frozenset({
    ("environmental", "school"), ("environmental", "workplace"), ("environmental", "community"),
    ("environmental", "nightlife"), ("environmental", "media"),
    ("universal", "family"), ("universal", "school"), ("universal", "workplace"),
    ("universal", "community"), ("universal", "media"),
    ("selective", "family"), ("selective", "school"), ("selective", "community"), ("selective", "nightlife"),
    ("indicated", "family"), ("indicated", "school"), ("indicated", "community"),
})

#: which framework column each prevcat setting counts in (None: outside the framework)
SETTING_AREAS: dict[Setting, str | None] = {
    Setting.FAMILY: "family",
    Setting.SCHOOL: "school",
    Setting.PRESCHOOL: "school",
    Setting.WORKPLACE: "workplace",
    Setting.COMMUNITY: "community",
    Setting.SOCIAL_SERVICES: "community",
    Setting.HEALTH_CARE: "community",
    Setting.STREET_OUTREACH: "community",
    Setting.NIGHTLIFE_RECREATION: "nightlife",
    Setting.ONLINE_MEDIA: "media",
    Setting.CRIMINAL_JUSTICE: None,
}

#: what a prevention (ANDT) plan covers when the portfolio does not say
DEFAULT_PLAN_DOMAINS: tuple[Domain, ...] = (Domain.PREVENTION, Domain.EARLY_INTERVENTION)


def framework_cells(target: Target, domains: tuple[Domain, ...] = ()) -> set[tuple[str, str]]:
    """The framework cells a target fills: its levels × the areas of its settings, kept to :data:`CELLS`.

    Environmental prevention (or a policy method) with no setting counts in the community
    (municipal rules, licensing, enforcement).
    """
    areas = {a for s in target.settings if (a := SETTING_AREAS.get(s)) is not None}
    levels = {level.value for level in target.levels}
    if Domain.POLICY in domains and not levels:
        levels.add(PreventionLevel.ENVIRONMENTAL.value)
    if PreventionLevel.ENVIRONMENTAL.value in levels and not target.settings:
        areas.add("community")
    return {(level, area) for level in levels for area in areas if (level, area) in CELLS}


def outside_framework(target: Target) -> bool:
    """True when a target names settings and none of them is in the framework."""
    return bool(target.settings) and all(SETTING_AREAS.get(s) is None for s in target.settings)
