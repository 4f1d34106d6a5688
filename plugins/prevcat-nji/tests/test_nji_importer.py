"""The NJi/RIVM importer: database wordings, merged rows, outcome splits and Dutch vocabulary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from prevcat_nji.rules import JUSTITIE_SCALE, NJI_SCALE, RIVM_SCALE, NjiImporter, parse_dutch_ages

from prevcat import (
    AgeRange,
    Alias,
    Catalogue,
    Confidence,
    Direction,
    Domain,
    EvidenceLevel,
    ImportResult,
    PreventionLevel,
    Setting,
    Substance,
)
from prevcat.testing import read_csv, snapshot_fixtures

HEADER = (
    "id,Interventie,Oordeel Erkenningscommissie,Databank,Leeftijd,Land van herkomst,"
    "Datum erkenning,Toelichting,confidence\n"
)


result, catalogue = snapshot_fixtures(NjiImporter)


def read_rows(tmp_path: Path, *rows: str) -> ImportResult:
    return read_csv(NjiImporter(), tmp_path, HEADER, *rows)


#: the shared snapshot's rows, then the research rows appended after them (see data/PROVENANCE.md)
SHARED_ROWS, RESEARCH_ROWS = 105, 16


def shared_snapshot() -> Path | None:
    """The project's shared ``nji.csv`` (``/work/shared`` or ``../shared`` beside the repository)."""
    repo = Path(__file__).resolve().parents[3]
    for base in (Path("/work/shared"), repo.parent / "shared"):
        if (base / "data" / "registries" / "nji.csv").is_file():
            return base / "data" / "registries" / "nji.csv"
    return None


def test_every_bundled_row_is_accounted_for(result: ImportResult) -> None:
    report = result.report
    assert report.rows_read == SHARED_ROWS + RESEARCH_ROWS == 121
    assert (report.imported, len(report.rejected)) == (121, 0)
    assert report.rows_read == report.imported + len(report.rejected)
    assert report.interventions == len(result.catalogue) == 97


def test_the_bundled_file_starts_with_the_shared_snapshot_byte_for_byte() -> None:
    shared = shared_snapshot()
    if shared is None:
        pytest.skip("the project's shared registry data is not beside this checkout")
    bundled = NjiImporter().snapshot().path.read_bytes()
    expected = shared.read_bytes()
    assert bundled.startswith(expected)
    assert bundled[len(expected):].count(b"\n") == RESEARCH_ROWS


def test_research_rows_keep_their_source_and_confidence(catalogue: Catalogue) -> None:
    (vipp,) = catalogue.get("nji:vipp-sd").ratings  # a partner database, the NJi wording
    assert vipp.database == "NCJ JGZ-interventiebibliotheek" and vipp.scale == NJI_SCALE.ref
    assert vipp.level is EvidenceLevel.WELL_ESTABLISHED and vipp.confidence is Confidence.MEDIUM
    assert vipp.url is not None and "ncj.nl" in vipp.url
    (achterhoek,) = catalogue.get("nji:alcoholmatiging-jeugd-achterhoek").ratings  # RIVM, 2010 wording
    assert achterhoek.scale == RIVM_SCALE.ref and achterhoek.level is EvidenceLevel.THEORY_BASED
    assert achterhoek.label == "theoretisch goed onderbouwd" and achterhoek.note is not None
    (sta_sterk,) = catalogue.get("nji:sta-sterk-training").ratings
    assert sta_sterk.level is EvidenceLevel.INSUFFICIENT and sta_sterk.direction is Direction.UNKNOWN
    assert {r.database for r in catalogue.get("nji:prima").ratings} == {"NJi", "RIVM Loketgezondleven"}
    # dropped on purpose: adult smoking cessation (data/PROVENANCE.md)
    assert "nji:rookvrij-ook-jij-individuele-coaching" not in catalogue


def test_taakspel_shows_nji_and_rivm_verdicts_and_its_good_behavior_game_origin(
    catalogue: Catalogue,
) -> None:
    taakspel = catalogue.get("nji:taakspel")
    by_db = {r.database: r for r in taakspel.ratings}
    assert set(by_db) == {"NJi", "RIVM Loketgezondleven"}
    nji, rivm = by_db["NJi"], by_db["RIVM Loketgezondleven"]
    assert nji.label == "Effectief volgens goede aanwijzingen"
    assert nji.scale == NJI_SCALE.ref
    assert rivm.label == "Goede aanwijzingen voor effectiviteit"
    assert rivm.scale == RIVM_SCALE.ref
    assert nji.level is rivm.level is EvidenceLevel.EFFECTIVE
    assert nji.direction is rivm.direction is Direction.POSITIVE
    assert nji.reviewed == rivm.reviewed == dt.date(2016, 10, 6)
    assert taakspel.original == "Good Behavior Game (GBG)"
    assert Alias("Task game", "en") in taakspel.aliases
    assert taakspel.country == "NL"  # "Nederland (bewerking van Amerikaans programma)"
    assert taakspel.target.ages == AgeRange(6, 12)  # groep 3 t/m 8
    assert taakspel.confidence is Confidence.MEDIUM  # lowest of its rows (medium NJi news, high RIVM)
    assert nji.confidence is Confidence.MEDIUM and rivm.confidence is Confidence.HIGH


def test_each_database_wording_places_the_same_verdict_on_the_same_level() -> None:
    pairs = [
        ("Goed onderbouwd", "Goed onderbouwd", EvidenceLevel.THEORY_BASED),
        (
            "Effectief volgens eerste aanwijzingen",
            "Eerste aanwijzingen voor effectiviteit",
            EvidenceLevel.PROMISING,
        ),
        (
            "Effectief volgens goede aanwijzingen",
            "Goede aanwijzingen voor effectiviteit",
            EvidenceLevel.EFFECTIVE,
        ),
        (
            "Effectief volgens sterke aanwijzingen",
            "Sterke aanwijzingen voor effectiviteit",
            EvidenceLevel.WELL_ESTABLISHED,
        ),
    ]
    for nji_label, rivm_label, level in pairs:
        assert NJI_SCALE.lookup(nji_label).level is level
        assert RIVM_SCALE.lookup(rivm_label).level is level
        assert JUSTITIE_SCALE.lookup(nji_label).level is level
    # the wordings are kept apart: one database's words are not another's label
    assert "Goede aanwijzingen voor effectiviteit" not in NJI_SCALE
    assert "Effectief volgens goede aanwijzingen" not in RIVM_SCALE


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("theoretisch goed onderbouwd", EvidenceLevel.THEORY_BASED),  # NJi 2012-2013 wording
        ("Effectief volgens goede aanwijzingen voor effectiviteit", EvidenceLevel.EFFECTIVE),  # PDFs
        ("effectief volgens sterke aanwijzingen", EvidenceLevel.WELL_ESTABLISHED),  # running text
        ("niet erkend", EvidenceLevel.INSUFFICIENT),
    ],
)
def test_nji_label_variants(label: str, level: EvidenceLevel) -> None:
    assert NJI_SCALE.lookup(label).level is level


def test_goed_beschreven_is_rivm_only_and_makes_no_effect_claim() -> None:
    level = RIVM_SCALE.lookup("Goed beschreven")
    assert level.level is EvidenceLevel.THEORY_BASED
    assert level.direction is Direction.UNKNOWN
    assert "Goed beschreven" not in NJI_SCALE


def test_unknown_label_is_rejected_with_the_known_labels(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        "a,Programma A,Goed onderbouwd,NJi,,,2020-01-02,,high",
        "b,Programma B,veelbelovend,NJi,,,2005,,medium",
    )
    (rejected,) = result.report.rejected
    assert rejected.row == 2 and rejected.native_id == "b"
    assert rejected.field == "Oordeel Erkenningscommissie"
    assert "veelbelovend" in rejected.reason and "Effectief volgens goede aanwijzingen" in rejected.reason
    assert [i.id for i in result.catalogue] == ["nji:a"]


def test_unknown_database_and_bad_date_are_rejected(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        "a,Programma A,Goed onderbouwd,Trimbos,,,2020-01-02,,high",
        "b,Programma B,Goed onderbouwd,NJi,,,2020-13-01,,high",
        "c,Programma C,Goed onderbouwd,NJi,,,2020-01-02,,certain",
    )
    fields = [r.field for r in result.report.rejected]
    assert fields == ["Databank", "Datum erkenning", "confidence"]
    assert "Trimbos" in result.report.rejected[0].reason
    assert len(result.catalogue) == 0


def test_listed_without_confirmed_verdict_has_no_rating(catalogue: Catalogue) -> None:
    pas = catalogue.get("nji:pas")
    assert pas.ratings == ()
    assert pas.evidence.range_label == "unrated"
    assert set(pas.extra_values("Databank")) == {"NJi", "RIVM Loketgezondleven"}
    assert pas.original == "Örebro Preventie Programma / EFFEKT"
    assert pas.country == "SE"
    assert Alias("PAS") in pas.aliases


def test_mst_keeps_nji_and_justice_verdicts_with_the_justice_split_per_outcome(catalogue: Catalogue) -> None:
    mst = catalogue.get("nji:mst")
    nji = [r for r in mst.ratings if r.database == "NJi"]
    justice = [r for r in mst.ratings if r.database == "Justitiële Interventies"]
    assert [r.level for r in nji] == [EvidenceLevel.WELL_ESTABLISHED]
    assert nji[0].reviewed is None and nji[0].note is not None and "2015-11" in nji[0].note
    assert {r.outcome: r.level for r in justice} == {
        "criminaliteit": EvidenceLevel.PROMISING,
        "secundaire uitkomsten (gedragsproblemen, gezin, ODD, CD)": EvidenceLevel.EFFECTIVE,
    }
    assert all(r.scale == JUSTITIE_SCALE.ref and r.reviewed == dt.date(2021, 12, 8) for r in justice)
    assert mst.domains == (Domain.TREATMENT,)
    assert mst.target.ages == AgeRange(10, 19)  # 12-18 (NJi) and 10 tot 19 (justice)


def test_mdft_and_betere_start_are_rated_per_outcome(catalogue: Catalogue) -> None:
    mdft = catalogue.get("nji:mdft")
    assert {r.outcome: r.level for r in mdft.ratings} == {
        "middelengebruik": EvidenceLevel.WELL_ESTABLISHED,
        "delinquentie": EvidenceLevel.PROMISING,
    }
    assert mdft.ratings[0].label == "effectief volgens sterke aanwijzingen"  # the cell, verbatim
    betere = catalogue.get("nji:betere-start")
    assert {r.outcome: r.level for r in betere.ratings} == {
        "opvoedklimaat en gedragsproblemen": EvidenceLevel.EFFECTIVE,
        "minder delinquentie": EvidenceLevel.THEORY_BASED,
    }
    assert betere.ratings[1].note is not None and "goed onderbouwd" in betere.ratings[1].note


def test_outcome_split_is_not_applied_when_the_note_no_longer_says_so(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path, "mdft,MDFT,effectief volgens sterke aanwijzingen,NJi,,,2016,Andere toelichting.,medium"
    )
    (item,) = result.catalogue
    assert [(r.outcome, r.level) for r in item.ratings] == [(None, EvidenceLevel.WELL_ESTABLISHED)]
    assert any(w.field == "Toelichting" for w in result.report.warnings)


def test_different_names_in_the_two_databases_become_aliases(catalogue: Catalogue) -> None:
    sfc = catalogue.get("nji:smokefree-challenge")
    assert sfc.name == "Smokefree Challenge"  # the NJi entry leads
    assert "Helder op School: Smokefree Challenge" in sfc.names
    assert sfc.country == "FI" and sfc.original == "Smokefree Class Competition"
    assert sfc.target.substances == (Substance.TOBACCO_NICOTINE,)
    # "Actie Tegengif" as a former name is not confirmed: not linked by an alias
    assert "Actie Tegengif" not in sfc.names


def test_related_entries_with_separate_ids_stay_separate(catalogue: Catalogue) -> None:
    for native in (
        "grip-op-je-dip",
        "grip-op-je-dip-online",
        "triple-p-niveau-1-2",
        "triple-p-niveau-4-5",
        "helder-op-school",
        "helder-op-school-samen-fris",
    ):
        assert f"nji:{native}" in catalogue


def test_pad_keeps_what_the_page_states_as_its_basis(catalogue: Catalogue) -> None:
    pad = catalogue.get("nji:pad")
    assert pad.original == "ABCD-model of Development (Kusché & Greenberg, 1994)"
    assert "PATHS" not in pad.names
    assert {a.name for a in pad.aliases} >= {"PAD", "Proberen Anders te Denken"}


def test_reassessment_flag_is_kept_on_the_rating(catalogue: Catalogue) -> None:
    (rating,) = catalogue.get("nji:opstapje").ratings
    assert rating.note is not None and rating.note.startswith("Deze erkenning is ouder dan 5 jaar")
    assert catalogue.get("nji:opstapje").extra_values("Herbeoordeling")


def test_partial_dates_are_not_turned_into_days(catalogue: Catalogue) -> None:
    (rating,) = catalogue.get("nji:kiva").ratings
    assert rating.reviewed is None
    assert rating.note == "recognition date given as 2022 (year only)"
    assert catalogue.get("nji:kiva").extra_values("Datum erkenning") == ("2022",)


def test_two_countries_leave_country_unknown_with_a_warning(result: ImportResult) -> None:
    stop = result.catalogue.get("nji:stop-4-7")
    assert stop.country is None
    assert stop.extra_values("Land van herkomst") == ("Vlaanderen en Nederland",)
    assert any(w.value == "Vlaanderen en Nederland" for w in result.report.warnings)


def test_unmapped_vocabulary_is_kept_and_counted(result: ImportResult) -> None:
    moti = result.catalogue.get("nji:moti-4")
    assert "Gamen | Middelenmisbruik en verslaving | Middelengebruik" in moti.extra_values("Probleem / thema")
    assert Substance.GAMBLING in moti.target.substances  # 'gokken' (RIVM row)
    warned = {(w.field, w.value) for w in result.report.warnings}
    assert ("Probleem / thema", "Middelengebruik") in warned
    assert ("Setting / Locatie", "In een instelling") in warned


def test_coded_fields_map_onto_settings_levels_and_domains(catalogue: Catalogue) -> None:
    opstapje = catalogue.get("nji:opstapje")
    assert opstapje.target.settings[:2] == (Setting.PRESCHOOL, Setting.FAMILY)
    assert opstapje.target.levels == (PreventionLevel.SELECTIVE,)  # "in achterstandssituaties"
    assert catalogue.get("nji:triple-p-niveau-1-2").target.levels == (PreventionLevel.UNIVERSAL,)
    assert catalogue.get("nji:vrienden").domains == (
        Domain.PREVENTION,
        Domain.EARLY_INTERVENTION,
        Domain.TREATMENT,
    )
    assert catalogue.get("nji:kiva").domains == (Domain.PREVENTION, Domain.EARLY_INTERVENTION)


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("groep 3 t/m 8", AgeRange(6, 12)),
        ("groep 3-8", AgeRange(6, 12)),
        ("12-18 jaar", AgeRange(12, 18)),
        ("2 tot en met 16 jaar", AgeRange(2, 16)),
        ("4 tot 12 jaar", AgeRange(4, 12)),
        ("tussen de 4 en 12 jaar", AgeRange(4, 12)),
        ("-9 maanden tot 2 jaar", AgeRange(0, 2)),
        ("-5 maanden tot 2,5 jaar", AgeRange(0, 2)),
        ("klas 1-2 vo", AgeRange(12, 14)),
        ("ongeveer 10 tot 13 jaar", AgeRange(10, 13)),
        ("grootste groep 18-35 jaar", AgeRange(18, 35)),  # not Dutch school "groep" 18
        ("10-13 en 13-15 jaar", AgeRange(10, 15)),
    ],
)
def test_dutch_age_phrases(text: str, ages: AgeRange) -> None:
    assert parse_dutch_ages(text) == (ages, [])


def test_unreadable_age_is_warned_not_guessed(tmp_path: Path) -> None:
    result = read_rows(tmp_path, "a,Programma A,Goed onderbouwd,NJi,basisschoolleeftijd,,2020-01-02,,high")
    (item,) = result.catalogue
    assert item.target.ages.is_open
    assert [(w.field, w.value) for w in result.report.warnings] == [("Leeftijd", "basisschoolleeftijd")]


def test_a_phrase_naming_secondary_school_without_classes_is_not_read() -> None:
    assert parse_dutch_ages("groep 1 po t/m bovenbouw vo") == (AgeRange(), ["groep 1 po t/m bovenbouw vo"])


def test_listed_rows_with_an_empty_rating_stay_unrated_never_no_effect(catalogue: Catalogue) -> None:
    for native in ("take-it-personal-plus", "be-wise-think-twice", "stopstone", "nika", "rookvrij-opgroeien"):
        item = catalogue.get(f"nji:{native}")
        assert item.ratings == () and item.evidence.range_label == "unrated"
        assert item.extra_values("Databank")


def test_selective_and_indicated_prevention_forms_and_new_coded_values(result: ImportResult) -> None:
    catalogue = result.catalogue
    assert PreventionLevel.SELECTIVE in catalogue.get("nji:unity").target.levels  # "Selectieve preventie"
    assert catalogue.get("nji:kies").target.levels == (
        PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE, PreventionLevel.INDICATED)
    assert catalogue.get("nji:unity").target.ages == AgeRange(18, 35)
    # "Bevorderen positieve ontwikkeling"
    assert Domain.PREVENTION in catalogue.get("nji:lekker-fit-basisonderwijs").domains
    assert catalogue.get("nji:ouderschap-blijft").target.substances == (Substance.GENERAL,)  # Scheiding
    tools4u = catalogue.get("nji:tools4u")
    assert tools4u.extra_values("Doel") == ("Voorkomen recidive",)  # kept verbatim, not mapped
    assert tools4u.extra_values("Deelcommissie") == ("Deelcommissie Justitiële interventies",)
    assert ("Doel", "Voorkomen recidive") in {(w.field, w.value) for w in result.report.warnings}
    assert catalogue.get("nji:swpbs").extra_values("Methode") == ("Gecombineerde aanpak",)


def test_a_justice_verdict_row_and_a_rivm_committee_are_read(catalogue: Catalogue) -> None:
    (rating,) = catalogue.get("nji:sova-op-maat").ratings
    assert rating.database == "Justitiële Interventies" and rating.scale == JUSTITIE_SCALE.ref
    assert rating.level is EvidenceLevel.PROMISING and rating.reviewed == dt.date(2019, 9, 18)
    unity = catalogue.get("nji:unity")
    assert unity.extra_values("Deelcommissie") == (
        "Commissie 4: Gezondheidsbevordering en preventie voor volwassenen en ouderen (RIVM)",)


def test_the_published_size_is_the_databanks_own_statement(catalogue: Catalogue) -> None:
    published = catalogue.provenance.published
    assert published is not None and "meer dan 230 interventies" in published
    assert "https://www.nji.nl" in published
