"""Evaluation against a gold standard: pairwise precision, recall and F1.

The gold file is CSV with the columns ``cluster,intervention_id`` (one row per member;
a cluster label is any text).  Only interventions named in the gold file are judged: two
of them in one predicted cluster is a predicted pair; in one gold cluster, a true pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

from attrs import frozen

from prevcat.errors import DataError
from prevcat.linking.crosswalk import Crosswalk
from prevcat.linking.overrides import csv_rows

__all__ = ["Evaluation", "evaluate", "read_gold"]


def read_gold(path: str | Path) -> dict[str, str]:
    """``{intervention_id: gold cluster}`` from a gold file; errors name the line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"cannot read gold file: {exc.strerror}", file=str(p)) from None
    return parse_gold(text, file=str(p))


def parse_gold(text: str, *, file: str | None = None) -> dict[str, str]:
    """Parse gold CSV text (``cluster,intervention_id``; ``#`` lines are comments)."""
    fields, rows = csv_rows(text)
    if not {"cluster", "intervention_id"} <= set(fields):
        raise DataError("gold file needs the columns cluster,intervention_id", file=file, line=1)
    gold: dict[str, str] = {}
    for line, row in rows:
        cluster = (row.get("cluster") or "").strip()
        item = (row.get("intervention_id") or "").strip()
        if not cluster or not item:
            raise DataError("row needs both cluster and intervention_id", file=file, line=line)
        if item in gold and gold[item] != cluster:
            raise DataError(
                f"{item} is in two gold clusters ({gold[item]!r}, {cluster!r})", file=file, line=line
            )
        gold[item] = cluster
    return gold


def _pairs(assign: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for item, label in assign.items():
        groups.setdefault(label, []).append(item)
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            out.add((a, b))
    return out


@frozen
class Evaluation:
    """Pairwise scores and the pairs that went wrong."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_merges: tuple[tuple[str, str], ...]
    misses: tuple[tuple[str, str], ...]
    unknown_ids: tuple[str, ...]

    def __str__(self) -> str:
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            f"pairs: {self.correct_pairs} correct of {self.predicted_pairs} predicted, "
            f"{self.true_pairs} true",
        ]
        if self.false_merges:
            lines.append(f"false merges ({len(self.false_merges)}):")
            lines += [f"  {a}  ~  {b}" for a, b in self.false_merges]
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            lines += [f"  {a}  ~  {b}" for a, b in self.misses]
        if self.unknown_ids:
            lines.append("gold ids not in the catalogues (ignored): " + ", ".join(self.unknown_ids))
        return "\n".join(lines)


def evaluate(crosswalk: Crosswalk, gold: Mapping[str, str] | str | Path) -> Evaluation:
    """Compare a crosswalk's clusters with gold clusters (``{intervention_id: label}`` or a file)."""
    truth = read_gold(gold) if isinstance(gold, (str, Path)) else dict(gold)
    known = [i for i in truth if i in crosswalk.library]
    unknown = tuple(sorted(i for i in truth if i not in crosswalk.library))
    truth = {i: truth[i] for i in known}
    predicted = {i: crosswalk.cluster_of(i).id for i in known}
    true_pairs, pred_pairs = _pairs(truth), _pairs(predicted)
    correct = true_pairs & pred_pairs
    precision = len(correct) / len(pred_pairs) if pred_pairs else 1.0
    recall = len(correct) / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(
        precision=precision,
        recall=recall,
        f1=f1,
        true_pairs=len(true_pairs),
        predicted_pairs=len(pred_pairs),
        correct_pairs=len(correct),
        false_merges=tuple(sorted(pred_pairs - true_pairs)),
        misses=tuple(sorted(true_pairs - pred_pairs)),
        unknown_ids=unknown,
    )


def gold_from_clusters(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{intervention_id: cluster}`` from ``(cluster, intervention_id)`` pairs."""
    return {item: cluster for cluster, item in rows}
