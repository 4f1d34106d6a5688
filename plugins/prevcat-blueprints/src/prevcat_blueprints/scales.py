"""Blueprints' evidence scales: its own ratings (one version per page generation) and endorsements.

Common positions follow ``evidence_scales.yaml`` (``blueprints``), except that ``Promising`` is
placed by its label at 3 (promising), not by its design threshold at 4; docs/sources/blueprints.md
says why.  Endorsements are other registries' ratings as Blueprints prints them, one scale per
endorsing registry, labels verbatim.
"""

from __future__ import annotations

from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel

STANDARDS_URL = "https://www.blueprintsprograms.org/blueprints-standards"

_P = Direction.POSITIVE


def _level(common: int, direction: Direction) -> EvidenceLevel:
    return EvidenceLevel.from_common(common, direction)


_PROMISING = ScaleLevel(
    "Promising",
    _level(3, _P),
    _P,
    "1 high-quality RCT or 2 high-quality QEDs with positive impact and no harm "
    "(yaml proposes 4 by design threshold; placed at 3 by label)",
)
_MODEL = ScaleLevel(
    "Model",
    _level(5, _P),
    _P,
    "Promising plus 2 high-quality RCTs (or 1 RCT + 1 QED) and effects sustained at least 12 months",
)
_MODEL_PLUS = ScaleLevel(
    "Model Plus", _level(5, _P), _P, "Model plus at least one high-quality independent replication"
)

#: Older page template (/factsheet/, /funding/, /program-costs/, /evaluation-abstract/):
#: header "Blueprints Program Rating: X"; certified labels only.
FACTSHEET = EvidenceScale(
    id="blueprints",
    version="factsheet",
    name="Blueprints certification (older fact-sheet pages)",
    levels=(_PROMISING, _MODEL, _MODEL_PLUS),
    url=STANDARDS_URL,
    note="Certified programmes only; a programme not listed has no rating, never 'no effect'.",
)

#: Newer page template (/programs/{id}/{slug}/) and the current site's lists: the rating appears in
#: the Endorsements block ("Blueprints: Promising"); the non-certified database adds its own labels.
PROGRAMS = EvidenceScale(
    id="blueprints",
    version="programs",
    name="Blueprints ratings (newer programme pages and non-certified database)",
    levels=(
        ScaleLevel(
            "Harmful",
            _level(0, Direction.NEGATIVE),
            Direction.NEGATIVE,
            "non-certified: evaluations found harmful effects",
        ),
        ScaleLevel(
            "Inconclusive Evidence",
            _level(1, Direction.UNKNOWN),
            Direction.UNKNOWN,
            "non-certified: evidence inconclusive",
        ),
        _PROMISING,
        _MODEL,
        _MODEL_PLUS,
    ),
    url=STANDARDS_URL,
    note=(
        "Non-certified labels other than 'Harmful' and 'Inconclusive Evidence' (ineffective, insufficient, "
        "not dissemination ready) are not confirmed verbatim and are not accepted until they are."
    ),
)

#: Narrative pages (/criteria, /{slug}/) and newsletters (/issue-no-N/): "Model" there does not
#: tell Model from Model Plus.
NARRATIVE = EvidenceScale(
    id="blueprints",
    version="narrative",
    name="Blueprints ratings as named on narrative and newsletter pages",
    levels=(
        _PROMISING,
        ScaleLevel(
            "Model",
            _level(5, _P),
            _P,
            "Model or Model Plus (narrative pages and newsletters do not tell them apart)",
        ),
    ),
    url=STANDARDS_URL,
)

RATING_SCALES: dict[str, EvidenceScale] = {s.version: s for s in (FACTSHEET, PROGRAMS, NARRATIVE)}

# -- endorsements: other registries' ratings as printed on Blueprints fact sheets -----------------

END_CRIMESOLUTIONS = EvidenceScale(
    id="blueprints-endorsements-crimesolutions",
    version="1",
    name="CrimeSolutions / OJJDP Model Programs Guide rating as printed by Blueprints",
    levels=(
        ScaleLevel("Promising", _level(3, _P), _P, "CrimeSolutions 'Promising'"),
        ScaleLevel("Effective", _level(4, _P), _P, "CrimeSolutions 'Effective'"),
    ),
    note="The OJJDP Model Programs Guide shares the CrimeSolutions database and ratings.",
)

_NREPP_RANGES = (
    "2.2-2.8",
    "2.6-3.1",
    "2.6-3.2",
    "2.8-3.1",
    "2.8-3.3",
    "2.9-3.4",
    "3.1-3.2",
    "3.2-3.6",
    "3.6-3.7",
    "3.6-3.8",
    "3.8-3.9",
    "3.9-4.0",
)


def _nrepp_level(score_range: str) -> ScaleLevel:
    low, high = score_range.split("-")
    return ScaleLevel(
        score_range,
        None,
        Direction.UNKNOWN,
        f"NREPP legacy quality-of-research scores {low} to {high} (0.0-4.0); not an effect level",
        variants=(f"{low} - {high}",),
    )


END_NREPP = EvidenceScale(
    id="blueprints-endorsements-nrepp",
    version="legacy",
    name="SAMHSA NREPP legacy quality-of-research score range as printed by Blueprints",
    levels=tuple(_nrepp_level(r) for r in _NREPP_RANGES),
    ordinal=False,
    note=(
        "Score ranges seen in the snapshot. Quality of research says nothing about effect direction, "
        "so no common level; the yaml's binning is marked unverified."
    ),
)

END_SPTW = EvidenceScale(
    id="blueprints-endorsements-sptw",
    version="1",
    name="Social Programs That Work tier as printed by Blueprints",
    levels=(
        ScaleLevel("Suggestive Tier", _level(3, _P), _P),
        ScaleLevel("Near Top Tier", _level(4, _P), _P),
        ScaleLevel("Top Tier", _level(5, _P), _P),
    ),
    note="Placement from evidence_scales.yaml (marked unverified there).",
)

END_WWC = EvidenceScale(
    id="blueprints-endorsements-wwc",
    version="1",
    name="What Works Clearinghouse study rating as printed by Blueprints",
    levels=(
        ScaleLevel(
            "Meets Standards Without Reservations - Positive Effect",
            _level(3, _P),
            _P,
            "a study meeting WWC standards without reservations found a positive effect (one study)",
        ),
    ),
)

ENDORSEMENT_SCALES: dict[str, EvidenceScale] = {
    "crimesolutions": END_CRIMESOLUTIONS,
    "nrepp": END_NREPP,
    "sptw": END_SPTW,
    "wwc": END_WWC,
}

ALL_SCALES: tuple[EvidenceScale, ...] = (*RATING_SCALES.values(), *ENDORSEMENT_SCALES.values())
