"""The example scripts run on the bundled data with no arguments and say what they should."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=600, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def _check_report(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert {"svg", "table"} <= parser.tags
    assert "script" not in parser.tags
    return page


@pytest.mark.slow
def test_smakommun(tmp_path: Path) -> None:
    out = tmp_path / "smakommun.html"
    text = _run("smakommun.py", "--out", str(out))
    for city in ("Norsjö", "Sorsele", "Malå", "Arvidsjaur", "Arjeplog"):
        assert city in text
    assert "Methods used by more than one city" in text
    assert "Utbildning i tobakstillsyn" in text  # a local method all five share
    assert "Top recommendations for" in text
    assert f"HTML report: {out}" in text
    page = _check_report(out)
    assert "Småkommunprojektet" in page


@pytest.mark.slow
def test_nordic_cities(tmp_path: Path) -> None:
    out = tmp_path / "nordic.html"
    text = _run("nordic_cities.py", "--out", str(out))
    for city in ("Göteborg", "Örebro", "Ale", "Oslo", "Stockholm"):
        assert city in text
    assert "Västbus" in text  # Göteborg and Ale both name it
    assert "Top recommendations for" in text
    _check_report(out)


@pytest.mark.slow
def test_proven_methods_default_city_and_argument(tmp_path: Path) -> None:
    out = tmp_path / "mala.html"
    text = _run("proven_methods.py", "--out", str(out))
    assert text.startswith("Malå:")
    assert "What it uses now:" in text
    assert "Proven methods that would fill Malå's coverage gaps" in text
    assert "used by:" in text
    page = _check_report(out)
    assert "Proven methods for Malå" in page
    oslo = _run("proven_methods.py", "Oslo", "--out", str(tmp_path / "oslo.html"))
    assert oslo.startswith("Oslo:")


@pytest.mark.slow
def test_proven_methods_unknown_city_names_the_known_ones(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "proven_methods.py"), "Atlantis", "--out", str(tmp_path / "x.html")],
        capture_output=True, text=True, encoding="utf-8", timeout=600, cwd=ROOT, check=False,
    )
    assert result.returncode != 0
    assert "Atlantis" in result.stderr and "Malå" in result.stderr
