"""WWC's per-outcome ratings, unrated reviews, grades as ages and the education/prevention split."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from prevcat_wwc.importer import WwcImporter
from prevcat_wwc.registry import PROTOCOLS, SCALE

from prevcat.catalogue import Catalogue
from prevcat.evidence import Direction, EvidenceLevel, ResultsFirstTier
from prevcat.importers.base import ImportResult
from prevcat.io.csv_read import read_table
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel

HEADER = (
    "InterventionID,Intervention_Name,Protocol,Protocol_Version,Outcome_Domain,NumStudiesMeetingStandards,"
    "NumStudiesEligible,Intervention_Page_URL,Sample_Size_Intervention,Effectiveness_Rating,Grade_K,Grade_3,"
    "Grade_PS,Urbanicity_Rural\n"
)


@cache
def snapshot() -> ImportResult:
    return WwcImporter().read_snapshot()


def catalogue() -> Catalogue:
    return snapshot().catalogue


def item(native: str) -> Intervention:
    return catalogue()[f"wwc:{native}"]


def read(tmp_path: Path, *rows: str) -> ImportResult:
    path = tmp_path / "wwc.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return WwcImporter().read(path)


# -- the whole export ----------------------------------------------------------------------------


def test_every_row_of_the_export_is_imported_into_537_interventions() -> None:
    report = snapshot().report
    assert (report.rows_read, report.imported, report.interventions) == (811, 811, 537)
    assert report.rejected == () and report.warnings == ()
    assert sum(len(i.ratings) for i in catalogue()) == 811  # one rating per row, none dropped


def test_rating_counts_match_the_export() -> None:
    labels = [r.label for i in catalogue() for r in i.ratings]
    counts = {label: labels.count(label) for label in set(labels)}
    assert counts == {
        "Positive Effects": 48,
        "Potentially Positive Effects": 158,
        "Mixed Effects": 23,
        "No Discernible Effects": 163,
        "Potentially Negative Effects": 12,
        "N/A": 2,
        "Reviewed, no rating": 405,
    }


def test_every_protocol_of_the_export_is_classified() -> None:
    snap = WwcImporter().snapshot()
    assert snap is not None
    protocols = {row.get("Protocol") for row in read_table(snap.path)}
    assert len(protocols) == 23
    assert all(p in PROTOCOLS for p in protocols)


# -- the scale -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "level", "direction", "tier"),
    [
        ("Positive Effects", EvidenceLevel.EFFECTIVE, Direction.POSITIVE, ResultsFirstTier.HIGHEST_RATED),
        ("Potentially Positive Effects", EvidenceLevel.PROMISING, Direction.POSITIVE,
         ResultsFirstTier.SECOND_HIGHEST),
        ("Mixed Effects", EvidenceLevel.INSUFFICIENT, Direction.MIXED, ResultsFirstTier.MIXED_EFFECTS),
        ("No Discernible Effects", EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT,
         ResultsFirstTier.NO_EVIDENCE_OF_EFFECTS),
        ("Potentially Negative Effects", EvidenceLevel.HARMFUL, Direction.NEGATIVE,
         ResultsFirstTier.NEGATIVE_EFFECTS),
        ("Negative Effects", EvidenceLevel.HARMFUL, Direction.NEGATIVE, ResultsFirstTier.NEGATIVE_EFFECTS),
        ("N/A", None, Direction.UNKNOWN, ResultsFirstTier.INSUFFICIENT_EVIDENCE),
    ],
)
def test_the_effectiveness_scale_on_the_common_scale(
    label: str, level: EvidenceLevel | None, direction: Direction, tier: ResultsFirstTier
) -> None:
    rating = SCALE.rate(label)
    assert (rating.label, rating.level, rating.direction, rating.tier) == (label, level, direction, tier)


def test_unrated_reviews_are_kept_and_never_no_effect() -> None:
    second_step = item("792")  # reviewed under the emotional-disturbance protocol, no rating
    (rating,) = second_step.ratings
    assert (rating.label, rating.level, rating.direction) == ("Reviewed, no rating", None, Direction.UNKNOWN)
    assert rating.note == (
        "protocol: Children Identified With Or At Risk For An Emotional Disturbance 2.0; "
        "Effectiveness_Rating blank in the export"
    )
    assert second_step.evidence.range_label == "unrated"
    fba = item("1241").ratings
    assert [(r.outcome, r.label, r.level) for r in fba][-1] == ("Social-emotional development", "N/A", None)


# -- per-outcome ratings and merged rows ---------------------------------------------------------


def test_first_step_to_success_is_rated_per_outcome_domain() -> None:
    first_step = item("752")
    assert [(r.outcome, r.label) for r in first_step.ratings] == [
        ("Social outcomes", "Potentially Positive Effects"),
        ("Reading achievement", "No Discernible Effects"),
        ("Other academic performance", "Potentially Positive Effects"),
        ("External behavior", "Positive Effects"),
        ("Emotional/internal behavior", "Potentially Positive Effects"),
    ]
    behaviour = first_step.ratings[3]
    assert behaviour.note is not None and behaviour.note.endswith(
        "studies meeting WWC standards: 2; studies eligible: 2; sample size: 243"
    )
    assert behaviour.url == first_step.url == "https://ies.ed.gov/ncee/wwc/intervention/752"
    assert first_step.evidence.disputed  # effective on behaviour, no effect on reading


def test_an_intervention_reviewed_under_two_protocols_keeps_both() -> None:
    check = item("312")  # Check & Connect: Dropout Prevention rated, Emotional Disturbance unrated
    assert check.extra_values("Protocol") == (
        "Dropout Prevention",
        "Children Identified With Or At Risk For An Emotional Disturbance",
    )
    assert [r.label for r in check.ratings][-1] == "Reviewed, no rating"
    assert check.url == "https://ies.ed.gov/ncee/wwc/intervention/312"


def test_the_rated_row_leads_even_when_an_unrated_row_comes_first(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        "7,Programme,Character Education,1.0,,,,,,,,,,",
        "7,Programme,Character Education,2.0,Behavior,2,3,/intervention/7,120,Positive Effects,1.00,,,1.00",
    )
    (programme,) = result.catalogue
    assert programme.url == "https://ies.ed.gov/ncee/wwc/intervention/7"
    assert [r.label for r in programme.ratings] == ["Reviewed, no rating", "Positive Effects"]
    assert (result.report.rows_read, result.report.imported, result.report.interventions) == (2, 2, 1)
    assert programme.extra_values("Urbanicity_Rural") == ("1.00",)


# -- ages ----------------------------------------------------------------------------------------


def test_grades_become_ages() -> None:
    assert item("208").target.ages == AgeRange(5, 12)  # Positive Action: kindergarten to grade 6
    assert item("211").target.ages == AgeRange(3, 7)  # DaisyQuest: pre-K to grade 1
    assert item("792").target.ages.is_open  # no grades in an unrated row


def test_postsecondary_leaves_the_upper_age_open(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        "9,College Bridge,Transition to College,1.0,Attainment,1,1,/intervention/9,300,Positive Effects,"
        ",1.00,1.00,",
    )
    assert result.catalogue["wwc:9"].target.ages == AgeRange(8, None)


def test_a_grade_cell_that_is_no_flag_is_reported(tmp_path: Path) -> None:
    result = read(
        tmp_path, "9,X,Character Education,1.0,Behavior,1,1,/intervention/9,30,Positive Effects,yes,,,"
    )
    (warning,) = result.report.warnings
    assert (warning.field, warning.value) == ("Grade_K", "yes")
    assert result.catalogue["wwc:9"].target.ages.is_open
    assert result.catalogue["wwc:9"].extra_values("Grade_K") == ("yes",)


# -- domains -------------------------------------------------------------------------------------


def test_reading_and_mathematics_curricula_are_education_not_prevention() -> None:
    assert item("211").domains == (Domain.EDUCATION,)  # DaisyQuest: Beginning Reading, Early Childhood
    assert item("536").domains == (Domain.EDUCATION,)  # Building Blocks for Math (Early Childhood)
    counts = {d: sum(1 for i in catalogue() if i.domains == d) for d in {i.domains for i in catalogue()}}
    assert counts == {
        (Domain.EDUCATION,): 455,
        (Domain.PREVENTION,): 76,
        (Domain.PREVENTION, Domain.EDUCATION): 6,
    }


def test_prevention_protocols_stay_prevention() -> None:
    for native in ("208", "251", "250", "103"):  # Positive Action, TGFD, TGFV, Caring School Community
        assert item(native).domains == (Domain.PREVENTION,)
    assert item("646").domains == (Domain.PREVENTION,)  # Accelerated Middle Schools (Dropout Prevention)
    assert item("767").target.levels == (PreventionLevel.INDICATED,)  # Coping Power, emotional disturbance


def test_rows_of_both_kinds_give_both_domains_prevention_first() -> None:
    assert item("766").domains == (Domain.PREVENTION, Domain.EDUCATION)  # Incredible Years
    assert item("237").domains == (Domain.PREVENTION, Domain.EDUCATION)  # Head Start: social-emotional row
    assert item("717").domains == (Domain.PREVENTION, Domain.EDUCATION)  # Puente: dropout + literacy


def test_an_unknown_protocol_is_imported_as_education_with_a_warning(tmp_path: Path) -> None:
    result = read(tmp_path, "9,X,Civics,1.0,Knowledge,1,1,/intervention/9,30,Positive Effects,,,,")
    assert result.catalogue["wwc:9"].domains == (Domain.EDUCATION,)
    (warning,) = result.report.warnings
    assert (warning.field, warning.value) == ("Protocol", "Civics")


# -- names and bad rows --------------------------------------------------------------------------


def test_html_entities_are_decoded_and_the_raw_name_kept() -> None:
    words = next(i for i in catalogue() if i.name.startswith("Words Their Way"))
    assert words.name == "Words Their Way™"
    assert Alias("Words Their Way", "en") in words.aliases
    assert words.extra_values("Intervention_Name") == ("Words Their Way&trade;",)
    assert Alias("TGFD", "en") in item("251").aliases


def test_bad_rows_are_rejected_with_their_reason(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        "1,Good,Character Education,1.0,Behavior,1,1,/intervention/1,50,Positive Effects,,,,",
        "2,Typo,Character Education,1.0,Behavior,1,1,/intervention/2,50,Postive Effects,,,,",
        ",No Id,Character Education,1.0,Behavior,1,1,,50,Positive Effects,,,,",
        "4,Odd count,Character Education,1.0,Behavior,one,1,/intervention/4,50,Positive Effects,,,,",
    )
    report = result.report
    assert [(r.row, r.field) for r in report.rejected] == [(2, "Effectiveness_Rating"), (3, "InterventionID")]
    reason = report.rejected[0].reason
    assert "'Postive Effects'" in reason and "'Positive Effects'" in reason
    assert report.rows_read == report.imported + len(report.rejected) == 4
    odd = result.catalogue["wwc:4"]
    assert odd.extra_values("NumStudiesMeetingStandards") == ("one",)
    assert odd.ratings[0].note == "protocol: Character Education 1.0; studies eligible: 1; sample size: 50"


def test_a_missing_column_is_an_error_naming_it(tmp_path: Path) -> None:
    from prevcat.errors import DataError

    path = tmp_path / "wwc.csv"
    path.write_text("InterventionID,Intervention_Name\n1,X\n", encoding="utf-8")
    with pytest.raises(DataError, match="Effectiveness_Rating"):
        WwcImporter().read(path)
