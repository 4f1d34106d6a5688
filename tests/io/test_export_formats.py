"""Exports users open elsewhere: .xlsx with every record, Excel-flavoured CSV, SQLite comparison tables."""

from __future__ import annotations

import csv
import io
import runpy
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.cli import main
from prevcat.compare import compare
from prevcat.io import (
    CSV_COLUMNS,
    decimal_separator,
    dumps_csv,
    excel_delimiter,
    read_sqlite,
    write_library_xlsx,
    write_sqlite,
)
from prevcat.io.datasette import datasette_metadata
from prevcat.model import Intervention
from prevcat.render.sqlite_tables import ClusterProgrammes, programme_index, write_comparison_sqlite

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


def small_library() -> Library:
    provenance = Provenance(source="mina", title="Mina metoder", country="SE", licence="CC0")
    items = [
        Intervention(id="mina:a", source="mina", name="Föräldrastöd Ödeshög", languages=["sv"],
                     description="Stöd till familjer"),
        Intervention(id="mina:b", source="mina", name="=HYPERLINK(\"x\")", aliases=["sv:Øvelse"]),
    ]
    return Library((Catalogue(provenance, items),))


def test_xlsx_export_opens_in_openpyxl_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "prevcat.xlsx"
    result = CliRunner().invoke(main, ["export", "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames[:2] == ["interventions", "ratings"]
    assert {"aliases", "sources", "programmes", "variants"} <= set(workbook.sheetnames)
    rows = list(workbook["interventions"].iter_rows(values_only=True))
    assert rows[0] == CSV_COLUMNS
    written = int(result.output.split("Wrote ")[1].split()[0])
    assert len(rows) - 1 == written > 150
    ids = [r[0] for r in rows[1:]]
    assert len(set(ids)) == len(ids) and "ungsinn:kjaerlighet-og-grenser" in ids
    ratings = list(workbook["ratings"].iter_rows(values_only=True))
    assert ratings[0][:5] == ("intervention_id", "position", "scale_id", "scale_version", "label")
    assert len(ratings) > len(rows)  # most interventions have at least one rating, some several


def test_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    path = tmp_path / "mina.xlsx"
    counts = write_library_xlsx(small_library(), path)
    assert counts["interventions"] == 2
    sheet = load_workbook(path)["interventions"]
    cell = sheet["B3"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"
    assert sheet["B2"].value == "Föräldrastöd Ödeshög"


def test_excel_csv_starts_with_a_bom_and_uses_the_locales_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "metoder.csv"
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--excel", "--locale", "sv_SE", "--source", "metodguiden",
               "-o", str(path)],
    )
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.startswith("id;name;source;") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows and all(r["source"] == "metodguiden" for r in rows)
    assert any("ä" in r["name"] or "ö" in r["name"] or "å" in r["name"] for r in rows)
    english = dumps_csv(small_library(), excel=True, locale="en_GB")
    assert english.startswith("\ufeffid,name,")
    assert dumps_csv(small_library()).startswith("id,name,")  # the plain export is unchanged


@pytest.mark.parametrize(
    ("locale", "separator"),
    [("sv_SE", ","), ("nb", ","), ("nn_NO.UTF-8", ","), ("de-DE", ","), ("de-CH", "."), ("en_US", "."),
     ("fi", ","), ("da_DK", ",")],
)
def test_decimal_separators(locale: str, separator: str) -> None:
    assert decimal_separator(locale) == separator


def test_excel_delimiter_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert excel_delimiter() == ";"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert excel_delimiter() == ","
    with pytest.raises(ValueError, match="not a locale"):
        excel_delimiter("svenska!")


def test_export_rejects_options_that_do_not_apply(tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    for args in (["--format", "json", "--excel"], ["--format", "csv", "--metadata", "m.json"],
                 ["--format", "csv", "--excel", "--locale", "xx!"]):
        result = CliRunner().invoke(main, ["export", *args, "-o", out])
        assert result.exit_code == 2, result.output


def test_sqlite_export_round_trips_and_indexes_names(tmp_path: Path) -> None:
    library = small_library()
    path = tmp_path / "mina.db"
    write_sqlite(library, path)
    assert read_sqlite(path) == library
    connection = sqlite3.connect(path)
    try:
        found = connection.execute(
            "SELECT i.id FROM interventions_fts JOIN interventions i ON i.rowid = interventions_fts.rowid "
            "WHERE interventions_fts MATCH '\"famil\"'"
        ).fetchall()
        assert found == [("mina:a",)]
        assert connection.execute("SELECT count(*) FROM programmes").fetchone() == (0,)
    finally:
        connection.close()
    metadata = datasette_metadata(library, "mina")
    tables = metadata["databases"]["mina"]["tables"]
    assert tables["interventions"]["source_url"] == "/mina/sources"
    assert "Mina metoder: CC0" in tables["sources"]["description"]


def test_databases_of_earlier_versions_still_read(tmp_path: Path) -> None:
    library = small_library()
    path = tmp_path / "old.db"
    write_sqlite(library, path)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("DROP VIEW provenance")
            connection.execute("ALTER TABLE sources RENAME TO provenance")
    finally:
        connection.close()
    assert read_sqlite(path) == library


def test_comparison_tables_are_added_beside_the_catalogue(tmp_path: Path) -> None:
    library, crosswalk = SAMPLE["library"](), SAMPLE["crosswalk"]()
    comparison = compare(SAMPLE["portfolios"](), library=library, crosswalk=crosswalk)
    path = tmp_path / "prevcat.db"
    write_sqlite(library, path, programmes=programme_index(crosswalk, library))
    counts = write_comparison_sqlite(comparison, path)
    again = write_comparison_sqlite(comparison, path)  # replaces, never duplicates
    assert counts == again
    connection = sqlite3.connect(path)
    try:
        cities = [r[0] for r in connection.execute("SELECT city FROM compare_cities ORDER BY city")]
        assert cities == sorted(c.name for c in comparison.cities)
        methods = connection.execute("SELECT count(*) FROM compare_methods").fetchone()[0]
        assert methods == sum(len(c.methods) for c in comparison.cities) == counts["compare_methods"]
        no_effect = connection.execute(
            "SELECT count(*) FROM compare_ratings WHERE level IN ('no_effect', 'harmful')"
        ).fetchone()[0]
        assert no_effect >= 1  # SFP 10-14's null ratings travel with the city's method
        assert connection.execute("SELECT count(*) FROM interventions").fetchone()[0] == len(library)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    assert read_sqlite(path) == library


def test_cluster_programmes_adapter_gives_clusters_and_entries() -> None:
    crosswalk, library = SAMPLE["crosswalk"](), SAMPLE["library"]()
    index = programme_index(crosswalk, library)
    assert isinstance(index, ClusterProgrammes)
    some = library.catalogues[0].interventions[0]
    assert index.programme_of(some.id).id == crosswalk.cluster_of(some.id).id
    assert (index.variant_of(some.id).id, index.variant_of(some.id).name) == (some.id, some.name)


def test_compare_cli_writes_sqlite(tmp_path: Path) -> None:
    from prevcat.compare.files import find_portfolios

    root = Path(__file__).resolve().parents[2] / "examples" / "portfolios"
    files = [str(p) for p in find_portfolios(root, ["Malå", "Oslo"])]
    out = tmp_path / "cmp.db"
    result = CliRunner().invoke(main, ["compare", *files, "--format", "sqlite", "-o", str(out)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(out)
    try:
        assert connection.execute("SELECT count(*) FROM compare_cities").fetchone() == (2,)
    finally:
        connection.close()
    missing = CliRunner().invoke(main, ["compare", *files, "--format", "sqlite"])
    assert missing.exit_code == 2
