"""CrimeSolutions' evidence ratings: the legacy three-class scheme and the current labels.

"No Effects" (legacy, harmful results included) and "Ineffective"/"Negative Effects" (current)
are different labels with different meanings, so they live in different scale versions.
Common positions follow ``evidence_scales.yaml`` (``crimesolutions``).
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel

_P = Direction.POSITIVE


def _level(common: int, direction: Direction) -> EvidenceLevel:
    return EvidenceLevel.from_common(common, direction)


_PROMISING = ScaleLevel(
    "Promising", _level(3, _P), _P, "some evidence; implementing it may achieve the intended outcomes"
)
_EFFECTIVE = ScaleLevel(
    "Effective", _level(4, _P), _P, "strong evidence that it achieves its intended outcomes"
)

#: crimesolutions.gov (old site) and the OJJDP Model Programs Guide re-reviews of 2011-2013.
LEGACY = EvidenceScale(
    id="crimesolutions",
    version="legacy",
    name="CrimeSolutions evidence rating, legacy three-class scheme",
    levels=(
        ScaleLevel(
            "No Effects",
            _level(0, Direction.NO_EFFECT),
            Direction.NO_EFFECT,
            "strong evidence of no effect; harmful effects were included in this class",
        ),
        _PROMISING,
        _EFFECTIVE,
    ),
    url="https://crimesolutions.gov/GlossaryDetails.aspx?ID=50",
    note="Effective, Promising or No Effects; 'No Effects' may hide harmful results.",
)

#: crimesolutions.ojp.gov: null and harmful results apart; inconclusive reviews listed, not rated.
CURRENT = EvidenceScale(
    id="crimesolutions",
    version="current",
    name="CrimeSolutions evidence rating, current labels",
    levels=(
        ScaleLevel(
            "Negative Effects",
            _level(0, Direction.NEGATIVE),
            Direction.NEGATIVE,
            "strong evidence of harmful effects",
        ),
        ScaleLevel(
            "Ineffective",
            _level(0, Direction.NO_EFFECT),
            Direction.NO_EFFECT,
            "strong evidence of no effect (replaces 'No Effects' for null results)",
        ),
        ScaleLevel(
            "Inconclusive Evidence",
            _level(1, Direction.UNKNOWN),
            Direction.UNKNOWN,
            "reviewed but not rated: evidence insufficient or unclear",
        ),
        _PROMISING,
        _EFFECTIVE,
    ),
    url="https://crimesolutions.ojp.gov/faq/list",
    note="Since 2025 programmes are rated per outcome, as practices always were.",
)

SCALES: dict[str, EvidenceScale] = {s.version: s for s in (LEGACY, CURRENT)}
ALL_SCALES: tuple[EvidenceScale, ...] = (LEGACY, CURRENT)
