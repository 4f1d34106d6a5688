"""The Grüne Liste's label variants, German vocabularies and the tricky rows of gruene-liste.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from prevcat_gruene_liste.ages import parse_german_ages
from prevcat_gruene_liste.rules import GRUENE_LISTE_SCALE, GrueneListeImporter

from prevcat.catalogue import Catalogue
from prevcat.evidence import Confidence, Direction, EvidenceLevel
from prevcat.model import AgeRange, Alias, PreventionLevel, Setting, Substance
from prevcat.testing import read_csv, report_lines, snapshot_fixtures

HEADER = "id,Programmname,Beweiskraft,Stufe,Alter der Zielgruppe,Verhalten/Verhältnis,Präventionsebene"


_, catalogue = snapshot_fixtures(GrueneListeImporter)


def _read(tmp_path: Path, *rows: str, header: str = HEADER) -> tuple[Catalogue, list[str], list[str]]:
    return report_lines(read_csv(GrueneListeImporter(), tmp_path, header, *rows))


def test_snapshot_imports_every_row(catalogue: Catalogue) -> None:
    report = GrueneListeImporter().read_snapshot().report
    assert (report.rows_read, report.imported, len(report.rejected)) == (56, 56, 0)
    assert len(catalogue) == 56  # 46 shared rows, 10 research rows
    # 37 rated; 19 listed with no rating recorded (page cut off, or listing seen on a secondary page)
    assert sum(1 for i in catalogue if i.ratings) == 37


@pytest.mark.parametrize(
    ("native", "label", "stufe"),
    [("ipsy", "Effektivität nachgewiesen", "Stufe 3"), ("110", "Effektivität wahrscheinlich", "Stufe 2")],
)
def test_corrected_ratings_are_read(catalogue: Catalogue, native: str, label: str, stufe: str) -> None:
    """IPSY and KLASSE KLASSE were rated in the December 2026 snapshot from their registry pages."""
    (rating,) = catalogue.get(f"gruene-liste:{native}").ratings
    assert (rating.label, rating.note, rating.confidence) == (label, stufe, Confidence.HIGH)


def test_a_listed_programme_without_a_rating_is_unrated_not_no_effect(catalogue: Catalogue) -> None:
    alf = catalogue.get("gruene-liste:7")
    assert alf.ratings == () and alf.evidence.range_label == "unrated"


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Effektivität theoretisch gut begründet", EvidenceLevel.THEORY_BASED),
        ("Stufe 1", EvidenceLevel.THEORY_BASED),
        ("Effektivität wahrscheinlich", EvidenceLevel.PROMISING),
        ("Stufe 2: Effektivität wahrscheinlich", EvidenceLevel.PROMISING),
        ("  effektivität NACHGEWIESEN ", EvidenceLevel.EFFECTIVE),
        ("Stufe 3", EvidenceLevel.EFFECTIVE),
    ],
)
def test_both_wordings_of_a_level(label: str, level: EvidenceLevel) -> None:
    assert GRUENE_LISTE_SCALE.lookup(label).level is level


def test_no_negative_class() -> None:
    assert all(level.direction is not Direction.NEGATIVE for level in GRUENE_LISTE_SCALE.levels)
    assert all(
        level.level not in (EvidenceLevel.NO_EFFECT, EvidenceLevel.HARMFUL)
        for level in GRUENE_LISTE_SCALE.levels
    )


def test_unrated_entries_have_no_rating(catalogue: Catalogue) -> None:
    # Olweus and Papilio are identified by page text, their rating is not confirmed: no verdict
    for native in ("15", "35", "8", "147"):
        assert catalogue[f"gruene-liste:{native}"].ratings == ()


def test_stufe_and_beweiskraft_must_agree(tmp_path: Path) -> None:
    catalogue, rejected, _ = _read(
        tmp_path,
        "1,Eins,Effektivität nachgewiesen,Stufe 2,,,",
        "2,Zwei,Effektivität wahrscheinlich,Stufe 2,,,",
        "3,Drei,,Stufe 1,,,",
    )
    assert len(rejected) == 1
    assert "row 1" in rejected[0] and "Stufe" in rejected[0] and "disagree" in rejected[0]
    assert "gruene-liste:1" not in catalogue
    (agreed,) = catalogue["gruene-liste:2"].ratings
    assert (agreed.label, agreed.note) == ("Effektivität wahrscheinlich", "Stufe 2")
    (stufe_only,) = catalogue["gruene-liste:3"].ratings
    assert stufe_only.label == "Stufe 1" and stufe_only.level is EvidenceLevel.THEORY_BASED


def test_unknown_label_or_stufe_is_rejected(tmp_path: Path) -> None:
    _, rejected, _ = _read(tmp_path, "1,Eins,Effektivität vermutet,,,,", "2,Zwei,,Stufe 4,,,")
    assert len(rejected) == 2
    assert "Beweiskraft" in rejected[0] and "'Effektivität nachgewiesen'" in rejected[0]
    assert "Stufe" in rejected[1] and "'Stufe 3'" in rejected[1]


def test_german_effekt_is_not_the_swedish_one(catalogue: Catalogue) -> None:
    effekt = catalogue["gruene-liste:32"]
    assert effekt.name == "EFFEKT" and effekt.country == "DE"
    assert effekt.original is None  # only its TIP module adapts PATHS
    assert Alias("Entwicklungsförderung in Familien: Eltern- und Kinder-Training", "de") in effekt.aliases
    assert Alias("IKPL", "de") in effekt.aliases
    assert not any("örebro" in n.casefold() or n == "PAS" for n in effekt.names)
    report = GrueneListeImporter().read_snapshot().report
    assert any("TIP ist eine Adaptation" in str(w) for w in report.warnings)


def test_german_and_swedish_effekt_share_only_the_acronym(catalogue: Catalogue) -> None:
    xchange = pytest.importorskip("prevcat_xchange")
    swedish = xchange.XchangeImporter().read_snapshot().catalogue["xchange:effekt-orebro-pas"]
    german = catalogue["gruene-liste:32"]
    shared = {n.casefold() for n in german.names} & {n.casefold() for n in swedish.names}
    assert shared == {"effekt"}
    assert (german.country, swedish.country) == ("DE", "SE")


def test_page_16_opstapje_and_edu(catalogue: Catalogue) -> None:
    edu = catalogue["gruene-liste:16"]
    assert edu.name == "e:du"
    assert Alias("Opstapje", "nl") in edu.aliases and Alias("Eltern und Du", "de") in edu.aliases
    assert (edu.original, edu.country) == ("Opstapje", "NL")
    assert edu.target.ages == AgeRange(0, 6)  # current version; the older "ab 18 Monaten" left out
    assert edu.target.settings == (Setting.FAMILY,)


def test_denk_wege_adapts_paths(catalogue: Catalogue) -> None:
    denk = catalogue["gruene-liste:30"]
    assert (denk.original, denk.country) == ("PATHS", "CH")
    assert Alias("PFADE", "de") in denk.aliases
    (rating,) = denk.ratings
    assert rating.url == "https://www.wegweiser-praevention.de/denk-wege.html"
    assert rating.confidence is Confidence.MEDIUM


def test_lions_quest_country_and_original(catalogue: Catalogue) -> None:
    quest = catalogue["gruene-liste:lions-quest-erwachsen-werden"]
    assert (quest.country, quest.original) == ("US", "Skills for Adolescence")


def test_halt_level_from_qualified_term(catalogue: Catalogue) -> None:
    halt = catalogue["gruene-liste:53"]
    assert halt.target.levels == (PreventionLevel.INDICATED,)
    assert Alias("Hart am Limit", "de") in halt.aliases
    (rating,) = halt.ratings
    assert rating.level is EvidenceLevel.THEORY_BASED and rating.direction is Direction.UNKNOWN
    assert ("Präventionsebene", "indizierte Prävention (reaktiver Baustein)") in halt.extra


def test_environmental_entry(catalogue: Catalogue) -> None:
    entry = catalogue["gruene-liste:alkohol-verfuegbarkeit"]
    assert entry.target.levels == (PreventionLevel.ENVIRONMENTAL,)
    assert entry.target.substances == (Substance.ALCOHOL,)
    assert ("Ziele / Problemverhalten", "Verfügbarkeit von Alkohol | Jugendschutz") in entry.extra


def test_verhaeltnis_values(tmp_path: Path) -> None:
    catalogue, rejected, warnings = _read(
        tmp_path,
        "1,Eins,,,,Verhältnisprävention,",
        "2,Zwei,,,,ausschließlich verhaltensbezogen,selektiv",
        "3,Drei,,,,irgendwie,",
    )
    assert rejected == []
    assert catalogue["gruene-liste:1"].target.levels == (PreventionLevel.ENVIRONMENTAL,)
    assert catalogue["gruene-liste:2"].target.levels == (PreventionLevel.SELECTIVE,)
    assert catalogue["gruene-liste:3"].target.levels == ()
    assert len(warnings) == 1 and "irgendwie" in warnings[0]


@pytest.mark.parametrize(
    ("cell", "ages"),
    [
        ("3-10", AgeRange(3, 10)),
        ("Klasse 2-4", AgeRange(7, 10)),
        ("bis 12", AgeRange(None, 12)),
        ("Jugendliche bis 16", AgeRange(None, 16)),
        ("bis 12 (Triple P) | Jugendliche bis 16 (Teen Triple P)", AgeRange(None, 16)),
        ("ab 14 (secondary)", AgeRange(14, None)),
        ("8-15 (seit 2017 8 bis unter 18)", AgeRange(8, 17)),
        ("11-13 (Klasse 5-7)", AgeRange(11, 13)),
        ("pränatal bis Vorschulalter (Kinder der Zielgruppe)", AgeRange(0, 6)),
        ("Sekundarstufe I", AgeRange(10, 16)),
        ("Grundschulalter", AgeRange(6, 10)),
    ],
)
def test_german_age_cells(cell: str, ages: AgeRange) -> None:
    assert parse_german_ages(cell) == (ages, [])


def test_unreadable_age_is_warned(tmp_path: Path) -> None:
    catalogue, _, warnings = _read(tmp_path, "1,Eins,,,alle Altersgruppen,,")
    assert catalogue["gruene-liste:1"].target.ages.is_open
    assert ("Alter der Zielgruppe", "alle Altersgruppen") in catalogue["gruene-liste:1"].extra
    assert len(warnings) == 1


def test_target_group_settings(catalogue: Catalogue) -> None:
    assert catalogue["gruene-liste:35"].target.settings == (Setting.FAMILY, Setting.PRESCHOOL)
    assert catalogue["gruene-liste:36"].target.settings == (Setting.SCHOOL,)
    # "mit Einverständnis der Eltern": parents consent, they are not the target group
    assert catalogue["gruene-liste:8"].target.settings == ()


def test_goals(catalogue: Catalogue) -> None:
    assert catalogue["gruene-liste:unplugged"].target.substances == (
        Substance.ALCOHOL,
        Substance.TOBACCO_NICOTINE,
        Substance.CANNABIS,
        Substance.OTHER_ILLICIT_DRUGS,
    )
    assert catalogue["gruene-liste:164"].target.substances == (Substance.CANNABIS,)


def test_low_confidence_row(catalogue: Catalogue) -> None:
    assert catalogue["gruene-liste:147"].confidence is Confidence.LOW


def test_two_page_versions_become_one_intervention(tmp_path: Path) -> None:
    header = "id,Programmname,Beweiskraft,Stufe,confidence,source_url"
    catalogue, rejected, _ = _read(
        tmp_path,
        "16,e:du,Effektivität nachgewiesen,Stufe 3,high,https://gruene-liste-praevention.de/x/16",
        "16,Opstapje,Effektivität nachgewiesen,,medium,http://www.gruene-liste-praevention.de/x/16",
        header=header,
    )
    assert rejected == []
    (item,) = catalogue
    assert item.name == "e:du" and "Opstapje" in item.names
    assert [r.url for r in item.ratings] == [
        "https://gruene-liste-praevention.de/x/16",
        "http://www.gruene-liste-praevention.de/x/16",
    ]
    assert item.confidence is Confidence.MEDIUM


def test_research_rows(catalogue: Catalogue) -> None:
    surf_fair = catalogue.get("gruene-liste:76")  # "5.-7. Jahrgangsstufe": grades
    assert surf_fair.target.ages == AgeRange(10, 13)
    resi = catalogue.get("gruene-liste:144")  # registry page cut off above the rating
    assert (resi.ratings, resi.confidence) == ((), Confidence.MEDIUM)
    assert resi.target.settings == (Setting.PRESCHOOL,)
    assert catalogue.get("gruene-liste:33").ratings[0].level is EvidenceLevel.EFFECTIVE  # GO!
