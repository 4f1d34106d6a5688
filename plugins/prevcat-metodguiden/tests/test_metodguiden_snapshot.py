"""The bundled snapshot: the shared Metodguiden snapshot, byte for byte, then the research rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from prevcat_metodguiden.rules import MetodguidenImporter

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "plugins/prevcat-metodguiden/src/prevcat_metodguiden/data/metodguiden.csv"
SNAPSHOT = "data/registries/metodguiden.csv"
SHARED = next((p for p in (Path("/work/shared"), ROOT.parent / "shared") if (p / SNAPSHOT).is_file()), None)
#: rows of the shared snapshot, and research rows appended after them (see data/PROVENANCE.md)
SHARED_ROWS, RESEARCH_ROWS = 39, 17


@pytest.mark.skipif(SHARED is None, reason="the project's shared data is not beside this checkout")
def test_the_bundled_file_starts_with_the_shared_snapshot() -> None:
    assert SHARED is not None
    shared = (SHARED / SNAPSHOT).read_bytes()
    bundled = BUNDLED.read_bytes()
    assert bundled.startswith(shared)
    assert bundled[len(shared):].count(b"\r\n") == RESEARCH_ROWS  # one line per appended row


def test_every_row_is_accounted_for() -> None:
    report = MetodguidenImporter().read_snapshot().report
    assert report.rows_read == report.imported + len(report.rejected)
    assert (report.rows_read, report.imported, len(report.rejected), report.interventions) == (
        SHARED_ROWS + RESEARCH_ROWS, 56, 0, 56,
    )
