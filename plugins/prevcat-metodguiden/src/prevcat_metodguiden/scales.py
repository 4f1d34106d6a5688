"""The one scale of the Metodguiden snapshot: priorities of Socialstyrelsen's national guidelines.

Metodguiden itself grades nothing and recommends nothing.  The snapshot's only verdict column is
the priority a method has in Socialstyrelsen's *Nationella riktlinjer* (NR): 1 (highest) to 10
(lowest), "FoU" (research and development only) or "Icke-göra" (should not be done).  A priority
weighs the severity of the condition, the effect *and* the cost-effectiveness of the method and
the strength of the evidence (or, where evidence is lacking, expert consensus), so it is not an
effect grade: every level has ``level=None`` and the scale is not ordinal on the common scale.

"Icke-göra" advises against a method, but the snapshot's notes do not say why (no effect,
harm, or a better alternative), so it claims no direction either.
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceScale, ScaleLevel

SCALE_ID = "metodguiden-nr"
SCALE_VERSION = "1"
#: whose verdict the ratings are (not Metodguiden's own)
DATABASE = "Socialstyrelsen, Nationella riktlinjer"


def _priority(number: int) -> ScaleLevel:
    if number == 1:
        gloss = "highest priority"
    elif number == 10:
        gloss = "lowest priority"
    else:
        gloss = "1 = highest, 10 = lowest"
    return ScaleLevel(
        label=str(number),
        level=None,
        direction=Direction.UNKNOWN,
        description=f"NR priority {number} ({gloss}); weighs need, effect, cost and evidence, "
        "so it is not an effect grade",
        variants=(f"Prioritet {number}",),
    )


NR_SCALE = EvidenceScale(
    id=SCALE_ID,
    version=SCALE_VERSION,
    name="Socialstyrelsen, nationella riktlinjer: prioritet (rekommendation)",
    levels=(
        *(_priority(n) for n in range(1, 11)),
        ScaleLevel(
            label="FoU",
            level=None,
            direction=Direction.UNKNOWN,
            description="research and development only (forskning och utveckling): not for routine use",
        ),
        ScaleLevel(
            label="Icke-göra",
            level=None,
            direction=Direction.UNKNOWN,
            description="should not be done; the reason (no effect, harm, better alternatives) is not stated",
        ),
    ),
    ordinal=False,
    note="Metodguiden gives no rating of its own; this scale carries the national-guideline priority the "
    "snapshot records, which is a recommendation, not an effect grade.",
)

SCALES: tuple[EvidenceScale, ...] = (NR_SCALE,)
