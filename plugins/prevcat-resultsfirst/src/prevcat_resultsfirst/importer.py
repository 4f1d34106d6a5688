"""Read the Results First Clearinghouse Database workbook: the rules registry.toml cannot express.

One row per programme and clearinghouse.  Rows of one programme (same name, case and spacing
ignored) become one intervention; each row adds two ratings, each on its own scale:

* the clearinghouse's own rating, verbatim, on ``resultsfirst-<clearinghouse>@1``, with the
  clearinghouse as the rater (``database``) and Results First as the reporter (``reported_by``);
  placed on the common scale only where registry.toml places it (else ``level=None``);
* Results First's colour, on ``resultsfirst@1``, its note naming the clearinghouse it translates.

A native label registry.toml does not list (or a clearinghouse it does not know) is kept verbatim
in ``extra`` with a warning, never guessed.  The workbook cannot be bundled: :func:`configured_file`
finds the copy a user downloaded.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, ClassVar

import attrs

from prevcat.catalogue import Catalogue, Provenance
from prevcat.errors import DataError, UnknownLabelError
from prevcat.evidence import Rating
from prevcat.importers.base import ImportResult, ImportWarning, Snapshot
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, source_path
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.io.csv_read import Table, TableRow, read_table
from prevcat.io.xlsx import read_workbook, sniff_format
from prevcat.model import AgeRange, Intervention, Target
from prevcat_resultsfirst.registry import (
    COLOUR_SCALE,
    COLUMNS,
    KEY,
    PROVENANCE,
    SEPARATORS,
    SETTINGS,
    clearinghouse,
)

#: The environment variable naming the downloaded workbook.
ENV_VAR = "PREVCAT_RESULTSFIRST_FILE"
#: The config file (under ``$XDG_CONFIG_HOME/prevcat/``, default ``~/.config/prevcat/``): ``file = "..."``.
CONFIG_NAME = "resultsfirst.toml"

C = COLUMNS
_SLUG = re.compile(r"[^a-z0-9]+")


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the config file is looked for."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "prevcat" / CONFIG_NAME


def configured_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The workbook a user pointed to: ``$PREVCAT_RESULTSFIRST_FILE``, else ``file`` in the config
    file (a relative path is relative to the config file); None when neither is set."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "").strip()
    if value:
        return Path(value).expanduser()
    config = config_path(env)
    if not config.is_file():
        return None
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"cannot read the Results First config: {exc}", file=str(config)) from exc
    file = data.get("file")
    if not isinstance(file, str) or not file.strip():
        raise DataError("expected file = \"<path to the downloaded workbook>\"", file=str(config))
    path = Path(file.strip()).expanduser()
    return path if path.is_absolute() else config.parent / path


def native_id(name: str) -> str:
    """``Nurse-Family Partnership (NFP)`` → ``nurse-family-partnership-nfp``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG.sub("-", ascii_name.casefold()).strip("-")
    return slug or "programme"


class ResultsFirstImporter(TableImporter):
    """Results First rows → interventions, each row's clearinghouse rating and colour kept."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = "Results First Clearinghouse Database (the workbook you download)"
    formats: ClassVar[tuple[str, ...]] = ("xlsx", "csv")
    provenance: ClassVar[Provenance] = PROVENANCE
    package: ClassVar[str] = "prevcat_resultsfirst"
    snapshot_file: ClassVar[str] = ""
    required_columns: ClassVar[tuple[str, ...]] = (C["name"], C["clearinghouse"], C["colour"], C["rating"])
    merged_name_lang: ClassVar[str | None] = "en"

    def snapshot(self) -> Snapshot | None:  # type: ignore[override]
        """The workbook a user pointed to (:func:`configured_file`), or None: nothing is bundled."""
        path = configured_file()
        if path is None:
            return None
        if not path.is_file():
            raise DataError(f"the Results First workbook is not there (set by ${ENV_VAR} or "
                            f"{config_path()})", file=str(path))
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()
        note = f"{PROVENANCE.note} Read from {path.name}."
        provenance = attrs.evolve(PROVENANCE, snapshot=saved, note=note)
        return Snapshot(path=path, provenance=provenance)

    def read_snapshot(self) -> ImportResult:
        snap = self.snapshot()
        if snap is None:
            raise LookupError(f"no Results First workbook configured: set ${ENV_VAR} or {config_path()}")
        result = self.read(snap.path)
        return ImportResult(Catalogue(snap.provenance, result.catalogue.interventions), result.report)

    # -- reading ------------------------------------------------------------------------------

    def load_table(self, source: str | Path | IO[str] | IO[bytes]) -> Table:
        """The programme sheet of the workbook (or the same columns saved as CSV).

        The first sheet with a ``Program name`` column is read; other sheets are named in a
        warning.  Anything but text goes to the workbook reader, which names a format it cannot read.
        """
        file = source_path(source)
        if isinstance(source, (str, Path)):
            data = Path(source).read_bytes()
        else:
            raw = source.read()
            if isinstance(raw, str):
                return read_table(io.StringIO(raw))
            data = raw
        if sniff_format(data, Path(file or "").suffix) in ("text", "json"):
            return read_table(io.BytesIO(data))
        sheets = read_workbook(io.BytesIO(data))
        found = [s for s in sheets if C["name"] in s.table.header]
        if not found:
            names = ", ".join(repr(s.name) for s in sheets)
            raise DataError(f"no sheet has a {C['name']!r} column (sheets: {names}); is this the "
                            "Results First Clearinghouse Database workbook?", file=file)
        chosen = found[0]
        notes = [f"sheet {s.name!r} ({len(s.table)} row{'' if len(s.table) == 1 else 's'}) "
                 "is not the programme table; not read" for s in sheets if s is not chosen]
        return attrs.evolve(chosen.table, warnings=(*chosen.table.warnings, *notes))

    def row_id(self, row: TableRow) -> str | None:
        """A rejected row is reported with its programme's id, where it has a name."""
        name = row.get(C["name"])
        return native_id(name) if name else None

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        """One intervention per programme; a clearinghouse given twice for it is reported."""
        first: dict[str, int] = {}
        for row in rows:
            printed = row.get(C["clearinghouse"])
            key = " ".join(printed.split()).casefold()
            if key in first:
                warnings.append(ImportWarning(
                    f"programme and clearinghouse repeat row {first[key]}; both rows' ratings kept",
                    row=row.row.row, field=C["clearinghouse"], value=printed,
                ))
            first.setdefault(key, row.row.row)
        return self.merge(items)

    def read_row(self, row: RowReader) -> Intervention:
        """One programme × clearinghouse row as one intervention with its two ratings."""
        name = row.require(C["name"], "programme name")
        printed = row.require(C["clearinghouse"], "clearinghouse")
        url = row.get(C["link"]) or None
        if url and not url.lower().startswith(("http://", "https://")):
            row.kept(C["link"], url, "not a web address")
            url = None
        native = native_rating(row, printed, url)
        ratings = [*colour_rating(row, printed, native), *([native] if native else [])]
        if not ratings:
            raise RowRejected(C["colour"], "neither a Results First colour nor a clearinghouse rating")
        settings = row.mapped(C["settings"], SETTINGS, "setting", separators=SEPARATORS, store=False)
        row.keep_other_columns({C["name"], C["description"], C["colour"], C["rating"], C["link"], C["ages"]})
        return Intervention(
            source=KEY,
            id=f"{KEY}:{native_id(name)}",
            name=name,
            languages=("en",),
            ratings=ratings,
            target=Target(ages=ages(row), settings=settings),
            url=url,
            description=row.get(C["description"]) or None,
            extra=row.extra,
        )


def native_rating(row: RowReader, printed: str, url: str | None) -> Rating | None:
    """The clearinghouse's own rating on its own scale, or None (empty, or kept in extra unplaced)."""
    label = row.get(C["rating"])
    if not label:
        return None
    found = clearinghouse(printed)
    if found is None:
        row.kept(C["rating"], label, f"clearinghouse {printed!r} is not in registry.toml; rating not placed")
        return None
    if label not in found.scale:
        row.kept(C["rating"], label, f"not a {found.name} label listed in registry.toml; rating not placed")
        return None
    return found.scale.rate(label, database=found.name, reported_by=KEY, url=url)


def colour_rating(row: RowReader, printed: str, native: Rating | None) -> list[Rating]:
    """Results First's colour for this row, its note naming the clearinghouse and its rating."""
    colour = row.get(C["colour"])
    if not colour:
        return []
    found = clearinghouse(printed)
    rater = found.name if found else printed
    said = row.get(C["rating"])
    note = f"Results First tier for {rater}" + (f"'s rating {said!r}" if said else " (no rating given)")
    try:
        return [COLOUR_SCALE.rate(colour, note=note)]
    except UnknownLabelError as exc:
        raise RowRejected(C["colour"], exc.message) from None


def ages(row: RowReader) -> AgeRange:
    """The span of every age band the Ages cell gives ("12-17; 18-25"); other text kept verbatim."""
    bands = []
    for part in split_multi(row.get(C["ages"]), SEPARATORS):
        band = parse_age_band(part)
        if band is None:
            row.kept(C["ages"], part, "no age range")
        else:
            bands.append(band)
    return span(bands)
