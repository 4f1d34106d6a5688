"""The HTML report renders in headless Chromium (skipped where Chromium is not installed)."""

from __future__ import annotations

import runpy
import struct
from pathlib import Path
from typing import Any

import pytest

from prevcat.compare import compare
from prevcat.render.html import render_html

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path, chromium: Any) -> None:
    comparison = compare(
        SAMPLE["portfolios"]("<script>alert(1)</script>"),
        library=SAMPLE["library"](),
        crosswalk=SAMPLE["crosswalk"](),
    )
    page = tmp_path / "report.html"
    page.write_text(render_html(comparison), encoding="utf-8")
    data = chromium.screenshot(page.as_uri(), tmp_path / "report.png", width=1280, height=2000)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB; the report has tables and charts
