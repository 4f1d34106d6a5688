"""CSV export: one row per intervention, multi-valued cells joined, formula-leading cells neutralised."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from prevcat.evidence import Rating
from prevcat.model import Intervention

CSV_COLUMNS = (
    "id",
    "name",
    "source",
    "aliases",
    "country",
    "languages",
    "domains",
    "levels",
    "min_age",
    "max_age",
    "settings",
    "substances",
    "ratings",
    "lowest_level",
    "highest_level",
    "disputed",
    "original",
    "url",
    "confidence",
    "description",
    "extra",
)
MULTI_SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: leading characters a spreadsheet may skip before it looks for a formula sign
_FORMULA_PADDING = " \u00a0\u3000\t\r\n"


def neutralise_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with ``'``.

    A formula sign (``= + - @``), also in its full-width or small form (``＝``, ``﹢``), at the start
    or after leading spaces, and a leading tab, carriage return or line feed, all count.
    """
    if value.startswith(_FORMULA_START):
        return "'" + value
    first = value.lstrip(_FORMULA_PADDING)[:1]
    if first and unicodedata.normalize("NFKC", first) in _FORMULA_START:
        return "'" + value
    return value


def _rating_text(rating: Rating) -> str:
    level = rating.level.value if rating.level else "unplaced"
    extra = f"; {rating.database}" if rating.database else ""
    outcome = f"; outcome: {rating.outcome}" if rating.outcome else ""
    return f"{rating.label} [{rating.scale} → {level}, {rating.direction.value}{extra}{outcome}]"


def intervention_row(item: Intervention) -> dict[str, str]:
    """One intervention as a flat CSV row (multi-values joined with `` | ``), not yet neutralised."""
    target = item.target
    summary = item.evidence
    join = MULTI_SEPARATOR.join
    return {
        "id": item.id,
        "name": item.name,
        "source": item.source,
        "aliases": join(str(a) for a in item.aliases),
        "country": item.country or "",
        "languages": join(item.languages),
        "domains": join(d.value for d in item.domains),
        "levels": join(v.value for v in target.levels),
        "min_age": "" if target.ages.min is None else str(target.ages.min),
        "max_age": "" if target.ages.max is None else str(target.ages.max),
        "settings": join(v.value for v in target.settings),
        "substances": join(v.value for v in target.substances),
        "ratings": join(_rating_text(r) for r in item.ratings),
        "lowest_level": summary.lowest.value if summary.lowest else "",
        "highest_level": summary.highest.value if summary.highest else "",
        "disputed": "yes" if summary.disputed else "no",
        "original": item.original or "",
        "url": item.url or "",
        "confidence": item.confidence.value if item.confidence else "",
        "description": item.description or "",
        "extra": json.dumps(dict(_group_extra(item.extra)), ensure_ascii=False) if item.extra else "",
    }


def _group_extra(extra: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, str | list[str]] = {}
    for key, value in extra:
        if key not in grouped:
            grouped[key] = value
        else:
            current = grouped[key]
            grouped[key] = [*current, value] if isinstance(current, list) else [current, value]
    return grouped


def write_csv(interventions: Iterable[Intervention], target: str | Path | IO[str]) -> int:
    """Write one row per intervention (first column ``id``), formula-like cells neutralised.

    Returns the number of rows written.
    """
    handle: IO[str]
    if isinstance(target, (str, Path)):
        handle = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115
        close = True
    else:
        handle, close = target, False
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for item in interventions:
            writer.writerow({k: neutralise_cell(v) for k, v in intervention_row(item).items()})
            count += 1
        return count
    finally:
        if close:
            handle.close()


def dumps_csv(interventions: Iterable[Intervention]) -> str:
    """The CSV export as a string."""
    buffer = io.StringIO()
    write_csv(interventions, buffer)
    return buffer.getvalue()
