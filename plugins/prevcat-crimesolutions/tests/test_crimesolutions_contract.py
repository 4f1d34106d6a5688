"""The importer contract for the CrimeSolutions plugin."""

from __future__ import annotations

from pathlib import Path

from prevcat_crimesolutions import plugin

from prevcat.testing import ImporterContract


class TestCrimeSolutionsContract(ImporterContract):
    plugin = plugin
    key = "crimesolutions"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            "id,Program Name,Profile type,Evidence Rating,source_url,confidence\n"
            "good,Good Programme,Program,Effective,https://crimesolutions.ojp.gov/ratedprograms/good,high\n"
            "bad,Bad Programme,Program,Very Effective,https://crimesolutions.ojp.gov/ratedprograms/bad,high\n",
            encoding="utf-8",
        )
        return path
