"""The name traps of prevention catalogues: each must be linked, or kept apart, for a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.linking import Crosswalk, link, resolve
from prevcat.model import AgeRange, Alias, Intervention, Target

DATA = Path(__file__).resolve().parents[1] / "data" / "linking"


def item(source: str, native: str, name: str, **kw: object) -> Intervention:
    ages = kw.pop("ages", None)
    settings = kw.pop("settings", ())
    levels = kw.pop("levels", ())
    target = Target(levels=levels, ages=AgeRange(*ages) if ages else AgeRange(), settings=settings)  # type: ignore[arg-type]
    return Intervention(source=source, id=f"{source}:{native}", name=name, target=target, **kw)  # type: ignore[arg-type]


def catalogue(source: str, *items: Intervention) -> Catalogue:
    return Catalogue(Provenance(source=source, title=source), items)


def trap_library() -> Library:
    us = catalogue(
        "us",
        item(
            "us",
            "sfp-10-14",
            "Strengthening Families Program 10-14 (SFP 10-14)",
            aliases=["en:SFP 10-14"],
            country="US",
            languages=["en"],
            ages=(10, 14),
            settings=["family"],
        ),
        item(
            "us",
            "sfp-6-11",
            "Strengthening Families Program 6-11 (SFP 6-11)",
            aliases=["en:SFP 6-11"],
            country="US",
            languages=["en"],
            ages=(6, 11),
            settings=["family"],
        ),
        item(
            "us",
            "triple-p",
            "Triple P – Positive Parenting Program",
            aliases=["en:Triple P"],
            country="AU",
            languages=["en"],
            ages=(0, 16),
            settings=["family"],
        ),
        item(
            "us",
            "second-step",
            "Second Step",
            country="US",
            languages=["en"],
            ages=(4, 14),
            settings=["school"],
        ),
        item("us", "good-behavior-game", "Good Behavior Game", country="US", languages=["en"], ages=(6, 10)),
        item("us", "multisystemic-therapy", "Multisystemic Therapy", country="US", languages=["en"]),
        item("us", "incredible-years", "Incredible Years", country="US", languages=["en"], ages=(3, 8)),
        item("us", "iy-preschool", "Incredible Years Parent Programme 3–6", country="US", languages=["en"]),
        item("us", "iy-school", "Incredible Years Parent Programme 6–12", country="US", languages=["en"]),
    )
    se = catalogue(
        "se",
        item(
            "se",
            "steg-for-steg",
            "Steg-för-Steg",
            aliases=["sv:Steg för steg"],
            country="SE",
            languages=["sv"],
            ages=(10, 14),
            settings=["family"],
            original="Strengthening Families Program 10-14",
        ),
        item(
            "se",
            "effekt",
            "EFFEKT",
            aliases=["sv:Örebro preventionsprogram"],
            country="SE",
            languages=["sv"],
            ages=(13, 16),
            settings=["family"],
        ),
        item(
            "se",
            "foraldrar-i-fokus",
            "Föräldrar i fokus",
            country="SE",
            languages=["sv"],
            ages=(2, 12),
            settings=["family"],
            original="Triple P",
        ),
        item("se", "de-otroliga-aren", "De otroliga åren", country="SE", languages=["sv"], ages=(3, 8)),
        item("se", "multisystemisk-terapi", "Multisystemisk terapi", country="SE", languages=["sv"]),
    )
    no = catalogue(
        "no",
        item(
            "no",
            "steg-for-steg",
            "Steg for steg",
            aliases=[Alias("Steg for steg – sosial kompetanse", "nb")],
            country="NO",
            languages=["nb"],
            ages=(4, 14),
            settings=["school"],
            original="Second Step",
        ),
    )
    de = catalogue(
        "de",
        item(
            "de",
            "effekt",
            "EFFEKT",
            aliases=["de:Entwicklungsförderung in Familien: Eltern- und Kinder-Training"],
            country="DE",
            languages=["de"],
            ages=(3, 10),
            settings=["family"],
        ),
    )
    nl = catalogue(
        "nl",
        item(
            "nl",
            "pas",
            "Preventie Alcoholgebruik Scholieren (PAS)",
            aliases=["nl:PAS"],
            country="NL",
            languages=["nl"],
            ages=(12, 16),
            settings=["school"],
            original="Örebro Preventie Programma / EFFEKT",
        ),
        item("nl", "multisysteem-therapie", "Multisysteem Therapie", country="NL", languages=["nl"]),
    )
    return Library.of([us, se, no, de, nl])


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return link(trap_library())


def together(cw: Crosswalk, a: str, b: str) -> bool:
    return cw.cluster_of(a).id == cw.cluster_of(b).id


def test_swedish_steg_for_steg_is_never_merged_with_norwegian_steg_for_steg(crosswalk: Crosswalk) -> None:
    assert not together(crosswalk, "se:steg-for-steg", "no:steg-for-steg")
    explanation = crosswalk.explain("se:steg-for-steg", "no:steg-for-steg")
    assert not explanation.linked
    assert any("different originals" in v for v in explanation.vetoes), str(explanation)


def test_swedish_steg_for_steg_joins_sfp_10_14_and_norwegian_joins_second_step(crosswalk: Crosswalk) -> None:
    assert together(crosswalk, "se:steg-for-steg", "us:sfp-10-14")
    assert together(crosswalk, "no:steg-for-steg", "us:second-step")
    # SFP 6-11 is another variant (age version) of the same programme
    assert crosswalk.variant_of("se:steg-for-steg").id != crosswalk.variant_of("us:sfp-6-11").id


def test_the_two_effekts_stay_apart_and_pas_joins_the_swedish_one(crosswalk: Crosswalk) -> None:
    assert not together(crosswalk, "se:effekt", "de:effekt")
    assert together(crosswalk, "se:effekt", "nl:pas")
    assert not together(crosswalk, "de:effekt", "nl:pas")
    explanation = str(crosswalk.explain("se:effekt", "de:effekt"))
    assert "veto" in explanation and "ages" in explanation


def test_foraldrar_i_fokus_was_triple_p_not_sfp(crosswalk: Crosswalk) -> None:
    assert together(crosswalk, "se:foraldrar-i-fokus", "us:triple-p")
    assert not together(crosswalk, "se:foraldrar-i-fokus", "us:sfp-10-14")
    assert not together(crosswalk, "se:foraldrar-i-fokus", "us:sfp-6-11")
    reasons = crosswalk.explain("se:foraldrar-i-fokus", "us:triple-p").reasons
    assert any(r.startswith("original of se:foraldrar-i-fokus") for r in reasons)


def test_translated_names_meet_through_the_glossary(crosswalk: Crosswalk) -> None:
    assert together(crosswalk, "se:de-otroliga-aren", "us:incredible-years")
    assert together(crosswalk, "se:multisystemisk-terapi", "us:multisystemic-therapy")
    assert together(crosswalk, "nl:multisysteem-therapie", "us:multisystemic-therapy")
    reasons = crosswalk.explain("se:de-otroliga-aren", "us:incredible-years").reasons
    assert any(r.startswith("glossary") and "incredible" in r for r in reasons)


def test_age_band_numbers_keep_versions_apart_as_variants_of_one_programme(crosswalk: Crosswalk) -> None:
    for a, b in (("us:sfp-10-14", "us:sfp-6-11"), ("us:iy-preschool", "us:iy-school")):
        assert crosswalk.variant_of(a).id != crosswalk.variant_of(b).id
        assert together(crosswalk, a, b)
    verdict = crosswalk.pair_score("us:iy-preschool", "us:iy-school")
    assert not verdict.vetoed and "age bands" in verdict.variant_vetoes[0]
    explanation = str(crosswalk.explain("us:sfp-10-14", "us:sfp-6-11"))
    assert "same programme, different variant: ages 10–14 vs ages 6–11" in explanation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SFP 10-14", "us:sfp-10-14"),
        ("SFP 6-11", "us:sfp-6-11"),
        ("GBG", "us:good-behavior-game"),
        ("ÖPP", "se:effekt"),
        ("PAS", "nl:pas"),
        ("Incredible Years Parent Programme 3-6", "us:iy-preschool"),
        ("Incredible Years Parent Programme 6-12", "us:iy-school"),
    ],
)
def test_acronyms_and_age_bands_resolve(crosswalk: Crosswalk, query: str, expected: str) -> None:
    [result] = resolve([query], crosswalk=crosswalk)
    assert result.intervention_id is not None, result.reason
    assert crosswalk.cluster_of(expected).id == result.cluster, result


def test_coordinator_and_researcher_land_on_the_orebro_cluster(crosswalk: Crosswalk) -> None:
    orebro = crosswalk.cluster_of("se:effekt").id
    coordinator, researcher = resolve(
        ["EFFEKT-informatörer (Småkommunprojektet)", "PAS"], crosswalk=crosswalk
    )
    assert coordinator.cluster == orebro and not coordinator.ambiguous, coordinator
    assert researcher.cluster == orebro, researcher
    [with_country] = resolve(["EFFEKT-informatörer"], crosswalk=crosswalk, country="SE")
    assert with_country.cluster == orebro


def test_bare_effekt_is_flagged_not_guessed(crosswalk: Crosswalk) -> None:
    [result] = resolve(["EFFEKT"], crosswalk=crosswalk)
    assert result.ambiguous
    clusters = {c.cluster for c in result.candidates}
    assert {crosswalk.cluster_of("se:effekt").id, crosswalk.cluster_of("de:effekt").id} <= clusters


def test_norwegian_steg_for_steg_resolves_to_second_step_not_sfp(crosswalk: Crosswalk) -> None:
    [oslo] = resolve(
        ["Steg for Steg (Stig/Haugenstua skole, fra 1991-92)"], crosswalk=crosswalk, country="NO"
    )
    assert oslo.cluster == crosswalk.cluster_of("us:second-step").id, oslo
    [stockholm] = resolve(
        ["Steg-för-Steg (svensk SFP 10-14, STAD-studie 2007)"], crosswalk=crosswalk, country="SE"
    )
    assert stockholm.cluster == crosswalk.cluster_of("us:sfp-10-14").id, stockholm


def test_a_different_age_version_does_not_resolve() -> None:
    library = Library.of(
        [catalogue("us", item("us", "sfp-10-14", "Strengthening Families Program 10-14 (SFP 10-14)"))]
    )
    [result] = resolve(["Strengthening Families Program 6-11"], library=library)
    assert result.intervention_id is None
    assert "threshold" in result.reason or "scored" in result.reason
