"""``registry.toml`` read into prevcat objects: provenance, the scale, columns and vocabularies."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

from prevcat.catalogue import Provenance
from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel

#: the protocol kind whose rows take their domain from the outcome domain
BY_OUTCOME = "by_outcome"

REGISTRY: dict[str, Any] = tomllib.loads(
    files("prevcat_wwc").joinpath("registry.toml").read_text(encoding="utf-8")
)


def _level(entry: dict[str, Any]) -> ScaleLevel:
    direction = Direction(entry["direction"])
    common = entry.get("common")
    return ScaleLevel(
        label=entry["label"],
        level=None if common is None else EvidenceLevel.from_common(common, direction),
        direction=direction,
        description=entry.get("description"),
        variants=entry.get("variants", ()),
    )


def _kind(kind: str) -> str:
    if kind != BY_OUTCOME:
        Domain(kind)  # refuses a value that is not a domain
    return kind


_scale = REGISTRY["scale"]
SCALE = EvidenceScale(
    id=_scale["id"],
    version=_scale["version"],
    name=_scale["name"],
    levels=[_level(entry) for entry in _scale["levels"]],
    url=_scale.get("url"),
    note=_scale.get("note"),
)
#: the label of a row whose rating cell is blank
BLANK_LABEL: str = _scale["blank"]
PROVENANCE = Provenance(**REGISTRY["provenance"])
COLUMNS: dict[str, str] = REGISTRY["columns"]
SNAPSHOT: dict[str, str] = REGISTRY["snapshot"]
GRADES: dict[str, AgeRange] = {
    column: AgeRange(ages[0], ages[1] if len(ages) > 1 else None)
    for column, ages in REGISTRY["grades"].items()
}
PROTOCOLS: VocabularyMap[str] = VocabularyMap(
    {protocol: _kind(kind) for protocol, kind in REGISTRY["protocols"].items()}
)
PREVENTION_OUTCOMES: VocabularyMap[Domain] = VocabularyMap(
    dict.fromkeys(REGISTRY["by_outcome"]["prevention_outcomes"], Domain.PREVENTION)
)
_levels: dict[str, list[str]] = REGISTRY["protocol_levels"]
PROTOCOL_LEVELS: VocabularyMap[PreventionLevel] = VocabularyMap(
    {protocol: [PreventionLevel(v) for v in levels] for protocol, levels in _levels.items()}
)
