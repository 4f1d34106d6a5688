"""``prevcat search``: JSON and CSV output, country and language filters, with the existing filters."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from prevcat.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["search", *args])
    return result.exit_code, result.stdout


def test_json_records_and_country_filter() -> None:
    code, out = run("famil", "--format", "json", "--country", "se")
    assert code == 0
    records = json.loads(out)
    assert {r["id"] for r in records} >= {"metodguiden:fft", "metodguiden:connect"}
    assert all("SE" in (r["country"], r["registry_country"]) for r in records)
    assert set(records[0]) >= {"id", "name", "source", "evidence", "highest_level", "languages"}


def test_language_filter_and_csv_output() -> None:
    code, out = run("famil", "--language", "nb", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("nb" in r["languages"].split(" | ") for r in rows)
    assert {r["source"] for r in rows} == {"ungsinn"}


def test_filters_combine_with_level_and_min_evidence() -> None:
    code, out = run("a", "--format", "json", "--min-evidence", "effective", "--level", "universal")
    assert code == 0
    records = json.loads(out)
    assert records
    order = ["harmful", "no_effect", "insufficient", "theory_based", "promising", "effective",
             "well_established"]
    assert all(order.index(r["highest_level"]) >= order.index("effective") for r in records)
    _, everything = run("a", "--format", "json", "--level", "universal")
    assert len(json.loads(everything)) > len(records)


def test_nothing_found_is_exit_1_with_an_empty_document() -> None:
    code, out = run("zzzz-no-such-method", "--format", "json")
    assert (code, json.loads(out)) == (1, [])
    code, out = run("famil", "--country", "SE", "--language", "de")
    assert code == 1 and out == ""


def test_bad_country_and_language_are_usage_errors() -> None:
    assert run("x", "--country", "Sweden")[0] == 2
    assert run("x", "--language", "Svenska!")[0] == 2
