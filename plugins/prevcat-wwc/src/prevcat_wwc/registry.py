"""``registry.toml`` read into prevcat objects: provenance, the scale, columns and vocabularies."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

from prevcat.catalogue import Provenance
from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel

REGISTRY: dict[str, Any] = tomllib.loads(files(__package__).joinpath("registry.toml").read_text("utf-8"))
BY_OUTCOME = "by_outcome"  #: the protocol kind whose rows take their domain from the outcome domain


def _level(entry: dict[str, Any]) -> ScaleLevel:
    direction, common = Direction(entry["direction"]), entry.get("common")
    level = None if common is None else EvidenceLevel.from_common(common, direction)
    return ScaleLevel(entry["label"], level, direction, entry["description"], entry.get("variants", ()))


def _kind(kind: str) -> str:
    return kind if kind == BY_OUTCOME else Domain(kind).value  # refuses a value that is no domain


_scale: dict[str, Any] = REGISTRY["scale"]
SCALE = EvidenceScale(
    id=_scale["id"],
    version=_scale["version"],
    name=_scale["name"],
    levels=[_level(entry) for entry in _scale["levels"]],
    url=_scale.get("url"),
    note=_scale.get("note"),
)
BLANK_LABEL: str = _scale["blank"]  #: the label of a row whose rating cell is blank
PROVENANCE = Provenance(**REGISTRY["provenance"])
COLUMNS: dict[str, str] = REGISTRY["columns"]
SNAPSHOT: dict[str, str] = REGISTRY["snapshot"]
EVIDENCE: dict[str, str] = REGISTRY["evidence"]  #: column key → words in a rating's note
FLAGS: dict[str, list[str]] = REGISTRY["flags"]
GRADES = {column: AgeRange(*ages) for column, ages in REGISTRY["grades"].items()}
PROTOCOLS = VocabularyMap({protocol: _kind(kind) for protocol, kind in REGISTRY["protocols"].items()})
PREVENTION_OUTCOMES = VocabularyMap(dict.fromkeys(REGISTRY["by_outcome"]["prevention_outcomes"], True))
PROTOCOL_LEVELS: VocabularyMap[PreventionLevel] = VocabularyMap(
    {name: [PreventionLevel(v) for v in levels] for name, levels in REGISTRY["protocol_levels"].items()}
)
