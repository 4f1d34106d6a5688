"""The importer contract for the Grüne Liste plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_gruene_liste.plugin as plugin

from prevcat.testing import ImporterContract


class TestGrueneListeContract(ImporterContract):
    plugin = plugin
    key = "gruene-liste"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            "id,Programmname,Beweiskraft,Stufe,confidence\n"
            "1,Gutes Programm,Effektivität nachgewiesen,Stufe 3,high\n"
            "2,Schlechtes Programm,Effektivität vermutet,,high\n",
            encoding="utf-8",
        )
        return path
