"""The SQLite export served by datasette: full-text search, facets, views; checked in headless Chromium.

datasette runs as a real server on a loopback port (127.0.0.1); nothing leaves the machine.  Set
PREVCAT_SCREENS_DIR to keep the screenshots.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from prevcat.cli import main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette is not installed"),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("datasette")
    db, metadata = folder / "prevcat.db", folder / "metadata.json"
    result = CliRunner().invoke(
        main, ["export", "--format", "sqlite", "-o", str(db), "--metadata", str(metadata)]
    )
    assert result.exit_code == 0, result.output
    return db, metadata


@pytest.fixture(scope="module")
def server(exported: tuple[Path, Path]) -> Iterator[str]:
    db, metadata = exported
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "-m", str(metadata),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"datasette did not start: {output}")
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if process.stdout:
            process.stdout.close()


def _get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=30) as response:
        data: dict[str, object] = json.loads(response.read().decode("utf-8"))
        return data


def test_full_text_search_for_familj_finds_swedish_family_programmes(server: str) -> None:
    data = _get_json(f"{server}/prevcat/interventions.json?_search=familj&_shape=objects")
    rows = data["rows"]
    assert isinstance(rows, list)
    ids = {row["id"] for row in rows}
    assert {"metodguiden:fft", "metodguiden:connect"} <= ids  # familjeterapi; familjehemsföräldrar
    assert all("famil" in (r["name"] + r["alias_names"] + (r["description"] or "")).lower() for r in rows)


def test_the_search_page_lists_the_programmes(server: str) -> None:
    with urllib.request.urlopen(f"{server}/prevcat/interventions?_search=familj", timeout=30) as response:
        page = response.read().decode("utf-8")
    assert "FFT (Funktionell familjeterapi)" in page and "Connect" in page
    assert "Multisystemic" not in page  # a search, not the whole table


def test_a_facet_on_registry_country_counts_and_filters(server: str) -> None:
    data = _get_json(f"{server}/prevcat/interventions.json?_facet=registry_country&_shape=objects")
    facet = data["facet_results"]
    assert isinstance(facet, dict)
    results = facet.get("results", facet)  # datasette 1.0 nests facet results one level deeper
    counts = {item["value"]: item["count"] for item in results["registry_country"]["results"]}
    assert counts["SE"] >= 10 and counts["NO"] >= 10 and counts["US"] >= 10
    swedish = _get_json(f"{server}/prevcat/interventions.json?registry_country=SE&_shape=objects&_size=max")
    rows = swedish["rows"]
    assert isinstance(rows, list) and len(rows) == counts["SE"]
    assert {r["source"] for r in rows} == {"metodguiden"}


def test_metadata_facets_views_and_foreign_keys_are_served(server: str) -> None:
    data = _get_json(f"{server}/prevcat/ratings.json?_shape=objects&level=effective&_size=5")
    assert data["rows"]
    table = urllib.request.urlopen(f"{server}/prevcat/interventions", timeout=30).read().decode()
    assert "Interventions" in table and "registry_country" in table
    view = _get_json(
        f"{server}/prevcat/evidence_by_programme.json?_shape=objects&programme__contains=Strengthening"
    )
    rows = view["rows"]
    assert isinstance(rows, list) and {r["source"] for r in rows} >= {"blueprints", "xchange"}
    with urllib.request.urlopen(f"{server}/prevcat/programmes_by_country.json?country=NO", timeout=30) as r:
        assert json.loads(r.read())["rows"]
    page = urllib.request.urlopen(f"{server}/prevcat/evidence_by_programme", timeout=30).read().decode()
    assert "Evidence by programme" in page and "never as an average" in page


def test_foreign_keys_hold_in_the_export(exported: tuple[Path, Path]) -> None:
    db, _ = exported
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = connection.execute(
            "SELECT count(*) FROM interventions WHERE programme_id IS NULL OR variant_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("datasette-search-familj", "/prevcat/interventions?_search=familj"),
        ("datasette-facets", "/prevcat/interventions?registry_country=SE"),
        ("datasette-evidence-by-programme",
         "/prevcat/evidence_by_programme?programme__contains=" + urllib.parse.quote("Strengthening")),
    ],
)
def test_pages_render_in_headless_chromium(
    server: str, tmp_path: Path, name: str, path: str, chromium: Any
) -> None:
    data = chromium.screenshot(server + path, tmp_path / f"{name}.png", width=1280, height=1400)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 1400)
    assert len(data) > 30_000  # an error page or a blank page is far smaller
