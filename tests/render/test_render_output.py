"""Output files: missing folders are made, failures are messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from prevcat.errors import PrevcatError
from prevcat.io.output import open_output, write_output


def test_write_output_creates_missing_folders(tmp_path: Path) -> None:
    target = write_output(tmp_path / "a" / "b" / "r.html", "<p>hej</p>")
    assert target.read_text(encoding="utf-8") == "<p>hej</p>"


def test_open_output_creates_missing_folders(tmp_path: Path) -> None:
    with open_output(tmp_path / "x" / "t.csv") as handle:
        handle.write("a,b\r\n")
    assert (tmp_path / "x" / "t.csv").read_bytes() == b"a,b\r\n"


def test_a_file_in_the_way_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(PrevcatError, match="cannot"):
        write_output(tmp_path / "file" / "r.html", "x")
    with pytest.raises(PrevcatError, match="cannot"):
        open_output(tmp_path / "file" / "r.csv")
