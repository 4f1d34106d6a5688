"""The importer contract for the Vidensportalen plugin."""

from __future__ import annotations

from pathlib import Path

from prevcat_vidensportalen import plugin

from prevcat.testing import ImporterContract

HEADER = "id,Indsats,Alder,Vidensgrundlag Målgruppe,Vidensgrundlag Effekt,confidence\n"


class TestVidensportalenContract(ImporterContract):
    plugin = plugin
    key = "vidensportalen"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER + "god,God indsats,12-17,A,B,high\n" + "daarlig,Dårlig indsats,12-17,A,E,high\n",
            encoding="utf-8",
        )
        return path
