"""The importer contract for the Metodguiden plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_metodguiden.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = (
    "id,Metod,Typ av metod,Målgrupp,Ålder,Verksamhet/arena,Syfte,Nationella riktlinjer prioritet,"
    "Ursprungsland / originalprogram,Andra namn,I Sverige sedan,Samling,anmärkning,nr_source_url,source_url,"
    "seen,confidence\n"
)


class TestMetodguidenContract(ImporterContract):
    plugin = plugin
    key = "metodguiden"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + "bra,Bra metod,Insats,Föräldrar,3-11,Föräldragrupp,,5,Sverige,,,Metodguiden,,,https://x.se,,high\n"
            + "dålig,Dålig rad,Insats,Föräldrar,3-11,Föräldragrupp,,Mycket hög,Sverige,,,Metodguiden,,,,,"
            "high\n",
            encoding="utf-8",
        )
        return path
