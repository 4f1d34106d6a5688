"""Coverage: the city's own word first, else what a variant's registries agree on; the EUPC framework."""

from __future__ import annotations

import runpy
from pathlib import Path

from prevcat.compare import compare
from prevcat.compare.framework import CELLS, framework_cells
from prevcat.compare.targets import agreed_target
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Target
from prevcat.portfolio import LocalClassification, Portfolio, PortfolioEntry, ResolvedEntry, ResolvedPortfolio
from prevcat.portfolio.load import parse_portfolio

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


def _city(*entries: ResolvedEntry, plan: tuple[Domain, ...] = ()) -> ResolvedPortfolio:
    return ResolvedPortfolio(Portfolio("Testby", "SE", "sv", 2024, (), (), plan_domains=plan), entries)


def _compare(*entries: ResolvedEntry, plan: tuple[Domain, ...] = ()):  # type: ignore[no-untyped-def]
    return compare([_city(*entries, plan=plan)], library=SAMPLE["library"](), crosswalk=SAMPLE["crosswalk"]())


def test_the_city_entry_wins_over_the_registries() -> None:
    own = LocalClassification(target=Target(levels=["selective"], settings=["school"]))
    pinned = SAMPLE["matched"]("SFP i skolan", "blueprints:sfp")
    pinned = ResolvedEntry(PortfolioEntry("SFP i skolan", intervention="blueprints:sfp", classification=own),
                           pinned.status, pinned.intervention_id, pinned.cluster_id, pinned.members)
    result = _compare(pinned)
    [method] = result.cities[0].methods
    assert method.coverage_basis == "portfolio"
    cov = result.coverage[0]
    assert cov.cell("selective", "school").count == 1
    assert cov.cell("universal", "family").count == 0  # the registries' setting does not count


def test_without_its_own_word_a_method_counts_as_its_variant_is_described() -> None:
    result = _compare(SAMPLE["matched"]("Steg-för-Steg", "crimesolutions:sfp"))
    [method] = result.cities[0].methods
    assert method.coverage_basis == "registries"
    cov = result.coverage[0]
    assert cov.cell("universal", "family").count == 1
    assert cov.from_registries == (method.name,)


def test_registries_count_where_they_agree_not_the_union() -> None:
    a = Target(levels=["universal", "selective"], settings=["family", "criminal_justice"],
               ages=AgeRange(3, 12))
    b = Target(levels=["universal"], settings=["family", "school"], ages=AgeRange(6, 16))
    agreed = agreed_target([a, b])
    assert agreed.levels == (PreventionLevel.UNIVERSAL,)
    assert agreed.settings == (Setting.FAMILY,)
    assert agreed.ages == AgeRange(6, 12)


def test_only_framework_cells_and_plan_domains_are_gaps() -> None:
    cov = _compare(SAMPLE["local"]("Enkät", SAMPLE["SURVEY"])).coverage[0]
    assert len([c for c in cov.matrix if c.applicable]) == len(CELLS) == 17
    assert cov.cell("indicated", "media").gap is False
    assert cov.cell("universal", "school").gap is True
    assert {c.column for c in cov.domains if c.gap} == {"prevention", "early_intervention"}


def test_settings_map_onto_the_framework() -> None:
    indicated = Target(levels=["indicated"], settings=["health_care"])
    assert framework_cells(indicated) == {("indicated", "community")}
    assert framework_cells(Target(levels=["selective"], settings=["criminal_justice"])) == set()
    assert framework_cells(Target(levels=["environmental"])) == {("environmental", "community")}
    assert framework_cells(Target(), (Domain.POLICY,)) == {("environmental", "community")}
    assert framework_cells(Target(settings=["nightlife_recreation"]), (Domain.POLICY,)) == {
        ("environmental", "nightlife")
    }


def test_a_plan_that_covers_treatment_gets_treatment_methods() -> None:
    entry = SAMPLE["matched"]("EFFEKT", "xchange:effekt")
    default = _compare(entry).recommendations[0]
    assert "c-mst" not in {r.key for r in default.recommendations}
    assert default.out_of_scope >= 1
    wider = _compare(entry, plan=(Domain.PREVENTION, Domain.TREATMENT)).recommendations[0]
    assert "c-mst" in {r.key for r in wider.recommendations}


def test_plan_domains_and_a_pinned_entrys_own_settings_read_from_toml() -> None:
    portfolio = parse_portfolio({
        "city": "Testby", "country": "SE", "plan_domains": ["prevention", "treatment"],
        "methods": [{"name": "De otroliga åren", "intervention": "metodguiden:de-otroliga-aren",
                     "levels": ["selective"], "settings": ["preschool"]}],
    })
    assert portfolio.plan_domains == (Domain.PREVENTION, Domain.TREATMENT)
    [entry] = portfolio.entries
    assert entry.intervention == "metodguiden:de-otroliga-aren"
    assert entry.classification is not None
    assert entry.classification.target.settings == (Setting.PRESCHOOL,)
