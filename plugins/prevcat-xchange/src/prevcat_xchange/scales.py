"""Xchange's evidence scale, and the Blueprints ("Global") rating Xchange shows on some pages.

Common positions follow ``evidence_scales.yaml`` (``euda_xchange`` and ``blueprints``; Blueprints'
Promising by its label at 3, as the blueprints plugin places it, so one verdict has one level).  The
Global rating is another registry's verdict reported by Xchange, so it lives on its own scale
(``xchange-global``) and is never merged into Xchange's own verdict.
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel

SCALE_ID = "xchange"
GLOBAL_SCALE_ID = "xchange-global"
VERSION = "2017"  #: the rating labels in use since the registry's launch in October 2017


def _level(label: str, common: int, direction: Direction, description: str) -> ScaleLevel:
    return ScaleLevel(
        label=label,
        level=EvidenceLevel.from_common(common, direction),
        direction=direction,
        description=description,
    )


XCHANGE_SCALE = EvidenceScale(
    id=SCALE_ID,
    version=VERSION,
    name="EUDA Xchange evidence rating (European studies)",
    levels=(
        _level(
            "Unlikely to be beneficial",
            0,
            Direction.NO_EFFECT,
            "no or weak effect in the European studies (a real no-effect class, e.g. SFP 10-14)",
        ),
        _level(
            "Additional studies recommended",
            1,
            Direction.UNKNOWN,
            "European evidence insufficient to judge",
        ),
        _level("Possibly beneficial", 3, Direction.POSITIVE, "third from top (yaml fine position 3.3)"),
        _level("Likely to be beneficial", 3, Direction.POSITIVE, "second from top (yaml fine position 3.8)"),
        _level("Beneficial", 4, Direction.POSITIVE, "strongest Xchange rating (yaml fine position 4.5)"),
    ),
    url="https://www.euda.europa.eu/best-practice/xchange_en",
    note=(
        "Rates the European studies of a programme only. Xchange lists programmes with a sound European "
        "evaluation: a programme absent from Xchange is not rated, never 'no effect'."
    ),
)

GLOBAL_SCALE = EvidenceScale(
    id=GLOBAL_SCALE_ID,
    version=VERSION,
    name="Global rating shown by Xchange (Blueprints for Healthy Youth Development)",
    levels=(
        _level(
            "Promising",
            3,
            Direction.POSITIVE,
            "Blueprints Promising: 1 high-quality RCT or 2 QEDs (placed by label, as Blueprints' own scale)",
        ),
        _level("Model", 5, Direction.POSITIVE, "Blueprints Model (yaml fine position 4.75)"),
        _level("Model Plus", 5, Direction.POSITIVE, "Blueprints Model Plus: independent replication"),
    ),
    url="https://www.blueprintsprograms.org/blueprints-standards",
    note="Blueprints' verdict as reported on an Xchange page; attributed to Blueprints, reported by Xchange.",
)

SCALES: tuple[EvidenceScale, ...] = (XCHANGE_SCALE, GLOBAL_SCALE)
