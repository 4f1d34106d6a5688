"""The importer contract for the Results First plugin, on the fictional workbook."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import prevcat_resultsfirst.plugin as plugin
import pytest
from prevcat_resultsfirst.importer import ENV_VAR

from prevcat.testing import ImporterContract

FICTIONAL = runpy.run_path(str(Path(__file__).with_name("fictional.py")))
GOOD = [row for row in FICTIONAL["ROWS"] if row[0] and row[2] != "Purple"]


class TestResultsFirstContract(ImporterContract):
    plugin = plugin
    key = "resultsfirst"

    @pytest.fixture(autouse=True)
    def _configured(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        path = FICTIONAL["write_workbook"](tmp_path / "rf.xlsx", GOOD, notes_sheet=False)
        monkeypatch.setenv(ENV_VAR, str(path))
        yield

    def write_bad_file(self, directory: Path) -> Path:
        rows = [*GOOD, ["Fictional Bad Programme", "", "Ultraviolet", "", "CrimeSolutions", "Effective",
                        "", "", "", "", ""]]
        path: Path = FICTIONAL["write_workbook"](directory / "bad.xlsx", rows, notes_sheet=False)
        return path
