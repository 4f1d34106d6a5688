"""Curation: a curator's ``same`` / ``not-same`` decisions, applied after the matcher.

The overrides file is CSV with a header; each row names two intervention ids and a decision::

    id1,id2,decision,note
    xchange:effekt-orebro-pas,gruene-liste:32,not-same,German EFFEKT is Lösel's programme

A filled-in review sheet (``prevcat review-sheet``) is read the same way: its
``unique_id_l``/``unique_id_r`` columns and its ``decision`` column (or Splink's
``clerical_match_score``: 1 = same, 0 = not same).  Rows with no decision are skipped;
a decision that is neither is an error naming the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from prevcat.errors import DataError

__all__ = ["DECISIONS", "Override", "Overrides", "csv_rows"]


def csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line number, row)`` pairs of CSV text; blank and ``#`` lines are skipped.

    Line numbers are those of the file, comments included.
    """
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line]))
        if header is None:
            header = [c.strip() for c in cells]
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append((lineno, {h: c.strip() for h, c in zip(header, cells, strict=False)}))
    return header or [], rows


DECISIONS = {
    "same": "same",
    "match": "same",
    "yes": "same",
    "1": "same",
    "1.0": "same",
    "not-same": "not-same",
    "not same": "not-same",
    "not_same": "not-same",
    "different": "not-same",
    "no": "not-same",
    "0": "not-same",
    "0.0": "not-same",
}


@frozen
class Override:
    """One curated decision about two interventions."""

    a: str
    b: str
    decision: str  #: ``same`` or ``not-same``
    note: str = ""
    line: int | None = None

    @property
    def same(self) -> bool:
        return self.decision == "same"


def _overrides(values: Iterable[Override]) -> tuple[Override, ...]:
    return tuple(values)


@frozen
class Overrides:
    """A set of curated decisions; later rows about the same pair win."""

    items: tuple[Override, ...] = ()
    file: str | None = None

    def __len__(self) -> int:
        return len(self.items)

    def decisions(self) -> dict[frozenset[str], Override]:
        """The last decision for every pair."""
        return {frozenset((o.a, o.b)): o for o in self.items}

    @classmethod
    def parse(cls, text: str, *, file: str | None = None) -> Overrides:
        """Read overrides (or a filled-in review sheet) from CSV text."""
        fields, rows = csv_rows(text)
        left = next((f for f in ("id1", "unique_id_l", "a", "left") if f in fields), None)
        right = next((f for f in ("id2", "unique_id_r", "b", "right") if f in fields), None)
        if left is None or right is None:
            raise DataError(
                "overrides need columns id1,id2,decision "
                "(or a review sheet's unique_id_l,unique_id_r,decision)",
                file=file,
                line=1,
            )
        items: list[Override] = []
        for offset, row in rows:
            raw = row.get("decision", "") or row.get("clerical_match_score", "")
            if not raw:
                continue
            decision = DECISIONS.get(raw.casefold())
            if decision is None:
                raise DataError(
                    f"decision {raw!r} is neither 'same' nor 'not-same'",
                    file=file,
                    line=offset,
                    path="decision",
                )
            a, b = row.get(left, ""), row.get(right, "")
            if not a or not b:
                raise DataError("both intervention ids are needed", file=file, line=offset)
            items.append(Override(a, b, decision, row.get("note", ""), offset))
        return cls(tuple(items), file)

    @classmethod
    def load(cls, path: str | Path) -> Overrides:
        """Read an overrides file (UTF-8, BOM allowed)."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise DataError(f"cannot read overrides: {exc.strerror}", file=str(p)) from None
        return cls.parse(text, file=str(p))

    def dumps(self) -> str:
        """The overrides as CSV text."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id1", "id2", "decision", "note"])
        for o in self.items:
            writer.writerow([o.a, o.b, o.decision, o.note])
        return out.getvalue()
