"""The model and the evidence scale behave as documented."""

from __future__ import annotations

import datetime as dt

import pytest

from prevcat.errors import UnknownLabelError
from prevcat.evidence import (
    COMMON_SCALE,
    Direction,
    EvidenceLevel,
    EvidenceScale,
    ResultsFirstTier,
    ScaleLevel,
    summarize,
)
from prevcat.model import AgeRange, Alias, Domain, Intervention, Target

UNGSINN_LIKE = EvidenceScale(
    id="demo",
    version="2015",
    name="Demo 0-5",
    levels=(
        ScaleLevel("Nivå 0: Uvirksomt tiltak", EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT),
        ScaleLevel("Nivå 3: Noe dokumentasjon", EvidenceLevel.PROMISING, Direction.POSITIVE),
        ScaleLevel("Nivå 5: Sterk dokumentasjon", EvidenceLevel.WELL_ESTABLISHED, Direction.POSITIVE),
    ),
)
BLUEPRINTS_LIKE = EvidenceScale(
    id="demo-us",
    version="1",
    name="Demo US",
    levels=(ScaleLevel("Model", EvidenceLevel.WELL_ESTABLISHED, Direction.POSITIVE),),
)


def test_levels_are_ordered_from_harmful_to_well_established() -> None:
    assert sorted(EvidenceLevel, reverse=True)[0] is EvidenceLevel.WELL_ESTABLISHED
    assert EvidenceLevel.HARMFUL < EvidenceLevel.NO_EFFECT < EvidenceLevel.INSUFFICIENT
    assert EvidenceLevel.THEORY_BASED < EvidenceLevel.PROMISING < EvidenceLevel.EFFECTIVE
    assert max(EvidenceLevel.PROMISING, EvidenceLevel.EFFECTIVE) is EvidenceLevel.EFFECTIVE


@pytest.mark.parametrize(
    ("position", "direction", "level"),
    [
        (0, Direction.NEGATIVE, EvidenceLevel.HARMFUL),
        (0, Direction.NO_EFFECT, EvidenceLevel.NO_EFFECT),
        (1, Direction.UNKNOWN, EvidenceLevel.INSUFFICIENT),
        (2, Direction.UNKNOWN, EvidenceLevel.THEORY_BASED),
        (3, Direction.POSITIVE, EvidenceLevel.PROMISING),
        (4, Direction.POSITIVE, EvidenceLevel.EFFECTIVE),
        (5, Direction.POSITIVE, EvidenceLevel.WELL_ESTABLISHED),
    ],
)
def test_common_positions_of_the_scales_file_map_onto_levels(
    position: int, direction: Direction, level: EvidenceLevel
) -> None:
    assert EvidenceLevel.from_common(position, direction) is level
    assert level.common_position == position


def test_common_position_out_of_range_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"0\.\.5"):
        EvidenceLevel.from_common(6, Direction.POSITIVE)


def test_lookup_tolerates_case_and_whitespace_but_never_guesses() -> None:
    assert UNGSINN_LIKE.lookup("  nivå 0:   uvirksomt TILTAK ").level is EvidenceLevel.NO_EFFECT
    with pytest.raises(UnknownLabelError) as info:
        UNGSINN_LIKE.lookup("Nivå 0")
    assert "Nivå 0: Uvirksomt tiltak" in str(info.value)
    assert info.value.known == UNGSINN_LIKE.labels


def test_rating_keeps_the_native_label_verbatim() -> None:
    rating = UNGSINN_LIKE.rate(" Nivå 0: Uvirksomt tiltak ", reviewed=dt.date(2016, 5, 1))
    assert rating.label == "Nivå 0: Uvirksomt tiltak"
    assert rating.scale.id == "demo" and rating.scale.version == "2015"
    assert rating.level is EvidenceLevel.NO_EFFECT and rating.direction is Direction.NO_EFFECT


def test_a_scale_rejects_a_label_given_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        EvidenceScale(
            id="dup",
            version="1",
            name="Dup",
            levels=(ScaleLevel("A", None), ScaleLevel(" a ", None)),
        )


def test_common_scale_is_a_scale_with_readable_variants() -> None:
    assert COMMON_SCALE.lookup("well-established").level is EvidenceLevel.WELL_ESTABLISHED
    assert COMMON_SCALE.lookup("No effect").level is EvidenceLevel.NO_EFFECT
    assert COMMON_SCALE.ref.id == "prevcat"


def test_disagreeing_ratings_are_shown_as_a_range_and_flagged_never_averaged() -> None:
    summary = summarize([UNGSINN_LIKE.rate("Nivå 0: Uvirksomt tiltak"), BLUEPRINTS_LIKE.rate("Model")])
    assert summary.lowest is EvidenceLevel.NO_EFFECT
    assert summary.highest is EvidenceLevel.WELL_ESTABLISHED
    assert summary.disputed
    assert summary.range_label == "no effect..well established"
    assert len(summary.ratings) == 2


def test_agreeing_ratings_are_not_disputed() -> None:
    summary = summarize([UNGSINN_LIKE.rate("Nivå 3: Noe dokumentasjon"), BLUEPRINTS_LIKE.rate("Model")])
    assert not summary.disputed
    assert summary.range_label == "promising..well established"
    assert summarize([]).range_label == "unrated"


def test_ratings_with_no_effect_claim_are_shown_but_not_placed() -> None:
    profile = EvidenceScale(
        id="profile",
        version="1",
        name="A-D",
        ordinal=False,
        levels=(ScaleLevel("A", None), ScaleLevel("B", None)),
    )
    summary = summarize([profile.rate("A")])
    assert summary.lowest is None and summary.range_label == "unrated"
    assert profile.rate("B").tier is ResultsFirstTier.INSUFFICIENT_EVIDENCE


@pytest.mark.parametrize(
    ("level", "direction", "tier"),
    [
        (EvidenceLevel.WELL_ESTABLISHED, Direction.POSITIVE, ResultsFirstTier.HIGHEST_RATED),
        (EvidenceLevel.EFFECTIVE, Direction.POSITIVE, ResultsFirstTier.HIGHEST_RATED),
        (EvidenceLevel.PROMISING, Direction.POSITIVE, ResultsFirstTier.SECOND_HIGHEST),
        (EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT, ResultsFirstTier.NO_EVIDENCE_OF_EFFECTS),
        (EvidenceLevel.HARMFUL, Direction.NEGATIVE, ResultsFirstTier.NEGATIVE_EFFECTS),
        (EvidenceLevel.INSUFFICIENT, Direction.MIXED, ResultsFirstTier.MIXED_EFFECTS),
        (EvidenceLevel.INSUFFICIENT, Direction.UNKNOWN, ResultsFirstTier.INSUFFICIENT_EVIDENCE),
        (EvidenceLevel.THEORY_BASED, Direction.UNKNOWN, ResultsFirstTier.INSUFFICIENT_EVIDENCE),
    ],
)
def test_results_first_tier_view(level: EvidenceLevel, direction: Direction, tier: ResultsFirstTier) -> None:
    assert ResultsFirstTier.of(level, direction) is tier


def test_age_range_validation_and_overlap() -> None:
    with pytest.raises(ValueError, match="greater than"):
        AgeRange(15, 12)
    with pytest.raises(ValueError, match=r"0\.\.120"):
        AgeRange(None, 121)
    assert AgeRange(10, 14).overlaps(AgeRange(14, 18))
    assert not AgeRange(10, 13).overlaps(AgeRange(14, 18))
    assert AgeRange(18, None).overlaps(AgeRange(60, 70))
    assert str(AgeRange(18, None)) == "18+" and str(AgeRange()) == "any age"


def test_intervention_validates_its_id_country_and_languages() -> None:
    with pytest.raises(ValueError, match="must be 'x:<native id>'"):
        Intervention(id="y:1", name="A", source="x")
    with pytest.raises(ValueError, match="ISO 3166-1"):
        Intervention(id="x:1", name="A", source="x", country="SWE")
    with pytest.raises(ValueError, match="language tag"):
        Intervention(id="x:1", name="A", source="x", languages=("Swedish",))
    with pytest.raises(ValueError, match="must not be empty"):
        Intervention(id="x:1", name="  ", source="x")
    item = Intervention(
        id="x:1",
        name=" Steg för steg ",
        source="x",
        country="se",
        aliases=("sv:Steg-för-Steg", Alias("SFP 10-14", "en")),
        target=Target(levels=("universal", "universal"), settings=("family",)),
        domains=(Domain.PREVENTION,),
        extra={"Notes": "kept verbatim"},
    )
    assert item.name == "Steg för steg" and item.country == "SE"
    assert item.aliases[0] == Alias("Steg-för-Steg", "sv")
    assert item.target.levels == (item.target.levels[0],)
    assert item.names == ("Steg för steg", "Steg-för-Steg", "SFP 10-14")
    assert item.extra_values("Notes") == ("kept verbatim",)
    assert item.native_id == "1" and item.domain is Domain.PREVENTION


def test_non_programmes_fit_the_model() -> None:
    naloxone = Intervention(
        id="oslo:nalokson", name="Nesespray med nalokson", source="oslo", domains=("harm_reduction",)
    )
    salto = Intervention(id="oslo:salto", name="SaLTo", source="oslo", domains=("coordination",))
    survey = Intervention(id="oslo:ungdata", name="Ungdata", source="oslo", domains=("monitoring",))
    assert (naloxone.domain, salto.domain, survey.domain) == (
        Domain.HARM_REDUCTION,
        Domain.COORDINATION,
        Domain.MONITORING,
    )
