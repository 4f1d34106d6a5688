"""``prevcat compare``: formats, output file, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIOS = ROOT / "examples" / "portfolios"


def _files(*cities: str) -> list[str]:
    from prevcat.compare.files import find_portfolios

    return [str(p) for p in find_portfolios(PORTFOLIOS, cities)]


@pytest.mark.slow
def test_compare_json_and_html_to_file(tmp_path: Path) -> None:
    files = _files("Malå", "Oslo")
    result = CliRunner().invoke(main, ["compare", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [c["name"] for c in doc["cities"]] == ["Malå", "Oslo"]
    limited = CliRunner().invoke(main, ["compare", *files, "--format", "json", "--max-recommendations", "2"])
    assert all(len(r["recommendations"]) <= 2 for r in json.loads(limited.stdout)["recommendations"])
    assert any(len(r["recommendations"]) > 2 for r in doc["recommendations"])
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["compare", *files, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_compare_csv_tables_and_text() -> None:
    files = _files("Norsjö", "Sorsele")
    result = CliRunner().invoke(main, ["compare", *files, "--format", "csv", "--table", "pairs"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [{"city_a": "Norsjö", "city_b": "Sorsele", "shared": rows[0]["shared"],
                     "jaccard": rows[0]["jaccard"]}]
    assert int(rows[0]["shared"]) >= 4
    text = CliRunner().invoke(main, ["compare", *files])
    assert text.exit_code == 0 and "Shared methods" in text.stdout


def test_compare_bad_portfolio_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('city = "X"\ncountry = "SE"\n[[methods]]\nname = "A"\nintervention = "nope:nothing"\n',
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(bad)])
    assert result.exit_code == 1
    assert "nope:nothing" in result.output and "Traceback" not in result.output


def test_compare_needs_a_portfolio() -> None:
    result = CliRunner().invoke(main, ["compare"])
    assert result.exit_code == 2
