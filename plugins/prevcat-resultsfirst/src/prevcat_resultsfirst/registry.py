"""registry.toml read into prevcat objects: provenance, columns, the colour scale, clearinghouse scales."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib.resources import files
from typing import Any

from attrs import frozen

from prevcat.catalogue import Provenance
from prevcat.evidence import Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.importers.vocab import VocabularyMap
from prevcat.model import Setting

KEY = "resultsfirst"


def _data() -> dict[str, Any]:
    text = files("prevcat_resultsfirst").joinpath("registry.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _level(raw: dict[str, Any]) -> ScaleLevel:
    direction = Direction(raw.get("direction", "unknown"))
    common = raw.get("common")
    return ScaleLevel(
        label=raw["label"],
        level=None if common is None else EvidenceLevel.from_common(int(common), direction),
        direction=direction,
        description=raw.get("description"),
        variants=tuple(raw.get("variants", ())),
    )


def _scores(raw: dict[str, Any]) -> list[ScaleLevel]:
    low, high, step = (Decimal(str(raw[k])) for k in ("low", "high", "step"))
    levels, value = [], low
    while value <= high:
        variants = (str(int(value)),) if value == value.to_integral_value() else ()
        levels.append(ScaleLevel(f"{value:.1f}", None, Direction.UNKNOWN, raw.get("description"), variants))
        value += step
    return levels


@frozen
class Clearinghouse:
    """One clearinghouse: its name as prevcat writes it, the names the workbook may print, its scale."""

    key: str
    name: str
    names: tuple[str, ...]
    scale: EvidenceScale


def _clearinghouse(raw: dict[str, Any]) -> Clearinghouse:
    levels = [_level(level) for level in raw.get("levels", ())]
    if "score_range" in raw:
        levels += _scores(raw["score_range"])
    scale = EvidenceScale(
        id=f"{KEY}-{raw['key']}",
        version="1",
        name=f"{raw['name']} rating as reported by Results First",
        levels=tuple(levels),
        ordinal=False,
        url=raw.get("url"),
        note="Labels verbatim; a label without a common level is not placed (see registry.toml).",
    )
    return Clearinghouse(raw["key"], raw["name"], tuple(raw.get("names", ())), scale)


_DATA = _data()
PROVENANCE = Provenance(**_DATA["provenance"])
COLUMNS: dict[str, str] = dict(_DATA["columns"])
SEPARATORS: str = "".join(_DATA["cells"]["separators"])
COLOUR_SCALE = EvidenceScale(
    id=_DATA["colour_scale"]["id"],
    version=_DATA["colour_scale"]["version"],
    name=_DATA["colour_scale"]["name"],
    levels=tuple(_level(level) for level in _DATA["colour_scale"]["levels"]),
    url=_DATA["colour_scale"].get("url"),
    note=_DATA["colour_scale"].get("note"),
)
CLEARINGHOUSES: tuple[Clearinghouse, ...] = tuple(_clearinghouse(raw) for raw in _DATA["clearinghouses"])
ALL_SCALES: tuple[EvidenceScale, ...] = (COLOUR_SCALE, *(c.scale for c in CLEARINGHOUSES))
SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {word: tuple(Setting(v) for v in values) for word, values in _DATA["settings"].items()}
)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_BY_NAME = {_fold(n): c for c in CLEARINGHOUSES for n in (c.name, *c.names)}


def clearinghouse(printed: str) -> Clearinghouse | None:
    """The clearinghouse a Clearinghouse cell names (case and spacing ignored), or None."""
    return _BY_NAME.get(_fold(printed))
