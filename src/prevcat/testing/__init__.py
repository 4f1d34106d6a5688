"""A test kit for prevcat plugin authors: the importer contract and pytest fixtures.

* :func:`contract_for` / :class:`ImporterContract`: the checks every importer passes.
* :func:`read_csv`: an importer's result for a few rows written to a file.
* :func:`snapshot_result`: an importer's bundled snapshot, read once per test run;
  :func:`snapshot_fixtures` makes module fixtures of it (``result, catalogue = ...``).
* :func:`read_records`: like :func:`read_csv`, from dicts of cells (defaults filled in).
* :func:`report_lines`: a result as its catalogue, rejected rows and warnings, as text.
* ``prevcat.testing.fixtures``: the same as pytest fixtures (``read_csv``, ``snapshot_result``,
  ``strict_plugins``, ``catalogue_file``); prevcat registers it as a pytest plugin (``pytest11``),
  so installing prevcat is enough to use them.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from prevcat.catalogue import Catalogue
from prevcat.importers.base import Importer, ImportResult
from prevcat.testing.contract import ImporterContract, collect_registrations, contract_for, snapshot_result

__all__ = [
    "ImporterContract", "collect_registrations", "contract_for", "read_csv", "read_records", "report_lines",
    "snapshot_fixtures", "snapshot_result", "write_csv",
]


def write_csv(path: Path, header: str, *rows: str) -> Path:
    """Write ``header`` and ``rows`` (one CSV line each, newlines added) as UTF-8; returns ``path``."""
    lines = [header.rstrip("\n"), *rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read_csv(
    importer: Importer, directory: Path, header: str, *rows: str, name: str = "rows.csv"
) -> ImportResult:
    """``importer.read`` of a file in ``directory`` holding ``header`` and ``rows``."""
    return importer.read(write_csv(directory / name, header, *rows))


def read_records(
    importer: Importer, directory: Path, columns: Sequence[str], *rows: Mapping[str, str],
    defaults: Mapping[str, str] | None = None,
) -> ImportResult:
    """``importer.read`` of a file with ``columns`` and one line per dict of cells (``defaults``
    first, then the row's own cells; columns not given are empty)."""
    path = directory / "records.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({**(defaults or {}), **row})
    return importer.read(path)


def report_lines(result: ImportResult) -> tuple[Catalogue, list[str], list[str]]:
    """The catalogue, and each rejected row and warning of the report as its message."""
    report = result.report
    return result.catalogue, [str(r) for r in report.rejected], [str(w) for w in report.warnings]


def snapshot_fixtures(importer: type[Importer], result: str = "result", catalogue: str = "catalogue") -> Any:
    """Two module-scoped pytest fixtures, the snapshot's result and its catalogue, named as given::

        result, catalogue = snapshot_fixtures(MyRegistryImporter)
    """
    import pytest

    @pytest.fixture(scope="module", name=result)
    def result_fixture() -> ImportResult:
        return snapshot_result(importer())

    @pytest.fixture(scope="module", name=catalogue)
    def catalogue_fixture() -> Catalogue:
        return snapshot_result(importer()).catalogue

    return result_fixture, catalogue_fixture
