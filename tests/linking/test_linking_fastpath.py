"""Resolving many names fast must not change a single answer: the fast paths, checked."""

from __future__ import annotations

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.linking import Crosswalk, Resolver, link
from prevcat.linking.resolve import same_answer_key, without_dates
from prevcat.model import AgeRange, Intervention, Target


def item(source: str, native: str, name: str, ages: tuple[int, int], **kw: object) -> Intervention:
    return Intervention(
        source=source,
        id=f"{source}:{native}",
        name=name,
        target=Target(ages=AgeRange(*ages)),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    se = Catalogue(
        Provenance(source="se", title="se", country="SE"),
        (
            item("se", "effekt", "EFFEKT", (13, 16), country="SE", languages=["sv"]),
            item("se", "komet", "Komet för föräldrar", (3, 11), country="SE", languages=["sv"]),
            item("se", "pax", "PAX i skolan", (6, 12), country="SE", languages=["sv"]),
        ),
    )
    de = Catalogue(
        Provenance(source="de", title="de", country="DE"),
        (item("de", "effekt", "EFFEKT", (3, 10), country="DE", languages=["de"]),),
    )
    return link(Library([se, de]))


def test_the_two_effekts_are_two_clusters(crosswalk: Crosswalk) -> None:
    assert crosswalk.cluster_of("se:effekt").id != crosswalk.cluster_of("de:effekt").id


def test_a_key_of_two_clusters_is_ambiguous_every_time_never_guessed(crosswalk: Crosswalk) -> None:
    names = ["EFFEKT", "Effekt", "effekt", "EFFEKT (2019)", "EFFEKT", "effekt"]
    results = Resolver(crosswalk).resolve(names)
    assert [r.query for r in results] == names
    for r in results:
        assert r.ambiguous, r
        assert "AMBIGUOUS" in r.reason
        assert {c.intervention_id for c in r.candidates} == {"se:effekt", "de:effekt"}


def test_a_name_normalising_to_a_catalogue_key_is_answered_and_says_so(crosswalk: Crosswalk) -> None:
    resolver = Resolver(crosswalk)
    name = "Komet för föräldrar"
    first, again, lower, dated = resolver.resolve([name, name, name.lower(), f"{name} (2015–2018)"])
    assert first.intervention_id == "se:komet" and not first.ambiguous
    assert "same normalised name" in first.reason
    assert again is first
    for other in (lower, dated):
        assert (other.intervention_id, other.score, other.reason, other.ambiguous) == (
            first.intervention_id,
            first.score,
            first.reason,
            first.ambiguous,
        )
    assert dated.query == "Komet för föräldrar (2015–2018)"


def test_answers_do_not_depend_on_what_was_resolved_before(crosswalk: Crosswalk) -> None:
    names = [
        "PAX i skolan",
        "pax i skolan",
        "PAX I SKOLAN",
        "Pax i skolan (2020)",
        "Komet for foraldrar",
        "KOMET",
        "komet-grupper",
        "EFFEKT-informatörer",
        "Effekt i skolan",
        "nothing like it",
    ]
    batch = Resolver(crosswalk).resolve(names)
    backwards = Resolver(crosswalk).resolve(list(reversed(names)))[::-1]
    one_by_one = [Resolver(crosswalk).resolve([n])[0] for n in names]
    assert batch == backwards == one_by_one


def test_a_capitalised_word_is_an_acronym_so_case_can_change_the_answer() -> None:
    assert same_answer_key("Pax i skolan") == same_answer_key("pax i skolan")
    assert same_answer_key("PAX i skolan") != same_answer_key("Pax i skolan")
    assert same_answer_key("KOMET") != same_answer_key("Komet")
    # "bis" and "till" make an age band only in lower case
    assert same_answer_key("SFP 10 Till 14") != same_answer_key("SFP 10 till 14")


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("PAX i skolan (2019)", "PAX i skolan"),
        ("Komet (2015–2018) i kommunen", "Komet i kommunen"),
        ("Komet (2015-18)", "Komet"),
        ("SFP 10-14 (Region Västerbotten)", "SFP 10-14 (Region Västerbotten)"),
        ("Triple P (niveau 1 en 2)", "Triple P (niveau 1 en 2)"),
        ("Communities That Care 2010", "Communities That Care 2010"),
        ("(2019)", "(2019)"),
    ],
)
def test_only_a_parenthesised_year_is_dropped(name: str, cleaned: str) -> None:
    assert without_dates(name) == cleaned


def test_names_after_the_last_chunk_that_stand_for_earlier_ones_are_answered(
    crosswalk: Crosswalk, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("prevcat.linking.resolve"), "CHUNK", 1)
    names = ["Komet för föräldrar", "PAX i skolan", "komet för föräldrar", "PAX i skolan (2021)"]
    seen: list[tuple[int, int]] = []
    results = Resolver(crosswalk).resolve(names, progress=lambda done, total: seen.append((done, total)))
    assert [r.query for r in results] == names
    assert [r.intervention_id for r in results] == ["se:komet", "se:pax", "se:komet", "se:pax"]
    assert seen[-1] == (4, 4)
