"""The Results First importer on a fictional workbook: every row accounted for, both ratings kept."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from click.testing import CliRunner
from prevcat_resultsfirst.importer import ENV_VAR, ResultsFirstImporter, configured_file
from prevcat_resultsfirst.registry import ALL_SCALES

from prevcat.evidence import Direction, EvidenceLevel, ResultsFirstTier
from prevcat.io import dumps_catalogue, loads_catalogue
from prevcat.model import Setting

FICTIONAL = runpy.run_path(str(Path(__file__).with_name("fictional.py")))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path: Path = FICTIONAL["write_workbook"](tmp_path / "Results First Clearinghouse Database.xlsx")
    return path


def test_rows_read_equal_imported_plus_reported(workbook: Path) -> None:
    result = ResultsFirstImporter().read(workbook)
    report = result.report
    assert report.rows_read == 8
    assert report.rows_read == report.imported + len(report.rejected)
    assert (report.imported, len(report.rejected), report.interventions) == (6, 2, 5)
    bad_colour, no_name = report.rejected
    assert (bad_colour.line, bad_colour.field) == (8, "RF rating color")  # line: the sheet's row number
    assert bad_colour.reason.startswith("unknown label 'Purple'") and "'Highest rated'" in bad_colour.reason
    assert bad_colour.native_id == "fictional-bad-programme-f"
    assert (no_name.line, no_name.field, no_name.reason) == (9, "Program name", "empty programme name")
    assert any("sheet 'About' (1 row) is not the programme table" in str(w) for w in report.warnings)


def test_both_ratings_kept_each_on_its_own_scale_with_the_clearinghouse_as_rater(workbook: Path) -> None:
    catalogue = ResultsFirstImporter().read(workbook).catalogue
    item = catalogue.get("resultsfirst:fictional-family-programme-a")
    by_scale = {(str(r.scale), r.label): r for r in item.ratings}
    model_plus = by_scale[("resultsfirst-blueprints@1", "Model Plus")]
    assert model_plus.database == "Blueprints for Healthy Youth Development"
    assert model_plus.reported_by == "resultsfirst"
    assert model_plus.level is EvidenceLevel.WELL_ESTABLISHED
    effective = by_scale[("resultsfirst-crimesolutions@1", "Effective")]
    assert (effective.database, effective.level) == ("CrimeSolutions", EvidenceLevel.EFFECTIVE)
    colours = [r for r in item.ratings if str(r.scale) == "resultsfirst@1"]
    assert [r.label for r in colours] == ["Highest rated", "Highest rated"]
    assert colours[0].note == (
        "Results First tier for Blueprints for Healthy Youth Development's rating 'Model Plus'"
    )
    assert all(r.tier is ResultsFirstTier.HIGHEST_RATED and r.database is None for r in colours)
    assert item.target.settings == (Setting.FAMILY, Setting.SCHOOL)
    assert (item.target.ages.min, item.target.ages.max) == (10, 14)
    assert item.url == "https://example.org/fictional-a"


def test_native_ratings_that_cannot_be_placed_stay_verbatim_and_unplaced(workbook: Path) -> None:
    result = ResultsFirstImporter().read(workbook)
    catalogue = result.catalogue
    wwc = catalogue.get("resultsfirst:fictional-school-programme-b")
    native = next(r for r in wwc.ratings if r.database == "What Works Clearinghouse")
    assert (native.label, native.level, native.direction) == ("Potentially positive effects", None,
                                                              Direction.UNKNOWN)
    nrepp = catalogue.get("resultsfirst:fictional-registry-programme-c")
    score = next(r for r in nrepp.ratings if r.database and "National Registry" in r.database)
    assert (score.label, score.level) == ("3.6", None)
    assert ("Settings", "Community; Zoo") in nrepp.extra  # 'Zoo' maps to no setting: cell kept verbatim
    unknown = catalogue.get("resultsfirst:fictional-health-programme-d")
    assert [str(r.scale) for r in unknown.ratings] == ["resultsfirst@1"]  # only the colour is a rating
    assert ("Clearinghouse rating", "Positive impacts") in unknown.extra
    assert any("'Positive impacts'" in str(w) and "not placed" in str(w) for w in result.report.warnings)
    mixed = unknown.ratings[0]
    assert (mixed.level, mixed.direction, mixed.tier) == (EvidenceLevel.INSUFFICIENT, Direction.MIXED,
                                                          ResultsFirstTier.MIXED_EFFECTS)


def test_ratings_resolve_in_registered_scales_and_json_round_trips(workbook: Path) -> None:
    catalogue = ResultsFirstImporter().read(workbook).catalogue
    scales = {(s.id, s.version): s for s in ALL_SCALES}
    for item in catalogue:
        for rating in item.ratings:
            level = scales[(rating.scale.id, rating.scale.version)].lookup(rating.label)
            assert (level.level, level.direction) == (rating.level, rating.direction)
    assert loads_catalogue(dumps_catalogue(catalogue), scales=scales) == catalogue


def test_the_same_columns_saved_as_csv_read_alike(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "rf.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FICTIONAL["HEADER"])
        for row in FICTIONAL["ROWS"]:
            writer.writerow(["" if v is None else v for v in row])
    report = ResultsFirstImporter().read(path).report
    assert (report.rows_read, report.imported) == (8, 6)


def test_no_snapshot_unless_a_file_is_configured(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert ResultsFirstImporter().snapshot() is None
    config = tmp_path / "config" / "prevcat" / "resultsfirst.toml"
    config.parent.mkdir(parents=True)
    config.write_text('file = "../../Results First Clearinghouse Database.xlsx"\n', encoding="utf-8")
    assert configured_file() == config.parent / "../../Results First Clearinghouse Database.xlsx"
    snap = ResultsFirstImporter().snapshot()
    assert snap is not None and snap.path.resolve() == workbook.resolve()
    monkeypatch.setenv(ENV_VAR, str(workbook))
    result = ResultsFirstImporter().read_snapshot()
    assert result.catalogue.provenance.snapshot  # the file's date
    assert len(result.catalogue) == 5


def test_cli_import_with_registry_option(workbook: Path, tmp_path: Path) -> None:
    from prevcat.cli import main

    out = tmp_path / "rf.json"
    args = ["import", "--registry", "resultsfirst", "--allow-rejects", str(workbook), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "8 rows read, 6 imported (5 interventions), 2 rejected" in result.output
    assert out.exists()
