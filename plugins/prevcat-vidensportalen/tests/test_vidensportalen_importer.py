"""The Vidensportalen importer: the A-D declaration as a profile, Danish vocabulary, tricky rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from prevcat_vidensportalen.rules import DECLARATION_SCALE, DIMENSIONS, VidensportalenImporter

from prevcat import (
    AgeRange,
    Alias,
    Catalogue,
    Confidence,
    Direction,
    Domain,
    ImportResult,
    PreventionLevel,
    ResultsFirstTier,
    Setting,
    Substance,
)
from prevcat.testing import read_csv, snapshot_fixtures

HEADER = (
    "id,Indsats,Tema,Målgruppe,Alder,Vidensgrundlag Målgruppe,Vidensgrundlag Metode,"
    "Vidensgrundlag Effekt,Effekt (kort),Oprindelsesland / oprindeligt program,Andre navne,confidence\n"
)


result, catalogue = snapshot_fixtures(VidensportalenImporter)


def read_rows(tmp_path: Path, *rows: str) -> ImportResult:
    return read_csv(VidensportalenImporter(), tmp_path, HEADER, *rows)


#: the shared snapshot's rows, then the research rows appended after them (see data/PROVENANCE.md)
SHARED_ROWS, RESEARCH_ROWS = 31, 17


def shared_snapshot() -> Path | None:
    """The shared ``vidensportalen.csv`` (``/work/shared`` or ``../shared`` beside the repository)."""
    repo = Path(__file__).resolve().parents[3]
    for base in (Path("/work/shared"), repo.parent / "shared"):
        if (base / "data" / "registries" / "vidensportalen.csv").is_file():
            return base / "data" / "registries" / "vidensportalen.csv"
    return None


def test_snapshot_imports_every_row(result: ImportResult) -> None:
    report = result.report
    assert report.rows_read == SHARED_ROWS + RESEARCH_ROWS == 48
    assert (report.imported, len(report.rejected)) == (48, 0)
    assert report.rows_read == report.imported + len(report.rejected)
    assert report.interventions == len(result.catalogue) == 42


def test_the_bundled_file_starts_with_the_shared_snapshot_byte_for_byte() -> None:
    shared = shared_snapshot()
    if shared is None:
        pytest.skip("the project's shared registry data is not beside this checkout")
    bundled = VidensportalenImporter().snapshot().path.read_bytes()
    expected = shared.read_bytes()
    assert bundled.startswith(expected)
    assert bundled[len(expected):].count(b"\n") == RESEARCH_ROWS


def test_research_rows_keep_their_source_and_confidence(catalogue: Catalogue) -> None:
    cos = catalogue.get("vidensportalen:cos-p")
    assert [(r.outcome, r.label) for r in cos.ratings] == [
        ("Vidensgrundlag Målgruppe", "B"), ("Vidensgrundlag Metode", "B")]
    assert cos.confidence is Confidence.HIGH and cos.target.ages == AgeRange(0, 5)
    fit = catalogue.get("vidensportalen:fit")  # two articles (children, adults) of one method
    assert fit.confidence is Confidence.MEDIUM  # the adults' article has no score
    assert [r.label for r in fit.ratings] == ["A"]
    assert set(fit.extra_values("Tema")) == {"Inddragelse", "Recovery"}
    assert catalogue.get("vidensportalen:familiens-hus").confidence is Confidence.MEDIUM
    # dropped on purpose (data/PROVENANCE.md): outside a catalogue of prevention methods
    for native in ("ips", "krap", "low-arousal", "almene-plejefamilier", "ics-integrated-childrens-system"):
        assert f"vidensportalen:{native}" not in catalogue


def test_declaration_scale_makes_no_effect_claim() -> None:
    assert DECLARATION_SCALE.ordinal is False
    assert DECLARATION_SCALE.labels == ("D", "C", "B", "A")
    assert all(
        level.level is None and level.direction is Direction.UNKNOWN for level in DECLARATION_SCALE.levels
    )


def test_declaration_is_one_rating_per_knowledge_type(catalogue: Catalogue) -> None:
    mst = catalogue.get("vidensportalen:mst")
    assert [(r.outcome, r.label) for r in mst.ratings] == [
        ("Vidensgrundlag Målgruppe", "A"),
        ("Vidensgrundlag Metode", "A"),
        ("Vidensgrundlag Implementering", "B"),
    ]  # Effekt and Økonomi not confirmed: no rating
    assert all(r.scale == DECLARATION_SCALE.ref and r.level is None for r in mst.ratings)
    assert all(r.tier is ResultsFirstTier.INSUFFICIENT_EVIDENCE for r in mst.ratings)
    assert mst.evidence.range_label == "unrated"  # nothing forced onto effect levels
    assert mst.ratings[0].url is not None and mst.ratings[0].url.endswith("@@declaration_view")
    assert mst.ratings[0].confidence is Confidence.HIGH


def test_snapshot_scores_match_the_documented_profiles(catalogue: Catalogue) -> None:
    """One profile per article (its declaration page): articles of one method keep their own."""
    profiles = {
        (item.native_id, url): "/".join(
            next((r.label for r in item.ratings if r.outcome == d and r.url == url), "-") for d in DIMENSIONS
        )
        for item in catalogue
        for url in dict.fromkeys(r.url for r in item.ratings)
    }
    assert {(native, profile) for (native, _), profile in profiles.items()} == {
        ("mst", "A/A/B/-/-"),
        ("pmto", "A/A/-/-/-"),
        ("de-utrolige-aar-basic", "A/A/A/-/-"),
        ("triple-p-niveau-4-5", "B/B/-/-/-"),
        ("mi", "C/C/-/-/-"),  # children and young people with externalising behaviour
        ("mi", "C/B/-/-/-"),  # adults with mental illness and substance misuse
        ("kognitiv-adfaerdsterapi-cbt", "C/B/-/-/-"),
        ("dialog-mod-vold", "A/A/-/-/-"),
        ("mst-sa", "A/A/A/-/-"),
        # research rows
        ("home-start", "C/-/-/-/-"), ("nfpp", "B/A/-/-/-"), ("familieraadslagning", "B/B/-/-/-"),
        ("signs-of-safety", "B/B/-/-/-"), ("pals", "B/A/-/-/-"), ("fit", "A/-/-/-/-"), ("icdp", "B/B/-/-/-"),
        ("dialektisk-adfaerdsterapi", "B/B/-/-/-"), ("mentaliseringsbaseret-terapi", "B/-/-/-/-"),
        ("mentaliseringsguiden", "C/B/-/-/-"), ("robusthed-dk", "C/C/-/-/-"), ("cos-p", "B/B/-/-/-"),
    }


def test_articles_sharing_an_id_are_one_method_with_every_article_kept(catalogue: Catalogue) -> None:
    mi = catalogue.get("vidensportalen:mi")
    assert mi.name == "MI: Motiverende Interview til børn og unge med udadreagerende adfærd"
    assert Alias("Motivational Interviewing (MI)", "en") in mi.aliases  # the adults' article, in English
    assert len(mi.ratings) == 4 and len({r.url for r in mi.ratings}) == 2
    themes = {"Udadreagerende adfærd", "Psykiske vanskeligheder og samtidigt misbrug"}
    assert set(mi.extra_values("Tema")) == themes
    cti = catalogue.get("vidensportalen:cti")
    titles = {"Critical Time Intervention (CTI) til unge i efterværn", "CTI til kvinder på krisecenter"}
    assert titles <= set(cti.names)
    assert len(cti.extra_values("source_url")) == 2  # the other two articles' pages
    assert cti.target.ages == AgeRange(18, 23)


def test_the_closed_portal_is_frozen_in_the_provenance(catalogue: Catalogue) -> None:
    assert catalogue.provenance.closed == dt.date(2024, 1, 3)
    assert catalogue.provenance.note is not None and "closed on 3 January 2024" in catalogue.provenance.note
    assert catalogue.provenance.published is None  # no page states the portal's size: nothing guessed


def test_new_themes_map_or_stay_verbatim_with_a_warning(result: ImportResult) -> None:
    catalogue = result.catalogue
    assert Domain.SOCIAL_REINTEGRATION in catalogue.get("vidensportalen:housing-first").domains
    assert Substance.VIOLENCE_CRIME in catalogue.get("vidensportalen:dialog-mod-vold").target.substances
    assert Setting.SOCIAL_SERVICES in catalogue.get("vidensportalen:keep").target.settings
    move = catalogue.get("vidensportalen:move")
    assert move.target.substances == (Substance.CANNABIS, Substance.OTHER_ILLICIT_DRUGS)  # Stofmisbrug
    assert Domain.TREATMENT in move.domains
    assert catalogue.get("vidensportalen:u18").extra_values("Tema") == ("Rusmiddelproblematikker",)
    warned = {(w.field, w.value) for w in result.report.warnings}
    assert ("Tema", "Rusmiddelproblematikker") in warned and ("Tema", "Efterværn") in warned


def test_fft_and_art_declarations_unconfirmed_give_no_ratings(catalogue: Catalogue) -> None:
    assert catalogue.get("vidensportalen:fft").ratings == ()
    assert catalogue.get("vidensportalen:art").ratings == ()


def test_effekt_kort_is_kept_verbatim_and_never_a_rating(catalogue: Catalogue) -> None:
    triple_p = catalogue.get("vidensportalen:triple-p-niveau-4-5")
    assert triple_p.extra_values("Effekt (kort)") == ("positiv, men omdiskuteret",)
    assert all(r.outcome != "Effekt (kort)" for r in triple_p.ratings)
    fft = catalogue.get("vidensportalen:fft")
    assert fft.extra_values("Effekt (kort)") == ("positive effekter",)
    assert fft.evidence.highest is None


def test_pmto_ages_and_older_declaration(catalogue: Catalogue) -> None:
    pmto = catalogue.get("vidensportalen:pmto")
    assert pmto.target.ages == AgeRange(3, 16)  # "3-16 | 3-12 (vidensdeklaration)"
    assert pmto.extra_values("Alder") == ("3-16 | 3-12 (vidensdeklaration)",)
    assert all(r.note == "Vidensdeklarationen er en ældre version (målgruppe 3–12)." for r in pmto.ratings)
    assert pmto.original == "Parent Management Training – Oregon"
    assert pmto.country == "US"


def test_origin_gives_country_and_original(catalogue: Catalogue) -> None:
    duaa = catalogue.get("vidensportalen:de-utrolige-aar-basic")
    assert duaa.country == "US"
    assert duaa.original == "Incredible Years Preschool BASIC Parents Program"
    assert Alias("Incredible Years Preschool BASIC Parents Program", "en") in duaa.aliases
    assert Alias("DUÅ Førskole", "da") in duaa.aliases
    cool = catalogue.get("vidensportalen:cool-kids")
    assert (cool.country, cool.original) == ("AU", "Cool Kids")  # Danish adaptation of Rapee's programme
    tfco = catalogue.get("vidensportalen:tfco")
    assert tfco.original is None  # MTFC is its former name, not an original programme
    assert {"TFCO", "MTFC", "MTFC – Multidimensional Treatment Foster Care"} <= set(tfco.names)
    assert catalogue.get("vidensportalen:art").country is None  # origin not given


def test_a_variant_is_not_an_alias(catalogue: Catalogue) -> None:
    triple_p = catalogue.get("vidensportalen:triple-p-niveau-4-5")
    assert "Stepping Stones Triple P (variant)" not in triple_p.names
    assert "Stepping Stones Triple P" not in triple_p.names
    assert triple_p.extra_values("Andre navne") == ("Stepping Stones Triple P (variant)",)


def test_labelled_age_variants_span(catalogue: Catalogue) -> None:
    assert catalogue.get("vidensportalen:tfco").target.ages == AgeRange(3, 17)
    assert catalogue.get("vidensportalen:cool-kids").target.ages == AgeRange(6, 18)


def test_themes_and_target_groups_map(catalogue: Catalogue) -> None:
    fft = catalogue.get("vidensportalen:fft")
    assert fft.target.substances == (Substance.VIOLENCE_CRIME, Substance.GENERAL)
    assert fft.target.settings == (Setting.FAMILY,)
    assert catalogue.get("vidensportalen:mst").domains == (Domain.TREATMENT,)
    smaaboern = catalogue.get("vidensportalen:de-utrolige-aar-smaaboern")
    assert smaaboern.target.levels == (PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE)
    assert smaaboern.domains == (Domain.PREVENTION,)
    mentor = catalogue.get("vidensportalen:mentorordninger")
    assert mentor.confidence is Confidence.MEDIUM
    assert mentor.target.levels == (PreventionLevel.SELECTIVE,)


def test_unknown_score_is_rejected_naming_the_knowledge_type(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        "a,Indsats A,,,12-17,A,B,,,,,high",
        "b,Indsats B,,,12-17,A,A,A+,,,,high",
    )
    (rejected,) = result.report.rejected
    assert (rejected.row, rejected.field, rejected.native_id) == (2, "Vidensgrundlag Effekt", "b")
    assert "'A+'" in rejected.reason and "'A'" in rejected.reason
    assert [i.id for i in result.catalogue] == ["vidensportalen:a"]


def test_danish_school_grades_and_unmapped_terms_are_reported(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        "a,Indsats A,Rusmiddelproblematikker,Elever,0.-3. klasse,,,,positiv,Atlantis (X),,high",
    )
    (item,) = result.catalogue
    assert item.target.ages == AgeRange(6, 10)  # 0. klasse at age 6
    assert item.country is None
    warned = {(w.field, w.value) for w in result.report.warnings}
    assert warned == {
        ("Tema", "Rusmiddelproblematikker"),
        ("Målgruppe", "Elever"),
        ("Oprindelsesland / oprindeligt program", "Atlantis (X)"),
    }
    assert item.extra_values("Tema") == ("Rusmiddelproblematikker",)


def test_rows_sharing_an_id_become_one_intervention(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        "x,Indsats X,,,3-12,A,,,,,,high",
        "x,Indsats X (ny udgave),,,3-16,B,B,,,,,medium",
    )
    (item,) = result.catalogue
    assert result.report.imported == 2 and result.report.interventions == 1
    assert [r.label for r in item.ratings] == ["A", "B", "B"]
    assert item.confidence is Confidence.MEDIUM
    assert item.target.ages == AgeRange(3, 16)
    assert "Indsats X (ny udgave)" in item.names
