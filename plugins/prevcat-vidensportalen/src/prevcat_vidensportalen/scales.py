"""Vidensportalen's knowledge declaration (Vidensdeklaration): A-D per knowledge type, no effect grade.

Socialstyrelsen scores the knowledge base of an intervention on five knowledge types
(Målgruppe, Metode, Implementering, Effekt, Økonomi), each from A (strongest, best described)
to D (weakest), and calls the score a reasoned professional judgement.  It is a profile, not
one grade, and even the Effekt score rates the knowledge about effects, not an effect found.
So the scale is non-ordinal and no letter is placed on the common scale (``level=None``);
an importer gives one rating per knowledge type, naming the type in ``Rating.outcome``.
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceScale, ScaleLevel

SCALE_ID = "vidensportalen-vidensdeklaration"


def _letter(label: str, description: str) -> ScaleLevel:
    return ScaleLevel(label=label, level=None, direction=Direction.UNKNOWN, description=description)


DECLARATION_SCALE = EvidenceScale(
    id=SCALE_ID,
    version="a-d",
    name="Vidensportalen / Socialstyrelsen Vidensdeklaration (A-D per knowledge type)",
    levels=(
        _letter("D", "weakest knowledge base for this knowledge type"),
        _letter("C", "knowledge base between B and D for this knowledge type"),
        _letter("B", "knowledge base between A and C for this knowledge type"),
        _letter("A", "strongest, best-described knowledge base for this knowledge type"),
    ),
    ordinal=False,
    url="https://vidensportal.dk/om-portalen/vidensforstaaelsen-bag-vidensportalen",
    note="A profile over five knowledge types (Målgruppe, Metode, Implementering, Effekt, Økonomi), "
    "not a single grade and no effect claim; introduced 2013, revised 2017 (the snapshot does not say "
    "which revision each declaration follows). Listed D to A; A is the strongest.",
)

SCALES: tuple[EvidenceScale, ...] = (DECLARATION_SCALE,)
