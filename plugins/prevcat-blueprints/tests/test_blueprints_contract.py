"""The importer contract for the Blueprints plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_blueprints.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = "id,Program,Program Rating,Endorsements,source_url,confidence\n"


class TestBlueprintsContract(ImporterContract):
    plugin = plugin
    key = "blueprints"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + "good,Good Programme,Model,,https://www.blueprintsprograms.org/factsheet/good,high\n"
            + "bad,Bad Programme,Exemplary,,https://www.blueprintsprograms.org/factsheet/bad,high\n",
            encoding="utf-8",
        )
        return path
