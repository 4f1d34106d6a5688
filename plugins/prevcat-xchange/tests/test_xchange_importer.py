"""Xchange's own label variants and the snapshot's tricky rows (see xchange.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from prevcat_xchange.names import parse_origin_note, parse_title
from prevcat_xchange.rules import GLOBAL_SCALE, XCHANGE_SCALE, XchangeImporter, parse_date

from prevcat.catalogue import Catalogue
from prevcat.evidence import Direction, EvidenceLevel
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance
from prevcat.testing import read_csv, report_lines, snapshot_fixtures

_, catalogue = snapshot_fixtures(XchangeImporter)


def _read(tmp_path: Path, header: str, *rows: str) -> tuple[Catalogue, list[str], list[str]]:
    return report_lines(read_csv(XchangeImporter(), tmp_path, header, *rows))


def test_snapshot_imports_every_row(catalogue: Catalogue) -> None:
    report = XchangeImporter().read_snapshot().report
    assert (report.rows_read, report.imported, len(report.rejected)) == (19, 19, 0)
    assert len(catalogue) == 19


def test_unlikely_to_be_beneficial_is_a_no_effect_verdict(catalogue: Catalogue) -> None:
    sfp = catalogue["xchange:strengthening-families-10-14"]
    (rating,) = sfp.ratings
    assert rating.label == "Unlikely to be beneficial"
    assert rating.level is EvidenceLevel.NO_EFFECT
    assert rating.direction is Direction.NO_EFFECT
    assert Alias("SFP 10-14", "en") in sfp.aliases
    assert sfp.original == "Strengthening Families Program: For Parents and Youth 10-14"


def test_programme_without_rating_is_not_rated(catalogue: Catalogue) -> None:
    # KiVa is listed but its rating is not confirmed: no rating at all, never "no effect"
    kiva = catalogue["xchange:kiva"]
    assert kiva.ratings == ()
    assert kiva.evidence.lowest is None


def test_scale_order_and_positions() -> None:
    levels = [XCHANGE_SCALE.lookup(label).level for label in XCHANGE_SCALE.labels]
    assert levels == [
        EvidenceLevel.NO_EFFECT,
        EvidenceLevel.INSUFFICIENT,
        EvidenceLevel.PROMISING,
        EvidenceLevel.PROMISING,
        EvidenceLevel.EFFECTIVE,
    ]
    assert XCHANGE_SCALE.lookup("  likely to be BENEFICIAL ").label == "Likely to be beneficial"


def test_old_layout_date_becomes_reviewed(catalogue: Catalogue) -> None:
    (unplugged,) = catalogue["xchange:unplugged"].ratings
    assert unplugged.reviewed == dt.date(2017, 10, 18)
    assert unplugged.level is EvidenceLevel.EFFECTIVE
    (olweus,) = catalogue["xchange:olweus"].ratings
    assert olweus.reviewed == dt.date(2018, 10, 23)


@pytest.mark.parametrize(
    "text",
    ["18.10.2017", "Wednesday, October 18, 2017", "Wednesday, October 18, 2017 - 09:45", "2017-10-18"],
)
def test_date_layouts(text: str) -> None:
    assert parse_date(text) == dt.date(2017, 10, 18)


def test_effekt_orebro_pas_aliases_carry_their_languages(catalogue: Catalogue) -> None:
    effekt = catalogue["xchange:effekt-orebro-pas"]
    assert effekt.name == "EFFEKT/Örebro/PAS"
    assert Alias("EFFEKT", "sv") in effekt.aliases
    assert Alias("Örebro Prevention Programme", "en") in effekt.aliases
    assert Alias("PAS", "nl") in effekt.aliases
    assert effekt.country == "SE"
    assert effekt.target.ages == AgeRange(13, 16)  # exact ages of the target group, not the bands


def test_global_rating_is_blueprints_reported_by_xchange(tmp_path: Path) -> None:
    catalogue, rejected, _ = _read(
        tmp_path,
        "id,Title,Evidence rating,Global rating,Last reviewed",
        "p,Some Programme - a subtitle,Possibly beneficial,Model,23.10.2018",
        "q,Other Programme - a subtitle,,Promising,",
    )
    assert rejected == []
    own, global_ = catalogue["xchange:p"].ratings
    assert own.scale == XCHANGE_SCALE.ref and own.database is None and own.reported_by is None
    assert own.level is EvidenceLevel.PROMISING
    assert global_.scale == GLOBAL_SCALE.ref and global_.scale.id.startswith("xchange")
    assert (global_.database, global_.reported_by) == ("blueprints", "xchange")
    assert global_.level is EvidenceLevel.WELL_ESTABLISHED
    (promising,) = catalogue["xchange:q"].ratings  # a Global rating alone is still Blueprints'
    assert promising.level is EvidenceLevel.PROMISING and promising.database == "blueprints"


def test_unknown_labels_are_rejected_with_the_known_ones(tmp_path: Path) -> None:
    _, rejected, _ = _read(
        tmp_path,
        "id,Title,Evidence rating,Global rating",
        "a,A - x,Probably beneficial,",
        "b,B - x,Beneficial,Exemplary",
        "c,C - x,,",
    )
    assert len(rejected) == 2
    assert "Evidence rating" in rejected[0] and "'Possibly beneficial'" in rejected[0]
    assert "Global rating" in rejected[1] and "'Model Plus'" in rejected[1]


def test_targeted_intervention_is_not_guessed(catalogue: Catalogue) -> None:
    fft = catalogue["xchange:functional-family-therapy"]
    assert fft.target.levels == ()
    assert ("Level(s) of intervention", "Targeted intervention") in fft.extra
    assert fft.domains == (Domain.EARLY_INTERVENTION, Domain.TREATMENT)
    assert fft.target.settings == (Setting.FAMILY, Setting.CRIMINAL_JUSTICE)
    report = XchangeImporter().read_snapshot().report
    assert sum("Targeted intervention" in str(w) for w in report.warnings) == 3  # FFT, Preventure, MST


def test_level_variants(catalogue: Catalogue) -> None:
    assert catalogue["xchange:olweus"].target.levels == (PreventionLevel.SELECTIVE, PreventionLevel.UNIVERSAL)
    preventure = catalogue["xchange:preventure"]
    assert preventure.target.levels == (PreventionLevel.INDICATED,)


def test_environmental_setting_marks_environmental_prevention(catalogue: Catalogue) -> None:
    stad = catalogue["xchange:stad"]
    assert stad.name == "STAD"
    assert Alias("STockholm prevents Alcohol and Drug problems", "en") in stad.aliases
    assert stad.target.levels == (PreventionLevel.ENVIRONMENTAL,)
    assert stad.target.settings == (Setting.COMMUNITY,)
    assert stad.target.ages == AgeRange(20, 25)  # "No defined Age group | 20-25 years"


def test_no_country_of_origin_defined(catalogue: Catalogue) -> None:
    planet = catalogue["xchange:planet-youth"]
    assert planet.country is None
    assert ("Country of origin", "No country of origin defined") in planet.extra
    assert catalogue["xchange:life-skills-training"].country is None  # label shown with no value


def test_country_is_xchanges_claim(catalogue: Catalogue) -> None:
    # Xchange says USA for Triple P and Sweden for COPE; kept as the source states it
    assert catalogue["xchange:triple-p"].country == "US"
    assert catalogue["xchange:cope"].country == "SE"


def test_adaptations_and_brands(catalogue: Catalogue) -> None:
    lst = catalogue["xchange:life-skills-training"]
    assert lst.original == "LifeSkills Training"
    assert Alias("LST", "en") in lst.aliases
    triple_p = catalogue["xchange:triple-p"]
    assert triple_p.name == "TRIPLE P - Positive Parenting Program (Level 4)"
    assert triple_p.original == "Triple P multi-level system"
    parenting = catalogue["xchange:incredible-years-parenting"]
    assert parenting.name == "Incredible Years – Parenting Programme"
    assert parenting.original == "Incredible Years Series"
    assert "Incredible Years Series" not in parenting.names  # the umbrella is the brand, not this entry
    assert Alias("Home Visiting Coach Model", "en") in parenting.aliases
    child = catalogue["xchange:incredible-years-child"]
    assert Alias("Dinosaur School", "en") in child.aliases


def test_substances(catalogue: Catalogue) -> None:
    assert catalogue["xchange:unplugged"].target.substances == (
        Substance.TOBACCO_NICOTINE,
        Substance.ALCOHOL,
        Substance.CANNABIS,
    )
    assert Substance.OTHER_ILLICIT_DRUGS in catalogue["xchange:planet-youth"].target.substances


@pytest.mark.parametrize(
    ("title", "name", "aliases"),
    [
        ("Unplugged - a programme", "Unplugged", []),
        (
            "Life Skills Training (LST) - a programme",
            "Life Skills Training (LST)",
            ["Life Skills Training", "LST"],
        ),
        ("KiVa (Anti-bullying programme) - Combined", "KiVa (Anti-bullying programme)", ["KiVa"]),
        ("Incredible Years – teacher programme", "Incredible Years – teacher programme", []),
        ("Planet Youth — 'The Icelandic Model': application", "Planet Youth", []),
    ],
)
def test_title_rules(title: str, name: str, aliases: list[str]) -> None:
    parts = parse_title(title)
    assert parts.name == name
    assert [a.name for a in parts.aliases] == aliases


def test_unread_origin_clause_is_reported(tmp_path: Path) -> None:
    note = parse_origin_note(
        "Based loosely on a 1990s idea; EFFEKT (formerly the Örebro Prevention Programme)"
    )
    assert note.unread == ("Based loosely on a 1990s idea",)
    catalogue, _, warnings = _read(
        tmp_path,
        "id,Title,Original name / adaptation of",
        'p,P - x,"Based loosely on a 1990s idea"',
    )
    assert catalogue["xchange:p"].original is None
    assert any("Based loosely" in w for w in warnings)


def test_unknown_vocabulary_is_kept_and_warned(tmp_path: Path) -> None:
    catalogue, rejected, warnings = _read(
        tmp_path,
        "id,Title,Programme setting(s),Country of origin,Age group,Last reviewed",
        "p,P - x,School | Prison,Atlantis,Teens,31.02.2017",
    )
    item: Intervention = catalogue["xchange:p"]
    assert rejected == []
    assert item.target.settings == (Setting.SCHOOL,)
    assert ("Programme setting(s)", "Prison") in item.extra
    assert ("Country of origin", "Atlantis") in item.extra
    assert ("Last reviewed", "31.02.2017") in item.extra
    assert len(warnings) == 4


def test_rows_sharing_an_id_become_one_intervention(tmp_path: Path) -> None:
    catalogue, rejected, _ = _read(
        tmp_path,
        "id,Title,Evidence rating,Last reviewed,confidence",
        "p,P - old page,Additional studies recommended,18.10.2017,high",
        "p,P - new page,Possibly beneficial,23.10.2018,medium",
    )
    assert rejected == []
    (item,) = catalogue
    assert [r.reviewed for r in item.ratings] == [dt.date(2017, 10, 18), dt.date(2018, 10, 23)]
    assert item.confidence is not None and item.confidence.value == "medium"
