"""Metodguiden: guideline priorities that are not effect grades, Swedish vocabulary, tricky rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from prevcat_metodguiden.rules import DATABASE, NR_SCALE, MetodguidenImporter

from prevcat.catalogue import Catalogue
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Direction, EvidenceLevel, ResultsFirstTier, ScaleRef
from prevcat.importers.base import ImportResult
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance
from prevcat.testing import read_records, snapshot_fixtures

NR = ScaleRef("metodguiden-nr", "1")
SNAPSHOT = Path(__file__).parents[1] / "src/prevcat_metodguiden/data/metodguiden.csv"
PRIORITY = "Nationella riktlinjer prioritet"


snapshot, catalogue = snapshot_fixtures(MetodguidenImporter, result="snapshot")
DEFAULTS = {"Metod": "En metod", "Typ av metod": "Insats", "confidence": "high"}


def read_rows(tmp_path: Path, *rows: dict[str, str]) -> ImportResult:
    columns = next(csv.reader(SNAPSHOT.read_text(encoding="utf-8").splitlines()))
    return read_records(MetodguidenImporter(), tmp_path, columns, *rows, defaults=DEFAULTS)


def test_snapshot_imports_every_row(snapshot: ImportResult) -> None:
    report = snapshot.report
    assert (report.rows_read, report.imported, report.interventions, len(report.rejected)) == (56, 56, 56, 0)


# -- the guideline priority: its own scale, never an effect level -------------------------------


def test_priority_scale_makes_no_effect_claim() -> None:
    assert NR_SCALE.ordinal is False
    assert NR_SCALE.labels == (*(str(n) for n in range(1, 11)), "FoU", "Icke-göra")
    assert all(level.level is None and level.direction is Direction.UNKNOWN for level in NR_SCALE.levels)


def test_hap_priority_6_is_a_rating_without_a_common_level(catalogue: Catalogue) -> None:
    hap = catalogue.get("metodguiden:hap")
    (rating,) = hap.ratings
    assert (rating.scale, rating.label, rating.level) == (NR, "6", None)
    assert rating.direction is Direction.UNKNOWN
    assert rating.tier is ResultsFirstTier.INSUFFICIENT_EVIDENCE
    assert rating.database == DATABASE
    assert rating.reported_by == "vardochinsats.se"  # a secondary site, as the snapshot says
    assert rating.confidence is Confidence.MEDIUM  # the row itself is high
    assert hap.confidence is Confidence.HIGH
    assert hap.evidence.range_label == "unrated"
    assert not hap.evidence.disputed


def test_priority_1_is_not_read_as_strong_evidence(catalogue: Catalogue) -> None:
    assert [r.label for r in catalogue.get("metodguiden:asi").ratings] == ["1"]
    assert [r.label for r in catalogue.get("metodguiden:adad").ratings] == ["4"]
    assert catalogue.filter(min_evidence=EvidenceLevel.INSUFFICIENT) == []


def test_unconfirmed_priorities_give_no_rating(catalogue: Catalogue) -> None:
    """CPU's NR page shows the scale but no confirmed number; MST, FFT and MI have no number."""
    for native in ("cpu", "mst", "fft", "mi", "ungdok", "abc"):
        assert catalogue.get(f"metodguiden:{native}").ratings == ()


@pytest.mark.parametrize("label", ["icke-göra", "FOU", " 10 ", "Prioritet 3"])
def test_priority_label_variants_resolve(label: str) -> None:
    assert NR_SCALE.lookup(label).level is None


def test_icke_gora_is_advice_against_with_no_effect_direction(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        {"id": "x", PRIORITY: "Icke-göra",
         "nr_source_url": "https://www.socialstyrelsen.se/nationellariktlinjer/x"},
    )
    (rating,) = result.catalogue.get("metodguiden:x").ratings
    assert (rating.label, rating.level, rating.direction) == ("Icke-göra", None, Direction.UNKNOWN)
    assert rating.reported_by is None  # stated on Socialstyrelsen's own page
    assert rating.confidence is Confidence.HIGH


@pytest.mark.parametrize(("cell", "field"), [("11", PRIORITY), ("hög", PRIORITY), ("0", PRIORITY)])
def test_unknown_priorities_are_rejected_listing_the_known_labels(
    tmp_path: Path, cell: str, field: str
) -> None:
    result = read_rows(tmp_path, {"id": "ok", PRIORITY: "3"}, {"id": "bad", PRIORITY: cell})
    (rejected,) = result.report.rejected
    assert (rejected.row, rejected.native_id, rejected.field) == (2, "bad", field)
    assert "'Icke-göra'" in rejected.reason and "'FoU'" in rejected.reason
    assert [i.id for i in result.catalogue] == ["metodguiden:ok"]


def test_rows_sharing_an_id_become_one_method_with_both_ratings(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        {"id": "x", PRIORITY: "3", "Metod": "X-metoden"},
        {"id": "x", PRIORITY: "FoU", "Metod": "X-metoden (version 2)", "confidence": "low"},
    )
    item = result.catalogue.get("metodguiden:x")
    assert result.report.imported == 2 and result.report.interventions == 1
    assert [r.label for r in item.ratings] == ["3", "FoU"]
    assert item.confidence is Confidence.LOW
    assert "X-metoden (version 2)" in item.names


# -- tricky rows named in the registry notes ---------------------------------------------------


def test_connect_is_not_cope_despite_its_page_address(catalogue: Catalogue) -> None:
    connect = catalogue.get("metodguiden:connect")
    assert connect.url is not None and connect.url.endswith("/cope-community-parent-education2/")
    assert not any("cope" in name.casefold() for name in connect.names)
    assert connect.country == "CA"


def test_abc_is_only_in_the_crime_prevention_example_list(catalogue: Catalogue) -> None:
    abc = catalogue.get("metodguiden:abc")
    assert abc.extra_values("Samling") == ("Exempel på brottsförebyggande metoder",)
    assert abc.extra_values("Typ av metod") == ()
    assert abc.domains == (Domain.PREVENTION,)
    assert abc.target.levels == (PreventionLevel.UNIVERSAL,)
    assert Substance.VIOLENCE_CRIME in abc.target.substances
    assert abc.target.ages == AgeRange(3, 18)  # "3-12 | 13-18 (ABC tonår, Stockholms stad)"


def test_komet_versions_link_to_the_brand(catalogue: Catalogue) -> None:
    forstarkt = catalogue.get("metodguiden:forstarkt-komet")
    assert (forstarkt.country, forstarkt.original) == ("SE", "Komet 3–11")
    komet = catalogue.get("metodguiden:komet-3-11")
    assert komet.original is None  # "förlagor" names three models, not one original
    assert {"KOMET", "KOmmunikationsMETod", "Komet 3–11"} <= set(komet.names)


def test_assessment_methods_are_their_own_domain(catalogue: Catalogue) -> None:
    """Assessment methods are catalogued beside interventions, never recommended as one."""
    for native in ("adad", "asi", "ungdok", "audit", "savry", "sdq"):
        item = catalogue.get(f"metodguiden:{native}")
        assert item.extra_values("Typ av metod") == ("Bedömningsmetod",)
        assert item.domains == (Domain.ASSESSMENT,)
    assessments = [i for i in catalogue if Domain.ASSESSMENT in i.domains]
    assert len(assessments) == 20  # 3 before December 2026, 10 added with it, 7 research rows


def test_several_priorities_are_kept_one_per_condition(catalogue: Catalogue) -> None:
    cra = catalogue.get("metodguiden:cra")
    assert [(r.label, r.outcome) for r in cra.ratings] == [
        ("2", "alkohol"),
        ("3", "centralstimulantia"),
        ("4", "opioidberoende i läkemedelsassisterad behandling"),
    ]
    assert all(r.level is None and r.reported_by == "vardochinsats.se" for r in cra.ratings)
    case_management = catalogue.get("metodguiden:case-management")
    assert [r.label for r in case_management.ratings] == ["1", "2", "3", "4"]
    assert all(r.outcome for r in case_management.ratings)
    assert catalogue.get("metodguiden:a-cra").ratings[0].outcome is None  # a single priority


def test_a_priority_with_no_recorded_condition_is_kept_and_reported(tmp_path: Path) -> None:
    result = read_rows(tmp_path, {"id": "x", PRIORITY: "2 | 5"})
    ratings = result.catalogue.get("metodguiden:x").ratings
    assert [(r.label, r.outcome) for r in ratings] == [("2", None), ("5", None)]
    assert [w.value for w in result.report.warnings] == ["2", "5"]


def test_cpu_builds_on_hap_and_reaches_young_adults(catalogue: Catalogue) -> None:
    cpu = catalogue.get("metodguiden:cpu")
    assert (cpu.country, cpu.original) == ("SE", "HAP")
    assert cpu.target.ages == AgeRange(None, 25)  # "under 18 (NR) | unga vuxna"
    assert cpu.target.substances == (Substance.CANNABIS,)


# -- Swedish vocabulary -------------------------------------------------------------------------


def test_settings(catalogue: Catalogue) -> None:
    assert catalogue.get("metodguiden:mst").target.settings == (Setting.FAMILY, Setting.COMMUNITY)
    assert catalogue.get("metodguiden:mi").target.settings == (
        Setting.HEALTH_CARE,
        Setting.CRIMINAL_JUSTICE,
        Setting.SOCIAL_SERVICES,
        Setting.SCHOOL,
    )
    connect = catalogue.get("metodguiden:connect")
    assert Setting.ONLINE_MEDIA in connect.target.settings  # "Digitalt (eConnect)"


def test_unmapped_setting_and_unknown_type_are_kept_and_reported(tmp_path: Path) -> None:
    row = {"id": "x", "Verksamhet/arena": "Skola | Fritidsgård", "Typ av metod": "Program"}
    result = read_rows(tmp_path, row)
    item = result.catalogue.get("metodguiden:x")
    assert item.target.settings == (Setting.SCHOOL,)
    assert ("Verksamhet/arena", "Fritidsgård") in item.extra
    assert ("Typ av metod", "Program") in item.extra
    assert sorted(w.field or "" for w in result.report.warnings) == ["Typ av metod", "Verksamhet/arena"]


def test_domains_and_substances_from_the_target_group(catalogue: Catalogue) -> None:
    mi = catalogue.get("metodguiden:mi")
    assert mi.domains == (Domain.EARLY_INTERVENTION, Domain.TREATMENT)
    assert set(mi.target.substances) == {
        Substance.ALCOHOL,
        Substance.TOBACCO_NICOTINE,
        Substance.OTHER_ILLICIT_DRUGS,
        Substance.GAMBLING,
    }
    assert catalogue.get("metodguiden:hap").target.substances == (Substance.CANNABIS,)  # not alcohol
    assert catalogue.get("metodguiden:fft").domains == (Domain.TREATMENT,)
    assert catalogue.get("metodguiden:de-otroliga-aren").domains == (Domain.PREVENTION,)


def test_names_languages_and_origins(snapshot: ImportResult) -> None:
    catalogue = snapshot.catalogue
    hap = catalogue.get("metodguiden:hap")
    assert ("Hasjavvenningsprogrammet", "nb") in {(a.name, a.lang) for a in hap.aliases}
    mst = catalogue.get("metodguiden:mst")
    assert {(a.name, a.lang) for a in mst.aliases} == {
        ("MST", None),
        ("Multisystemisk terapi", "sv"),
        ("Multisystemic Therapy", "en"),
    }
    assert mst.country == "US" and mst.languages == ("sv",)
    assert ("UngDOK K", "sv") in {(a.name, a.lang) for a in catalogue.get("metodguiden:ungdok").aliases}
    mi = catalogue.get("metodguiden:mi")
    assert mi.country is None  # developers named, no country
    warning = next(w for w in snapshot.report.warnings if w.row == 11)
    assert warning.field == "Ursprungsland / originalprogram"


def test_unknown_label_error_lists_labels() -> None:
    with pytest.raises(UnknownLabelError) as info:
        NR_SCALE.lookup("A")
    assert "'1'" in str(info.value) and "'Icke-göra'" in str(info.value)


def test_research_rows(catalogue: Catalogue) -> None:
    ors = catalogue.get("metodguiden:ors")  # "från 13 år"
    assert (ors.target.ages, ors.domains) == (AgeRange(13, None), (Domain.ASSESSMENT,))
    assert catalogue.get("metodguiden:foraldrastegen").domains == (Domain.PREVENTION,)  # at-risk parents
    (mini,) = catalogue.get("metodguiden:mini").ratings  # read on Socialstyrelsen's own guideline pages
    assert (mini.label, mini.reported_by, mini.confidence) == ("3", None, Confidence.HIGH)
    (esl,) = catalogue.get("metodguiden:esl").ratings  # read on a secondary site
    assert (esl.reported_by, esl.confidence) == ("vardochinsats.se", Confidence.MEDIUM)
