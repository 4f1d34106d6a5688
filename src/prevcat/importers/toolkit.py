"""Building blocks for importers of registry snapshots (one CSV row per verdict).

A registry importer subclasses :class:`TableImporter` and writes one method,
``read_row(row) -> Intervention``; the base class reads the table, accounts for every row
(imported, or rejected with its field and reason), merges rows that share an id into one
intervention, and builds the catalogue and the import report.

:class:`RowReader` wraps one row: it keeps cells verbatim in ``extra``, records warnings
for values no table maps, and reads the snapshot's ``confidence`` and date cells.
"""

from __future__ import annotations

import abc
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import IO, ClassVar, TypeVar

import attrs

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError
from prevcat.evidence import Confidence, Direction, EvidenceLevel, ScaleLevel
from prevcat.importers.base import (
    Importer,
    ImportResult,
    ImportWarning,
    RejectedRow,
    Snapshot,
    make_report,
)

# name helpers, re-exported: registry rules modules import them from here
from prevcat.importers.names import bracket_tail as bracket_tail
from prevcat.importers.names import bracketed_codes as bracketed_codes
from prevcat.importers.names import country_named as country_named
from prevcat.importers.names import is_acronym as is_acronym
from prevcat.importers.names import is_short_code as is_short_code
from prevcat.importers.names import map_terms as map_terms
from prevcat.importers.names import name_forms as name_forms
from prevcat.importers.names import split_remarks as split_remarks
from prevcat.importers.names import without_bracket as without_bracket
from prevcat.importers.vocab import VocabularyMap, span, split_multi
from prevcat.io.csv_read import Table, TableRow, read_table
from prevcat.model import Alias, Domain, Intervention, Target

T = TypeVar("T")

OVERFLOW = "__overflow__"
_CONFIDENCE = {c.value: c for c in Confidence}
_CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class RowRejected(Exception):
    """This row cannot be imported: ``field`` and ``reason`` go into the import report."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class RowReader:
    """One table row plus what translating it found: warnings and values kept verbatim."""

    def __init__(self, row: TableRow) -> None:
        self.row = row
        self.warnings: list[ImportWarning] = []
        self.extra: list[tuple[str, str]] = []

    def get(self, column: str) -> str:
        """The cell, stripped; empty when missing."""
        return self.row.get(column)

    def require(self, column: str, what: str | None = None) -> str:
        """The cell, or :class:`RowRejected` when it is empty."""
        value = self.get(column)
        if not value:
            raise RowRejected(column, f"empty {what or column}")
        return value

    def keep(self, column: str, value: str | None = None) -> None:
        """Keep a cell (or one value of it) verbatim in ``extra``, once."""
        text = self.get(column) if value is None else value
        if text and (column, text) not in self.extra:
            self.extra.append((column, text))

    def keep_other_columns(self, translated: Iterable[str]) -> None:
        """Keep every non-empty cell of a column not in ``translated`` in ``extra``."""
        done = set(translated) | {OVERFLOW}
        for column in self.row.cells:
            if column not in done:
                self.keep(column)

    def warn(self, column: str, value: str, message: str) -> None:
        """Record a warning about one value of one column."""
        self.warnings.append(ImportWarning(message, row=self.row.row, field=column, value=value))

    def reject_overflow(self) -> None:
        """Raise :class:`RowRejected` naming the surplus cells when the row has more cells than the header."""
        if OVERFLOW in self.row.cells:
            raise RowRejected(None, f"row has more cells than the header: {self.row.cells[OVERFLOW]!r}")

    def kept(self, column: str, value: str, why: str, *, store: bool = True) -> None:
        """Warn ``'value': why; kept in extra`` about a value no table maps or nothing reads.

        The value is kept in ``extra`` too, unless ``store`` is false because the whole cell is.
        """
        if store:
            self.keep(column, value)
        self.warn(column, value, f"{value!r}: {why}; kept in extra")

    def kept_all(self, column: str, values: Iterable[str], why: str, *, store: bool = True) -> None:
        """:meth:`kept` for each of several values."""
        for value in values:
            self.kept(column, value, why, store=store)

    def mapped(
        self,
        column: str,
        table: VocabularyMap[T],
        what: str,
        *,
        separators: str = "|",
        store: bool = True,
    ) -> list[T]:
        """Map a multi-valued cell through ``table``; an unmapped value is reported as ``no <what>``
        (see :meth:`kept`)."""
        values, unmapped = table.map(split_multi(self.get(column), separators))
        self.kept_all(column, unmapped, f"no {what}", store=store)
        return values

    def confidence(self, column: str = "confidence") -> Confidence | None:
        """``high``/``medium``/``low`` (any case); None when empty; anything else rejects the row."""
        text = self.get(column)
        if not text:
            return None
        found = _CONFIDENCE.get(text.casefold())
        if found is None:
            raise RowRejected(column, f"unknown confidence {text!r}; expected high, medium or low")
        return found

    def date(self, column: str) -> dt.date | None:
        """``2011-06-16`` or ``2017-07`` (the first of that month); anything else is reported."""
        text = self.get(column)
        if not text:
            return None
        parsed = parse_iso_date(text)
        if parsed is None:
            self.kept(column, text, "not a date (expected YYYY-MM-DD or YYYY-MM)")
        return parsed


def scale_level(
    label: str, common: int, direction: Direction, description: str, variants: Sequence[str] = ()
) -> ScaleLevel:
    """A native label placed at ``common`` (0..5) on the common scale, in ``direction``."""
    return ScaleLevel(
        label=label,
        level=EvidenceLevel.from_common(common, direction),
        direction=direction,
        description=description,
        variants=tuple(variants),
    )


def parse_iso_date(text: str) -> dt.date | None:
    """``2011-06-16``, or ``2017-07`` as the first of that month; None for anything else."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def lowest_confidence(values: Iterable[Confidence | None]) -> Confidence | None:
    """The lowest confidence given, or None when none is."""
    known = [v for v in values if v is not None]
    return min(known, key=_CONFIDENCE_ORDER.index) if known else None


def _union(first: Sequence[T], second: Sequence[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def unique_aliases(name: str, *groups: Iterable[Alias]) -> tuple[Alias, ...]:
    """Aliases without repeats (case ignored) and without ``name`` itself; the first one wins."""
    seen = {name.casefold()}
    out: list[Alias] = []
    for group in groups:
        for alias in group:
            key = alias.name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(alias)
    return tuple(out)


def merge_interventions(
    first: Intervention, second: Intervention, *, name_lang: str | None = None
) -> Intervention:
    """One intervention from two rows of the same id; the first row's name and URL lead.

    The second row's name becomes an alias (tagged ``name_lang``) unless it repeats a name, case
    ignored (see :func:`unique_aliases`); target values, domains and ``extra`` pairs are combined
    without repeats, ratings all kept; the age range covers both; the confidence is the lower.
    """
    aliases = unique_aliases(first.name, first.aliases, (Alias(second.name, name_lang), *second.aliases))
    known_ages = [t.ages for t in (first.target, second.target) if not t.ages.is_open]
    target = Target(
        levels=_union(first.target.levels, second.target.levels),
        ages=span(known_ages),
        settings=_union(first.target.settings, second.target.settings),
        substances=_union(first.target.substances, second.target.substances),
    )
    return attrs.evolve(
        first,
        aliases=aliases,
        country=first.country or second.country,
        languages=_union(first.languages, second.languages),
        ratings=(*first.ratings, *second.ratings),
        target=target,
        domains=_union(first.domains, second.domains),
        original=first.original or second.original,
        url=first.url or second.url,
        description=first.description or second.description,
        confidence=lowest_confidence([first.confidence, second.confidence]),
        extra=(*first.extra, *(pair for pair in second.extra if pair not in first.extra)),
    )


def merge_led_by(
    items: Sequence[Intervention],
    lead: Intervention,
    *,
    name_lang: str | None = None,
    extra_of: Callable[[Intervention], Iterable[tuple[str, str]]] | None = None,
) -> Intervention:
    """One intervention from all rows of one id (``items``, in file order), led by ``lead``, one of them.

    The lead row gives id, name and URL; the other rows' names become aliases tagged ``name_lang``,
    each name kept once (see :func:`unique_aliases`); country, original and description are the
    first given, lead row first; ratings stay in file order; levels, settings and substances are
    combined, lead row first, and the age range covers every row's known range; domains are
    combined in :class:`Domain` order (prevention when no row names one); the confidence is the
    lowest.  ``extra`` holds each row's pairs (``extra_of(row)``, by default its ``extra``), lead
    row first, leaving out pairs an earlier row gave.
    """
    ordered = [lead, *(item for item in items if item is not lead)]
    pairs_of = extra_of or (lambda item: item.extra)
    extra: list[tuple[str, str]] = []
    for item in ordered:
        extra += [pair for pair in pairs_of(item) if pair not in extra]
    domains = {domain for item in items for domain in item.domains}
    return Intervention(
        id=lead.id,
        name=lead.name,
        source=lead.source,
        aliases=unique_aliases(
            lead.name, lead.aliases, *((Alias(item.name, name_lang), *item.aliases) for item in ordered[1:])
        ),
        country=next((item.country for item in ordered if item.country), None),
        languages=tuple(dict.fromkeys(lang for item in ordered for lang in item.languages)),
        ratings=[rating for item in items for rating in item.ratings],
        target=Target(
            levels=[level for item in ordered for level in item.target.levels],
            ages=span(item.target.ages for item in ordered if not item.target.ages.is_open),
            settings=[setting for item in ordered for setting in item.target.settings],
            substances=[substance for item in ordered for substance in item.target.substances],
        ),
        domains=[domain for domain in Domain if domain in domains] or [Domain.PREVENTION],
        original=next((item.original for item in ordered if item.original), None),
        url=lead.url,
        description=next((item.description for item in ordered if item.description), None),
        confidence=lowest_confidence(item.confidence for item in items),
        extra=extra,
    )


# -- the importer base class ---------------------------------------------------------------------


def source_path(source: str | Path | IO[str] | IO[bytes]) -> str | None:
    """The path of a file as given, or an open file's name, for messages."""
    return str(source) if isinstance(source, (str, Path)) else getattr(source, "name", None)


class TableImporter(Importer):
    """Base class of registry importers that read one CSV snapshot.

    Set ``key``, ``title``, ``provenance``, ``package`` (the plugin package that holds
    ``data/<snapshot_file>``), ``snapshot_file`` and ``required_columns``; implement
    :meth:`read_row`.  Override :meth:`merge` to combine rows that share an id differently
    (by default: :func:`merge_interventions`, first row leading).
    """

    formats: ClassVar[tuple[str, ...]] = ("csv",)
    provenance: ClassVar[Provenance]
    package: ClassVar[str]
    snapshot_file: ClassVar[str]
    required_columns: ClassVar[tuple[str, ...]] = ("id",)
    #: language tag given to a merged row's differing name when it becomes an alias
    merged_name_lang: ClassVar[str | None] = None

    def snapshot(self) -> Snapshot:
        path = Path(str(files(self.package).joinpath("data", self.snapshot_file)))
        return Snapshot(path=path, provenance=self.provenance)

    @abc.abstractmethod
    def read_row(self, row: RowReader) -> Intervention:
        """One row as one intervention; raise :class:`RowRejected` for what cannot be imported."""

    def merge(self, items: Sequence[Intervention]) -> Intervention:
        """One intervention from the rows that share an id, in file order."""
        merged = items[0]
        for item in items[1:]:
            merged = merge_interventions(merged, item, name_lang=self.merged_name_lang)
        return merged

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        """Like :meth:`merge`, given also each item's row (same order) and the report's warnings.

        Override this instead of :meth:`merge` when combining needs the rows' cells or numbers,
        or finds something to report (append it to ``warnings``).  By default: :meth:`merge`.
        """
        return self.merge(items)

    def check_header(self, header: Sequence[str], file: str | None) -> None:
        """Raise :class:`DataError` when a required column is missing."""
        missing = [c for c in self.required_columns if c not in header]
        if missing:
            raise DataError(f"missing column(s) {', '.join(missing)}", file=file, line=1)

    def check_row(self, row: RowReader) -> None:
        """Checks made before :meth:`read_row`: by default, no more cells than the header."""
        row.reject_overflow()

    def row_id(self, row: TableRow) -> str | None:
        """The native id a rejected row is reported with: by default its ``id`` cell."""
        return row.get("id") or None

    def load_table(self, source: str | Path | IO[str] | IO[bytes]) -> Table:
        """The table :meth:`read` reads: by default a CSV file; override for other formats."""
        return read_table(source)

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        file = source_path(source)
        table = self.load_table(source)
        self.check_header(table.header, file)
        warnings = [ImportWarning(w) for w in table.warnings]
        rejected: list[RejectedRow] = []
        groups: dict[str, list[Intervention]] = {}
        rows_of: dict[str, list[RowReader]] = {}
        for table_row in table:
            native = self.row_id(table_row)
            row = RowReader(table_row)
            try:
                if table_row.repeats_header:
                    raise RowRejected(None, "the row repeats the header (were two files joined into one?)")
                self.check_row(row)
                item = self.read_row(row)
            except RowRejected as exc:
                rejected.append(RejectedRow(table_row.row, exc.reason, exc.field, table_row.line, native))
                continue
            except ValueError as exc:  # a model validator refused a value
                rejected.append(RejectedRow(table_row.row, str(exc), None, table_row.line, native))
                continue
            warnings += row.warnings
            groups.setdefault(item.id, []).append(item)
            rows_of.setdefault(item.id, []).append(row)
        merged = tuple(self.merge_rows(rows_of[key], items, warnings) for key, items in groups.items())
        catalogue = Catalogue(self.provenance, merged)
        report = make_report(
            self.key,
            file,
            rows_read=len(table),
            rejected=rejected,
            warnings=warnings,
            interventions=len(catalogue),
        )
        return ImportResult(catalogue=catalogue, report=report)
