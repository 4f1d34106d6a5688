"""A user's own .xlsx workbook imports like a CSV file; unreadable formats are named, not misread."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from prevcat.cli import main
from prevcat.errors import DataError
from prevcat.importers.generic import GenericImporter
from prevcat.io.xlsx import read_workbook, sniff_format
from prevcat.model import Setting

HEADER = ["id", "name", "aliases", "country", "rating", "settings", "min_age", "max_age"]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_rows_are_imported_or_rejected_with_sheet_row_and_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "mina metoder.xlsx", {
        "Metoder": [
            HEADER,
            ["fam-1", "Familjestöd i Örebro", "sv:Föräldrastöd", "SE", "promising", "family", 10, 14.0],
            [],
            ["fam-2", "Skolprogram", "", "XX", "", "school", None, None],
            ["fam-3", "", "", "SE", "", "", None, None],
        ],
        "Fler": [
            HEADER,
            ["fam-4", "Øvelse gjør mester", "", "NO", "effective", "school", 6, 12],
            ["fam-1", "Dubblett", "", "SE", "", "", None, None],
        ],
    })
    result = GenericImporter().read(path)
    report = result.report
    assert report.rows_read == 5 == report.imported + len(report.rejected)
    assert [i.id for i in result.catalogue] == ["mina-metoder:fam-1", "mina-metoder:fam-4"]
    first = result.catalogue.get("mina-metoder:fam-1")
    assert first.name == "Familjestöd i Örebro"
    assert first.target.ages.min == 10 and first.target.ages.max == 14  # 14.0 read as 14
    assert first.target.settings == (Setting.FAMILY,)
    assert str(first.aliases[0]) == "sv:Föräldrastöd"
    reasons = [r.reason for r in report.rejected]
    assert reasons[0].startswith("sheet 'Metoder', row 4, column D (country): 'XX'")
    assert reasons[1].startswith("sheet 'Metoder', row 5, column B (name): empty")
    assert reasons[2].startswith("sheet 'Fler', row 3, column A (id): duplicate id 'fam-1'")
    assert "first at sheet 'Metoder', row 2" in reasons[2]
    assert [r.line for r in report.rejected] == [4, 5, 3]


def test_rows_of_a_sheet_without_the_columns_are_accounted_for(tmp_path: Path) -> None:
    path = workbook(tmp_path / "lista.xlsx", {
        "Metoder": [["id", "name"], ["a", "Alpha"]],
        "Instruktioner": [["Fyll i en rad per metod"], ["id är obligatoriskt"]],
    })
    report = GenericImporter().read(path).report
    assert (report.rows_read, report.imported) == (2, 1)
    assert "sheet 'Instruktioner' has no id and name columns" in report.rejected[0].reason


def test_a_workbook_without_required_columns_is_an_error_naming_the_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "fel.xlsx", {"Blad1": [["Programnamn"], ["Alpha"]]})
    with pytest.raises(DataError, match=r"sheet 'Blad1'.*missing required column\(s\) id, name"):
        GenericImporter().read(path)


def test_header_with_an_empty_cell_names_sheet_row_and_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "tom.xlsx", {"Blad1": [["id", None, "name"], ["a", "x", "Alpha"]]})
    with pytest.raises(DataError, match=r"sheet 'Blad1', row 1, column B: the header cell is empty"):
        read_workbook(path)


def test_formula_cells_give_their_value_not_their_formula(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", {"S": [["id", "name", "min_age"], ["a", "Alpha", "=2*3"]]})
    # openpyxl stores no cached value for a formula it wrote; a real Excel file has one
    table = read_workbook(path)[0].table
    assert table.rows[0].get("min_age") == ""


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003"),
        ("report.pdf", b"%PDF-1.7\n...", "a PDF document"),
        ("methods.csv", b"%PDF-1.4\n...", "a PDF document"),
        ("noise.bin", b"\x00\x01\x02\x03" * 50, "binary file"),
    ],
)
def test_unreadable_formats_are_named(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DataError, match=expected):
        GenericImporter(source_key="x").read(path)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def test_ods_and_zip_are_named(tmp_path: Path) -> None:
    ods = tmp_path / "metoder.ods"
    ods.write_bytes(_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}))
    with pytest.raises(DataError, match="OpenDocument spreadsheet"):
        GenericImporter().read(ods)
    archive = tmp_path / "metoder.xlsx"  # a zip named .xlsx
    archive.write_bytes(_zip({"metoder.csv": b"id,name\n"}))
    with pytest.raises(DataError, match="a zip archive"):
        GenericImporter().read(archive)
    assert sniff_format(b"id;name\n1;A\n", ".csv") == "text"


def test_xlsx_from_an_open_binary_file(tmp_path: Path) -> None:
    path = workbook(tmp_path / "s.xlsx", {"S": [["id", "name"], ["a", "Alpha"]]})
    with path.open("rb") as handle:
        result = GenericImporter(source_key="mine").read(handle)
    assert [i.id for i in result.catalogue] == ["mine:a"]


def test_cli_import_of_an_xlsx_file(tmp_path: Path) -> None:
    path = workbook(tmp_path / "mine.xlsx", {"Blad1": [["id", "name", "country"], ["a", "Alpha", "SE"],
                                                        ["b", "Beta", "ZZ"]]})
    out = tmp_path / "mine.json"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output  # a rejected row fails the command ...
    assert "mine.xlsx: 2 rows read, 1 imported (1 interventions), 1 rejected" in result.output
    assert "sheet 'Blad1', row 3, column C (country)" in result.output
    assert out.exists()
    accepted = CliRunner().invoke(main, ["import", str(path), "--allow-rejects", "-o", str(out)])
    assert accepted.exit_code == 0, accepted.output  # ... unless the rejects are accepted


def test_the_readme_example_workbook_imports_every_row() -> None:
    """``examples/goteborg_egna_metoder.xlsx`` (Göteborg's own methods, with their city pages)."""
    from prevcat.importers.generic import GenericImporter

    path = Path(__file__).resolve().parents[2] / "examples" / "goteborg_egna_metoder.xlsx"
    result = GenericImporter().read(path)
    assert result.report.rows_read == len(result.catalogue) == 6
    assert not result.report.rejected
    assert all(item.url and item.url.startswith("https://") for item in result.catalogue)
