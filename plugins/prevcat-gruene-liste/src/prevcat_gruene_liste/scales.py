"""The Grüne Liste's three-level scale ("Beweiskraft"), positions from ``evidence_scales.yaml``.

Each level has two wordings: the label a programme page shows ("Effektivität nachgewiesen") and
its level on the registry's information page ("Stufe 3"); both are the same verdict and both
are accepted, as are the combined forms ("Stufe 3: Effektivität nachgewiesen").  The registry
lists only recommended programmes: it has no negative class.
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel

SCALE_ID = "gruene-liste"
VERSION = "1"


def _level(stufe: int, label: str, common: int, direction: Direction, description: str) -> ScaleLevel:
    return ScaleLevel(
        label=label,
        level=EvidenceLevel.from_common(common, direction),
        direction=direction,
        description=description,
        variants=(f"Stufe {stufe}", f"Stufe {stufe}: {label}"),
    )


#: Stufe number → level
LEVELS: dict[int, ScaleLevel] = {
    1: _level(
        1,
        "Effektivität theoretisch gut begründet",
        2,
        Direction.UNKNOWN,
        "effectiveness theoretically well founded: the concept meets the criteria, evaluations do not yet "
        "prove an effect",
    ),
    2: _level(2, "Effektivität wahrscheinlich", 3, Direction.POSITIVE, "effectiveness probable"),
    3: _level(3, "Effektivität nachgewiesen", 4, Direction.POSITIVE, "effectiveness proven"),
}

GRUENE_LISTE_SCALE = EvidenceScale(
    id=SCALE_ID,
    version=VERSION,
    name="Grüne Liste Prävention: Beweiskraft (Stufe 1-3)",
    levels=tuple(LEVELS.values()),
    url="https://ctc-info.de/nano.cms/datenbank/information",
    note=(
        "Programmes are rated on concept, implementation and evaluation quality. Only recommended "
        "programmes are listed: a programme absent from the list is not rated, never 'no effect'."
    ),
)


def stufe_of(level: ScaleLevel) -> int:
    """The Stufe number (1-3) of a level of this scale."""
    return next(n for n, candidate in LEVELS.items() if candidate == level)
