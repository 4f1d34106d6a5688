"""The importer contract for the NJi/RIVM plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_nji.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = "id,Interventie,Oordeel Erkenningscommissie,Databank,Leeftijd,Datum erkenning,confidence\n"


class TestNjiContract(ImporterContract):
    plugin = plugin
    key = "nji"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + "good,Goed programma,Goed onderbouwd,NJi,4 tot en met 12 jaar,2020-01-02,high\n"
            + "bad,Slecht programma,Veelbelovend,NJi,,2005,medium\n",
            encoding="utf-8",
        )
        return path
