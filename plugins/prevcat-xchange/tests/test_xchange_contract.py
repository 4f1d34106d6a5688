"""The importer contract for the Xchange plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_xchange.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = "id,Title,Evidence rating,Global rating,Last reviewed,confidence\n"


class TestXchangeContract(ImporterContract):
    plugin = plugin
    key = "xchange"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + "good,Good programme - a subtitle,Beneficial,,18.10.2017,high\n"
            + "bad,Bad programme - a subtitle,Very beneficial,,,high\n",
            encoding="utf-8",
        )
        return path
