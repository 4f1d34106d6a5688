"""The Dutch recognition scale (Erkenningscommissie Interventies), one version per database wording.

NJi, RIVM Loketgezondleven and Justitiële Interventies publish verdicts of the same
recognition system, each in its own words ("Effectief volgens goede aanwijzingen" at NJi,
"Goede aanwijzingen voor effectiviteit" at RIVM).  Each wording is its own scale version,
so every rating keeps the words of its database, and all three place the same verdict on
the same common level (``evidence_scales.yaml``, ``nl_erkenning``):

=============================  =====================================  ======  =========
NJi                            RIVM Loketgezondleven                  common  direction
=============================  =====================================  ======  =========
(niet erkend)                  --                                     1       unknown
--                             Goed beschreven                        2       unknown
Goed onderbouwd                Goed onderbouwd                        2       unknown
Effectief volgens eerste …     Eerste aanwijzingen voor effectiviteit 3       positive
Effectief volgens goede …      Goede aanwijzingen voor effectiviteit  4       positive
Effectief volgens sterke …     Sterke aanwijzingen voor effectiviteit 5       positive
=============================  =====================================  ======  =========
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceScale
from prevcat.importers.toolkit import scale_level

SCALE_ID = "nji-erkenning"

#: the ``Databank`` column's values → the scale version holding that database's wording
NJI_DATABANK = "NJi"
RIVM = "RIVM Loketgezondleven"
JUSTITIE = "Justitiële Interventies"


_THEORY = "well founded: good description and a plausible theory of change; no outcome evidence yet"
_FIRST = "first indications of effectiveness"
_GOOD = "good indications of effectiveness"
_STRONG = "strong indications of effectiveness (highest level)"

NJI_SCALE = EvidenceScale(
    id=SCALE_ID,
    version="nji",
    name="Erkenningscommissie Interventies, NJi Databank Effectieve Jeugdinterventies wording ('Erkend als')",
    levels=(
        scale_level(
            "niet erkend",
            1,
            Direction.UNKNOWN,
            "not recognised: the committee found the description or theory insufficient "
            "(no claim of no effect)",
        ),
        scale_level(
            "Goed onderbouwd",
            2,
            Direction.UNKNOWN,
            _THEORY,
            # NJi 2012-2013 wording, still listed in the 2013 JGZ guideline.
            variants=("theoretisch goed onderbouwd",),
        ),
        scale_level(
            "Effectief volgens eerste aanwijzingen",
            3,
            Direction.POSITIVE,
            _FIRST,
            # NJi description PDFs add "voor effectiviteit".
            variants=("Effectief volgens eerste aanwijzingen voor effectiviteit",),
        ),
        scale_level(
            "Effectief volgens goede aanwijzingen",
            4,
            Direction.POSITIVE,
            _GOOD,
            variants=("Effectief volgens goede aanwijzingen voor effectiviteit",),
        ),
        scale_level(
            "Effectief volgens sterke aanwijzingen",
            5,
            Direction.POSITIVE,
            _STRONG,
            variants=("Effectief volgens sterke aanwijzingen voor effectiviteit",),
        ),
    ),
    url="https://www.nji.nl/interventies",
    note="Same verdicts as the RIVM wording (version 'rivm'); 'niet erkend' is NJi's not-recognised flag.",
)

RIVM_SCALE = EvidenceScale(
    id=SCALE_ID,
    version="rivm",
    name="Erkenningscommissie Interventies, RIVM Loketgezondleven wording ('Erkenningsstatus')",
    levels=(
        scale_level(
            "Goed beschreven",
            2,
            Direction.UNKNOWN,
            "well described (judged by three practitioners, not by the committee); RIVM only",
        ),
        scale_level("Goed onderbouwd", 2, Direction.UNKNOWN, _THEORY),
        scale_level("Eerste aanwijzingen voor effectiviteit", 3, Direction.POSITIVE, _FIRST),
        scale_level("Goede aanwijzingen voor effectiviteit", 4, Direction.POSITIVE, _GOOD),
        scale_level("Sterke aanwijzingen voor effectiviteit", 5, Direction.POSITIVE, _STRONG),
    ),
    url="https://interventies.loketgezondleven.nl/leefstijlinterventies/interventies-zoeken",
    note="'Goed beschreven' sits below 'Goed onderbouwd' natively; both are common level 2 "
    "(evidence_scales.yaml gives 'Goed beschreven' the finer position 1.75).",
)

JUSTITIE_SCALE = EvidenceScale(
    id=SCALE_ID,
    version="justitie",
    name="Erkenningscommissie Justitiële Interventies (since December 2015)",
    levels=(
        scale_level("Goed onderbouwd", 2, Direction.UNKNOWN, _THEORY),
        scale_level("Effectief volgens eerste aanwijzingen", 3, Direction.POSITIVE, _FIRST),
        scale_level("Effectief volgens goede aanwijzingen", 4, Direction.POSITIVE, _GOOD),
        scale_level("Effectief volgens sterke aanwijzingen", 5, Direction.POSITIVE, _STRONG),
    ),
    url="https://justitieleinterventies.nl",
    note="The justice committee took over earlier verdicts in Dec 2015 and uses the four "
    "'effectief volgens' levels; the older 'Erkend'/'voorlopig erkend' labels are not placed.",
)

SCALES: tuple[EvidenceScale, ...] = (NJI_SCALE, RIVM_SCALE, JUSTITIE_SCALE)

#: ``Databank`` value → the scale of its wording
SCALE_BY_DATABANK: dict[str, EvidenceScale] = {
    NJI_DATABANK: NJI_SCALE,
    RIVM: RIVM_SCALE,
    JUSTITIE: JUSTITIE_SCALE,
}
