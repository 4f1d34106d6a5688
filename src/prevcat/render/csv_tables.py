"""CSV tables of a comparison, one table per call; every cell that a spreadsheet would run is neutralised.

Tables and their columns (multi-values joined with `` | ``):

``methods`` — one row per city and method:
    city, country, key (cluster id, ``local:<name>`` or ``ambiguous:<name>``), kind (matched, local,
    ambiguous), as_written (the city's own name(s)), name (the cluster's name), intervention_id,
    members (every record of the cluster), evidence (range on the common scale), lowest, highest,
    disputed, effective (rated effective or better somewhere), ratings (every rating:
    ``source (country): “label” → level [scale@version]``), no_effect_or_harmful (those ratings only),
    home, region, elsewhere (ratings by where the registry is, seen from the city), contradiction,
    candidates (ambiguous entries), confidence, sources.
``coverage`` — one row per city and coverage cell:
    city, dimension (``level×setting``, ``age``, ``substance``, ``domain``), row, column, count, gap, methods.
``shared`` — one row per method used by any compared city:
    key, name, kind, evidence, cities, count.
``pairs`` — one row per pair of cities: city_a, city_b, shared, jaccard.
``recommendations`` — one row per city and recommendation (gap fillers first, then methods peers use):
    city, list (``gap`` or ``peers``), rank, key, name, score, used_by, fills, reasons, caution,
    ratings, urls, domains, variant, explanation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from prevcat.compare.coverage import LEVELS
from prevcat.compare.model import Comparison, MethodKind, SourcedRating
from prevcat.errors import PrevcatError
from prevcat.io.csv_export import MULTI_SEPARATOR, neutralise_cell
from prevcat.render.document import rating_text

TABLES: tuple[str, ...] = ("methods", "coverage", "shared", "pairs", "recommendations")


def _join(values: Iterable[str]) -> str:
    return MULTI_SEPARATOR.join(values)


def _ratings(values: Sequence[SourcedRating]) -> str:
    return _join(f"{r.intervention_id}: {rating_text(r)}" for r in values)


def _methods(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    header = [
        "city", "country", "key", "kind", "as_written", "name", "intervention_id", "members", "evidence",
        "lowest", "highest", "disputed", "effective", "ratings", "no_effect_or_harmful", "home", "region",
        "elsewhere", "contradiction", "candidates", "confidence", "sources",
    ]
    rows = []
    for city in comparison.cities:
        transfer = {m.key: m for m in comparison.transferability_of(city.name).methods}
        for m in city.methods:
            t = transfer.get(m.key)
            matched = m.kind is MethodKind.MATCHED
            rows.append([
                city.name, city.country or "", m.key, m.kind.value, _join(m.local_names), m.name,
                m.intervention_id or "", _join(m.members), m.range_label if matched else "",
                m.lowest.value if m.lowest else "", m.highest.value if m.highest else "",
                str(m.disputed).lower(), str(m.effective).lower(), _ratings(m.ratings),
                _ratings(m.cautions), _ratings(t.home) if t else "", _ratings(t.region) if t else "",
                _ratings(t.elsewhere) if t else "", (t.contradiction or "") if t else "",
                _join(m.candidates), m.confidence or "", _join(m.sources),
            ])
    return header, rows


def _coverage(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    header = ["city", "dimension", "row", "column", "count", "gap", "methods"]
    rows = []
    for cov in comparison.coverage:
        for cell in (*cov.matrix, *cov.ages, *cov.substances, *cov.domains):
            dimension = "level×setting" if cell.row in LEVELS else cell.row
            rows.append([cov.city, dimension, cell.row, cell.column, str(cell.count),
                         str(cell.gap).lower(), _join(cell.methods)])
    return header, rows


def _shared(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    header = ["key", "name", "kind", "evidence", "cities", "count"]
    rows = [[m.key, m.name, m.kind.value, m.range_label if m.kind is MethodKind.MATCHED else "",
             _join(m.cities), str(len(m.cities))] for m in comparison.shared.methods]
    return header, rows


def _pairs(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    header = ["city_a", "city_b", "shared", "jaccard"]
    return header, [[p.a, p.b, str(p.shared), f"{p.jaccard:.4f}"] for p in comparison.shared.pairs]


def _recommendations(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    header = ["city", "list", "rank", "key", "name", "score", "used_by", "fills", "reasons", "caution",
              "ratings", "urls", "domains", "variant", "explanation"]
    rows = []
    for recs in comparison.recommendations:
        for kind, items in (("gap", recs.recommendations), ("peers", recs.used_by_peers)):
            for rank, r in enumerate(items, 1):
                rows.append([recs.city, kind, str(rank), r.key, r.name, f"{r.score:g}", _join(r.used_by),
                             _join(r.fills), _join(r.reasons), r.caution or "", _ratings(r.ratings),
                             _join(r.urls), _join(d.value for d in r.domains), r.variant or "",
                             r.explanation])
    return header, rows


_BUILDERS = {
    "methods": _methods,
    "coverage": _coverage,
    "shared": _shared,
    "pairs": _pairs,
    "recommendations": _recommendations,
}


def csv_rows(comparison: Comparison, table: str = "methods") -> tuple[list[str], list[list[str]]]:
    """The header and rows of one table (not neutralised)."""
    try:
        builder = _BUILDERS[table]
    except KeyError:
        raise PrevcatError(f"unknown CSV table {table!r}; tables: {', '.join(TABLES)}") from None
    return builder(comparison)


def render_csv(comparison: Comparison, table: str = "methods") -> str:
    """One table as CSV text; cells starting with = + - @ (or a tab/CR) get a leading ``'``."""
    header, rows = csv_rows(comparison, table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue()
