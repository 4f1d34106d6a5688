"""False links the grown catalogues (full snapshots, research rows, the What Works
Clearinghouse) exposed, each kept apart by a general rule, and the synthetic cases of those
rules (so that they hold for registries prevcat has never seen)."""

from __future__ import annotations

import pytest

import prevcat
from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.linking import Crosswalk, link
from prevcat.linking.glossary import default_glossary
from prevcat.linking.match import Scorer
from prevcat.linking.normalize import name_variants, normalize
from prevcat.model import Alias, Intervention


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return link(prevcat.load_library())


def together(cw: Crosswalk, a: str, b: str) -> bool:
    return cw.programme_of(a).id == cw.programme_of(b).id


def entry(source: str, native: str, name: str, *aliases: str, **kw: object) -> Intervention:
    return Intervention(
        source=source,
        id=f"{source}:{native}",
        name=name,
        aliases=tuple(Alias(a) for a in aliases),
        **kw,  # type: ignore[arg-type]
    )


def library(*items: Intervention) -> Library:
    by: dict[str, list[Intervention]] = {}
    for it in items:
        by.setdefault(it.source, []).append(it)
    return Library.of([Catalogue(Provenance(s, s), v) for s, v in by.items()])


# -- acronyms that differ by a letter ------------------------------------------------------------


def test_acronyms_one_letter_apart_are_different_names() -> None:
    scorer = Scorer([], default_glossary())
    g = default_glossary()
    for x, y in (("WSART", "SMART"), ("STEEP", "STEP"), ("PMTO", "PMT")):
        assert scorer.names(normalize(x, g), normalize(y, g)).score <= 20, (x, y)
    # a word in lower case may still carry a typo
    assert scorer.names(normalize("Steep Hill", g), normalize("Steeep Hill", g)).score >= 85


def test_art_does_not_pull_in_smart(crosswalk: Crosswalk) -> None:
    art = crosswalk.programme_of("crimesolutions:aggression-replacement-training")
    assert "wwc:374" not in art.members  # WSART (Washington State ART) is not SMART
    assert {"metodguiden:art", "ungsinn:art", "vidensportalen:art"} <= set(art.members)
    assert crosswalk.explain("crimesolutions:aggression-replacement-training", "wwc:374").score < 85


def test_steep_is_not_step(crosswalk: Crosswalk) -> None:
    assert not together(crosswalk, "gruene-liste:19", "wwc:434")


# -- a shared acronym must stand for one name ----------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("metodguiden:esl", "wwc:452"),  # Ett självständigt liv / ESL in the Content Areas
        ("blueprints:power-through-choices", "wwc:194"),  # PTC: initials of both
        ("blueprints:positive-prevention-plus", "wwc:520"),  # PLUS
        ("vidensportalen:act", "wwc:99"),  # Assertive Community Treatment / ACT/SAT tests
    ],
)
def test_an_acronym_standing_for_two_names_links_nothing(crosswalk: Crosswalk, a: str, b: str) -> None:
    assert not together(crosswalk, a, b)
    assert "stands for different names" in str(crosswalk.explain(a, b)) or crosswalk.explain(a, b).score < 60


def test_an_acronym_with_a_two_word_name_beside_it_is_checked() -> None:
    lib = library(
        entry("se", "esl", "Ett självständigt liv, ESL", languages=("sv",)),
        entry("us", "esl", "ESL in the Content Areas", country="US"),
        entry("us", "other", "Something Else Entirely", country="US"),
    )
    cw = link(lib)
    assert cw.programme_of("se:esl").id != cw.programme_of("us:esl").id


def test_one_registry_writing_an_acronym_on_several_entries_keeps_its_brand(crosswalk: Crosswalk) -> None:
    # TIBIR: the registry's own parts of one brand, whatever words follow the acronym
    assert together(crosswalk, "ungsinn:tibir-radgiver", "ungsinn:tibir-foreldregruppe")


def test_a_generic_method_acronym_is_no_brand(crosswalk: Crosswalk) -> None:
    # CBT: cognitive behaviour therapy; TF-CBT, CPC-CBT (KIBB) and CBT are three methods
    assert together(crosswalk, "metodguiden:tf-kbt", "ungsinn:tf-cbt")
    assert not together(crosswalk, "metodguiden:kibb", "ungsinn:tf-cbt")
    assert not together(crosswalk, "vidensportalen:kognitiv-adfaerdsterapi-cbt", "ungsinn:tf-cbt")


# -- notes on names, short acronyms, families ----------------------------------------------------


def test_a_note_in_parentheses_is_no_name_form() -> None:
    assert name_variants("MST-CM (tidligere navn)") == [("full", "MST-CM")]
    assert ("paren", "TSI") in name_variants("Tidiga Samordnade Insatser (TSI)")


def test_former_name_notes_do_not_join_programmes(crosswalk: Crosswalk) -> None:
    # MOVE and MST-SA both had an alias "... (tidligere navn)"
    assert not together(crosswalk, "vidensportalen:move", "vidensportalen:mst-sa")
    assert not together(crosswalk, "metodguiden:mi", "blueprints:multisystemic-therapy")
    assert together(crosswalk, "vidensportalen:mst-sa", "blueprints:multisystemic-therapy")
    # MET adapts MI (Metodguiden's own `original`); MOVE's former name MI/KAT-GO is not MI
    assert together(crosswalk, "metodguiden:met", "metodguiden:mi")
    assert not together(crosswalk, "vidensportalen:move", "metodguiden:mi")


def test_a_family_name_inside_several_entries_names_none_of_them(crosswalk: Crosswalk) -> None:
    quest = crosswalk.programme_of("gruene-liste:lions-quest-erwachsen-werden")
    assert "wwc:261" in quest.members  # Erwachsen werden adapts Skills for Adolescence
    assert "wwc:192" not in quest.members and "wwc:269" not in quest.members
    assert not together(crosswalk, "crimesolutions:fast-track", "wwc:410")
    # a registry listing the name itself: the longer names are its variants
    assert together(crosswalk, "blueprints:familias-unidas", "crimesolutions:ehealth-familias-unidas")


def test_a_brand_is_contained_in_its_written_order(crosswalk: Crosswalk) -> None:
    # Xchange's parent entry lists "Small Group Dinosaur"; Blueprints' child treatment
    # "Dina Dinosaur Child program (Small Group Treatment version)"
    assert "blueprints:incredible-years-child" not in crosswalk.programme_of("wwc:766").members
    why = str(crosswalk.explain("blueprints:incredible-years-child", "xchange:incredible-years-parenting"))
    assert "brand: every word" not in why
    # in order, a brand inside a longer name still counts (Lions Quest, KiVa)
    assert together(crosswalk, "ungsinn:mitt-valg", "gruene-liste:lions-quest-erwachsen-werden")
