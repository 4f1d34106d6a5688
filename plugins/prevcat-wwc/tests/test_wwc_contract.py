"""The importer contract for the What Works Clearinghouse plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_wwc.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = (
    "InterventionID,Intervention_Name,Protocol,Protocol_Version,Outcome_Domain,NumStudiesMeetingStandards,"
    "NumStudiesEligible,Intervention_Page_URL,Sample_Size_Intervention,Effectiveness_Rating\n"
)


class TestWwcContract(ImporterContract):
    plugin = plugin
    key = "wwc"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + "1,Good,Character Education,1.0,Behavior,1,1,/intervention/1,50,Positive Effects\n"
            + "2,Bad,Character Education,1.0,Behavior,1,1,/intervention/2,50,Very Positive Effects\n",
            encoding="utf-8",
        )
        return path
