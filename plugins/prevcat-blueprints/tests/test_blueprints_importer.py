"""Blueprints' own label variants, its endorsements, and the tricky rows named in blueprints.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from prevcat_blueprints import plugin
from prevcat_blueprints.rules import BlueprintsImporter

from prevcat.catalogue import Catalogue
from prevcat.evidence import Confidence, Direction, EvidenceLevel
from prevcat.importers.base import ImportResult
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance
from prevcat.testing import read_csv, snapshot_result

ALL_SCALES = plugin.scales

HEADER = (
    "id,Program,Program Rating,Continuum of Intervention,Program Setting,Age,Endorsements,"
    "source_url,seen,confidence\n"
)
FACTSHEET = "https://www.blueprintsprograms.org/factsheet/x"
PROGRAMS = "https://www.blueprintsprograms.org/programs/1999999/x/"


def snapshot() -> Catalogue:
    return snapshot_result(BlueprintsImporter()).catalogue


def item(native: str) -> Intervention:
    return snapshot()[f"blueprints:{native}"]


def read(tmp_path: Path, *rows: str) -> ImportResult:
    return read_csv(BlueprintsImporter(), tmp_path, HEADER, *rows)


def by_database(intervention: Intervention, database: str | None) -> list[str]:
    return [r.label for r in intervention.ratings if r.database == database]


# -- the registry's own rating ---------------------------------------------------------------------


def test_snapshot_counts_match_the_registry_notes() -> None:
    result = BlueprintsImporter().read_snapshot()
    assert result.report.rows_read == 64  # 59 shared rows, 5 research rows
    own = [item.ratings[0].label for item in result.catalogue]
    assert own.count("Promising") == 41
    assert sum(label in ("Model", "Model Plus") for label in own) == 19
    assert sorted(label for label in own if label not in ("Promising", "Model", "Model Plus")) == [
        "Harmful",
        "Inconclusive Evidence",
        "Inconclusive Evidence",
        "Insufficient Evidence",
    ]


def test_page_generations_are_kept_apart_as_scale_versions() -> None:
    assert str(item("lifeskills-training").ratings[0].scale) == "blueprints@programs"  # newer page
    assert str(item("functional-family-therapy").ratings[0].scale) == "blueprints@factsheet"  # older
    assert str(item("body-project").ratings[0].scale) == "blueprints@narrative"  # criteria page list
    assert str(item("parent-management-training").ratings[0].scale) == "blueprints@narrative"  # newsletter


def test_promising_is_placed_at_promising_and_model_plus_at_well_established() -> None:
    gbg = item("good-behavior-game").ratings[0]
    assert (gbg.label, gbg.level, gbg.direction) == ("Promising", EvidenceLevel.PROMISING, Direction.POSITIVE)
    assert item("lifeskills-training").ratings[0].level is EvidenceLevel.WELL_ESTABLISHED
    assert item("nurse-family-partnership").ratings[0].level is EvidenceLevel.WELL_ESTABLISHED


def test_non_certified_scared_straight_is_harmful_and_inconclusive_is_insufficient() -> None:
    harmful = item("scared-straight").ratings[0]
    assert (harmful.level, harmful.direction) == (EvidenceLevel.HARMFUL, Direction.NEGATIVE)
    assert item("becoming-a-man").ratings[0].level is EvidenceLevel.INSUFFICIENT


def test_non_certified_label_on_an_older_fact_sheet_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Harmful,,,,,{FACTSHEET},,high")
    (rejected,) = result.report.rejected
    assert rejected.field == "Program Rating"
    assert "'Model Plus'" in rejected.reason  # the known labels are listed


def test_unconfirmed_non_certified_wording_is_rejected_not_guessed(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Ineffective,,,,,{PROGRAMS},,high")
    assert len(result.report.rejected) == 1
    assert len(result.catalogue) == 0


def test_labels_ignore_case_and_space_and_keep_the_verbatim_label(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,  model  plus ,,,,,{FACTSHEET},,high")
    rating = result.catalogue["blueprints:x"].ratings[0]
    assert rating.level is EvidenceLevel.WELL_ESTABLISHED
    assert rating.label == "model  plus"


def test_empty_rating_is_no_rating_not_an_error(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,,,,,,{FACTSHEET},,high")
    assert result.report.ok
    assert result.catalogue["blueprints:x"].ratings == ()


def test_rating_only_in_the_endorsements_block_is_used(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,,,,,Blueprints: Promising,{PROGRAMS},,high")
    (rating,) = result.catalogue["blueprints:x"].ratings
    assert (rating.label, str(rating.scale), rating.database) == ("Promising", "blueprints@programs", None)


def test_own_endorsement_contradicting_program_rating_is_a_warning(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Model,,,,Blueprints: Promising,{PROGRAMS},,high")
    assert [r.label for r in result.catalogue["blueprints:x"].ratings] == ["Model"]
    assert [w.field for w in result.report.warnings] == ["Endorsements"]


def test_unknown_page_template_uses_the_current_labels_with_a_warning(tmp_path: Path) -> None:
    result = read(tmp_path, "x,X,Model,,,,,,,high")
    assert str(result.catalogue["blueprints:x"].ratings[0].scale) == "blueprints@programs"
    assert [w.field for w in result.report.warnings] == ["source_url"]


def test_newsletter_rating_carries_the_page_date() -> None:
    assert item("parent-management-training").ratings[0].reviewed == dt.date(2017, 7, 1)


# -- endorsements ----------------------------------------------------------------------------------


def test_endorsements_become_ratings_attributed_to_the_registry_named() -> None:
    lst = item("lifeskills-training")
    crime = [r for r in lst.ratings if r.database == "CrimeSolutions"]
    assert len(crime) == 1
    assert crime[0].label == "Effective"
    assert crime[0].level is EvidenceLevel.EFFECTIVE
    assert crime[0].reported_by == "blueprints"
    assert crime[0].scale.id.startswith("blueprints")
    assert by_database(lst, "OJJDP Model Programs Guide") == ["Effective"]
    assert by_database(lst, "SAMHSA NREPP") == ["3.9-4.0"]
    assert by_database(lst, "Social Programs That Work") == ["Top Tier"]
    assert by_database(lst, None) == ["Model Plus"]  # Blueprints' own, not repeated as an endorsement
    assert all(r.reported_by == "blueprints" for r in lst.ratings if r.database)


def test_nrepp_scores_are_not_effect_levels() -> None:
    (nrepp,) = [r for r in item("lifeskills-training").ratings if r.database == "SAMHSA NREPP"]
    assert nrepp.level is None
    assert nrepp.tier.value == "insufficient evidence"


def test_odd_spacing_in_endorsements_is_read_and_the_label_kept_verbatim() -> None:
    assert by_database(item("communities-that-care"), "SAMHSA NREPP") == ["3.2 - 3.6"]  # "SAMHSA : 3.2 - 3.6"
    assert by_database(item("triple-p-system"), "Social Programs That Work") == ["Near Top Tier"]


def test_what_works_clearinghouse_study_rating_is_promising() -> None:
    (wwc,) = [r for r in item("positive-action").ratings if r.database == "What Works Clearinghouse"]
    assert wwc.label == "Meets Standards Without Reservations - Positive Effect"
    assert wwc.level is EvidenceLevel.PROMISING


def test_unconfirmed_endorsement_wording_keeps_its_remark_and_low_confidence() -> None:
    pmto = item("generationpmto")
    (sptw,) = [r for r in pmto.ratings if r.database == "Social Programs That Work"]
    assert sptw.label == "Near Top Tier"
    assert sptw.note == "exact wording not confirmed"
    assert sptw.confidence is Confidence.LOW
    assert pmto.ratings[0].confidence is Confidence.MEDIUM


def test_ctc_has_no_crimesolutions_endorsement_on_its_newer_page() -> None:
    assert by_database(item("communities-that-care"), "CrimeSolutions") == []


def test_unknown_endorsing_registry_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Model,,,,Blueprints: Model | Gold Standard List: Top,{FACTSHEET},,high")
    (rejected,) = result.report.rejected
    assert rejected.field == "Endorsements"
    assert "Gold Standard List" in rejected.reason
    assert "CrimeSolutions" in rejected.reason


def test_unknown_endorsement_value_is_rejected_with_the_known_labels(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Model,,,,Crime Solutions: Excellent,{FACTSHEET},,high")
    (rejected,) = result.report.rejected
    assert rejected.field == "Endorsements"
    assert "'Effective'" in rejected.reason


def test_endorsement_without_a_registry_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Model,,,,Effective,{FACTSHEET},,high")
    assert [r.field for r in result.report.rejected] == ["Endorsements"]


def test_every_scale_id_starts_with_the_source_key() -> None:
    assert all(s.id.startswith("blueprints") for s in ALL_SCALES)
    assert len({(s.id, s.version) for s in ALL_SCALES}) == len(ALL_SCALES)


# -- vocabularies of both page generations -----------------------------------------------------------


def test_older_and_newer_labels_map_to_the_same_values(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f'old,Old,Model,Universal Prevention (Entire Population),"Community (e.g., religious, recreation)",'
        f"Early Adulthood (19-22),,{FACTSHEET},,high",
        f"new,New,Model,Universal Prevention,Community,Early Adulthood (19-24),,{PROGRAMS},,high",
    )
    old, new = result.catalogue["blueprints:old"], result.catalogue["blueprints:new"]
    assert old.target.levels == new.target.levels == (PreventionLevel.UNIVERSAL,)
    assert old.target.settings == new.target.settings == (Setting.COMMUNITY,)
    assert (old.target.ages, new.target.ages) == (AgeRange(19, 22), AgeRange(19, 24))
    assert result.report.warnings == ()


def test_unmapped_setting_is_kept_in_extra_and_warned() -> None:
    fft = item("functional-family-therapy")
    assert "Transitional Between Contexts" in fft.extra_values("Program Setting")
    assert Setting.CRIMINAL_JUSTICE in fft.target.settings
    report = BlueprintsImporter().read_snapshot().report
    assert any(w.value == "Transitional Between Contexts" for w in report.warnings)


def test_age_bands_of_fact_sheets_and_newsletters() -> None:
    assert item("communities-that-care").target.ages == AgeRange(0, 24)
    assert item("parent-management-training").target.ages == AgeRange(4, 12)  # "4 – 12 years old"
    assert item("promoting-health-among-teens-comprehensive").target.ages == AgeRange(11, 13)  # grades 6, 7
    assert item("triple-p-system").target.ages == AgeRange(0, None)  # includes "Adult" (parents)


def test_outcomes_map_to_substances_and_newsletter_wording_is_reported() -> None:
    lst = item("lifeskills-training")
    assert {Substance.ALCOHOL, Substance.CANNABIS, Substance.TOBACCO_NICOTINE} <= set(lst.target.substances)
    assert Substance.OTHER_ILLICIT_DRUGS not in lst.target.substances  # newer pages list cannabis apart
    assert Substance.OTHER_ILLICIT_DRUGS in item("project-towards-no-drug-abuse").target.substances
    report = BlueprintsImporter().read_snapshot().report
    assert any(w.value == "Substance Use" and w.field == "Program Outcomes" for w in report.warnings)
    assert "Substance Use" in item("parent-management-training").extra_values("Program Outcomes")[0]


def test_columns_without_a_model_field_are_kept_verbatim() -> None:
    lst = item("lifeskills-training")
    assert lst.extra_values("Gender") == ("Both",)
    assert lst.extra_values("Endorsements")[0].startswith("Blueprints: Model Plus | Crime Solutions")
    assert lst.extra_values("Program Developer/Owner") == (
        "Gilbert J. Botvin, Ph.D. | Weill Cornell Medical College",
    )


# -- names, countries, domains ---------------------------------------------------------------------


def test_acronyms_and_trademark_signs_give_aliases() -> None:
    assert Alias("LST", "en") in item("lifeskills-training").aliases
    mst = item("multisystemic-therapy")
    assert {"Multisystemic Therapy", "MST", "Multisystemic Therapy (MST)"} <= set(mst.names)


def test_remarks_in_alternative_names_are_not_part_of_the_alias() -> None:
    sfp = item("strengthening-families-10-14")
    assert "SFP 10-14" in sfp.names
    assert not any("name used by" in n for n in sfp.names)
    assert sfp.extra_values("Alternative names")  # the remark is kept verbatim
    assert "PMTO" in item("generationpmto").names


def test_former_name_is_an_alias_and_adaptation_is_the_original() -> None:
    tfco = item("treatment-foster-care-oregon")
    assert "Multidimensional Treatment Foster Care" in tfco.names
    assert tfco.original is None
    assert item("mst-psb").original == "Multisystemic Therapy (MST)"
    assert item("saaf-teen").original == "Strong African American Families Program"


def test_country_only_where_the_page_names_one() -> None:
    assert item("triple-p-system").country == "AU"
    assert item("kiva").country == "FI"
    assert item("olweus").country is None  # University of Bergen is named, not a country
    assert item("effekt").country is None  # Sweden is in an unconfirmed note only


def test_treatment_programmes_are_treatment_and_family_programmes_prevention() -> None:
    assert item("multisystemic-therapy").domains == (Domain.TREATMENT,)
    assert item("functional-family-therapy").domain is Domain.TREATMENT
    sfp = item("strengthening-families-10-14")
    assert sfp.domain is Domain.PREVENTION and Domain.TREATMENT not in sfp.domains
    assert Domain.EARLY_INTERVENTION in item("basics").domains  # indicated prevention


@pytest.mark.parametrize(
    "native", ["multisystemic-therapy", "nurse-family-partnership", "big-brothers-big-sisters"]
)
def test_rating_only_rows_are_imported_with_open_targets(native: str) -> None:
    found = item(native)
    assert len(found.ratings) == 1
    assert found.target.ages.is_open and found.target.settings == ()


def test_confidence_is_kept_on_records_and_ratings() -> None:
    assert item("body-project").confidence is Confidence.MEDIUM
    assert item("body-project").ratings[0].confidence is Confidence.MEDIUM
    assert item("kiva").confidence is Confidence.HIGH


# -- rows that share an id -------------------------------------------------------------------------


def test_rows_sharing_an_id_become_one_intervention_with_each_rating(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        "saaf,Strong African American Families Program,Promising,,,,,"
        "https://www.blueprintsprograms.org/funding/saaf,2019-03,high",
        f"saaf,SAAF,Model,Universal Prevention,School,,Blueprints: Model | Crime Solutions: Effective,"
        f"{PROGRAMS},,medium",
    )
    assert result.report.rows_read == 2 and result.report.imported == 2
    assert result.report.interventions == 1
    saaf = result.catalogue["blueprints:saaf"]
    assert [(r.label, str(r.scale)) for r in saaf.ratings if r.database is None] == [
        ("Promising", "blueprints@factsheet"),
        ("Model", "blueprints@programs"),
    ]
    assert saaf.ratings[0].reviewed == dt.date(2019, 3, 1)
    assert by_database(saaf, "CrimeSolutions") == ["Effective"]
    assert "SAAF" in saaf.names
    assert saaf.confidence is Confidence.MEDIUM
    assert saaf.target.settings == (Setting.SCHOOL,)


def test_bad_rows_are_reported_with_row_and_line(tmp_path: Path) -> None:
    result = read(tmp_path, f"ok,Fine,Model,,,,,{FACTSHEET},,high", f",No id,Model,,,,,{FACTSHEET},,high")
    (rejected,) = result.report.rejected
    assert (rejected.row, rejected.line, rejected.field) == (2, 3, "id")
    assert result.report.imported == 1


def test_unknown_confidence_rejects_the_row_naming_the_value(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Model,,,,,{FACTSHEET},,sure", f"y,Y,Model,,,,,{FACTSHEET},,high")
    (rejected,) = result.report.rejected
    assert (rejected.native_id, rejected.field) == ("x", "confidence")
    assert rejected.reason == "unknown confidence 'sure'; expected high, medium or low"
    assert [i.id for i in result.catalogue] == ["blueprints:y"]
