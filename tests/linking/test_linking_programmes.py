"""Programmes and their variants: the two-level crosswalk, checked on the bundled catalogues."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import prevcat
from prevcat.linking import Crosswalk, evaluate, link, resolve
from prevcat.linking.evaluate import read_gold_levels
from prevcat.linking.markers import levels_of, markers_differ, strip_markers

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "src" / "prevcat" / "linking" / "data" / "gold_clusters.csv"


def _eval_links() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_links", ROOT / "benchmarks" / "eval_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_links"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return link(prevcat.load_library())


def test_every_entry_is_in_exactly_one_variant_and_one_programme(crosswalk: Crosswalk) -> None:
    ids = [item.id for item in crosswalk.library]
    in_programmes = [m for c in crosswalk.programmes for m in c.members]
    in_variants = [m for v in crosswalk.variants for m in v.members]
    assert sorted(in_programmes) == sorted(ids) == sorted(in_variants)
    for programme in crosswalk.programmes:
        assert sorted(m for v in programme.variants for m in v.members) == list(programme.members)
        for variant in programme.variants:
            sources = [m.split(":", 1)[0] for m in variant.members]
            assert len(sources) == len(set(sources)), variant  # one entry per registry per variant


def test_bundled_programmes_meet_the_targets_against_the_gold_with_variants(crosswalk: Crosswalk) -> None:
    result = evaluate(crosswalk, GOLD)
    assert result.precision >= 0.97 and result.f1 >= 0.95, str(result)
    assert result.variant is not None and result.variant.f1 >= 0.95, str(result.variant)


@pytest.mark.xfail(
    strict=True,
    reason="known: Vidensportalen's De Utrolige År Småbørn (toddlers) takes the basic parent "
    "variant's place (its name scores 85.2 against 'Incredible Years – Parent'), and Basic "
    "førskole is left as a variant of its own; Head Start REDI joins WWC's Head Start",
)
def test_bundled_variants_meet_the_precision_target(crosswalk: Crosswalk) -> None:
    result = evaluate(crosswalk, GOLD)
    assert result.variant is not None and result.variant.precision >= 0.97, str(result.variant)


def test_who_else_uses_triple_p_finds_every_level(crosswalk: Crosswalk) -> None:
    programme = crosswalk.programme_of("nji:triple-p-niveau-1-2")
    assert {"nji:triple-p-niveau-4-5", "blueprints:triple-p-system", "xchange:triple-p"} <= set(
        programme.members
    )
    assert crosswalk.variant_of("nji:triple-p-niveau-1-2").id != crosswalk.variant_of("xchange:triple-p").id
    explanation = crosswalk.explain("xchange:triple-p", "nji:triple-p-niveau-1-2")
    assert explanation.relation == "same programme, different variant: level 4 vs levels 1–2"
    assert "same programme, different variant: level 4 vs levels 1–2" in str(explanation)


def test_variants_of_one_registry_join_their_programme(crosswalk: Crosswalk) -> None:
    iy = crosswalk.programme_of("blueprints:incredible-years-parent")
    assert {"vidensportalen:de-utrolige-aar-basic", "vidensportalen:de-utrolige-aar-smaaboern"} <= set(
        iy.members
    )
    assert "xchange:incredible-years-teacher" not in iy.members  # a programme of its own
    assert "xchange:incredible-years-child" not in iy.members
    pmto = crosswalk.programme_of("blueprints:generationpmto")
    assert "ungsinn:pmto-foreldregruppe" in pmto.members
    assert "blueprints:parent-management-training" not in pmto.members  # Kazdin's PMT is not PMTO
    paths = crosswalk.programme_of("blueprints:paths")
    assert "nji:pad" in paths.members  # shared developers (Kusché, Greenberg), no shared word


def test_the_two_effekts_stay_two_programmes(crosswalk: Crosswalk) -> None:
    assert (
        crosswalk.programme_of("gruene-liste:32").id != crosswalk.programme_of("xchange:effekt-orebro-pas").id
    )


def test_old_cluster_api_is_the_programme(crosswalk: Crosswalk) -> None:
    assert crosswalk.cluster_of("nji:pas") == crosswalk.programme_of("nji:pas")
    assert crosswalk.cluster(crosswalk.variant_of("nji:pas").id) == crosswalk.variant_of("nji:pas")


def test_resolve_answers_the_programme_and_the_variant_the_name_says(crosswalk: Crosswalk) -> None:
    [level4, plain, bad] = resolve(
        ["Triple P nivå 4", "Triple P", "Triple P (niveau 1 en 2)"], crosswalk=crosswalk
    )
    programme = crosswalk.programme_of("xchange:triple-p").id
    assert level4.cluster == plain.cluster == bad.cluster == programme
    assert level4.variant == crosswalk.variant_of("xchange:triple-p").id
    assert plain.variant is None  # the name does not say which level
    assert bad.variant == crosswalk.variant_of("nji:triple-p-niveau-1-2").id


@pytest.mark.parametrize("names", ["resolve_names.csv", "resolve_names_heldout.csv"])
def test_free_text_names_from_new_places_resolve_to_their_programme(crosswalk: Crosswalk, names: str) -> None:
    right, total, wrong = _eval_links().resolve_accuracy(
        crosswalk, ROOT / "tests" / "data" / "linking" / names
    )
    assert right / total >= 0.95, wrong


@pytest.mark.parametrize("source", ["nji", "vidensportalen"])
def test_a_registry_never_seen_links_without_its_glossary_language(source: str) -> None:
    module = _eval_links()
    library = prevcat.load_library()
    result, _cw = module.leave_one_out(library, read_gold_levels(GOLD), source, keep_glossary=False)
    assert result.true_pairs > 20
    assert result.f1 >= 0.90 and result.precision >= 0.97, str(result)


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Triple P (niveau 1 en 2)", {1, 2}),
        ("TRIPLE P - Positive Parenting Program (Level 4)", {4}),
        ("Triple P – Positive Parenting Program (niveau 4 & 5)", {4, 5}),
        ("Triple P nivå 4", {4}),
        ("Triple P Stufen 1-3", {1, 2, 3}),
        ("Triple P System", set()),
        ("SFP 10-14", set()),
    ],
)
def test_levels_are_read_from_names(text: str, levels: set[int]) -> None:
    assert levels_of(text) == levels


def test_markers() -> None:
    assert (
        markers_differ("Triple P System", "Triple P niveau 4 en 5")
        == "levels differ (no level named / levels 4–5)"
    )
    assert markers_differ("Triple P nivå 4", "Triple P Level 4") is None
    assert strip_markers("Komet för föräldrar med barn 3–11 år") == "Komet för föräldrar med barn"


def test_a_programmes_evidence_is_listed_per_variant_never_blended(crosswalk: Crosswalk) -> None:
    programme = crosswalk.programme_of("nji:triple-p-niveau-1-2")
    by_variant = crosswalk.evidence(programme.id)
    assert [v for v, _ in by_variant] == list(programme.variants)
    ratings = {m: r for _v, entries in by_variant for m, r in entries}
    assert set(ratings) == set(programme.members)
    assert [r.label for r in ratings["nji:triple-p-niveau-1-2"]] == ["theoretisch goed onderbouwd"]
    assert ratings["xchange:triple-p"] == crosswalk.library.get("xchange:triple-p").ratings


def test_a_word_inside_another_is_no_brand(crosswalk: Crosswalk) -> None:
    # "Connect" ends no compound of "Reconnecting Youth": a compound's head must end the word
    assert crosswalk.programme_of("metodguiden:connect").id != (
        crosswalk.programme_of("crimesolutions:reconnecting-youth").id
    )


def test_a_bare_name_matching_two_programmes_that_must_stay_apart_links_to_neither() -> None:
    from prevcat.catalogue import Catalogue, Library, Provenance
    from prevcat.model import AgeRange, Intervention, Target

    def item(source: str, name: str, ages: tuple[int, int] | None) -> Intervention:
        target = Target(ages=AgeRange(*ages)) if ages else Target()
        return Intervention(source=source, id=f"{source}:effekt", name=name, target=target)

    library = Library.of(
        [
            Catalogue(Provenance("se", "se"), [item("se", "EFFEKT", (13, 16))]),
            Catalogue(Provenance("de", "de"), [item("de", "EFFEKT", (3, 10))]),
            Catalogue(Provenance("us", "us"), [item("us", "EFFEKT", None)]),
        ]
    )
    cw = link(library)
    assert len(cw.programme_of("us:effekt").members) == 1
    assert any("ambiguous" in why for _lk, why in cw.refused)


def _library_of(**sources: list[tuple[str, tuple[str, ...]]]) -> prevcat.Library:
    from prevcat.catalogue import Catalogue, Library, Provenance
    from prevcat.model import Alias, Intervention

    catalogues = []
    for source, rows in sources.items():
        items = [
            Intervention(
                source=source, id=f"{source}:{i}", name=name, aliases=tuple(Alias(a) for a in aliases)
            )
            for i, (name, aliases) in enumerate(rows)
        ]
        catalogues.append(Catalogue(Provenance(source, source), items))
    return Library.of(catalogues)


def test_an_acronym_standing_for_two_names_links_nothing() -> None:
    # names of the What Works Clearinghouse against Nordic registries
    cw = link(
        _library_of(
            no=[
                ("STAD", ("STockholm prevents Alcohol and Drug problems",)),
                ("VIP Snakk om det", ("VIP", "Veiledning og Informasjon om Psykisk helse hos ungdom")),
                ("Kjærlighet og Grenser", ("Iowa Strengthening Families Program", "Step-by-Step")),
                ("Cool Kids/Chilled - angstprogram for børn og unge", ("Chilled",)),
            ],
            us=[
                ("Student Teams Achievement Divisions (STAD)", ()),
                (
                    "Vocabulary Improvement Program for English Language Learners and Their Classmates (VIP)",
                    (),
                ),
                ("STEPS (Sequential Teaching of Explicit Phonics and Spelling)", ()),
                ("Project CHILD", ()),
            ],
        )
    )
    for i in range(4):
        assert len(cw.programme_of(f"no:{i}").members) == 1, cw.programme_of(f"no:{i}")
    assert any("stands for different names" in r for r in cw.explain("no:0", "us:0").reasons)


def test_one_registrys_entries_join_a_programme_only_on_names_alike_as_written() -> None:
    cw = link(
        _library_of(
            us=[
                ("Direct Instruction/DISTAR", ()),
                ("Direct Instruction/DISTAR and Success for All", ()),
                ("Success for All", ()),
            ],
            de=[("Klasse2000", ("Klasse 2000",)), ("KLASSE KLASSE", ())],
        )
    )
    assert crosswalk_members(cw, "us:0") == {"us:0"} and crosswalk_members(cw, "us:2") == {"us:2"}
    assert crosswalk_members(cw, "de:0") == {"de:0"}


def crosswalk_members(cw: Crosswalk, entry: str) -> set[str]:
    return set(cw.programme_of(entry).members)


def test_explain_gives_the_brand_evidence_that_joined_two_entries(crosswalk: Crosswalk) -> None:
    explanation = crosswalk.explain("blueprints:paths", "nji:pad")
    assert explanation.same_variant
    assert any(r.startswith("origin words in common: greenberg, kusche") for r in explanation.reasons)


def test_an_entry_naming_a_whole_family_does_not_merge_its_programmes(crosswalk: Crosswalk) -> None:
    # the What Works Clearinghouse rates "The Incredible Years" as a whole (bundled as wwc:766)
    family = crosswalk.programme_of("wwc:766")
    assert "blueprints:incredible-years-parent" in family.members
    for other in (
        "xchange:incredible-years-teacher",
        "xchange:incredible-years-child",
        "blueprints:incredible-years-child",
        "blueprints:incredible-years-teacher",
    ):
        assert other not in family.members
