"""The core commands on the bundled catalogues: show, search, export, validate."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.plugins import reset_plugin_manager

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken_catalogue.json"


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("PREVCAT_LOAD_PLUGINS", "PREVCAT_STRICT_PLUGINS", "PREVCAT_PLUGINS_DIR"):
        monkeypatch.delenv(var, raising=False)
    reset_plugin_manager()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("prevcat, version ")


#: the eight European and US prevention registries, without the What Works Clearinghouse
PREVENTION_REGISTRIES = ",".join(
    f"prevcat-{key}"
    for key in ("blueprints", "crimesolutions", "gruene-liste", "metodguiden", "nji", "ungsinn",
                "vidensportalen", "xchange")
)


def test_show_ungsinn_adaptation_of_sfp_has_both_editions_level_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("prevcat_ungsinn")
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", PREVENTION_REGISTRIES)  # see the xfail test below
    code, out, _ = run("show", "ungsinn:kjaerlighet-og-grenser")
    assert code == 0
    assert out.count("Nivå 0: Uvirksomt tiltak") == 2
    assert out.count("scale ungsinn@2015; common: no effect") == 2
    assert "Iowa Strengthening Families Program" in out
    linked = out[out.index("Same method elsewhere") :]
    assert "xchange:strengthening-families-10-14" in linked and "Unlikely to be beneficial" in linked
    assert "All registries together: no effect..effective — DISPUTED" in linked
    code, out, _ = run("show", "ungsinn:kjaerlighet-og-grenser", "--no-linked")
    assert code == 0 and "Same method elsewhere" not in out


def test_sfp_cluster_keeps_wwc_summer_training_out() -> None:
    """WWC's Summer Training and Education Program (STEP) is not SFP 10-14 (alias 'Step-by-Step')."""
    pytest.importorskip("prevcat_ungsinn")
    pytest.importorskip("prevcat_wwc")
    code, out, _ = run("show", "ungsinn:kjaerlighet-og-grenser")
    assert code == 0
    linked = out[out.index("Same method elsewhere") :]
    assert "wwc:434" not in linked
    assert "All registries together: no effect..effective — DISPUTED" in linked


def test_show_taakspel_has_both_dutch_verdicts_and_its_original() -> None:
    pytest.importorskip("prevcat_nji")
    code, out, _ = run("show", "nji:taakspel")
    assert code == 0
    assert "Effectief volgens goede aanwijzingen" in out and "by NJi" in out
    assert "Goede aanwijzingen voor effectiviteit" in out and "by RIVM Loketgezondleven" in out
    assert "Adapts:        Good Behavior Game" in out


def test_show_json_and_unknown_id() -> None:
    pytest.importorskip("prevcat_nji")
    code, out, _ = run("show", "nji:taakspel", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "nji:taakspel"
    code, _, err = run("show", "nji:taakspl")
    assert code == 1
    assert "no intervention with id 'nji:taakspl'; did you mean nji:taakspel" in err
    assert "Traceback" not in err


def test_search_ignores_case_and_accents_and_filters() -> None:
    pytest.importorskip("prevcat_xchange")
    for query in ("orebro", "ÖREBRO"):
        code, out, _ = run("search", query)
        assert code == 0 and "xchange:effekt-orebro-pas" in out
    code, out, _ = run("search", "orebro", "--setting", "workplace")
    assert code == 1


def test_export_csv_json_sqlite(tmp_path: Path) -> None:
    pytest.importorskip("prevcat_xchange")
    code, out, _ = run("export", "--format", "csv", "-o", str(tmp_path / "x.csv"), "--source", "xchange")
    assert code == 0 and out.startswith("Wrote 19 interventions from 1 catalogue(s)")
    rows = list(csv.DictReader((tmp_path / "x.csv").open(encoding="utf-8")))
    assert rows and all(r["id"].startswith("xchange:") for r in rows)
    assert next(iter(rows[0])) == "id"

    code, _, _ = run("export", "--format", "json", "-o", str(tmp_path / "all.json"))
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert code == 0 and document["format_version"] == 1 and len(document["catalogues"]) >= 1

    code, _, _ = run("export", "--format", "sqlite", "-o", str(tmp_path / "all.db"))
    assert code == 0
    with sqlite3.connect(tmp_path / "all.db") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert {"interventions", "aliases", "ratings", "targets", "sources", "provenance"} <= tables
        count = db.execute("SELECT count(*) FROM ratings WHERE scale_id LIKE 'xchange%'").fetchone()[0]
        assert count > 0


def test_export_unknown_source_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("export", "--format", "csv", "-o", str(tmp_path / "x.csv"), "--source", "nope")
    assert code == 2 and "unknown source(s) nope" in err


def test_validate_reports_each_problem_with_file_line_and_field_and_no_traceback() -> None:
    code, out, err = run("validate", str(BROKEN))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(lines) == 4
    expected = [
        ("line 16", "interventions[1].country", "ISO 3166-1"),
        ("line 22", "interventions[2].target.ages", "greater than max_age"),
        ("line 28", "interventions[3].ratings[0].label", "unknown label 'excellent'"),
        ("line 31", "interventions[4].name", "required field missing"),
    ]
    for line, (where, path, what) in zip(lines, expected, strict=True):
        assert "broken_catalogue.json" in line and where in line and path in line and what in line


def test_validate_accepts_an_exported_catalogue(tmp_path: Path) -> None:
    pytest.importorskip("prevcat_nji")
    from prevcat.io import dump_catalogue
    from prevcat.plugins import load_library

    dump_catalogue(load_library().catalogue("nji"), tmp_path / "nji.json")
    code, out, _ = run("validate", str(tmp_path / "nji.json"))
    assert code == 0 and "ok, 97 interventions" in out


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite", "xlsx"])
def test_export_creates_missing_folders(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "new" / "dir" / f"catalogue.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--source", "xchange", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0


def test_import_output_creates_missing_folders(tmp_path: Path) -> None:
    source = tmp_path / "mine.csv"
    source.write_text("id,name,country\n1,Mitt program,SE\n", encoding="utf-8")
    target = tmp_path / "a" / "b" / "mine.json"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert '"Mitt program"' in target.read_text(encoding="utf-8")
