"""Curated aliases: names users write that no registry snapshot lists, tied to one entry.

The shipped list lives in ``data/aliases.csv`` (``name,lang,intervention_id,source,note``;
``#`` lines are comments).  Linking and resolving treat each row as one more alias of that
intervention, in its language, when the intervention is in the library (a row whose
catalogue is not installed is ignored).  Registry records are not changed: the curation
lives here, and every link or answer made through it names the row's source.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from attrs import frozen

from prevcat.errors import DataError
from prevcat.linking.glossary import shipped_terms

__all__ = [
    "COLUMNS",
    "CuratedAlias",
    "by_intervention",
    "known_languages",
    "load_aliases",
    "read_aliases",
    "shipped_aliases",
]

COLUMNS = ("name", "lang", "intervention_id", "source", "note")
_SHIPPED = "aliases.csv"


@frozen
class CuratedAlias:
    """One curated name of an intervention, with its language and where the equivalence comes from."""

    name: str
    lang: str
    intervention_id: str
    source: str
    note: str = ""

    def describe(self, text: str | None = None) -> str:
        """``curated alias 'Steg-för-Steg' (sv; source: ...)`` (``text``: the form matched)."""
        return f"curated alias {(text or self.name)!r} ({self.lang}; source: {self.source})"


@functools.cache
def known_languages() -> frozenset[str]:
    """Language tags the linker has vocabulary for (the glossary's languages)."""
    return frozenset(shipped_terms())


def read_aliases(text: str, *, file: str = _SHIPPED) -> tuple[CuratedAlias, ...]:
    """Parse an aliases table; a bad header or row raises :class:`DataError` naming file and line."""
    lines = [
        (n, line)
        for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise DataError(f"no header; expected columns {', '.join(COLUMNS)}", file=file)
    # one row per line, so that every error names its line
    rows = [next(csv.reader([line])) for _n, line in lines]
    header_line = lines[0][0]
    header = [h.strip() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}",
            file=file,
            line=header_line,
        )
    at = {c: header.index(c) for c in COLUMNS}
    langs = known_languages()
    out: list[CuratedAlias] = []
    seen: dict[tuple[str, str], int] = {}
    for (lineno, _line), row in zip(lines[1:], rows[1:], strict=True):
        if len(row) != len(header):
            raise DataError(f"expected {len(header)} cells, got {len(row)}", file=file, line=lineno)
        cell = {c: row[i].strip() for c, i in at.items()}
        for column in ("name", "lang", "intervention_id", "source"):
            if not cell[column]:
                raise DataError(f"{column} is empty", file=file, line=lineno, path=column)
        if cell["lang"] not in langs:
            raise DataError(
                f"unknown language tag {cell['lang']!r}; known: {', '.join(sorted(langs))}",
                file=file,
                line=lineno,
                path="lang",
            )
        if ":" not in cell["intervention_id"]:
            raise DataError(
                f"{cell['intervention_id']!r} is not an intervention id (source:id)",
                file=file,
                line=lineno,
                path="intervention_id",
            )
        key = (cell["name"].casefold(), cell["intervention_id"])
        if key in seen:
            raise DataError(f"duplicate of line {seen[key]}", file=file, line=lineno)
        seen[key] = lineno
        out.append(
            CuratedAlias(cell["name"], cell["lang"], cell["intervention_id"], cell["source"], cell["note"])
        )
    return tuple(out)


def load_aliases(path: str | Path) -> tuple[CuratedAlias, ...]:
    """Read an aliases file (UTF-8, a BOM is allowed)."""
    path = Path(path)
    return read_aliases(path.read_text(encoding="utf-8-sig"), file=str(path))


@functools.cache
def shipped_aliases() -> tuple[CuratedAlias, ...]:
    """The curated aliases shipped in ``data/aliases.csv``."""
    text = resources.files("prevcat.linking").joinpath("data", _SHIPPED).read_text(encoding="utf-8")
    return read_aliases(text, file=_SHIPPED)


def by_intervention(aliases: Iterable[CuratedAlias]) -> Mapping[str, tuple[CuratedAlias, ...]]:
    """Curated aliases grouped by intervention id, in file order."""
    out: dict[str, list[CuratedAlias]] = {}
    for a in aliases:
        out.setdefault(a.intervention_id, []).append(a)
    return {k: tuple(v) for k, v in out.items()}
