"""A test kit for prevcat plugin authors: the importer contract and pytest fixtures.

* :func:`contract_for` / :class:`ImporterContract`: the checks every importer passes.
* :func:`read_csv`: an importer's result for a few rows written to a file.
* :func:`snapshot_result`: an importer's bundled snapshot, read once per test run.
* ``prevcat.testing.fixtures``: the same as pytest fixtures (``read_csv``, ``snapshot_result``,
  ``strict_plugins``, ``catalogue_file``); prevcat registers it as a pytest plugin (``pytest11``),
  so installing prevcat is enough to use them.
"""

from __future__ import annotations

from pathlib import Path

from prevcat.importers.base import Importer, ImportResult
from prevcat.testing.contract import ImporterContract, collect_registrations, contract_for, snapshot_result

__all__ = [
    "ImporterContract", "collect_registrations", "contract_for", "read_csv", "snapshot_result", "write_csv",
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
