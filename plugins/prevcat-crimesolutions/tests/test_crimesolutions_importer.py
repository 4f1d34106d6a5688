"""CrimeSolutions' label versions, per-outcome ratings, and the tricky rows named in crimesolutions.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from prevcat_crimesolutions.rules import SCALES, CrimeSolutionsImporter

from prevcat.catalogue import Catalogue
from prevcat.evidence import Confidence, Direction, EvidenceLevel, ResultsFirstTier
from prevcat.importers.base import ImportResult
from prevcat.model import AgeRange, Alias, Domain, Intervention, Setting, Substance
from prevcat.testing import read_csv, snapshot_result

ALL_SCALES = tuple(SCALES.values())
LEGACY, CURRENT = SCALES["legacy"], SCALES["current"]

HEADER = (
    "id,Program Name,Profile type,Evidence Rating,Single or multiple studies,Outcome,source_url,confidence\n"
)
CURRENT_URL = "https://crimesolutions.ojp.gov/ratedprograms/x"
LEGACY_URL = "https://www.crimesolutions.gov/ProgramDetails.aspx?ID=1"


def snapshot() -> Catalogue:
    return snapshot_result(CrimeSolutionsImporter()).catalogue


def item(native: str) -> Intervention:
    return snapshot()[f"crimesolutions:{native}"]


def read(tmp_path: Path, *rows: str) -> ImportResult:
    return read_csv(CrimeSolutionsImporter(), tmp_path, HEADER, *rows)


def test_snapshot_counts_match_the_registry_notes() -> None:
    result = CrimeSolutionsImporter().read_snapshot()
    assert (result.report.rows_read, result.report.interventions) == (45, 45)  # 38 shared, 7 research rows
    labels = [i.ratings[0].label if i.ratings else None for i in result.catalogue]
    assert (labels.count("Effective"), labels.count("Promising"), labels.count("No Effects")) == (24, 14, 5)
    assert labels.count(None) == 2  # Fast Track, eHealth Familias Unidas: listed, rating not recorded
    assert [i.extra_values("Profile type") for i in result.catalogue].count(("Practice",)) == 1


# -- scale versions ----------------------------------------------------------------------------------


def test_no_effects_and_ineffective_are_different_scale_versions() -> None:
    assert "No Effects" in LEGACY and "No Effects" not in CURRENT
    assert "Ineffective" in CURRENT and "Ineffective" not in LEGACY
    assert "Negative Effects" in CURRENT and "Negative Effects" not in LEGACY
    assert {s.id for s in ALL_SCALES} == {"crimesolutions"}


def test_reconnecting_youth_keeps_its_legacy_no_effects_verdict() -> None:
    rating = item("reconnecting-youth").ratings[0]
    assert (rating.label, str(rating.scale)) == ("No Effects", "crimesolutions@legacy")
    assert (rating.level, rating.direction) == (EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT)
    assert rating.tier is ResultsFirstTier.NO_EVIDENCE_OF_EFFECTS
    assert rating.reviewed == dt.date(2013, 12, 30)
    assert rating.note is not None and "negative effects" in rating.note  # the caveat travels with it


def test_current_labels_split_null_from_harmful(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f"neg,Negative One,Program,Negative Effects,One study,,{CURRENT_URL},high",
        f"null,Null One,Program,Ineffective,One study,,{CURRENT_URL},high",
        f"inc,Inconclusive One,Program,Inconclusive Evidence,,,{CURRENT_URL},high",
    )
    neg, null, inc = (result.catalogue[f"crimesolutions:{n}"].ratings[0] for n in ("neg", "null", "inc"))
    assert (neg.level, neg.direction, str(neg.scale)) == (
        EvidenceLevel.HARMFUL,
        Direction.NEGATIVE,
        "crimesolutions@current",
    )
    assert neg.tier is ResultsFirstTier.NEGATIVE_EFFECTS
    assert (null.level, null.direction) == (EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT)
    assert inc.level is EvidenceLevel.INSUFFICIENT


def test_version_follows_the_label_then_the_site(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f"old,Old,Program,Effective,,,{LEGACY_URL},high",
        f"new,New,Program,Effective,,,{CURRENT_URL},high",
        "quoted,Quoted,Program,Promising,,,https://www.blueprintsprograms.org/factsheet/q,medium",
        f"legacy-label,Legacy Label,Program,No Effects,,,{CURRENT_URL},high",
    )
    versions = {i.native_id: str(i.ratings[0].scale) for i in result.catalogue}
    assert versions == {
        "old": "crimesolutions@legacy",
        "new": "crimesolutions@current",
        "quoted": "crimesolutions@current",
        "legacy-label": "crimesolutions@legacy",
    }


def test_effective_is_effective_in_both_versions_even_with_several_studies() -> None:
    basics = item("basics").ratings[0]
    assert (basics.level, str(basics.scale)) == (EvidenceLevel.EFFECTIVE, "crimesolutions@legacy")
    assert basics.note is not None and basics.note.startswith("More than one study")


def test_printed_study_suffix_is_split_from_the_label(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f"a,A,Program,Effective - More than one study,,,{LEGACY_URL},high",
        f'b,B,Program,"Promising | More than one study",,,{CURRENT_URL},high',
    )
    a, b = (result.catalogue[f"crimesolutions:{n}"].ratings[0] for n in "ab")
    assert (a.label, a.note) == ("Effective", "More than one study")
    assert (b.label, b.level) == ("Promising", EvidenceLevel.PROMISING)
    assert result.report.ok


def test_unknown_label_is_rejected_with_the_known_labels(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Program,Negative,,,{CURRENT_URL},high")
    (rejected,) = result.report.rejected
    assert rejected.field == "Evidence Rating"
    assert "'Negative Effects'" in rejected.reason and "'No Effects'" in rejected.reason
    assert rejected.native_id == "x"


def test_empty_rating_is_no_rating(tmp_path: Path) -> None:
    result = read(tmp_path, f"x,X,Program,,,,{CURRENT_URL},high")
    assert result.report.ok and result.catalogue["crimesolutions:x"].ratings == ()


# -- per-outcome ratings and shared ids -----------------------------------------------------------------


def test_rows_sharing_an_id_become_one_intervention_with_one_rating_per_outcome(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f"mst,Multisystemic Therapy (MST),Program,Effective,More than one study,Delinquency,"
        f"{CURRENT_URL},high",
        f"mst,Multisystemic Therapy,Program,Ineffective,One study,Substance use,{CURRENT_URL},medium",
    )
    assert (result.report.imported, result.report.interventions) == (2, 1)
    mst = result.catalogue["crimesolutions:mst"]
    assert [(r.outcome, r.label) for r in mst.ratings] == [
        ("Delinquency", "Effective"),
        ("Substance use", "Ineffective"),
    ]
    assert mst.evidence.disputed  # effective for one outcome, no effect for another
    assert mst.confidence is Confidence.MEDIUM
    assert mst.domains == (Domain.TREATMENT,)


def test_a_bad_row_of_a_shared_id_does_not_drop_the_good_one(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        f"x,X,Program,Effective,,Crime,{CURRENT_URL},high",
        f"x,X,Program,Superb,,Drugs,{CURRENT_URL},high",
    )
    assert len(result.report.rejected) == 1 and result.report.rejected[0].row == 2
    assert [r.outcome for r in result.catalogue["crimesolutions:x"].ratings] == ["Crime"]


# -- the tricky rows -------------------------------------------------------------------------------------


def test_scared_straight_is_a_practice_with_its_own_name_as_alias() -> None:
    practice = item("juvenile-awareness-programs")
    assert practice.extra_values("Profile type") == ("Practice",)
    assert Alias("Scared Straight", "en") in practice.aliases
    rating = practice.ratings[0]
    assert (rating.label, rating.level) == ("No Effects", EvidenceLevel.NO_EFFECT)
    assert rating.note is not None and rating.note.startswith("More than one meta-analysis")


def test_mdft_current_promising_rating() -> None:
    rating = item("mdft").ratings[0]
    assert (rating.label, str(rating.scale)) == ("Promising", "crimesolutions@current")
    assert item("mdft").domains == (Domain.TREATMENT,)


def test_paraphrased_rating_stays_low_confidence() -> None:
    bbbs = item("big-brothers-big-sisters")
    assert bbbs.confidence is Confidence.LOW
    assert bbbs.ratings[0].confidence is Confidence.LOW
    assert bbbs.ratings[0].note is not None and "Not a verbatim label" in bbbs.ratings[0].note


def test_kiva_grades_and_country_from_the_ncjrs_record() -> None:
    kiva = item("kiva")
    assert kiva.target.ages == AgeRange(6, 13)  # grades 1, 4 and 7
    assert kiva.target.settings == (Setting.SCHOOL,)
    assert kiva.country == "FI"
    assert kiva.ratings[0].reviewed == dt.date(2011, 6, 1)
    assert Alias("KiVa", "en") in kiva.aliases


@pytest.mark.parametrize(
    ("native", "ages"),
    [("basics", AgeRange(18, 24)), ("a-cra", AgeRange(13, 25)), ("reconnecting-youth", AgeRange(14, 18))],
)
def test_ages_as_years_and_grades(native: str, ages: AgeRange) -> None:
    assert item(native).target.ages == ages


def test_second_hand_rows_keep_their_source_and_medium_confidence() -> None:
    lst = item("lifeskills-training")
    assert lst.url is not None and "blueprintsprograms.org" in lst.url
    assert lst.ratings[0].url == lst.url
    assert lst.confidence is Confidence.MEDIUM
    assert Alias("LST", "en") in lst.aliases


def test_single_study_rows_say_so() -> None:
    for native in ("communities-that-care", "project-northland"):
        note = item(native).ratings[0].note
        assert note is not None and note.startswith("One study")


def test_domains_and_substances_from_the_target_population_tables() -> None:
    assert item("basics").domains == (Domain.EARLY_INTERVENTION,)
    assert item("basics").target.substances == (Substance.ALCOHOL,)
    assert item("brief-strategic-family-therapy").domains == (Domain.TREATMENT,)
    assert item("adolescent-diversion-project").domains == (Domain.EARLY_INTERVENTION,)
    assert item("positive-action").domains == (Domain.PREVENTION,)


def test_free_text_columns_are_kept_verbatim() -> None:
    assert item("basics").extra_values("Targeted population") == (
        "college students who drink heavily and have or risk alcohol-related problems",
    )


def read_other_columns(tmp_path: Path, columns: str, cells: str) -> ImportResult:
    """One effective programme ``x`` with ``cells`` in the extra ``columns``."""
    path = tmp_path / "cs.csv"
    path.write_text(
        f"id,Program Name,Evidence Rating,{columns},source_url,confidence\n"
        f"x,X,Effective,{cells},{CURRENT_URL},high\n",
        encoding="utf-8",
    )
    return CrimeSolutionsImporter().read(path)


def test_unmapped_setting_and_age_are_warned_and_kept(tmp_path: Path) -> None:
    result = read_other_columns(tmp_path, "Age,Setting", "young people,prison yard")
    x = result.catalogue["crimesolutions:x"]
    assert x.extra_values("Setting") == ("prison yard",)
    assert x.extra_values("Age") == ("young people",)
    assert sorted(w.field or "" for w in result.report.warnings) == ["Age", "Setting"]


def test_an_unreadable_date_is_warned_about_and_kept_in_extra(tmp_path: Path) -> None:
    result = read_other_columns(tmp_path, "Date posted", "posted 4 May")
    x = result.catalogue["crimesolutions:x"]
    assert x.ratings[0].reviewed is None
    assert x.extra_values("Date posted") == ("posted 4 May",)
    assert [(w.field, w.value) for w in result.report.warnings] == [("Date posted", "posted 4 May")]


def test_unknown_confidence_rejects_the_row_naming_the_value(tmp_path: Path) -> None:
    result = read(
        tmp_path, f"x,X,Program,Effective,,,{CURRENT_URL},sure", f"y,Y,Program,Effective,,,{CURRENT_URL},low"
    )
    (rejected,) = result.report.rejected
    assert (rejected.native_id, rejected.field) == ("x", "confidence")
    assert rejected.reason == "unknown confidence 'sure'; expected high, medium or low"
    assert [i.id for i in result.catalogue] == ["crimesolutions:y"]
