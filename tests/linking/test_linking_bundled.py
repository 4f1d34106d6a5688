"""Linking the bundled registry catalogues, checked against the hand-built gold clusters."""

from __future__ import annotations

from pathlib import Path

import pytest

from prevcat.catalogue import Library
from prevcat.linking import Crosswalk, evaluate, resolve

GOLD = Path(__file__).resolve().parents[2] / "src" / "prevcat" / "linking" / "data" / "gold_clusters.csv"
NEEDED = {"xchange", "blueprints", "nji", "gruene-liste", "metodguiden", "ungsinn"}


@pytest.fixture(scope="module")
def bundled(bundled_library: Library) -> Library:
    missing = NEEDED - set(bundled_library.sources)
    if missing:
        pytest.skip(f"registry plugins not installed: {', '.join(sorted(missing))}")
    return bundled_library


@pytest.fixture(scope="module")
def crosswalk(bundled: Library, bundled_crosswalk: Crosswalk) -> Crosswalk:
    return bundled_crosswalk


def test_the_orebro_programme_is_one_cluster_without_the_german_effekt(crosswalk: Crosswalk) -> None:
    orebro = crosswalk.cluster_of("xchange:effekt-orebro-pas")
    assert {"blueprints:effekt", "nji:pas"} <= set(orebro.members)
    assert "gruene-liste:32" not in orebro.members


def test_a_swedish_coordinator_is_not_left_with_an_ambiguous_effekt(crosswalk: Crosswalk) -> None:
    [mala] = resolve(["EFFEKT-informatörer (Småkommunprojektet)"], crosswalk=crosswalk, country="SE")
    assert mala.cluster == crosswalk.cluster_of("xchange:effekt-orebro-pas").id
    assert not mala.ambiguous, mala
    [bare] = resolve(["EFFEKT"], crosswalk=crosswalk)
    assert bare.ambiguous


def test_gold_clusters_are_found(crosswalk: Crosswalk) -> None:
    result = evaluate(crosswalk, GOLD)
    assert result.precision >= 0.9, str(result)
    assert result.recall >= 0.85, str(result)


@pytest.mark.parametrize(
    ("name", "country", "member"),
    [
        ("EFFEKT-informatörer (Småkommunprojektet)", "SE", "xchange:effekt-orebro-pas"),
        ("EFFEKT (tidigare Örebro preventionsprogram, ÖPP) – utvecklat i Örebro län", "SE", "nji:pas"),
        ("PAS", None, "xchange:effekt-orebro-pas"),
        ("Hasjavvenningsprogrammet (HAP), bydel Nordre Aker", "NO", "metodguiden:hap"),
        ("Steg-för-Steg (svensk SFP 10-14, STAD-studie 2007)", "SE", "xchange:strengthening-families-10-14"),
        ("ABC-föräldragrupper (Småkommunprojektet)", "SE", "metodguiden:abc"),
        ("Komet (Stockholms stad, sedan 2003)", "SE", "metodguiden:komet-3-11"),
    ],
)
def test_city_names_resolve(crosswalk: Crosswalk, name: str, country: str | None, member: str) -> None:
    [result] = resolve([name], crosswalk=crosswalk, country=country)
    assert result.cluster == crosswalk.cluster_of(member).id, result


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Steg for Steg (Stig/Haugenstua skole, fra 1991-92)", "NO"),
        ("Tobaksfri Duo (Region Västerbotten/Folktandvården)", "SE"),
        ("SaLTo – Sammen lager vi et trygt Oslo (2006)", "NO"),
        ("Samverkansöverenskommelse polis–kommun", "SE"),
    ],
)
def test_local_methods_with_no_registry_entry_stay_unresolved(
    crosswalk: Crosswalk, name: str, country: str
) -> None:
    [result] = resolve([name], crosswalk=crosswalk, country=country)
    assert result.intervention_id is None, result
