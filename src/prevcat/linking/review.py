"""The review sheet: scored pairs for a curator, in the shape of Splink's labels table.

Columns: ``unique_id_l, source_dataset_l, name_l, unique_id_r, source_dataset_r, name_r,
score, linked, same_cluster, ratio, token_sort_ratio, token_set_ratio, partial_ratio,
weighted_words, reasons, vetoes, clerical_match_score, decision``.  The last two are empty:
a curator writes ``same`` or ``not-same`` in ``decision`` (or 1/0 in
``clerical_match_score``) and passes the file back as ``--overrides``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TextIO

from prevcat.linking.crosswalk import Crosswalk

__all__ = ["REVIEW_COLUMNS", "review_rows", "write_review_sheet"]

REVIEW_COLUMNS = (
    "unique_id_l",
    "source_dataset_l",
    "name_l",
    "unique_id_r",
    "source_dataset_r",
    "name_r",
    "score",
    "linked",
    "same_cluster",
    "ratio",
    "token_sort_ratio",
    "token_set_ratio",
    "partial_ratio",
    "weighted_words",
    "reasons",
    "vetoes",
    "clerical_match_score",
    "decision",
)


def review_rows(crosswalk: Crosswalk, *, margin: float = 15.0) -> list[dict[str, str]]:
    """Pairs worth a curator's look: every link, every refused link, and near misses.

    A near miss scores within ``margin`` below the threshold, or was vetoed although the
    names are alike (name score 80+).  Rows are sorted with the doubtful first.
    """
    linked = {frozenset((lk.a, lk.b)) for lk in crosswalk.links}
    refused = {frozenset((lk.a, lk.b)) for lk, _why in crosswalk.refused}
    rows: list[tuple[float, dict[str, str]]] = []
    for v in crosswalk.pairs:
        pair = frozenset((v.a, v.b))
        near = v.score >= crosswalk.threshold - margin or (v.vetoed and v.name_score >= 80)
        if not (pair in linked or pair in refused or near):
            continue
        a, b = crosswalk.library.get(v.a), crosswalk.library.get(v.b)
        scorers = dict(v.scorers)
        doubt = abs(v.score - crosswalk.threshold) - (50 if v.vetoed else 0)
        rows.append(
            (
                doubt,
                {
                    "unique_id_l": v.a,
                    "source_dataset_l": a.source,
                    "name_l": a.name,
                    "unique_id_r": v.b,
                    "source_dataset_r": b.source,
                    "name_r": b.name,
                    "score": f"{v.score:.1f}",
                    "linked": "yes" if pair in linked else "no",
                    "same_cluster": "yes"
                    if crosswalk.cluster_of(v.a).id == crosswalk.cluster_of(v.b).id
                    else "no",
                    "ratio": f"{scorers.get('ratio', 0):.0f}",
                    "token_sort_ratio": f"{scorers.get('token_sort_ratio', 0):.0f}",
                    "token_set_ratio": f"{scorers.get('token_set_ratio', 0):.0f}",
                    "partial_ratio": f"{scorers.get('partial_ratio', 0):.0f}",
                    "weighted_words": f"{scorers.get('weighted_words', 0):.0f}",
                    "reasons": " | ".join(v.reasons),
                    "vetoes": " | ".join(v.vetoes),
                    "clerical_match_score": "",
                    "decision": "",
                },
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]["unique_id_l"], r[1]["unique_id_r"]))
    return [r for _d, r in rows]


def write_review_sheet(crosswalk: Crosswalk, out: str | Path | TextIO, *, margin: float = 15.0) -> int:
    """Write the review sheet as CSV; returns the number of pairs written."""
    rows = review_rows(crosswalk, margin=margin)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if isinstance(out, (str, Path)):
        Path(out).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        out.write(buffer.getvalue())
    return len(rows)
