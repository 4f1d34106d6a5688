"""Ungsinn: editions on two scale versions, free-text levels, Norwegian vocabulary, tricky rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from prevcat_ungsinn.names import map_ages
from prevcat_ungsinn.rating_text import NEW_VERSION, OLD_VERSION, LevelTextError, read_level
from prevcat_ungsinn.rules import NEW_SCALE, OLD_SCALE, UngsinnImporter

from prevcat.catalogue import Catalogue
from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, Direction, EvidenceLevel, ScaleRef
from prevcat.importers.base import ImportResult
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance
from prevcat.testing import read_records, snapshot_fixtures

NEW = ScaleRef("ungsinn", NEW_VERSION)
OLD = ScaleRef("ungsinn", OLD_VERSION)
NY = "ny (0–5, fra nov. 2015)"
GAMMEL = "gammel (1–4, før nov. 2015)"
NV, OV = NEW_VERSION, OLD_VERSION


snapshot, catalogue = snapshot_fixtures(UngsinnImporter, result="snapshot")


def read_rows(tmp_path: Path, *rows: dict[str, str]) -> ImportResult:
    header = (Path(__file__).parents[1] / "src/prevcat_ungsinn/data/ungsinn.csv").read_text("utf-8")
    columns = next(csv.reader(io.StringIO(header)))
    defaults = {"Tiltak": "Et tiltak", "confidence": "high"}
    return read_records(UngsinnImporter(), tmp_path, columns, *rows, defaults=defaults)


# -- the snapshot as a whole --------------------------------------------------------------------


def test_snapshot_rows_become_one_intervention_per_programme(snapshot: ImportResult) -> None:
    report = snapshot.report
    assert (report.rows_read, report.imported, report.interventions) == (46, 46, 31)
    assert report.rejected == ()


@pytest.mark.parametrize("native", ["tibir-sosial-ferdighetstrening", "urolige-spedbarn"])
def test_december_2026_rows_are_rated_on_the_old_scale(catalogue: Catalogue, native: str) -> None:
    (rating,) = catalogue.get(f"ungsinn:{native}").ratings
    assert (str(rating.scale), rating.level) == ("ungsinn@2008", EvidenceLevel.THEORY_BASED)


def test_an_age_in_months_is_kept_not_read_as_years(catalogue: Catalogue) -> None:
    item = catalogue.get("ungsinn:urolige-spedbarn")
    assert item.target.ages == AgeRange(None, None)
    assert item.extra_values("Alder") == ("sped- og småbarn (fra 4 måneder)",)


def test_kjaerlighet_og_grenser_has_both_editions_level_0_ratings_with_their_scale_version(
    catalogue: Catalogue,
) -> None:
    item = catalogue.get("ungsinn:kjaerlighet-og-grenser")
    assert len(item.ratings) == 2
    for rating in item.ratings:
        assert rating.label == "Nivå 0: Uvirksomt tiltak"
        assert rating.scale == NEW
        assert rating.level is EvidenceLevel.NO_EFFECT
        assert rating.direction is Direction.NO_EFFECT
        assert "«evidensnivå 0 – uvirksomt tiltak»" in (rating.note or "")
    newest, older = item.ratings
    assert (newest.note or "").startswith("3. utg., published 2021")
    assert (older.note or "").startswith("2. utg., published 2018")
    assert item.evidence.range_label == "no effect"


def test_kjaerlighet_og_grenser_aliases_stay_faithful(catalogue: Catalogue) -> None:
    """The Swedish version's English names are kept; Norwegian "Steg for steg" (Second Step) is not added."""
    item = catalogue.get("ungsinn:kjaerlighet-og-grenser")
    assert item.original == "Iowa Strengthening Families Program"
    assert item.country == "US"
    by_name = {a.name: a.lang for a in item.aliases}
    assert by_name["ParentSteps"] == "en"
    assert by_name["Step-by-Step"] == "en"
    assert not any(a.name.casefold() in ("steg for steg", "steg för steg") for a in item.aliases)
    assert not any(a.lang in ("nb", "sv") for a in item.aliases)


def test_mst_old_scale_level_3_is_kept_apart_from_the_new_scale(catalogue: Catalogue) -> None:
    item = catalogue.get("ungsinn:mst")
    (rating,) = item.ratings  # the 2. utg. has no confirmed level: no rating, not an error
    assert rating.scale == OLD
    assert rating.label == "Evidensnivå 3: Funksjonelt virksomt tiltak"
    assert rating.level is EvidenceLevel.PROMISING
    assert rating.reviewed == dt.date(2014, 5, 15)
    assert "dokumentasjonsgrad ***" in (rating.note or "")
    assert item.domains == (Domain.TREATMENT,)
    assert ("Utgave", "2. utg.") in item.extra and ("Utgave", "1. utg. (gamle kriterier)") in item.extra


def test_editions_are_listed_newest_first_whatever_the_row_order(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    icdp = catalogue.get("ungsinn:icdp")
    assert [r.label for r in icdp.ratings] == [
        "Nivå 4: Tiltak med tilfredsstillende dokumentasjon på effekt",
        "Nivå 3: Tiltak med noe dokumentasjon på effekt",
    ]
    result = read_rows(
        tmp_path,
        {"id": "x", "Utgave": "1. utg. (gamle kriterier)", "Nivå": "2", "Klassifiseringsversjon": GAMMEL,
         "Tiltak": "Gammelt navn"},
        {"id": "x", "Utgave": "2. utg.", "Nivå": "4", "Klassifiseringsversjon": NY, "Tiltak": "Nytt navn"},
    )
    item = result.catalogue.get("ungsinn:x")
    assert [r.scale for r in item.ratings] == [NEW, OLD]
    assert item.name == "Nytt navn"
    assert "Gammelt navn" in item.names


def test_art_old_edition_is_reviewed_on_the_panel_date_not_the_page_date(catalogue: Catalogue) -> None:
    old = [r for r in catalogue.get("ungsinn:art").ratings if r.scale == OLD]
    assert [r.reviewed for r in old] == [dt.date(2009, 10, 6)]
    assert "dokumentasjonsgrad *" in (old[0].note or "")


def test_levels_from_secondary_pages_keep_medium_confidence(catalogue: Catalogue) -> None:
    pmto = catalogue.get("ungsinn:pmto")
    assert [r.confidence for r in pmto.ratings] == [Confidence.HIGH, Confidence.MEDIUM]
    assert pmto.confidence is Confidence.MEDIUM  # the lowest of the editions
    assert "dokumentasjonsgrad ****" in (pmto.ratings[1].note or "")  # written "4" in the source


def test_unconfirmed_levels_give_no_rating(catalogue: Catalogue) -> None:
    for native in ("zero", "dua-universal", "telemarksmodellen", "psykologisk-forstehjelp", "cos-vf"):
        assert catalogue.get(f"ungsinn:{native}").ratings == ()


def test_tibir_foreldregruppe_is_its_own_programme(catalogue: Catalogue) -> None:
    tibir = catalogue.get("ungsinn:tibir-foreldregruppe")
    pmto_group = catalogue.get("ungsinn:pmto-foreldregruppe")
    assert [r.scale for r in tibir.ratings] == [OLD]
    assert [r.scale for r in pmto_group.ratings] == [NEW]
    assert pmto_group.original == "PMTO" and pmto_group.country is None
    assert tibir.original == "PMTO" and tibir.country == "NO"


# -- scales and label variants ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Teoretisk begrunnet tiltak", 2),
        ("teoretisk begrunnede tiltak", 2),
        ("Intervensjon med tilfredsstillende dokumentasjon på effekt", 4),
        ("Nivå 5: Sterk dokumentasjon", 5),
        ("  uvirksomt   tiltak ", 0),
    ],
)
def test_new_scale_knows_the_registrys_own_wordings(label: str, number: int) -> None:
    assert NEW_SCALE.lookup(label).label.startswith(f"Nivå {number}:")


def test_the_two_scales_do_not_share_labels() -> None:
    with pytest.raises(UnknownLabelError):
        NEW_SCALE.lookup("Funksjonelt virksomt tiltak")
    with pytest.raises(UnknownLabelError):
        OLD_SCALE.lookup("Tiltak med noe dokumentasjon på effekt")
    assert OLD_SCALE.lookup("Evidensnivå 3: Funksjonelt virksomt tiltak").level is EvidenceLevel.PROMISING
    assert NEW_SCALE.lookup("Nivå 1: Godt beskrevne tiltak").level is EvidenceLevel.THEORY_BASED


@pytest.mark.parametrize(
    ("text", "number_cell", "grade_cell", "version", "number", "grade"),
    [
        ("evidensnivå 5, det vil si tiltak med sterk dokumentasjon på effekt", "5", "", NV, 5, None),
        ("5 – sterk dokumentasjon på effekt", "5", "", NV, 5, None),
        ("evidensnivå 3 av 5 mulige, som et tiltak med noe dokumentasjon på effekt", "3", "", NV, 3, None),
        ("nivå 4 som et tiltak med tilfredsstillende dokumentasjon på effekt", "", "", NV, 4, None),
        ("et tiltak med sterk dokumentasjon på effekt på evidensnivå 5", "5", "", NV, 5, None),
        ("dokumentert virksomt tiltak på evidensnivå 4 med dokumentasjonsgrad 4", "4", "4", OV, 4, "****"),
        ("funksjonelt virksomt tiltak på evidensnivå 3 med dokumentasjonsgrad 1 (*)", "3", "*", OV, 3, "*"),
        ("", "2", "", OV, 2, None),
    ],
)
def test_classification_sentences_are_read_by_the_rules(
    text: str, number_cell: str, grade_cell: str, version: str, number: int, grade: str | None
) -> None:
    read = read_level(text, number_cell, grade_cell, version)
    assert read is not None
    assert (read.number, read.grade) == (number, grade)


@pytest.mark.parametrize(
    ("text", "number_cell", "grade_cell", "version", "field"),
    [
        ("evidensnivå 4 – Tiltak med tilfredsstillende dokumentasjon på effekt", "5", "", NV, "Nivå"),
        ("evidensnivå 4 – Tiltak med sterk dokumentasjon på effekt", "4", "", NV, "Nivå"),
        ("funksjonelt virksomt tiltak på evidensnivå 3", "3", "", NV, "Evidensnivå"),
        ("evidensnivå 3 av 5 mulige", "3", "", OV, "Evidensnivå"),
        ("et godt tiltak", "", "", NV, "Evidensnivå"),
        ("dokumentert virksomt tiltak på evidensnivå 4", "4", "***", OV, "Dokumentasjonsgrad"),
        ("dokumentert virksomt på evidensnivå 4, dokumentasjonsgrad ****", "4", "*****", OLD_VERSION,
         "Dokumentasjonsgrad"),
        ("", "fire", "", OV, "Nivå"),
    ],
)
def test_cells_that_disagree_or_cannot_be_read_are_errors(
    text: str, number_cell: str, grade_cell: str, version: str, field: str
) -> None:
    with pytest.raises(LevelTextError) as info:
        read_level(text, number_cell, grade_cell, version)
    assert info.value.field == field


# -- rejected rows: reported with row, field and reason ------------------------------------------


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"Nivå": "5", "Klassifiseringsversjon": GAMMEL, "Utgave": "1. utg. (gamle kriterier)"}, "Nivå",
         "Evidensnivå 4: Dokumentert virksomt tiltak"),
        ({"Nivå": "3", "Klassifiseringsversjon": "middels"}, "Klassifiseringsversjon", "gammel (1–4"),
        ({"Nivå": "3", "Klassifiseringsversjon": NY, "Utgave": "1. utg. (gamle kriterier)"}, "Utgave",
         "old criteria"),
        ({"Nivå": "3", "Klassifiseringsversjon": NY, "Publisert": "2012"}, "Publisert",
         "new (from Nov 2015)"),
        ({"Nivå": "3", "Klassifiseringsversjon": GAMMEL, "seen": "Sist vurdert av Ungsinnpanelet 01.02.2018"},
         "seen", "old (before Nov 2015)"),
        ({"Nivå": "3", "Klassifiseringsversjon": NY, "confidence": "sure"}, "confidence",
         "'sure'; expected high, medium or low"),
        ({"Nivå": "3"}, "Klassifiseringsversjon", "neither the edition nor a date"),
    ],
)
def test_bad_rows_are_rejected_with_their_reason(
    tmp_path: Path, row: dict[str, str], field: str, words: str
) -> None:
    good = {"id": "ok", "Nivå": "2", "Klassifiseringsversjon": NY}
    result = read_rows(tmp_path, good, {"id": "bad", **row})
    (rejected,) = result.report.rejected
    assert (rejected.row, rejected.native_id, rejected.field) == (2, "bad", field)
    assert words in rejected.reason
    assert [i.id for i in result.catalogue] == ["ungsinn:ok"]


def test_version_follows_from_edition_or_dates_when_the_column_is_empty(tmp_path: Path) -> None:
    result = read_rows(
        tmp_path,
        {"id": "a", "Utgave": "1. utg. (gamle kriterier)", "Nivå": "3"},
        {"id": "b", "Nivå": "3", "seen": "2017-12-07"},
    )
    assert result.report.ok
    assert result.catalogue.get("ungsinn:a").ratings[0].scale == OLD
    assert result.catalogue.get("ungsinn:b").ratings[0].scale == NEW


# -- Norwegian vocabulary -----------------------------------------------------------------------


def test_prevention_levels_and_treatment(catalogue: Catalogue) -> None:
    dua = catalogue.get("ungsinn:dua-foreldreprogram")
    assert dua.target.levels == (PreventionLevel.SELECTIVE, PreventionLevel.INDICATED)
    assert dua.domains == (Domain.PREVENTION, Domain.TREATMENT)
    assert catalogue.get("ungsinn:tfco").domains == (Domain.TREATMENT,)
    assert catalogue.get("ungsinn:unge-og-rus").target.levels == (PreventionLevel.UNIVERSAL,)


@pytest.mark.parametrize(
    ("native", "ages"),
    [
        ("dua-foreldreprogram", AgeRange(3, 12)),  # "3–6 | 6–12"
        ("unge-og-rus", AgeRange(13, 15)),  # "8. trinn (+ 9. trinn-modul; egen vgs-versjon)"
        ("pals", AgeRange(6, 16)),  # "1.–10. klasse"
        ("zippys-venner", AgeRange(6, 10)),  # "1.–4. klasse"
        ("telemarksmodellen", AgeRange(10, 19)),  # "mellomtrinn | ungdomstrinn | videregående"
        ("mitt-valg", AgeRange(13, 16)),  # "ungdomsskole"
        ("zero", AgeRange(6, 16)),  # 2. utg. gives none; the 1. utg. says "barne- og ungdomstrinnet"
    ],
)
def test_norwegian_ages_and_school_stages(catalogue: Catalogue, native: str, ages: AgeRange) -> None:
    assert catalogue.get(f"ungsinn:{native}").target.ages == ages


def test_settings_and_the_unmapped_one_is_kept_and_reported(snapshot: ImportResult) -> None:
    catalogue = snapshot.catalogue
    assert catalogue.get("ungsinn:vip").target.settings == (Setting.SCHOOL,)  # "skole (videregående)"
    assert catalogue.get("ungsinn:cool-kids").target.settings == (Setting.HEALTH_CARE, Setting.SCHOOL)
    tf_cbt = catalogue.get("ungsinn:tf-cbt")
    assert tf_cbt.target.settings == (Setting.HEALTH_CARE,)
    assert ("Arena", "Statens Barnehus") in tf_cbt.extra
    assert [(w.field, w.value) for w in snapshot.report.warnings] == [
        ("Arena", "Statens Barnehus"), ("Alder", "sped- og småbarn (fra 4 måneder)"),
    ]


def test_substances_from_the_target_group(catalogue: Catalogue) -> None:
    assert catalogue.get("ungsinn:unge-og-rus").target.substances == (Substance.ALCOHOL,)
    assert Substance.ALCOHOL in catalogue.get("ungsinn:kjaerlighet-og-grenser").target.substances
    assert catalogue.get("ungsinn:olweus").target.substances == ()


def test_names_acronyms_and_origins(catalogue: Catalogue) -> None:
    pals = catalogue.get("ungsinn:pals")
    assert (pals.country, pals.original) == ("NO", "SW-PBIS")
    assert {(a.name, a.lang) for a in pals.aliases} >= {("PALS", "nb"), ("SW-PBIS", "en")}
    pmto = catalogue.get("ungsinn:pmto")
    assert ("PMTO", "en") in {(a.name, a.lang) for a in pmto.aliases}
    vip = catalogue.get("ungsinn:vip")
    vip_names = {"VIP", "VIP-programmet", "Veiledning og Informasjon om Psykisk helse hos ungdom"}
    assert vip_names <= set(vip.names)
    mitt_valg = catalogue.get("ungsinn:mitt-valg")
    assert (mitt_valg.country, mitt_valg.original) == ("NO", "Lions Quest")
    assert catalogue.get("ungsinn:cool-kids").country is None  # not stated by Ungsinn
    assert catalogue.get("ungsinn:mst").languages == ("nb",)


@pytest.mark.parametrize(
    ("cell", "ages", "unparsed"),
    [
        ("8.–10. trinn", AgeRange(13, 16), []),
        ("3–6 | 6–12", AgeRange(3, 12), []),
        ("barne- og ungdomstrinnet", AgeRange(6, 16), []),
        ("videregående | 0–2", AgeRange(0, 19), []),
        ("uklar aldersgruppe", None, ["uklar aldersgruppe"]),
    ],
)
def test_age_cells(cell: str, ages: AgeRange | None, unparsed: list[str]) -> None:
    assert map_ages(cell) == (ages, unparsed)


def test_an_unparsed_age_is_reported_and_kept(tmp_path: Path) -> None:
    result = read_rows(tmp_path, {"id": "x", "Nivå": "3", "Klassifiseringsversjon": NY, "Alder": "småbarn"})
    item = result.catalogue.get("ungsinn:x")
    assert item.target.ages.is_open
    assert item.extra_values("Alder") == ("småbarn",)
    assert [(w.field, w.value) for w in result.report.warnings] == [("Alder", "småbarn")]


def test_dbt_a_research_row_is_rated_on_the_new_scale(catalogue: Catalogue) -> None:
    item = catalogue.get("ungsinn:dbt-a")
    (rating,) = item.ratings
    assert (str(rating.scale), rating.level) == ("ungsinn@2015", EvidenceLevel.EFFECTIVE)
    assert item.domains == (Domain.TREATMENT,)
    assert item.target.ages == AgeRange(12, 19)
