"""The HTML report renders in headless Chromium (skipped where Chromium is not installed)."""

from __future__ import annotations

import os
import runpy
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from prevcat.compare import compare
from prevcat.render.html import render_html

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


def _chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = _chromium()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    comparison = compare(
        SAMPLE["portfolios"]("<script>alert(1)</script>"),
        library=SAMPLE["library"](),
        crosswalk=SAMPLE["crosswalk"](),
    )
    page = tmp_path / "report.html"
    page.write_text(render_html(comparison), encoding="utf-8")
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1280,2000", page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert png.exists(), "Chromium wrote no screenshot"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB; the report has tables and charts
