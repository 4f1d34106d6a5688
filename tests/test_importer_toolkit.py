"""The registry importer toolkit: every row imported or rejected, same-id rows merged."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from prevcat.catalogue import Provenance
from prevcat.errors import DataError
from prevcat.evidence import COMMON_SCALE, Confidence
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    is_acronym,
    merge_interventions,
    name_forms,
    parse_iso_date,
    split_remarks,
    unique_aliases,
)
from prevcat.importers.vocab import VocabularyMap, parse_ages
from prevcat.model import Alias, Intervention, Setting, Target

SETTINGS = VocabularyMap({"Schule": [Setting.SCHOOL], "Familie": [Setting.FAMILY]})


class DemoImporter(TableImporter):
    key: ClassVar[str] = "demo"
    title: ClassVar[str] = "Demo registry"
    provenance: ClassVar[Provenance] = Provenance("demo", "Demo registry")
    package: ClassVar[str] = "prevcat"
    snapshot_file: ClassVar[str] = "none.csv"
    required_columns: ClassVar[tuple[str, ...]] = ("id", "Name", "Rating")
    merged_name_lang: ClassVar[str | None] = "de"

    def read_row(self, row: RowReader) -> Intervention:
        native = row.require("id")
        name = row.require("Name", "programme name")
        rating = row.get("Rating")
        ratings = ()
        if rating:
            try:
                ratings = (COMMON_SCALE.rate(rating, confidence=row.confidence()),)
            except DataError as exc:
                raise RowRejected("Rating", str(exc)) from None
        ages, _ = parse_ages(row.get("Alter"))
        row.keep_other_columns({"id", "Name", "Rating", "Setting", "Alter", "confidence"})
        return Intervention(
            id=f"demo:{native}",
            name=name,
            source="demo",
            ratings=ratings,
            target=Target(ages=ages, settings=row.mapped("Setting", SETTINGS, "setting")),
            confidence=row.confidence(),
            extra=row.extra,
        )


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_row_is_imported_or_rejected_and_same_ids_merge(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,Name,Rating,Setting,Alter,confidence,Notiz\n"
        "a,Alpha,effective,Schule | Zoo,12-14,high,first\n"
        "a,Alpha Neu,promising,Familie,10-12,low,second\n"
        "b,,effective,,,,\n"
        "c,Gamma,excellent,,,,\n"
        "d,Delta,,,,,\n"
        "e,Epsilon,,,,,,overflow\n",
    )
    result = DemoImporter().read(path)
    report = result.report
    assert (report.rows_read, report.imported, len(report.rejected)) == (6, 3, 3)
    assert report.interventions == 2 == len(result.catalogue)
    reasons = {r.native_id: (r.field, r.reason) for r in report.rejected}
    assert reasons["b"] == ("Name", "empty programme name")
    assert reasons["c"][0] == "Rating" and "known labels" in reasons["c"][1]
    assert reasons["e"][0] is None and "more cells" in reasons["e"][1]
    alpha = result.catalogue.get("demo:a")
    assert [r.label for r in alpha.ratings] == ["effective", "promising"]
    assert alpha.aliases == (Alias("Alpha Neu", "de"),)
    assert alpha.target.settings == (Setting.SCHOOL, Setting.FAMILY)
    assert (alpha.target.ages.min, alpha.target.ages.max) == (10, 14)
    assert alpha.confidence is Confidence.LOW
    assert ("Setting", "Zoo") in alpha.extra and ("Notiz", "second") in alpha.extra
    assert [w.value for w in report.warnings] == ["Zoo"]


def test_a_missing_required_column_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing column"):
        DemoImporter().read(_write(tmp_path, "id,Name\na,Alpha\n"))


def test_unknown_confidence_is_kept_and_reported(tmp_path: Path) -> None:
    result = DemoImporter().read(_write(tmp_path, "id,Name,Rating,confidence\na,Alpha,,sure\n"))
    item = result.catalogue.get("demo:a")
    assert item.confidence is None and ("confidence", "sure") in item.extra
    assert "confidence" in result.report.warnings[0].message


def test_merge_keeps_the_first_name_and_the_lowest_confidence() -> None:
    first = Intervention(id="x:1", name="A", source="x", confidence=Confidence.HIGH, extra={"k": "v"})
    second = Intervention(id="x:1", name="B", source="x", confidence=Confidence.MEDIUM, extra={"k": "v"})
    merged = merge_interventions(first, second, name_lang="en")
    assert merged.name == "A" and merged.aliases == (Alias("B", "en"),)
    assert merged.confidence is Confidence.MEDIUM and merged.extra == (("k", "v"),)


def test_names_and_dates() -> None:
    assert name_forms("Multisystemic Therapy® (MST®)") == [
        "Multisystemic Therapy (MST)",
        "Multisystemic Therapy",
        "MST",
    ]
    assert name_forms("LifeSkills Training (LST)") == ["LifeSkills Training", "LST"]
    assert split_remarks("Good Behavior Game (formerly X) (pilot)") == (
        "Good Behavior Game",
        ["formerly X", "pilot"],
    )
    assert is_acronym("SFP 10-14") and not is_acronym("Steg") and not is_acronym("A")
    assert str(parse_iso_date("2017-07")) == "2017-07-01"
    assert parse_iso_date("18.10.2017") is None and parse_iso_date("2017-13") is None


def test_merge_can_fold_case_in_names_and_keep_repeated_extra() -> None:
    first = Intervention(id="x:1", name="Steg", source="x", aliases=[Alias("Steg 2", "sv")], extra={"k": "v"})
    second = Intervention(
        id="x:1", name="STEG 2", source="x", aliases=[Alias("Steg för steg"), Alias("steg")], extra={"k": "v"}
    )
    merged = merge_interventions(first, second, name_lang="sv", fold_case=True, repeat_extra=True)
    assert merged.aliases == (Alias("Steg 2", "sv"), Alias("Steg för steg"))
    assert merged.extra == (("k", "v"), ("k", "v"))
    exact = merge_interventions(first, second, name_lang="sv")
    assert exact.aliases == (
        Alias("Steg 2", "sv"),
        Alias("STEG 2", "sv"),
        Alias("Steg för steg"),
        Alias("steg"),
    )
    assert exact.extra == (("k", "v"),)
    assert unique_aliases("A", [Alias("a"), Alias("B", "en")], [Alias("b", "de")]) == (Alias("B", "en"),)


class StrictImporter(DemoImporter):
    """Checks the id before the cell count, rejects unknown confidences, reports whole paths."""

    merged_aliases_fold_case: ClassVar[bool] = True
    merged_extra_repeats: ClassVar[bool] = True
    report_full_path: ClassVar[bool] = True

    def check_row(self, row: RowReader) -> None:
        row.require("id")
        row.reject_overflow("more cells than header columns")

    def read_row(self, row: RowReader) -> Intervention:
        row.confidence(reject_unknown=True)
        if row.get("Setting"):
            row.kept("Setting", row.get("Setting"), "to be checked by hand")
        return super().read_row(row)


def test_row_checks_confidence_and_file_names_can_be_stricter(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,Name,Rating,Setting,confidence\n"
        ",Alpha,,,,overflow\n"
        "b,Beta,,,,overflow\n"
        "c,Gamma,,,sure\n"
        "d,Delta,,Schule,low\n"
        "d,DELTA,,Schule,high\n",
    )
    result = StrictImporter().read(path)
    report = result.report
    assert report.file == str(path) and DemoImporter().read(path).report.file == "demo.csv"
    assert [(r.field, r.reason.split(":")[0]) for r in report.rejected] == [
        ("id", "empty id"),
        (None, "more cells than header columns"),
        ("confidence", "unknown confidence 'sure'; expected high, medium or low"),
    ]
    assert [str(w) for w in report.warnings] == [
        f"row {n}: Setting: 'Schule': to be checked by hand; kept in extra" for n in (4, 5)
    ]
    delta = result.catalogue.get("demo:d")
    assert delta.aliases == () and delta.confidence is Confidence.LOW
    assert delta.extra == (("Setting", "Schule"), ("Setting", "Schule"))
    assert delta.target.settings == (Setting.SCHOOL,)
