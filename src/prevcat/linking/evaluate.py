"""Evaluation against a gold standard: pairwise precision, recall and F1, per level.

The gold file is CSV with the columns ``cluster,intervention_id`` and, optionally,
``variant`` (one row per member; labels are any text).  ``cluster`` is the programme; a row
without a variant is a variant of its own programme's name.  Only interventions named in the
gold file are judged: two of them in one predicted programme (variant) is a predicted pair; in
one gold programme (variant), a true pair.  ``only`` restricts the judged pairs to those
touching some entries (a held-out registry).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from itertools import combinations
from pathlib import Path

from attrs import frozen

from prevcat.errors import DataError
from prevcat.linking.crosswalk import Crosswalk
from prevcat.linking.overrides import csv_rows

__all__ = ["Evaluation", "Gold", "evaluate", "read_gold", "score_pairs"]


@frozen
class Gold:
    """Gold programmes and variants: ``{intervention_id: label}`` at each level."""

    programmes: dict[str, str]
    variants: dict[str, str]


def read_gold(path: str | Path) -> dict[str, str]:
    """``{intervention_id: gold programme}`` from a gold file; errors name the line."""
    return read_gold_levels(path).programmes


def read_gold_levels(path: str | Path) -> Gold:
    """Programmes and variants from a gold file; errors name the line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"cannot read gold file: {exc.strerror}", file=str(p)) from None
    return parse_gold_levels(text, file=str(p))


def parse_gold(text: str, *, file: str | None = None) -> dict[str, str]:
    """Parse gold CSV text (``cluster,intervention_id``; ``#`` lines are comments)."""
    return parse_gold_levels(text, file=file).programmes


def parse_gold_levels(text: str, *, file: str | None = None) -> Gold:
    """Parse gold CSV text (``cluster[,variant],intervention_id``; ``#`` lines are comments)."""
    fields, rows = csv_rows(text)
    if not {"cluster", "intervention_id"} <= set(fields):
        raise DataError("gold file needs the columns cluster,intervention_id", file=file, line=1)
    gold: dict[str, str] = {}
    variants: dict[str, str] = {}
    for line, row in rows:
        cluster = (row.get("cluster") or "").strip()
        item = (row.get("intervention_id") or "").strip()
        variant = (row.get("variant") or "").strip() or cluster
        if not cluster or not item:
            raise DataError("row needs both cluster and intervention_id", file=file, line=line)
        if item in gold and gold[item] != cluster:
            raise DataError(
                f"{item} is in two gold clusters ({gold[item]!r}, {cluster!r})", file=file, line=line
            )
        gold[item] = cluster
        variants[item] = f"{cluster}\x00{variant}"
    return Gold(gold, variants)


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
    """Pairwise scores and the pairs that went wrong (programme level; ``variant`` below it)."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_merges: tuple[tuple[str, str], ...]
    misses: tuple[tuple[str, str], ...]
    unknown_ids: tuple[str, ...]
    level: str = "programme"
    variant: Evaluation | None = None  #: the same at variant level

    def figures(self) -> str:
        return f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"

    def __str__(self) -> str:
        lines = [
            f"{self.level}s: {self.figures()}",
            f"pairs: {self.correct_pairs} correct of {self.predicted_pairs} predicted, "
            f"{self.true_pairs} true",
        ]
        if self.false_merges:
            lines.append(f"false merges ({len(self.false_merges)}):")
            lines += [f"  {a}  ~  {b}" for a, b in self.false_merges]
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            lines += [f"  {a}  ~  {b}" for a, b in self.misses]
        if self.variant is not None:
            lines += ["", str(self.variant)]
        if self.unknown_ids:
            lines.append("gold ids not in the catalogues (ignored): " + ", ".join(self.unknown_ids))
        return "\n".join(lines)


def score_pairs(
    truth: Mapping[str, str],
    predicted: Mapping[str, str],
    *,
    level: str = "programme",
    only: Collection[str] | None = None,
    unknown: tuple[str, ...] = (),
) -> Evaluation:
    """Pairwise precision/recall/F1 of ``predicted`` labels against ``truth`` labels."""
    keep: Callable[[tuple[str, str]], bool] = (
        (lambda p: p[0] in only or p[1] in only) if only is not None else (lambda p: True)
    )
    true_pairs = {p for p in _pairs(truth) if keep(p)}
    pred_pairs = {p for p in _pairs(predicted) if keep(p)}
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
        level=level,
    )


def evaluate(
    crosswalk: Crosswalk,
    gold: Mapping[str, str] | Gold | str | Path,
    *,
    only: Collection[str] | None = None,
) -> Evaluation:
    """Compare a crosswalk with gold programmes (and variants, when the gold has them).

    ``gold`` is ``{intervention_id: programme label}``, a :class:`Gold` or a file.  ``only``
    judges only the pairs touching these entries.
    """
    if isinstance(gold, (str, Path)):
        levels = read_gold_levels(gold)
    elif isinstance(gold, Gold):
        levels = gold
    else:
        levels = Gold(dict(gold), {k: f"{v}\x00{v}" for k, v in gold.items()})
    truth = levels.programmes
    known = [i for i in truth if i in crosswalk.library]
    unknown = tuple(sorted(i for i in truth if i not in crosswalk.library))
    programme = score_pairs(
        {i: truth[i] for i in known},
        {i: crosswalk.programme_of(i).id for i in known},
        only=only,
        unknown=unknown,
    )
    variant = score_pairs(
        {i: levels.variants[i] for i in known},
        {i: crosswalk.variant_of(i).id for i in known},
        level="variant",
        only=only,
    )
    return Evaluation(
        programme.precision,
        programme.recall,
        programme.f1,
        programme.true_pairs,
        programme.predicted_pairs,
        programme.correct_pairs,
        programme.false_merges,
        programme.misses,
        unknown,
        "programme",
        variant,
    )


def gold_from_clusters(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{intervention_id: cluster}`` from ``(cluster, intervention_id)`` pairs."""
    return {item: cluster for cluster, item in rows}
