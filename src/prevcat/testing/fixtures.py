"""pytest fixtures for plugin authors (a pytest plugin: prevcat registers it under ``pytest11``).

* ``read_csv(importer, header, *rows)``: the import result of a few rows written to ``tmp_path``.
* ``snapshot_result(importer)``: the bundled snapshot's result, read once per test run.
* ``strict_plugins``: plugin problems raise instead of warning; the plugin manager is rebuilt
  before and after the test.
* ``catalogue_file(catalogue)``: the catalogue written as prevcat JSON in ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from prevcat.catalogue import Catalogue
from prevcat.importers.base import Importer, ImportResult
from prevcat.testing import read_csv as _read_csv
from prevcat.testing.contract import snapshot_result as _snapshot_result


@pytest.fixture
def read_csv(tmp_path: Path) -> Callable[..., ImportResult]:
    """``read_csv(importer, header, *rows)``: ``importer.read`` of those rows in a CSV file."""

    def read(importer: Importer, header: str, *rows: str) -> ImportResult:
        return _read_csv(importer, tmp_path, header, *rows)

    return read


@pytest.fixture(scope="session")
def snapshot_result() -> Callable[[Importer], ImportResult]:
    """``snapshot_result(importer)``: its bundled snapshot read once per test run."""
    return _snapshot_result


@pytest.fixture
def strict_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Plugin problems raise :class:`~prevcat.errors.PluginError` during the test."""
    from prevcat.plugins import reset_plugin_manager

    monkeypatch.setenv("PREVCAT_STRICT_PLUGINS", "1")
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def catalogue_file(tmp_path: Path) -> Callable[[Catalogue], Path]:
    """``catalogue_file(catalogue)``: the path of the catalogue written as prevcat JSON."""
    from prevcat.io import dumps_catalogue

    def write(catalogue: Catalogue) -> Path:
        path = tmp_path / f"{catalogue.source}.json"
        path.write_text(dumps_catalogue(catalogue), encoding="utf-8")
        return path

    return write
