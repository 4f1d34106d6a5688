"""``prevcat compare``: formats, output file, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main

ROOT = Path(__file__).resolve().parents[2]
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


CATALOGUE_DIR = ROOT / "tests" / "data" / "portfolios" / "catalogue"


@pytest.mark.slow
def test_output_folders_are_created(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir" / "r.html"
    result = CliRunner().invoke(main, ["compare", *_files("Malå"), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", *_files("Malå"), "-o", str(blocker / "r.txt")])
    assert result.exit_code == 1
    assert "Error: cannot " in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_a_pin_into_the_users_own_catalogue(tmp_path: Path) -> None:
    city = str(CATALOGUE_DIR / "city.toml")
    without = CliRunner().invoke(main, ["compare", city])
    assert without.exit_code == 1 and "mine:fritid-ute" in without.output and "--catalogue" in without.output
    result = CliRunner().invoke(
        main, ["compare", "--catalogue", str(CATALOGUE_DIR / "mine.csv"), city, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [testby] = json.loads(result.stdout)["cities"]
    pinned = next(m for m in testby["methods"] if m["local_names"] == ["Uteverksamhet"])
    assert pinned["kind"] == "matched" and pinned["intervention_id"] == "mine:fritid-ute"


@pytest.mark.slow
def test_an_unmatched_name_shows_its_best_guess_and_the_line_that_pins_it() -> None:
    city = str(CATALOGUE_DIR / "city.toml")
    result = CliRunner().invoke(main, ["compare", "--catalogue", str(CATALOGUE_DIR / "mine.csv"), city])
    assert result.exit_code == 0, result.output
    assert "Did you mean?" in result.stdout
    assert 'Kometprogrammet för tonåringar: Planet Youth (xchange, score 50) — intervention = ' \
           '"xchange:planet-youth"' in " ".join(result.stdout.split())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ("Sammanfattning", "Rekommendationer", "Så läser du rapporten", "Om underlaget", "Täckning")),
        ("nb", ("Sammendrag", "Anbefalinger", "Slik leser du rapporten", "Om datagrunnlaget", "Dekning")),
        ("en", ("Summary", "Recommendations", "How to read this report", "About this data", "Coverage")),
    ],
)
def test_report_language(tmp_path: Path, lang: str, words: tuple[str, ...]) -> None:
    out = tmp_path / f"{lang}.html"
    result = CliRunner().invoke(
        main, ["compare", *_files("Norsjö", "Malå"), "--format", "html", "--lang", lang, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    for word in words:
        assert f">{word}<" in page, word


@pytest.mark.slow
def test_report_language_defaults_to_the_portfolios(tmp_path: Path) -> None:
    for cities, lang in ((("Norsjö", "Malå"), "sv"), (("Oslo",), "nb")):
        out = tmp_path / "r.html"
        result = CliRunner().invoke(main, ["compare", *_files(*cities), "--format", "html", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f'<html lang="{lang}">' in out.read_text(encoding="utf-8")
