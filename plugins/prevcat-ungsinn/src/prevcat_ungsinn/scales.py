"""Ungsinn's two classification scales, kept apart: old criteria (1-4) and new criteria (0-5).

Old level 3 and new level 3 are not the same claim, so every rating names its scale version.
Common positions follow ``evidence_scales.yaml`` (``ungsinn_v1`` and ``ungsinn_v2``).
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceScale, ScaleLevel
from prevcat.importers.toolkit import scale_level

SCALE_ID = "ungsinn"
OLD_VERSION = "2008"  #: criteria of 2008-2009, articles before November 2015 ("Evidensnivå 1..4")
NEW_VERSION = "2015"  #: criteria v2.0/v2.1, articles from November 2015 ("Nivå 0..5")

_UNKNOWN = Direction.UNKNOWN
_POSITIVE = Direction.POSITIVE


#: number → level, new criteria (from November 2015; level 0 added in v2.1)
NEW_LEVELS: dict[int, ScaleLevel] = {
    0: scale_level(
        "Nivå 0: Uvirksomt tiltak",
        0,
        Direction.NO_EFFECT,
        "ineffective: no effect or negative effects (the label does not say which)",
        ("Uvirksomt tiltak", "Uvirksomme tiltak"),
    ),
    1: scale_level(
        "Nivå 1: Godt beskrevne tiltak",
        2,
        _UNKNOWN,
        "well described; no outcome evidence (yaml fine position 1.75, placed on common 2)",
        ("Godt beskrevne tiltak", "Godt beskrevet tiltak"),
    ),
    2: scale_level(
        "Nivå 2: Teoretisk begrunnede tiltak",
        2,
        _UNKNOWN,
        "theoretically founded; no outcome evidence",
        ("Teoretisk begrunnede tiltak", "Teoretisk begrunnet tiltak", "Nivå 2: Teoretisk begrunnet tiltak"),
    ),
    3: scale_level(
        "Nivå 3: Tiltak med noe dokumentasjon på effekt",
        3,
        _POSITIVE,
        "some documentation of effect",
        (
            "Tiltak med noe dokumentasjon på effekt",
            "Intervensjon med noe dokumentasjon på effekt",
            "Nivå 3: Noe dokumentasjon på effekt",
            "Nivå 3: Noe dokumentasjon",
        ),
    ),
    4: scale_level(
        "Nivå 4: Tiltak med tilfredsstillende dokumentasjon på effekt",
        4,
        _POSITIVE,
        "satisfactory documentation of effect",
        (
            "Tiltak med tilfredsstillende dokumentasjon på effekt",
            "Intervensjon med tilfredsstillende dokumentasjon på effekt",
            "Nivå 4: Tilfredsstillende dokumentasjon",
        ),
    ),
    5: scale_level(
        "Nivå 5: Tiltak med sterk dokumentasjon på effekt",
        5,
        _POSITIVE,
        "strong documentation of effect",
        (
            "Tiltak med sterk dokumentasjon på effekt",
            "Intervensjon med sterk dokumentasjon på effekt",
            "Nivå 5: Sterk dokumentasjon",
        ),
    ),
}

#: number → level, old criteria (articles before November 2015)
OLD_LEVELS: dict[int, ScaleLevel] = {
    1: scale_level(
        "Evidensnivå 1: Potensielt virksomt tiltak",
        2,
        _UNKNOWN,
        "potentially effective (yaml fine position 1.75, placed on common 2)",
        ("Potensielt virksomt tiltak",),
    ),
    2: scale_level(
        "Evidensnivå 2: Sannsynlig virksomt tiltak",
        2,
        _UNKNOWN,
        "probably effective: theory-based, no outcome evidence",
        ("Sannsynlig virksomt tiltak",),
    ),
    3: scale_level(
        "Evidensnivå 3: Funksjonelt virksomt tiltak",
        3,
        _POSITIVE,
        "functionally effective: Norwegian evaluations with weak designs (dokumentasjonsgrad * to ***)",
        ("Funksjonelt virksomt tiltak",),
    ),
    4: scale_level(
        "Evidensnivå 4: Dokumentert virksomt tiltak",
        4,
        _POSITIVE,
        "documented effective: controlled studies (dokumentasjonsgrad **** or *****)",
        ("Dokumentert virksomt tiltak",),
    ),
}

NEW_SCALE = EvidenceScale(
    id=SCALE_ID,
    version=NEW_VERSION,
    name="Ungsinn classification, criteria v2.0/v2.1 (articles from November 2015)",
    levels=tuple(NEW_LEVELS[n] for n in sorted(NEW_LEVELS)),
    url="https://ungsinn.no/post_artikkel/om-kunnskapsoppsummeringene/",
    note="Each article answers whether the intervention works in ordinary Norwegian practice; "
    "level 0 was added in v2.1.",
)

OLD_SCALE = EvidenceScale(
    id=SCALE_ID,
    version=OLD_VERSION,
    name="Ungsinn classification, old criteria (articles before November 2015)",
    levels=tuple(OLD_LEVELS[n] for n in sorted(OLD_LEVELS)),
    url="https://ungsinn.no/post_artikkel/prinsipper-for-klassifisering-i-ungsinn/",
    note="Levels 3 and 4 carry a dokumentasjonsgrad (* to *****), kept in each rating's note. "
    "Old level 3 is not new level 3.",
)

SCALES: tuple[EvidenceScale, ...] = (OLD_SCALE, NEW_SCALE)

#: scale version → number → level
LEVELS_BY_VERSION: dict[str, dict[int, ScaleLevel]] = {OLD_VERSION: OLD_LEVELS, NEW_VERSION: NEW_LEVELS}
SCALE_BY_VERSION: dict[str, EvidenceScale] = {OLD_VERSION: OLD_SCALE, NEW_VERSION: NEW_SCALE}
