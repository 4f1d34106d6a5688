"""The importer contract: what every importer plugin provides and returns.

An importer turns one source's file into a :class:`~prevcat.catalogue.Catalogue` plus an
:class:`ImportReport` that accounts for every row: ``rows_read == imported + len(rejected)``.
Importers are plain classes, testable without pluggy.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from pathlib import Path
from typing import IO, ClassVar

import attrs
from attrs import field, frozen

from prevcat.catalogue import Catalogue, Provenance


@frozen
class RejectedRow:
    """A row that was read but not imported, and why.

    ``row`` is the 1-based data row number (the header is row 0) or, for JSON, the index
    of the record; ``line`` is the physical line in the file where known.
    """

    row: int
    reason: str
    field: str | None = None
    line: int | None = None
    native_id: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" (line {self.line})" if self.line is not None else "")
        what = f"{self.field}: " if self.field else ""
        ident = f" [{self.native_id}]" if self.native_id else ""
        return f"{where}{ident}: {what}{self.reason}"


@frozen
class ImportWarning:
    """Something imported but worth knowing: an unmapped native value kept in ``extra``."""

    message: str
    row: int | None = None
    field: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}: " if self.row is not None else ""
        what = f"{self.field}: " if self.field else ""
        return f"{where}{what}{self.message}"


def _rejected_tuple(values: Iterable[RejectedRow]) -> tuple[RejectedRow, ...]:
    return tuple(values)


def _warning_tuple(values: Iterable[ImportWarning]) -> tuple[ImportWarning, ...]:
    return tuple(values)


def _check_counts(instance: ImportReport, attribute: attrs.Attribute[int], value: int) -> None:
    if instance.rows_read != instance.imported + len(instance.rejected):
        raise ValueError(
            f"import report does not add up: {instance.rows_read} rows read, "
            f"{instance.imported} imported, {len(instance.rejected)} rejected"
        )


@frozen
class ImportReport:
    """An account of one import: every row read is imported or rejected with its reason.

    ``imported`` counts rows, not interventions: several rows may become one intervention
    (editions, a second database's verdict), which ``interventions`` counts.
    """

    source: str
    file: str | None
    rows_read: int
    imported: int = field(validator=_check_counts)
    interventions: int = 0
    rejected: tuple[RejectedRow, ...] = field(default=(), converter=_rejected_tuple)
    warnings: tuple[ImportWarning, ...] = field(default=(), converter=_warning_tuple)

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.rejected

    def summary(self) -> str:
        """One line: ``xchange.csv: 18 rows read, 18 imported (18 interventions), 0 rejected, ...``."""
        name = self.file or self.source
        return (
            f"{name}: {self.rows_read} rows read, {self.imported} imported "
            f"({self.interventions} interventions), {len(self.rejected)} rejected, "
            f"{len(self.warnings)} warnings"
        )

    def format(self) -> str:
        """The summary followed by every rejected row and warning, one per line."""
        lines = [self.summary()]
        lines += [f"  rejected {r}" for r in self.rejected]
        lines += [f"  warning  {w}" for w in self.warnings]
        return "\n".join(lines)


@frozen
class ImportResult:
    """What an importer returns: the catalogue and the report that accounts for every row."""

    catalogue: Catalogue
    report: ImportReport


@frozen
class Snapshot:
    """A data file bundled with an importer, and where its facts come from."""

    path: Path = field(converter=Path)
    provenance: Provenance


class Importer(abc.ABC):
    """Base class for importers; subclass it and set the class attributes.

    ``key`` is the source key (the prefix of every id), ``title`` a human name, ``formats``
    the file suffixes it reads (``("csv",)``).  ``snapshot()`` returns the bundled data file
    with its provenance, or None for importers of users' own files.
    """

    key: ClassVar[str]
    title: ClassVar[str]
    formats: ClassVar[tuple[str, ...]] = ("csv",)

    def snapshot(self) -> Snapshot | None:
        """The bundled snapshot, if this importer ships one."""
        return None

    @abc.abstractmethod
    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        """Read a file (path or open file) into a catalogue and an import report."""

    def read_snapshot(self) -> ImportResult:
        """Read the bundled snapshot; ``LookupError`` if this importer has none."""
        snap = self.snapshot()
        if snap is None:
            raise LookupError(f"importer {self.key!r} bundles no snapshot")
        return self.read(snap.path)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} key={self.key!r}>"


def make_report(
    source: str,
    file: str | None,
    *,
    rows_read: int,
    rejected: Iterable[RejectedRow],
    warnings: Iterable[ImportWarning],
    interventions: int,
) -> ImportReport:
    """An :class:`ImportReport` whose ``imported`` count is derived from the other counts."""
    rejected = tuple(rejected)
    return ImportReport(
        source=source,
        file=file,
        rows_read=rows_read,
        imported=rows_read - len(rejected),
        interventions=interventions,
        rejected=rejected,
        warnings=tuple(warnings),
    )
