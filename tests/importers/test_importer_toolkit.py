"""The registry importer toolkit: every row imported or rejected, same-id rows merged."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from prevcat.catalogue import Provenance
from prevcat.errors import DataError
from prevcat.evidence import COMMON_SCALE, Confidence, Direction, EvidenceLevel
from prevcat.importers.base import ImportWarning
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    TableImporter,
    bracket_tail,
    bracketed_codes,
    country_named,
    is_acronym,
    is_short_code,
    map_terms,
    merge_interventions,
    merge_led_by,
    name_forms,
    parse_iso_date,
    scale_level,
    split_remarks,
    unique_aliases,
    without_bracket,
)
from prevcat.importers.vocab import VocabularyMap, parse_ages
from prevcat.io.csv_read import read_table
from prevcat.model import AgeRange, Alias, Domain, Intervention, Setting, Target

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


def test_unknown_confidence_rejects_the_row_naming_the_value_and_the_known_ones(tmp_path: Path) -> None:
    result = DemoImporter().read(_write(tmp_path, "id,Name,Rating,confidence\na,Alpha,,sure\nb,Beta,,HIGH\n"))
    assert [(r.native_id, r.field, r.reason) for r in result.report.rejected] == [
        ("a", "confidence", "unknown confidence 'sure'; expected high, medium or low")
    ]
    assert [i.id for i in result.catalogue] == ["demo:b"]
    assert result.catalogue.get("demo:b").confidence is Confidence.HIGH


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


def test_merge_ignores_case_in_names_and_repeats_no_extra_pair() -> None:
    first = Intervention(id="x:1", name="Steg", source="x", aliases=[Alias("Steg 2", "sv")], extra={"k": "v"})
    second = Intervention(
        id="x:1",
        name="STEG 2",
        source="x",
        aliases=[Alias("Steg för steg"), Alias("steg")],
        extra=[("k", "v"), ("k", "w")],
    )
    merged = merge_interventions(first, second, name_lang="sv")
    assert merged.aliases == (Alias("Steg 2", "sv"), Alias("Steg för steg"))
    assert merged.extra == (("k", "v"), ("k", "w"))
    assert unique_aliases("A", [Alias("a"), Alias("B", "en")], [Alias("b", "de")]) == (Alias("B", "en"),)


class CheckingImporter(DemoImporter):
    """Reports a filled ``Setting`` cell for checking by hand."""

    def read_row(self, row: RowReader) -> Intervention:
        if row.get("Setting"):
            row.kept("Setting", row.get("Setting"), "to be checked by hand")
        return super().read_row(row)


def test_overflow_confidence_kept_values_and_merges_read_the_same_in_every_importer(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,Name,Rating,Setting,confidence\n"
        ",Alpha,,,,overflow\n"
        "b,Beta,,,,overflow\n"
        "c,Gamma,,,sure\n"
        "d,Delta,,Schule,low\n"
        "d,DELTA,,Schule,high\n",
    )
    result = CheckingImporter().read(path)
    report = result.report
    assert report.file == str(path)
    assert [(r.native_id, r.field, r.reason) for r in report.rejected] == [
        (None, None, "row has more cells than the header: 'overflow'"),
        ("b", None, "row has more cells than the header: 'overflow'"),
        ("c", "confidence", "unknown confidence 'sure'; expected high, medium or low"),
    ]
    assert [str(w) for w in report.warnings] == [
        f"row {n}: Setting: 'Schule': to be checked by hand; kept in extra" for n in (4, 5)
    ]
    delta = result.catalogue.get("demo:d")
    assert delta.aliases == () and delta.confidence is Confidence.LOW
    assert delta.extra == (("Setting", "Schule"),)
    assert delta.target.settings == (Setting.SCHOOL,)


def test_report_and_missing_column_error_name_the_file_as_given(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,Name,Rating\na,Alpha,\n")
    assert DemoImporter().read(path).report.file == str(path)
    assert DemoImporter().read(str(path)).report.file == str(path)
    missing = _write(tmp_path, "id,Name\na,Alpha\n")
    with pytest.raises(DataError) as error:
        DemoImporter().read(missing)
    assert str(error.value) == f"{missing}, line 1: missing column(s) Rating"


class NewestFirstImporter(DemoImporter):
    """Lets the row with the highest ``Rank`` lead and reports names that differ."""

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        pairs = sorted(zip(rows, items, strict=True), key=lambda pair: pair[0].get("Rank"), reverse=True)
        lead_row, lead = pairs[0]
        if len({item.name for item in items}) > 1:
            warnings.append(ImportWarning("rows give different names", row=lead_row.row.row, field="Name"))
        return merge_led_by(items, lead)


def test_merge_rows_sees_each_item_s_row_and_can_warn(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,Name,Rating,Rank,Setting\na,Alpha,,1,Zoo\na,Alpha Neu,,2,\nb,Beta,,1,\n")
    result = NewestFirstImporter().read(path)
    assert result.catalogue.get("demo:a").name == "Alpha Neu"
    assert [str(w) for w in result.report.warnings] == [
        "row 1: Setting: 'Zoo': no setting; kept in extra",
        "row 2: Name: rows give different names",
    ]


def test_merge_led_by_keeps_the_lead_s_name_and_url_and_ratings_in_file_order() -> None:
    effective = COMMON_SCALE.rate("effective")
    promising = COMMON_SCALE.rate("promising")
    first = Intervention(
        id="x:1",
        name="Eerste",
        source="x",
        ratings=[effective],
        target=Target(ages=AgeRange(None, 12)),
        domains=(),
        url="https://a.example/1",
        confidence=Confidence.HIGH,
        extra={"k": "v"},
    )
    lead = Intervention(
        id="x:1",
        name="Lead",
        source="x",
        aliases=[Alias("LEAD"), Alias("eerste")],
        ratings=[promising],
        target=Target(ages=AgeRange(6, 8), settings=[Setting.SCHOOL]),
        domains=(Domain.TREATMENT,),
        country="NL",
        confidence=Confidence.MEDIUM,
        extra={"k": "v", "j": "w"},
    )
    merged = merge_led_by(
        [first, lead], lead, name_lang="nl", extra_of=lambda item: [*item.extra, ("url", item.url or "-")]
    )
    assert (merged.name, merged.url, merged.country) == ("Lead", None, "NL")
    assert merged.aliases == (Alias("eerste"),)  # "LEAD" and "Eerste" repeat names, case ignored
    assert merged.ratings == (effective, promising)
    assert (merged.target.ages.min, merged.target.ages.max) == (None, 12)
    assert merged.domains == (Domain.TREATMENT,) and merged.confidence is Confidence.MEDIUM
    assert merged.extra == (("k", "v"), ("j", "w"), ("url", "-"), ("url", "https://a.example/1"))
    alone = merge_led_by([first], first)
    assert alone.domains == (Domain.PREVENTION,) and alone.extra == (("k", "v"),)


def test_terms_short_codes_and_countries() -> None:
    table = VocabularyMap(
        {"skole": Setting.SCHOOL, "hjem": Setting.FAMILY, "skole (alle)": Setting.COMMUNITY}
    )
    assert map_terms(table, ["skole (videregående)", "Hjem", "skole", "zoo (x)", "(skole)"]) == (
        [Setting.SCHOOL, Setting.FAMILY],
        ["zoo (x)", "(skole)"],
    )
    assert map_terms(table, ["skole (alle)"]) == ([Setting.COMMUNITY], [])
    assert map_terms(table, ["hjem!"], retry=lambda term: term.rstrip("!")) == ([Setting.FAMILY], [])
    assert bracket_tail("skole (videregående) ") == ("skole", "videregående")
    assert bracket_tail("a (b (c))") is None and without_bracket("(x)") == "(x)"
    assert is_short_code("SAAF-T") and is_short_code("P1")
    assert not is_short_code("Steg") and not is_short_code("12") and not is_short_code("SFP 10-14")
    assert bracketed_codes("Multidimensionele familietherapie (MDFT) (versie 2)") == ["MDFT"]
    countries = {"nederland": "NL", "usa": "US"}
    assert country_named("Nederland (Utrecht)", countries) == ("NL", None)
    assert country_named("USA; bearbejdet i Danmark", countries, cut=";") == ("US", None)
    assert country_named("USA; bearbejdet", countries)[0] is None
    assert country_named("Vlaanderen en Nederland", countries, joiners=(" en ",))[1] == (
        "names more than one country; country left unknown"
    )
    assert country_named("Atlantis", countries) == (None, "country not in the table; country left unknown")


def test_a_scale_level_sits_on_the_common_scale_in_its_direction() -> None:
    level = scale_level("Goede aanwijzingen", 4, Direction.POSITIVE, "good evidence", ["Goed onderbouwd"])
    assert level.level is EvidenceLevel.from_common(4, Direction.POSITIVE)
    assert (level.direction, level.description, level.variants) == (
        Direction.POSITIVE,
        "good evidence",
        ("Goed onderbouwd",),
    )


def test_values_kept_unread_are_reported_in_one_wording(tmp_path: Path) -> None:
    row = RowReader(next(iter(read_table(_write(tmp_path, "id,Arena,seen\na,Zoo | Park,18.10.2017\n")))))
    row.kept("Arena", "Zoo", "unmapped setting")
    row.kept("Arena", "Zoo", "no setting", store=False)
    assert row.mapped("Arena", SETTINGS, "setting", store=False) == []
    assert row.date("seen") is None
    row.keep_other_columns({"id"})
    assert [w.message for w in row.warnings] == [
        "'Zoo': unmapped setting; kept in extra",
        "'Zoo': no setting; kept in extra",
        "'Zoo': no setting; kept in extra",
        "'Park': no setting; kept in extra",
        "'18.10.2017': not a date (expected YYYY-MM-DD or YYYY-MM); kept in extra",
    ]
    assert row.extra == [("Arena", "Zoo"), ("seen", "18.10.2017"), ("Arena", "Zoo | Park")]



def test_kept_all_keeps_and_warns_for_each_value(tmp_path: Path) -> None:
    from prevcat.io.csv_read import read_table

    path = _write(tmp_path, "id,Setting\na,Zoo | Park\n")
    row = RowReader(read_table(path).rows[0])
    row.kept_all("Setting", ["Zoo", "Park"], "no setting")
    row.kept_all("Setting", ["Moon"], "no setting", store=False)
    assert row.extra == [("Setting", "Zoo"), ("Setting", "Park")]
    assert [w.message for w in row.warnings] == [
        "'Zoo': no setting; kept in extra",
        "'Park': no setting; kept in extra",
        "'Moon': no setting; kept in extra",
    ]
