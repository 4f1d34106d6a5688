"""The ranking score of a recommendation, as factors with points, and its plain-language explanation.

The points (``docs/compare.md`` has the table) favour what makes a method likely to work *here*:
evidence from the city's own country weighs most, then its region, a version in its language,
peers that use it; a registry that finds no effect or harm costs three points.
"""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.model import Factor

__all__ = ["explain", "points_of", "score_recommendation"]


def score_recommendation(
    *,
    well_established: bool,
    home_evidence: bool,
    home_record: bool,
    region_evidence: bool,
    language_adaptation: bool,
    peers: int,
    gaps: int,
    caution: bool,
) -> float:
    """The ranking score of a recommendation (higher first); the sum of its factors' points.

    +5 positive evidence (promising or better) from a registry in the city's country, else +3
    when a version is listed in that country (unless a registry there finds no effect); +2
    positive evidence from the city's region; +1.5 a version in the city's language (when
    none is listed in the country); compared cities already using it +2 for the first and +1
    for each further one (at most +4); +1 well established; +0.25 per gap filled (at most
    +1.5); -3 when any registry finds no effect or harm.
    """
    return round(sum(p for _, p in points_of(
        well_established=well_established, home_evidence=home_evidence, home_record=home_record,
        region_evidence=region_evidence, language_adaptation=language_adaptation, peers=peers,
        gaps=gaps, caution=caution,
    )), 2)


def points_of(
    *,
    well_established: bool,
    home_evidence: bool,
    home_record: bool,
    region_evidence: bool,
    language_adaptation: bool,
    peers: int,
    gaps: int,
    caution: bool,
) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    if home_evidence:
        out.append(("home_evidence", 5.0))
    elif home_record:
        out.append(("home_version", 3.0))
    if region_evidence:
        out.append(("region_evidence", 2.0))
    if language_adaptation:
        out.append(("language", 1.5))
    if peers:
        out.append(("peers", min(2.0 + (peers - 1), 4.0)))
    if well_established:
        out.append(("well_established", 1.0))
    if gaps:
        out.append(("gaps", min(gaps * 0.25, 1.5)))
    if caution:
        out.append(("caution", -3.0))
    return out


def _signed(points: float) -> str:
    return f"{points:+g}"


def explain(score: float, counted: Sequence[Factor], held: Sequence[Factor]) -> str:
    """``Score 6.5. Counted: … (+3); … Held back: … (−3); …`` in plain English."""
    parts = [f"Score {score:g}."]
    parts.append("Counted: " + "; ".join(
        f.text + (f" ({_signed(f.points)})" if f.points else "") for f in counted
    ) + ".")
    if held:
        parts.append("Held back: " + "; ".join(
            f.text + (f" ({_signed(f.points)})" if f.points else "") for f in held
        ) + ".")
    return " ".join(parts)
