"""Normalisation, glossary and name scoring: what a name becomes before it is compared."""

from __future__ import annotations

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.linking import link
from prevcat.linking.glossary import Glossary, load_shipped_glossary, shipped_terms
from prevcat.linking.glossary_plugin import prevcat_register_glossary
from prevcat.linking.match import Scorer
from prevcat.linking.normalize import fold, name_variants, normalize
from prevcat.linking.profile import bands_agree, profiles_of
from prevcat.model import Intervention


def test_fold_handles_case_diacritics_and_dashes() -> None:
    assert fold("Föräldrar i FOKUS – Ørebro") == "foraldrar i fokus - orebro"
    assert fold("Straße") == "strasse"
    assert fold("Kjærlighet") == "kjaerlighet"


def test_generic_words_are_dropped_for_scoring_but_kept_for_display() -> None:
    form = normalize("Örebro Prevention Programme")
    assert form.key == "orebro prevention"
    assert form.text == "Örebro Prevention Programme"
    for word in ("programmet", "Programm", "programma", "ohjelma", "tiltaket", "metoden"):
        assert word.casefold() not in normalize(f"Alfa {word}").key.split()


def test_diacritics_stay_distinct_in_the_exact_form() -> None:
    swedish, norwegian = normalize("Steg för steg"), normalize("Steg for steg")
    assert swedish.key == norwegian.key  # the same words once folded...
    assert swedish.exact != norwegian.exact  # ...but never the same name as written
    assert "sv" in swedish.langs and "sv" not in norwegian.langs


def test_age_bands_are_kept_as_discriminating_numbers() -> None:
    assert normalize("SFP 10-14").bands == ((10, 14),)
    assert normalize("Komet för föräldrar med barn 3–11 år").bands == ((3, 11),)
    assert normalize("Steg for Steg (fra 1991-92)").bands == ()  # a year span is no age band
    assert bands_agree([(10, 14)], [(6, 11)]) == "differ"
    assert bands_agree([(3, 6)], [(6, 12)]) == "differ"
    assert bands_agree([(3, 8)], [(3, 6)]) == "nested"
    assert bands_agree([(10, 14)], []) == ""


def test_acronyms_written_and_as_initials() -> None:
    assert "tsi" in normalize("Tidiga Samordnade Insatser (TSI)").written
    assert "gbg" in normalize("Good Behavior Game").acronyms
    assert "opp" in normalize("Örebro Prevention Programme").acronyms
    assert "sfp" in normalize("Iowa Strengthening Families Program").acronyms  # known expansion
    assert "ctc" in normalize("Communities That Care").acronyms


def test_glossary_maps_translations_and_compounds_onto_concepts() -> None:
    for text in ("föräldrar", "foreldre", "forældre", "Eltern", "ouders", "vanhemmat", "parents"):
        assert normalize(text).key == "parent", text
    assert normalize("ABC-föräldragrupper").key == "abc parent group"
    assert normalize("Haschavvänjningsprogrammet").key == "haschavvanjningsprogrammet"
    assert normalize("preventionsprogrammet").key == "prevention"


def test_name_variants_cut_subtitles_parentheses_and_slashes() -> None:
    variants = dict(
        (text, kind) for kind, text in name_variants("EFFEKT/Örebro/PAS - To increase parents' norms")
    )
    assert variants["EFFEKT"] == "part" and variants["PAS"] == "part"
    kinds = dict((text, kind) for kind, text in name_variants("Incredible Years – Teacher"))
    assert kinds["Incredible Years"] == "short"  # a short subtitle may name a version


def _scorer(*names: str) -> Scorer:
    items = [Intervention(source="x", id=f"x:{i}", name=n) for i, n in enumerate(names)]
    glossary = load_shipped_glossary()
    return Scorer(profiles_of(Library.of([Catalogue(Provenance("x", "x"), items)]), glossary), glossary)


def test_token_set_ratio_never_decides_alone() -> None:
    scorer = _scorer("Family Programme", "Family Alcohol Prevention Programme", "Alcohol Prevention", "Other")
    score = scorer.names(normalize("Family Programme"), normalize("Family Alcohol Prevention Programme"))
    assert score.token_set == 100  # the scorer that would have merged them
    assert score.score < 70


def test_a_subset_name_is_not_linked() -> None:
    library = Library.of(
        [
            Catalogue(Provenance("a", "a"), [Intervention(source="a", id="a:1", name="Family Programme")]),
            Catalogue(
                Provenance("b", "b"),
                [Intervention(source="b", id="b:1", name="Family Alcohol Prevention Programme")],
            ),
        ]
    )
    crosswalk = link(library)
    assert crosswalk.cluster_of("a:1").id != crosswalk.cluster_of("b:1").id


def test_typos_and_word_order_still_match() -> None:
    scorer = _scorer("Multisystemic Therapy", "Functional Family Therapy", "LifeSkills Training")
    assert scorer.names(normalize("Multisystemc Terapy"), normalize("Multisystemic Therapy")).score >= 85
    assert scorer.names(normalize("Therapy Multisystemic"), normalize("Multisystemic Therapy")).score == 100
    assert scorer.names(normalize("Life Skills Training"), normalize("LifeSkills Training")).score >= 90


def test_shipped_glossary_covers_the_languages_and_the_plugin_registers_it() -> None:
    tables = shipped_terms()
    for lang in ("sv", "nb", "da", "fi", "de", "nl", "en"):
        assert tables[lang], lang
    registered: dict[str, dict[str, str]] = {}
    prevcat_register_glossary(lambda lang, table: registered.setdefault(lang, dict(table)))
    assert registered["sv"]["föräldrar"] == "parent"
    assert registered["de"]["eltern"] == "parent"


def test_a_plugin_glossary_extends_matching() -> None:
    extra = load_shipped_glossary().merged({"fi": {"vahvat": "strong"}, "sv": {"starka": "strong"}})
    assert isinstance(extra, Glossary)
    assert normalize("Vahvat perheet", extra).key == normalize("Starka familjer", extra).key


def test_a_possessive_is_one_word() -> None:
    from prevcat.linking.normalize import normalize

    assert normalize("Zippy's Friends").tokens == normalize("Zippys Friends").tokens == ("zippys", "friends")
    assert normalize("Zippy’s Vrienden").text == "Zippy’s Vrienden"  # shown as written
