"""JSON rendering: a stable, versioned document of a comparison.

The document is ``{"format": "prevcat-comparison", "version": 1, ...}`` followed by the
fields of :class:`~prevcat.compare.model.Comparison`, each attrs field under its own name
(enums as their values, dates ISO 8601, scale references as ``id@version``), plus derived
values a reader needs: ``range_label`` and ``effective`` per method, ``effective_share`` per
evidence profile, ``gap`` per coverage cell.  Fields are only ever added within a version.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn

from prevcat.compare.model import Cell, CityMethod, Comparison, EvidenceProfile, Factor, Suggestion
from prevcat.evidence import ScaleRef

FORMAT = "prevcat-comparison"
VERSION = 1


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    converter.register_unstructure_hook(ScaleRef, str)

    def with_extra(cls: type, extra: dict[str, Any]) -> None:
        base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)

        def hook(obj: Any) -> dict[str, Any]:
            out = base(obj)
            out.update({key: fn(obj) for key, fn in extra.items()})
            return out

        converter.register_unstructure_hook(cls, hook)

    with_extra(Suggestion, {"toml": lambda s: s.toml})
    with_extra(CityMethod, {"range_label": lambda m: m.range_label, "effective": lambda m: m.effective})
    with_extra(EvidenceProfile, {"effective_share": lambda p: round(p.effective_share, 4)})
    with_extra(Cell, {"gap": lambda c: c.gap})
    converter.register_unstructure_hook(Factor, lambda f: {
        "code": f.code, "points": f.points, "message": f.message, "values": dict(f.values), "text": f.text,
    })

    return converter


CONVERTER = _make_converter()


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data."""
    body = CONVERTER.unstructure(comparison)
    assert isinstance(body, dict)
    return {"format": FORMAT, "version": VERSION, **body}


def render_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as JSON text (UTF-8, non-ASCII kept)."""
    return json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent) + "\n"
