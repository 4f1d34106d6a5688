"""Comparison of portfolios on a small hand-built library (see compare_sample.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from prevcat.compare import compare, locality, score_recommendation
from prevcat.compare.methods import local_key
from prevcat.compare.model import Comparison, Locality, MethodKind
from prevcat.model import Domain

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(SAMPLE["portfolios"](), library=SAMPLE["library"](), crosswalk=SAMPLE["crosswalk"]())


def test_shared_methods_and_jaccard(comparison: Comparison) -> None:
    shared = comparison.shared
    first = shared.methods[0]
    assert first.key == "c-effekt"  # matched through two different records, one cluster
    assert first.cities == ("Malå", "Norsjö")
    survey = next(m for m in shared.methods if m.kind is MethodKind.LOCAL and len(m.cities) == 2)
    assert survey.name == "ANDT-kartläggning"
    i, j = shared.cities.index("Malå"), shared.cities.index("Norsjö")
    assert shared.matrix[i][j] == 2
    assert shared.matrix[j][j] == 3
    pair = next(p for p in shared.pairs if {p.a, p.b} == {"Malå", "Norsjö"})
    assert pair.jaccard == pytest.approx(2 / 3, abs=1e-3)
    assert all(p.jaccard == 0 for p in shared.pairs if "Stockholm" in (p.a, p.b))


def test_ambiguous_entries_are_not_shared_or_counted_in_coverage(comparison: Comparison) -> None:
    oslo = comparison.city("Oslo")
    (unresolved,) = oslo.ambiguous
    assert unresolved.candidates == ("blueprints:gbg", "blueprints:sfp")
    assert all(m.name != "Steg for Steg" for m in comparison.shared.methods)
    cov = comparison.coverage_of("Oslo")
    assert all("Steg for Steg" not in c.methods for c in (*cov.matrix, *cov.ages))
    profile = comparison.profile("Oslo")
    assert {c.category: c.count for c in profile.counts}["ambiguous"] == 1


def test_evidence_profile_counts_highest_level_and_flags_null_ratings(comparison: Comparison) -> None:
    profile = comparison.profile("Stockholm")
    counts = {c.category: c.count for c in profile.counts}
    assert counts["effective"] == 1 and counts["local"] == 1
    assert profile.effective == 1 and profile.effective_share == 0.5
    flagged = {(f.rating.source, f.rating.rating.label) for f in profile.flags}
    assert flagged == {
        ("ungsinn", "evidensnivå 0 – uvirksomt tiltak"),
        ("xchange", "Unlikely to be beneficial"),
    }
    (sfp,) = comparison.city("Stockholm").matched
    assert sfp.range_label == "no effect..effective"
    assert sfp.disputed


def test_coverage_counts_classified_local_methods_and_reports_gaps(comparison: Comparison) -> None:
    cov = comparison.coverage_of("Malå")
    assert cov.cell("universal", "family").count == 1  # EFFEKT
    assert cov.cell("universal", "school").gap
    domains = {c.column: c.count for c in cov.domains}
    assert domains["monitoring"] == 1  # the local survey, classified in the portfolio
    ages = {c.column: c.count for c in cov.ages}
    assert ages["13–17"] == 2 and ages["0–5"] == 0
    subs = {c.column: c.count for c in cov.substances}
    assert subs["alcohol"] == 1 and subs["cannabis"] == 0
    norsjo = comparison.coverage_of("Norsjö")
    assert norsjo.unclassified == ("Utbildning i tobakstillsyn",)


def test_transferability_splits_home_region_elsewhere_and_flags_contradiction(comparison: Comparison) -> None:
    oslo = comparison.transferability_of("Oslo")
    (mst,) = oslo.methods
    assert [r.source for r in mst.home] == ["ungsinn"]
    assert [r.source for r in mst.elsewhere] == ["blueprints"]
    assert mst.contradiction is None
    (sfp,) = comparison.transferability_of("Stockholm").methods
    assert [r.source for r in sfp.region] == ["ungsinn"]
    assert {r.source for r in sfp.elsewhere} == {"blueprints", "crimesolutions", "xchange"}
    assert sfp.contradiction is not None
    for needle in ("Ungsinn", "Unlikely to be beneficial", "CrimeSolutions", "near the city"):
        assert needle in sfp.contradiction


def test_locality() -> None:
    assert locality("SE", "SE") is Locality.HOME
    assert locality("NO", "SE") is Locality.REGION
    assert locality("EU", "SE") is Locality.ELSEWHERE
    assert locality(None, "SE") is Locality.ELSEWHERE


def test_recommendations_fill_gaps_prefer_home_evidence_and_peers(comparison: Comparison) -> None:
    recs = comparison.recommendations_for("Malå").recommendations
    names = [r.name for r in recs]
    assert names[0] == "Good Behavior Game"  # Swedish adaptation with Swedish evidence
    assert "EFFEKT" not in names  # already used
    assert "Scared Straight" not in names  # never rated effective
    gbg = recs[0]
    assert "universal × school" in gbg.fills
    assert any("evaluated in Sweden" in r for r in gbg.reasons)
    assert "Multisystemic Therapy" not in names  # treatment: outside a prevention plan


def test_treatment_is_recommended_only_when_asked_for() -> None:
    result = compare(SAMPLE["portfolios"](), library=SAMPLE["library"](), crosswalk=SAMPLE["crosswalk"](),
                     domains=[Domain.TREATMENT])
    recs = result.recommendations_for("Malå")
    mst = next(r for r in recs.recommendations if r.name == "Multisystemic Therapy")
    assert mst.used_by == ("Oslo",)
    assert mst.domains == (Domain.TREATMENT,)
    assert Domain.TREATMENT in recs.domains


def test_a_record_in_the_city_language_counts_when_nothing_is_listed_in_its_country() -> None:
    entries = [SAMPLE["matched"]("EFFEKT", "xchange:effekt")]
    result = compare(
        [SAMPLE["portfolio"]("Vasa", "FI", "sv", entries)],
        library=SAMPLE["library"](),
        crosswalk=SAMPLE["crosswalk"](),
    )
    gbg = next(r for r in result.recommendations_for("Vasa").recommendations if r.key == "c-gbg")
    assert "available in Swedish: PAX i skolan, PAX" in gbg.reasons
    assert any(r.startswith("evaluated in the Nordic countries: Metodguiden (SE)") for r in gbg.reasons)


def test_no_null_rated_method_is_recommended_without_a_caution(comparison: Comparison) -> None:
    seen = 0
    for city in comparison.recommendations:
        for rec in (*city.recommendations, *city.used_by_peers):
            if any(r.negative_or_null for r in rec.ratings):
                seen += 1
                assert rec.caution is not None and "Ungsinn (NO)" in rec.caution
            else:
                assert rec.caution is None
    assert seen  # SFP is recommended somewhere, with its caution


def test_null_evidence_at_home_is_not_counted_as_an_adaptation_bonus(comparison: Comparison) -> None:
    sfp = next(r for r in comparison.recommendations_for("Oslo").recommendations if r.key == "c-sfp")
    assert any("finds no effect" in reason for reason in sfp.reasons)
    assert any("may already be in use" in reason for reason in sfp.reasons)


def test_score_orders_home_evidence_over_nothing() -> None:
    base = dict(
        well_established=False,
        home_record=False,
        region_evidence=False,
        language_adaptation=False,
        peers=0,
        gaps=1,
        caution=False,
    )
    with_home = score_recommendation(home_evidence=True, **base)
    assert with_home > score_recommendation(home_evidence=False, **base)
    with_caution = {**base, "caution": True}
    assert score_recommendation(home_evidence=False, **with_caution) < score_recommendation(
        home_evidence=False, **base
    )


def test_local_key_joins_names_written_alike_only() -> None:
    assert local_key("ANDT-kartläggning (drogvaneundersökning)") == local_key("ANDT-kartläggning")
    assert local_key("Tobaksfri Duo (Region Västerbotten)") == local_key("Tobaksfri Duo (Region Norrbotten)")
    assert local_key("Samverkan polis–kommun") == local_key("samverkan  polis-kommun")
    assert local_key("Trestad2 – storstadssatsning mot cannabis") != local_key("Trestad2")


def test_entries_of_one_cluster_count_once() -> None:
    entries = [SAMPLE["matched"]("SFP", "blueprints:sfp"), SAMPLE["matched"]("Steg-för-Steg", "xchange:sfp")]
    result = compare(
        [SAMPLE["portfolio"]("X", "SE", "sv", entries)],
        library=SAMPLE["library"](),
        crosswalk=SAMPLE["crosswalk"](),
    )
    (method,) = result.cities[0].methods
    assert method.local_names == ("SFP", "Steg-för-Steg")
    assert result.profile("X").total == 1


def test_without_cluster_or_crosswalk_each_record_stands_alone() -> None:
    from prevcat.portfolio import PortfolioEntry, ResolvedEntry, Status

    def bare(city: str, ident: str) -> object:
        entry = ResolvedEntry(PortfolioEntry("EFFEKT"), Status.MATCHED, ident)
        return SAMPLE["portfolio"](city, "SE", "sv", [entry])

    result = compare(
        [bare("A", "xchange:effekt"), bare("B", "blueprints:effekt")],
        library=SAMPLE["library"](),
        crosswalk=None,
    )
    assert sorted(m.cities for m in result.shared.methods) == [("A",), ("B",)]
    linked = compare(
        [bare("A", "xchange:effekt"), bare("B", "blueprints:effekt")],
        library=SAMPLE["library"](),
        crosswalk=SAMPLE["crosswalk"](),
    )
    assert [m.cities for m in linked.shared.methods] == [("A", "B")]


def test_transferability_lists_records_without_a_rating() -> None:
    from prevcat.catalogue import Catalogue, Provenance
    from prevcat.model import Intervention
    from prevcat.portfolio import PortfolioEntry, ResolvedEntry, Status

    dk = Catalogue(
        Provenance("vidensportalen", "Vidensportalen", country="DK"),
        [Intervention(source="vidensportalen", id="vidensportalen:effekt", name="EFFEKT (DK)")],
    )
    library = SAMPLE["library"]().with_catalogue(dk)
    members = ("blueprints:effekt", "xchange:effekt", "vidensportalen:effekt")
    crosswalk = SAMPLE["Crosswalk"]((SAMPLE["Cluster"]("c-effekt", "EFFEKT", members),))
    entry = ResolvedEntry(PortfolioEntry("EFFEKT"), Status.MATCHED, "xchange:effekt", "c-effekt", members)
    result = compare([SAMPLE["portfolio"]("Malå", "SE", "sv", [entry])], library=library, crosswalk=crosswalk)
    (method,) = result.transferability_of("Malå").methods
    assert method.unrated == ("EFFEKT (DK) (vidensportalen, DK)",)
    assert [r.source for r in method.elsewhere] == ["blueprints", "xchange"]


def test_local_methods_named_alike_with_same_as_are_one_shared_method() -> None:
    from prevcat.portfolio import PortfolioEntry, ResolvedEntry, Status

    def city(name: str, written: str, same_as: str | None) -> object:
        entry = ResolvedEntry(PortfolioEntry(written, same_as=same_as), Status.LOCAL, None)
        return SAMPLE["portfolio"](name, "SE", "sv", [entry])

    apart = compare(
        [
            city("Örebro", "SMADIT-Ö – samtal vid gripandet", None),
            city("Göteborg", "SMADIT – Samverkan", None),
        ],
        library=SAMPLE["library"](),
        crosswalk=None,
    )
    assert len(apart.shared.methods) == 2
    joined = compare(
        [
            city("Örebro", "SMADIT-Ö – samtal vid gripandet", "SMADIT"),
            city("Göteborg", "SMADIT – Samverkan", "SMADIT"),
        ],
        library=SAMPLE["library"](),
        crosswalk=None,
    )
    [shared] = joined.shared.methods
    assert shared.name == "SMADIT" and shared.cities == ("Örebro", "Göteborg")


def test_education_only_methods_are_neither_a_gap_nor_recommended() -> None:
    from prevcat.catalogue import Catalogue, Provenance
    from prevcat.model import AgeRange, Domain, Intervention, Target

    effective = SAMPLE["rating"]("wwc", "Positive Effects", SAMPLE["EvidenceLevel"].EFFECTIVE, SAMPLE["POS"])

    def method(native: str, name: str, *domains: Domain) -> Intervention:
        return Intervention(
            source="wwc", id=f"wwc:{native}", name=name, ratings=[effective], domains=domains,
            target=Target(ages=AgeRange(0, 5)),
        )

    wwc = Catalogue(
        # a registry in the city's own country, so that nearness does not decide (only the domain does)
        Provenance("wwc", "What Works Clearinghouse", country="SE"),
        [
            method("1", "Early Reading Curriculum", Domain.EDUCATION),
            method("2", "Preschool Social Skills", Domain.PREVENTION, Domain.EDUCATION),
        ],
    )
    library = SAMPLE["library"]().with_catalogue(wwc)
    result = compare(SAMPLE["portfolios"](), library=library, crosswalk=SAMPLE["crosswalk"]())
    for city in result.recommendations:
        names = [r.name for r in (*city.recommendations, *city.used_by_peers)]
        assert "Early Reading Curriculum" not in names
    assert "Preschool Social Skills" in [r.name for r in result.recommendations_for("Malå").recommendations]
    assert all(c.column != "education" for cov in result.coverage for c in cov.domains)
