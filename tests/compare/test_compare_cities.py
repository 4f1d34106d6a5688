"""The comparison of the bundled city portfolios, as a municipal prevention coordinator reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.compare.framework import SETTING_AREAS
from prevcat.model import Domain, Setting

ROOT = Path(__file__).resolve().parents[2]
PORTFOLIOS = sorted(str(p) for p in (ROOT / "examples" / "portfolios").glob("*.toml"))
SMAKOMMUN = ("Norsjö", "Sorsele", "Malå", "Arvidsjaur", "Arjeplog")
SERVICE = {"treatment", "harm_reduction", "social_reintegration"}


def _compare(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["compare", *PORTFOLIOS, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return _compare()


def _recs(doc: dict[str, Any], city: str) -> list[dict[str, Any]]:
    block = next(r for r in doc["recommendations"] if r["city"] == city)
    recs: list[dict[str, Any]] = block["recommendations"]
    return recs


@pytest.mark.slow
def test_no_treatment_is_recommended_to_a_prevention_plan_unless_asked(doc: dict[str, Any]) -> None:
    for city in SMAKOMMUN:
        recs = _recs(doc, city)
        assert recs, city
        for rec in recs:
            assert not SERVICE & set(rec["domains"]), (city, rec["name"], rec["domains"])
            assert rec["name"] not in ("Multisystemic Therapy", "Functional Family Therapy (FFT)")
    with_treatment = _compare("--domain", "treatment")
    domains = {d for city in SMAKOMMUN for rec in _recs(with_treatment, city) for d in rec["domains"]}
    assert "treatment" in domains


@pytest.mark.slow
def test_a_recommendation_claims_only_settings_its_own_variant_gives(
    doc: dict[str, Any], bundled_crosswalk: Any
) -> None:
    import prevcat

    library = prevcat.load_library()
    crosswalk = bundled_crosswalk
    seen = 0
    for block in doc["recommendations"]:
        for rec in block["recommendations"]:
            records = [library.get(m) for m in crosswalk.cluster(rec["variant"]).members]
            settings = {s for record in records for s in record.target.settings}
            areas = {SETTING_AREAS[Setting(s.value)] for s in settings}
            levels = {level.value for record in records for level in record.target.levels}
            for gap in rec["fills"]:
                if " × " in gap:
                    level, area = gap.split(" × ")
                    seen += 1
                    env_default = level == "environmental" and not settings
                    assert area in areas or env_default, (rec["name"], rec["variant"], gap)
                    assert level in levels or "policy" in rec["domains"], (rec["name"], gap)
    assert seen


@pytest.mark.slow
def test_every_recommendation_explains_its_rank(doc: dict[str, Any]) -> None:
    for block in doc["recommendations"]:
        for rec in (*block["recommendations"], *block["used_by_peers"]):
            assert rec["explanation"].startswith("Score ")
            assert "Counted:" in rec["explanation"]
            assert rec["counted"] and rec["domains"] is not None
            assert abs(sum(f["points"] for f in (*rec["counted"], *rec["held_back"])) - rec["score"]) < 0.01


@pytest.mark.slow
def test_oslo_and_norsjo_get_different_advice_explained_by_fit(doc: dict[str, Any]) -> None:
    oslo = _recs(doc, "Oslo")[:5]
    norsjo = _recs(doc, "Norsjö")[:5]
    assert [r["key"] for r in oslo] != [r["key"] for r in norsjo]
    # Oslo's picks are evaluated in Norway; Norsjö's say what Sweden has, or that it has none
    assert any(f["code"] == "home_evidence" and f["values"]["country"] == "Norway"
               for r in oslo for f in r["counted"])
    assert all(any(f["code"] in ("home_version", "home_evidence") for f in r["counted"])
               or any(f["code"] == "no_home_version" and f["values"]["country"] == "Sweden"
                      for f in r["held_back"]) for r in norsjo)


@pytest.mark.slow
def test_coverage_counts_what_the_city_says_and_only_meaningful_cells(doc: dict[str, Any]) -> None:
    for cov in doc["coverage"]:
        framework = [c for c in cov["matrix"] if c["applicable"]]
        assert len(framework) == 17
        assert not any(c["gap"] for c in cov["matrix"] if not c["applicable"])
        plan = [c["column"] for c in cov["domains"] if c["applicable"]]
        assert plan == [Domain.PREVENTION.value, Domain.EARLY_INTERVENTION.value]
    for city in doc["cities"]:
        for method in city["methods"]:
            assert method["coverage_basis"] in ("portfolio", "registries", "none")


@pytest.mark.slow
def test_the_report_says_what_the_data_is(doc: dict[str, Any]) -> None:
    registries = {r["source"]: r for r in doc["registries"]}
    import prevcat

    assert sum(r["entries"] for r in registries.values()) == len(prevcat.load_library())
    assert registries["blueprints"]["name"] == "Blueprints"
    assert "106" in registries["blueprints"]["published"]
    assert registries["metodguiden"]["published"] is None
