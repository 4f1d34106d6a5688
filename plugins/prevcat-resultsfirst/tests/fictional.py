"""A small Results First workbook with clearly fictional rows (every programme name says so)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "Program name", "Program description", "RF rating color", "RF category", "Clearinghouse",
    "Clearinghouse rating", "Settings", "Outcomes", "Target populations", "Ages", "Link",
]

#: Fictional programmes (not real, invented for tests); clearinghouse names and labels are real scales.
ROWS: list[list[object]] = [
    ["Fictional Family Programme A", "Invented for tests.", "Highest rated", "Juvenile justice",
     "Blueprints for Healthy Youth Development", "Model Plus", "Home; School", "Delinquency",
     "Families", "10-14", "https://example.org/fictional-a"],
    ["Fictional Family Programme A", "Invented for tests.", "Highest rated", "Juvenile justice",
     "CrimeSolutions", "Effective", "Home", "Delinquency", "Families", "10-14", None],
    ["Fictional School Programme B", "Invented for tests.", "Second-highest rated", "Education",
     "What Works Clearinghouse", "Potentially positive effects", "School", "Reading", "Pupils", "6-11", None],
    ["Fictional Registry Programme C", "Invented for tests.", "Insufficient evidence", "Substance use",
     "National Registry of Evidence-based Programs and Practices", 3.6, "Community; Zoo", "Alcohol use",
     "Adolescents", "Adolescents", None],
    ["Fictional Health Programme D", "Invented for tests.", "Mixed effects", "Public health",
     "Fictional Clearinghouse (not real)", "Positive impacts", "Clinic", "Health", "Adults", "18-64", None],
    ["Fictional Prison Programme E", "Invented for tests.", "No effects", "Adult criminal justice",
     "CrimeSolutions", "No Effects", "Prison", "Recidivism", "Adults", "18-99", None],
    ["Fictional Bad Programme F", "Invented for tests.", "Purple", "Education",
     "What Works Clearinghouse", "Positive effects", "School", "Maths", "Pupils", "6-11", None],
    [None, "A row without a programme name.", "Highest rated", "Education",
     "What Works Clearinghouse", "Positive effects", None, None, None, None, None],
]


def write_workbook(path: Path, rows: list[list[object]] | None = None, *, notes_sheet: bool = True) -> Path:
    """The fictional workbook: a programme sheet and (like many downloads) a notes sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Clearinghouse Database"
    sheet.append(HEADER)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    if notes_sheet:
        notes = book.create_sheet("About")
        notes.append(["Fictional test workbook"])
        notes.append(["Every programme in it is invented."])
    book.save(path)
    return path
