"""Evidence profiles: a city's methods counted under their highest common level, cautions flagged."""

from __future__ import annotations

from prevcat.compare.model import CityInfo, CityMethod, EvidenceFlag, EvidenceProfile, LevelCount, MethodKind
from prevcat.evidence import EvidenceLevel

__all__ = ["PROFILE_CATEGORIES", "evidence_profile"]

#: evidence-profile categories in display order: common levels best first, then the rest
PROFILE_CATEGORIES: tuple[tuple[str, str], ...] = (
    *((level.value, level.label) for level in sorted(EvidenceLevel, reverse=True)),
    ("not_on_scale", "rated, not on the common scale"),
    ("unrated", "in a registry, unrated"),
    ("local", "local method"),
    ("ambiguous", "ambiguous (not resolved)"),
)


def _category(method: CityMethod) -> str:
    if method.kind is MethodKind.AMBIGUOUS:
        return "ambiguous"
    if method.kind is MethodKind.LOCAL:
        return "local"
    if method.highest is not None:
        return method.highest.value
    return "not_on_scale" if method.ratings else "unrated"


def evidence_profile(city: CityInfo) -> EvidenceProfile:
    """Methods per category (highest common level anywhere; local, unrated, ambiguous apart)."""
    counts = {key: 0 for key, _ in PROFILE_CATEGORIES}
    flags: list[EvidenceFlag] = []
    for method in city.methods:
        counts[_category(method)] += 1
        seen: set[str] = set()
        for rating in method.cautions:
            # the same verdict repeated (two editions alike) is flagged once
            if rating.describe() not in seen:
                seen.add(rating.describe())
                flags.append(EvidenceFlag(method=method.name, key=method.key, rating=rating))
    return EvidenceProfile(
        city=city.name,
        total=len(city.methods),
        matched=len(city.matched),
        local=len(city.local),
        ambiguous=len(city.ambiguous),
        counts=tuple(LevelCount(key, text, counts[key]) for key, text in PROFILE_CATEGORIES),
        effective=sum(1 for m in city.methods if m.effective),
        flags=tuple(flags),
    )
