"""The generic importer: a user's own spreadsheet of methods (CSV or .xlsx) or a prevcat JSON catalogue.

Standard columns, only ``id`` and ``name`` required (header names match ignoring case)::

    id, name, aliases, country, language, scale, rating, levels, min_age, max_age,
    settings, substances, domain, url, original

* multi-valued cells are separated by `` | ``; aliases are ``lang:name | lang:name``;
* ``rating`` is a native label of the scale named in ``scale`` (a registered scale ``id`` or
  ``id@version``); without ``scale`` it is a label of prevcat's common scale (``promising``);
* every other column is kept verbatim in ``extra``;
* a row with an unknown label, a bad age or country, or an unknown level/setting/substance/
  domain value is rejected with its field and reason; the other rows are imported.

A column mapping (``{"name": "Programmname"}``) serves files with other headers.  The source
key, the prefix of every id, defaults to the file's stem (``foundations.csv`` gives
``foundations:<id>``).

An .xlsx workbook is read sheet by sheet (each sheet's first row its header); rows of a sheet
without ``id`` and ``name`` columns are rejected, so every row is accounted for; problems name
the sheet, the row and the column.  Formats it cannot read (.xls, .ods, PDF, zip) are named.

(A little over 400 lines: the standard columns, their checks and the format dispatch are one
contract; reading workbooks lives in :mod:`prevcat.importers.generic_xlsx`.)

This module is long because it is one importer that reads every standard column of a user's
file and says, for each cell it cannot read, which rule it broke; the workbook reading lives in
:mod:`prevcat.importers.generic_xlsx`.
"""

from __future__ import annotations

import enum
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, ClassVar, TypeVar

from prevcat.catalogue import Catalogue, Provenance
from prevcat.countries import ISO_3166_ALPHA2
from prevcat.errors import DataError, UnknownLabelError, UnknownScaleError
from prevcat.evidence import COMMON_SCALE, EvidenceScale, Rating
from prevcat.importers.base import Importer, ImportResult, ImportWarning, RejectedRow, make_report
from prevcat.importers.generic_xlsx import CellRejected as _Reject
from prevcat.importers.generic_xlsx import read_xlsx
from prevcat.importers.scales import pick_scale
from prevcat.importers.vocab import split_multi
from prevcat.io.csv_read import TableRow, read_table
from prevcat.io.xlsx import UNREADABLE_FORMATS, sniff_file, sniff_format
from prevcat.model import (
    LANGUAGE_TAG,
    SOURCE_KEY,
    AgeRange,
    Alias,
    Domain,
    Intervention,
    PreventionLevel,
    Setting,
    Substance,
    Target,
)

__all__ = [
    "REQUIRED_COLUMNS",
    "STANDARD_COLUMNS",
    "GenericImporter",
    "parse_mapping",
    "source_key_from_name",
]

#: the standard column names, in documentation order
STANDARD_COLUMNS: tuple[str, ...] = (
    "id", "name", "aliases", "country", "language", "scale", "rating", "levels",
    "min_age", "max_age", "settings", "substances", "domain", "url", "original",
)
#: columns every file must have (directly or through the mapping)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "name")

_INT_RE = re.compile(r"^\d{1,3}$")
_REPEATED_HEADER = (
    "the row repeats the header (were two exports joined into one file?); "
    "remove it, and check that the rows after it belong to this catalogue"
)
_SEP = "|"

E = TypeVar("E", bound=enum.Enum)


def source_key_from_name(name: str) -> str:
    """A source key made from a file stem: ``Mina metoder 2024`` gives ``mina-metoder-2024``.

    Raises :class:`DataError` when nothing usable is left.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    if not text or not SOURCE_KEY.match(text):
        raise DataError(
            f"cannot make a source key from the file name {name!r}; give one with --source KEY "
            "(lower-case letters, digits, '-' or '_', e.g. 'foundations')"
        )
    return text


def check_source_key(key: str) -> str:
    """``key`` if it is a valid source key; otherwise :class:`DataError` suggesting one."""
    if SOURCE_KEY.match(key):
        return key
    try:
        hint = f"; did you mean {source_key_from_name(key)!r}?"
    except DataError:
        hint = ""
    raise DataError(
        f"{key!r} is not a source key (lower-case letters, digits, '-' or '_', starting with a "
        f"letter or digit){hint}"
    )


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["name=Programmname", "rating=Evidens"]`` as ``{"name": "Programmname", ...}``."""
    mapping: dict[str, str] = {}
    for item in items:
        standard, sep, column = item.partition("=")
        standard, column = standard.strip().lower(), column.strip()
        if not sep or not standard or not column:
            raise DataError(f"column mapping {item!r}: expected STANDARD=COLUMN, e.g. name=Programmname")
        if standard not in STANDARD_COLUMNS:
            raise DataError(
                f"column mapping {item!r}: {standard!r} is not a standard column; "
                f"standard columns: {', '.join(STANDARD_COLUMNS)}"
            )
        if standard in mapping:
            raise DataError(f"column mapping maps {standard!r} twice")
        mapping[standard] = column
    return mapping


def _enum_key(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().casefold())


def _enum_values(enum_cls: type[E], text: str, field: str, *, suffix: str | None = None) -> tuple[E, ...]:
    by_key = {member.value: member for member in enum_cls}
    out: list[E] = []
    for part in split_multi(text, _SEP):
        key = _enum_key(part)
        if suffix and key not in by_key and key.endswith(suffix):
            key = key[: -len(suffix)]
        member = by_key.get(key)
        if member is None:
            raise _Reject(
                field, f"unknown value {part!r}; expected one of: {', '.join(by_key)}"
            )
        if member not in out:
            out.append(member)
    return tuple(out)


def _age(text: str, field: str) -> int | None:
    if not text:
        return None
    if not _INT_RE.match(text) or int(text) > 120:
        raise _Reject(field, f"{text!r} is not an age in whole years (0..120)")
    return int(text)


class GenericImporter(Importer):
    """Reads a user's own catalogue: standard-column CSV (any Excel flavour) or prevcat JSON.

    ``source_key`` overrides the file stem as the source key; ``mapping`` maps standard
    column names to the file's own headers; ``scales`` are the scales the ``scale`` column
    may name (default: the common scale only; the CLI and the built-in plugin pass every
    scale the installed plugins register).
    """

    key: ClassVar[str] = "generic"
    title: ClassVar[str] = "Your own catalogue (standard-column CSV or .xlsx, or prevcat JSON)"
    formats: ClassVar[tuple[str, ...]] = ("csv", "xlsx", "json")

    def __init__(
        self,
        source_key: str | None = None,
        mapping: Mapping[str, str] | None = None,
        *,
        scales: Mapping[tuple[str, str], EvidenceScale] | None = None,
        title: str | None = None,
    ) -> None:
        self.source_key = check_source_key(source_key) if source_key is not None else None
        self.mapping = dict(mapping or {})
        for standard in self.mapping:
            if standard not in STANDARD_COLUMNS:
                raise DataError(f"{standard!r} is not a standard column; standard columns: "
                                f"{', '.join(STANDARD_COLUMNS)}")
        self._scales = scales
        self._title = title

    def __repr__(self) -> str:
        return f"<GenericImporter source_key={self.source_key!r} mapping={self.mapping!r}>"

    # -- helpers -----------------------------------------------------------------------

    def scales(self) -> Mapping[tuple[str, str], EvidenceScale]:
        """The scales a ``scale`` cell may name."""
        if self._scales is None:
            self._scales = {(COMMON_SCALE.id, COMMON_SCALE.version): COMMON_SCALE}
        return self._scales

    def _key_for(self, name: str | None) -> tuple[str, list[ImportWarning]]:
        if self.source_key is not None:
            return self.source_key, []
        if not name or name.startswith("<"):
            raise DataError("reading from a stream: give a source key (--source KEY)")
        stem = Path(name).stem
        key = source_key_from_name(stem)
        warnings = []
        if key != stem:
            warnings.append(ImportWarning(f"source key {key!r} made from the file name {Path(name).name!r}"))
        return key, warnings

    # -- reading -----------------------------------------------------------------------

    def read_snapshot(self) -> ImportResult:
        """Read the bundled snapshot (for subclasses that bundle one), with its provenance."""
        snap = self.snapshot()
        result = super().read_snapshot()
        if snap is not None and snap.provenance.source == result.catalogue.source:
            catalogue = Catalogue(provenance=snap.provenance, interventions=result.catalogue.interventions)
            return ImportResult(catalogue=catalogue, report=result.report)
        return result

    def read(self, source: str | Path | IO[str] | IO[bytes]) -> ImportResult:
        """Read a CSV, .xlsx (:mod:`prevcat.importers.generic_xlsx`) or prevcat JSON file (path or open file).

        A format it cannot read (.xls, .ods, a PDF, a zip archive) raises :class:`DataError`
        saying what the file is and how to save it in a readable format.
        """
        if isinstance(source, (str, Path)):
            path = Path(source)
            name: str = str(path)
            kind = sniff_file(path)
            if kind == "xlsx":
                return read_xlsx(self, path, name)
            if kind in UNREADABLE_FORMATS:
                raise DataError(f"cannot import this file: it is {UNREADABLE_FORMATS[kind]}", file=name)
            if path.suffix.lower() == ".json":
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise DataError(f"cannot read file: {exc.strerror or exc}", file=name) from exc
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    line = data[: exc.start].count(b"\n") + 1
                    raise DataError("not UTF-8 text; save the file as UTF-8", file=name, line=line) from exc
                return self._read_json(text, name)
            return self._read_csv(path, name)
        name = str(getattr(source, "name", "<stream>"))
        raw = source.read()
        if isinstance(raw, bytes):
            kind = sniff_format(raw[:65536] if not raw.startswith(b"PK") else raw, Path(name).suffix)
            if kind == "xlsx":
                return read_xlsx(self, io.BytesIO(raw), name)
            if kind in UNREADABLE_FORMATS:
                raise DataError(f"cannot import this file: it is {UNREADABLE_FORMATS[kind]}", file=name)
        text_head = raw[:64].decode("utf-8", "ignore") if isinstance(raw, bytes) else raw[:64]
        if text_head.lstrip("\ufeff \t\r\n").startswith("{"):
            if isinstance(raw, str):
                return self._read_json(raw, name)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise DataError("not UTF-8 text; save the file as UTF-8", file=name, line=line) from exc
            return self._read_json(text, name)
        buffer: IO[bytes] | IO[str] = io.BytesIO(raw) if isinstance(raw, bytes) else io.StringIO(raw)
        buffer.name = name  # type: ignore[misc]
        return self._read_csv(buffer, name)

    def _read_json(self, text: str, name: str) -> ImportResult:
        from prevcat.io import loads_catalogue

        catalogue = loads_catalogue(text, file=name)
        if self.source_key is not None and catalogue.source != self.source_key:
            raise DataError(
                f"the catalogue's source key is {catalogue.source!r}, not {self.source_key!r}; "
                "a JSON catalogue keeps its own source key",
                file=name,
            )
        report = make_report(
            catalogue.source, Path(name).name, rows_read=len(catalogue), rejected=(), warnings=(),
            interventions=len(catalogue),
        )
        return ImportResult(catalogue=catalogue, report=report)

    def _columns(self, header: tuple[str, ...], name: str) -> tuple[dict[str, str], list[str]]:
        """standard column -> file column, and the file's other columns (kept in ``extra``)."""
        lowered = {h.casefold(): h for h in header}
        columns: dict[str, str] = {}
        for standard, column in self.mapping.items():
            found = column if column in header else lowered.get(column.casefold())
            if found is None:
                raise DataError(
                    f"column mapping {standard}={column}: the file has no column {column!r}; "
                    f"its columns: {', '.join(header)}",
                    file=name, line=1,
                )
            columns[standard] = found
        used = set(columns.values())
        for standard in STANDARD_COLUMNS:
            if standard in columns:
                continue
            found = lowered.get(standard)
            if found is not None and found not in used:
                columns[standard] = found
                used.add(found)
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise DataError(
                f"missing required column(s) {', '.join(missing)}; the file's columns: {', '.join(header)}. "
                "Rename them or map them, e.g. --map name=Programmname",
                file=name, line=1,
            )
        return columns, [h for h in header if h not in used]

    def _read_csv(self, source: Path | IO[bytes] | IO[str], name: str) -> ImportResult:
        key, warnings = self._key_for(name)
        table = read_table(source)
        warnings += [ImportWarning(w) for w in table.warnings]
        columns, others = self._columns(table.header, name)
        interventions: list[Intervention] = []
        rejected: list[RejectedRow] = []
        seen: dict[str, int] = {}
        for row in table:
            native = row.get(columns["id"])
            try:
                if row.repeats_header:
                    raise _Reject("", _REPEATED_HEADER)
                if "__overflow__" in row.cells:
                    raise _Reject(
                        "", f"the row has more cells than the header has columns ({len(table.header)}); "
                        "quote cells that contain the delimiter",
                    )
                if native in seen:
                    raise _Reject("id", f"duplicate id {native!r} (first on row {seen[native]})")
                item = self._intervention(key, row, columns, others)
            except _Reject as exc:
                rejected.append(RejectedRow(
                    row=row.row, line=row.line, field=exc.field or None, reason=exc.reason,
                    native_id=native or None,
                ))
                continue
            seen[native] = row.row
            interventions.append(item)
        return self._result(key, name, len(table), interventions, rejected, warnings)

    def _result(
        self, key: str, name: str, rows_read: int, interventions: list[Intervention],
        rejected: list[RejectedRow], warnings: list[ImportWarning],
    ) -> ImportResult:
        """The catalogue and report of one file read (CSV or .xlsx)."""
        provenance = Provenance(
            source=key,
            title=self._title or Path(name).stem,
            note=f"imported from {Path(name).name} with prevcat's generic importer",
        )
        catalogue = Catalogue(provenance=provenance, interventions=interventions)
        report = make_report(
            key, Path(name).name, rows_read=rows_read, rejected=rejected, warnings=warnings,
            interventions=len(interventions),
        )
        return ImportResult(catalogue=catalogue, report=report)

    def _cell(self, row: TableRow, columns: Mapping[str, str], standard: str) -> str:
        column = columns.get(standard)
        return row.get(column) if column is not None else ""

    def _ratings(self, row: TableRow, columns: Mapping[str, str]) -> tuple[Rating, ...]:
        scale_text = self._cell(row, columns, "scale")
        labels = split_multi(self._cell(row, columns, "rating"), _SEP)
        if scale_text:
            try:
                scale = pick_scale(self.scales(), scale_text)
            except UnknownScaleError as exc:
                raise _Reject("scale", str(exc)) from None
        else:
            scale = COMMON_SCALE
        ratings = []
        for label in labels:
            try:
                ratings.append(scale.rate(label))
            except UnknownLabelError as exc:
                raise _Reject("rating", exc.message) from None
        return tuple(ratings)

    def _intervention(
        self, key: str, row: TableRow, columns: Mapping[str, str], others: list[str]
    ) -> Intervention:
        def cell(standard: str) -> str:
            return self._cell(row, columns, standard)

        native = cell("id")
        if not native:
            raise _Reject("id", "empty; every row needs an id")
        name = cell("name")
        if not name:
            raise _Reject("name", "empty; every row needs a name")
        country = cell("country").upper() or None
        if country is not None and country not in ISO_3166_ALPHA2:
            raise _Reject(
                "country", f"{cell('country')!r} is not an ISO 3166-1 alpha-2 code (e.g. SE, NO, DE)"
            )
        languages = tuple(part.lower() for part in split_multi(cell("language"), _SEP))
        for lang in languages:
            if not LANGUAGE_TAG.match(lang):
                raise _Reject("language", f"{lang!r} is not a language tag (e.g. sv, nb, de)")
        aliases = [Alias.parse(text) for text in split_multi(cell("aliases"), _SEP)]
        min_age, max_age = _age(cell("min_age"), "min_age"), _age(cell("max_age"), "max_age")
        if min_age is not None and max_age is not None and min_age > max_age:
            raise _Reject("max_age", f"max_age {max_age} is below min_age {min_age}")
        target = Target(
            levels=_enum_values(PreventionLevel, cell("levels"), "levels", suffix="_prevention"),
            ages=AgeRange(min_age, max_age),
            settings=_enum_values(Setting, cell("settings"), "settings"),
            substances=_enum_values(Substance, cell("substances"), "substances"),
        )
        domains = _enum_values(Domain, cell("domain"), "domain") or (Domain.PREVENTION,)
        extra = [(column, row.get(column)) for column in others if row.get(column)]
        try:
            return Intervention(
                source=key,
                id=f"{key}:{native}",
                name=name,
                aliases=tuple(aliases),
                country=country,
                languages=languages,
                ratings=self._ratings(row, columns),
                target=target,
                domains=domains,
                original=cell("original") or None,
                url=cell("url") or None,
                extra=extra,
            )
        except _Reject:
            raise
        except (ValueError, TypeError) as exc:  # a model validator said no
            raise _Reject("", str(exc)) from None
