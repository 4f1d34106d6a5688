"""CSV as spreadsheets really write it: stray byte-order marks, joined exports, id and ID, huge cells."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from prevcat.errors import DataError
from prevcat.importers.base import ImportResult
from prevcat.importers.generic import GenericImporter
from prevcat.io.csv_read import MAX_CELL, read_table

BOM = "\ufeff".encode()


def _read(data: bytes, name: str = "mine.csv") -> ImportResult:
    stream = io.BytesIO(data)
    stream.name = name
    return GenericImporter().read(stream)


def test_doubled_bom_does_not_push_the_first_column_into_extra() -> None:
    result = _read(BOM + BOM + b"country,id,name\nSE,1,Komet\nNO,2,PALS\n")
    assert [(i.id, i.country, i.extra) for i in result.catalogue] == [
        ("mine:1", "SE", ()),
        ("mine:2", "NO", ()),
    ]
    assert "byte-order mark" in str(result.report.warnings[0])


def test_bom_at_the_start_of_an_id_cell_is_not_imported() -> None:
    result = _read(b"id,name\n" + BOM + b"1,Komet\n2," + BOM + b"PALS\n")
    assert [(i.id, i.name) for i in result.catalogue] == [("mine:1", "Komet"), ("mine:2", "PALS")]
    assert "line 2" in str(result.report.warnings[0])


def test_bom_is_removed_from_header_cells_after_the_first() -> None:
    table = read_table(io.BytesIO(b"id;" + BOM + b"name\n1;A\n"))
    assert table.header == ("id", "name")


def test_two_concatenated_exports_reject_the_second_header_naming_its_line() -> None:
    one = b"id,name,country\n1,Komet,SE\n"
    two = BOM + b"id,name,country\n2,PALS,NO\n"
    result = _read(BOM + one + two)
    report = result.report
    assert [i.id for i in result.catalogue] == ["mine:1", "mine:2"]
    assert report.rows_read == 3 and len(report.rejected) == 1
    rejected = report.rejected[0]
    assert rejected.line == 3 and "repeats the header" in rejected.reason


def test_a_header_row_in_other_case_is_also_a_repeat() -> None:
    result = _read(b"id,name\n1,A\nID , Name\n")
    assert result.report.rejected[0].line == 3


def test_a_row_that_only_shares_a_few_header_words_is_not_a_repeat() -> None:
    result = _read(b"id,name\nid,name-of-the-method\n")
    assert [i.id for i in result.catalogue] == ["mine:id"] and not result.report.rejected


@pytest.mark.parametrize(
    ("header", "named"),
    [(b"id,name,ID", "'id' and 'ID'"), (b"Name,id,name", "'Name' and 'name'"), (b"id,name,id", "'id'")],
)
def test_case_duplicate_headers_are_an_error_naming_the_line(header: bytes, named: str) -> None:
    with pytest.raises(DataError) as info:
        _read(header + b"\n1,A,2\n")
    assert info.value.line == 1 and info.value.file == "mine.csv"
    assert named in info.value.message and "ignoring case" in info.value.message


def test_a_cell_past_the_limit_is_a_located_error_not_unbounded_memory() -> None:
    data = b"id,name\n1,A\n2,\"" + b"x" * (MAX_CELL + 10) + b"\n3,B\n"
    with pytest.raises(DataError) as info:
        _read(data)
    assert info.value.line == 3 and "longer than" in info.value.message


def test_a_cell_just_under_the_limit_is_read() -> None:
    result = _read(b"id,name,notes\n1,A," + b"x" * (MAX_CELL - 1) + b"\n")
    assert len(result.catalogue.interventions[0].extra_values("notes")[0]) == MAX_CELL - 1


def test_nul_in_a_cell_is_kept_or_reported_never_a_crash() -> None:
    result = _read(b"id,name\n1,A\x00B\n")
    assert result.report.rows_read == len(result.catalogue) + len(result.report.rejected)


def test_a_50_mb_cell_costs_memory_in_proportion_to_the_file(tmp_path: Path) -> None:
    """Reading stops at the cell limit; memory stays within a few times the file's size."""
    path = tmp_path / "big.csv"
    size = 50_000_000
    path.write_bytes(b"id,name,notes\n1,A," + b"x" * size + b"\n")
    script = (
        "import resource, sys\n"
        "from prevcat.errors import DataError\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    GenericImporter().read(sys.argv[1])\nexcept DataError as exc:\n    print(exc.line)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                          timeout=300, check=True)
    line, grown = done.stdout.split()
    assert line == "2"
    assert int(grown) < 3 * size, f"{int(grown) / size:.1f} times the file"


def test_json_with_a_doubled_bom_and_json_that_is_not_utf8_are_handled(tmp_path: Path) -> None:
    doc = (
        '{"format_version": 1, "kind": "prevcat.catalogue", "provenance": {"source": "j", "title": "J"},'
        ' "interventions": [{"source": "j", "id": "j:1", "name": "A"}]}'
    )
    path = tmp_path / "j.json"
    path.write_bytes(BOM + BOM + doc.encode())
    assert len(GenericImporter().read(path).catalogue) == 1
    path.write_bytes(b'{"format_version": 1,\n"x": "\xff"}')
    with pytest.raises(DataError) as info:
        GenericImporter().read(path)
    assert info.value.line == 2 and "not UTF-8" in info.value.message
    with pytest.raises(DataError) as info:
        _read(b'{"format_version": 1,\n"x": "\xff"}', "j.json")
    assert info.value.line == 2
