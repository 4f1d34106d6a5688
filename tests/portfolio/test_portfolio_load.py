"""Reading portfolio files: what a valid file gives, and one located message per problem in a bad one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from prevcat.errors import DataErrors
from prevcat.evidence import Confidence
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance
from prevcat.portfolio import load_portfolio, parse_portfolio

DATA = Path(__file__).resolve().parents[1] / "data" / "portfolios"


def _messages(path: Path) -> list[str]:
    with pytest.raises(DataErrors) as info:
        load_portfolio(path)
    return [e.format() for e in info.value.errors]


def test_valid_file_gives_header_and_entries_in_order() -> None:
    portfolio = load_portfolio(DATA / "good.toml")
    header = (portfolio.city, portfolio.country, portfolio.language, portfolio.year)
    assert header == ("Malå", "SE", "sv", 2014)
    assert portfolio.sources == ("Småkommunprojektet BD & AC-län 2012-2014, konferenspresentation (Norsjö)",)
    assert portfolio.file == str(DATA / "good.toml")
    assert [e.name for e in portfolio.entries] == [
        "EFFEKT-informatörer (Småkommunprojektet)",
        "ANDT-kartläggning",
        "Föräldraskapsstöd",
        "MiniMili",
        "Steg-för-Steg",
    ]


def test_pinned_entry_keeps_its_id_note_and_low_confidence() -> None:
    pinned = load_portfolio(DATA / "good.toml").entries[0]
    assert pinned.intervention == "xchange:effekt-orebro-pas"
    assert pinned.classification is None
    assert pinned.confidence is Confidence.LOW
    assert pinned.note == "Pinned: the Swedish EFFEKT, not the German one."


def test_local_classification_is_read_into_the_model() -> None:
    survey = load_portfolio(DATA / "good.toml").entries[1]
    assert survey.classification is not None
    assert survey.classification.domains == (Domain.MONITORING,)
    assert survey.classification.target.ages == AgeRange(13, 17)
    assert Substance.DOPING in survey.classification.target.substances
    assert (survey.since, survey.reach) == ("2012", "120")
    assert survey.sources == ("https://example.org/a", "https://example.org/b")  # merged, no repeats
    assert survey.confidence is Confidence.MEDIUM


def test_single_strings_spaces_and_open_ages_are_accepted() -> None:
    support = load_portfolio(DATA / "good.toml").entries[2]
    assert support.classification is not None
    assert support.classification.domains == (Domain.PREVENTION,)
    target = support.classification.target
    assert target.levels == (PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE)
    assert target.settings == (Setting.FAMILY, Setting.SOCIAL_SERVICES)
    assert target.ages == AgeRange(3, None)


def test_local_true_declares_local_without_classifying() -> None:
    entries = load_portfolio(DATA / "good.toml").entries
    assert entries[3].classification is not None and entries[3].classification.is_empty
    assert entries[4].classification is None  # left to the resolver


@pytest.mark.parametrize(
    ("ages", "expected"),
    [
        ("13-17", AgeRange(13, 17)),
        ("18+", AgeRange(18, None)),
        ("16", AgeRange(16, 16)),
        ("0 – 5", AgeRange(0, 5)),
    ],
)
def test_age_bands(ages: str, expected: AgeRange) -> None:
    data = {"city": "Ale", "country": "SE", "methods": [{"name": "X", "ages": ages}]}
    entry = parse_portfolio(data).entries[0]
    assert entry.classification is not None
    assert entry.classification.target.ages == expected


def test_bad_file_reports_every_problem_with_line_entry_and_field() -> None:
    file = str(DATA / "bad.toml")
    messages = _messages(DATA / "bad.toml")
    expected = [
        f"{file}, line 2: country: 'Sverige' is not an ISO 3166-1 alpha-2 code",
        f"{file}, line 3: languag: unknown key 'languag'; did you mean 'language'?",
        f"{file}, line 4: year: expected a year such as 2024, got '2014'",
        f"{file}, line 8: methods[0].settings: 'skola' is not a setting; expected one of family, school,",
        f"{file}, line 9: methods[0].confidenc: unknown key 'confidenc'; did you mean 'confidence'?",
        f"{file}, line 11: methods[1]: missing required key 'name'",
        f"{file}, line 16: methods[2].intervention: 'effekt' is not an intervention id",
        f"{file}, line 17: methods[2].ages: '17-13' is not an age band",
        f"{file}, line 21: methods[3].min_age: expected a whole number of years, got a string",
        f"{file}, line 22: methods[3].domains: 'surveys' is not a domain; expected one of prevention,",
        f"{file}, line 23: methods[3].confidence: 'very high' is not a confidence; expected one of high,",
        f"{file}, line 26: methods[4].name: 'ABC-föräldragrupper' is listed twice (also methods[0])",
        f"{file}, line 30: methods[5].intervention: an entry pinned to a registry intervention cannot "
        "also be declared local",
    ]
    assert len(messages) == len(expected)
    for message, start in zip(messages, expected, strict=True):
        assert message.startswith(start), message


def test_invalid_toml_names_the_line() -> None:
    [message] = _messages(DATA / "syntax.toml")
    assert message.startswith(f"{DATA / 'syntax.toml'}, line 5: not valid TOML")


def test_missing_file_and_missing_header_keys() -> None:
    [message] = _messages(DATA / "no-such-file.toml")
    assert "cannot read the file" in message
    with pytest.raises(DataErrors) as info:
        parse_portfolio({"methods": [{"name": 3}, "EFFEKT"]}, file="x.toml")
    assert [e.format() for e in info.value.errors] == [
        "x.toml: city: missing required key 'city'",
        "x.toml: country: missing required key 'country' (ISO 3166-1 alpha-2, e.g. 'SE', 'NO')",
        "x.toml: methods[0].name: expected a non-empty string, got 3",
        "x.toml: methods[1]: expected a table, got a string",
    ]


def test_a_portfolio_without_methods_is_an_error() -> None:
    with pytest.raises(DataErrors, match=r"methods: no methods"):
        parse_portfolio({"city": "Ale", "country": "SE"})


def test_min_age_above_max_age_and_both_age_forms() -> None:
    data = {
        "city": "Ale",
        "country": "SE",
        "methods": [{"name": "A", "min_age": 18, "max_age": 12}, {"name": "B", "ages": "1-2", "max_age": 3}],
    }
    with pytest.raises(DataErrors) as info:
        parse_portfolio(data)
    assert [e.format() for e in info.value.errors] == [
        "methods[0].min_age: min_age 18 is greater than max_age 12",
        "methods[1].ages: give either ages or min_age/max_age, not both",
    ]


def _doc_blocks() -> list[tuple[str, str]]:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "portfolios.md").read_text(encoding="utf-8")
    return re.findall(r"```(\w*)\n(.*?)```", doc, flags=re.S)


def test_the_documented_example_file_is_valid() -> None:
    example = next(body for lang, body in _doc_blocks() if lang == "toml")
    portfolio = parse_portfolio(tomllib.loads(example))
    assert portfolio.city == "Exempelkommun" and len(portfolio.entries) == 4


def test_the_documented_error_messages_are_what_the_loader_says(tmp_path: Path) -> None:
    blocks = _doc_blocks()
    index = next(i for i, (lang, body) in enumerate(blocks) if lang == "toml" and 'languag = "sv"' in body)
    (tmp_path / "malå.toml").write_text(blocks[index][1], encoding="utf-8")
    lines = [line.strip() for line in blocks[index + 1][1].splitlines()]
    documented = [line[2:] for line in lines if line.startswith("- ")]
    with pytest.raises(DataErrors) as info:
        load_portfolio(tmp_path / "malå.toml")
    actual = [e.format().replace(str(tmp_path / "malå.toml"), "malå.toml") for e in info.value.errors]
    assert len(actual) == len(documented)
    for got, shown in zip(actual, documented, strict=True):
        assert got.startswith(shown.split("...")[0]), (got, shown)  # "..." elides the rest


def test_same_as_names_a_local_method_shared_across_portfolios() -> None:
    portfolio = parse_portfolio(
        {
            "city": "Örebro",
            "country": "SE",
            "methods": [
                {"name": "SMADIT-Ö – samtalskontakt vid gripandet", "same_as": "SMADIT", "local": True}
            ],
        }
    )
    assert portfolio.entries[0].same_as == "SMADIT"
    with pytest.raises(DataErrors) as info:
        parse_portfolio(
            {
                "city": "Örebro",
                "country": "SE",
                "methods": [{"name": "EFFEKT", "intervention": "xchange:effekt-orebro-pas", "same_as": "E"}],
            },
            file="orebro.toml",
        )
    [error] = info.value.errors
    assert error.path == "methods[0].same_as" and "local methods" in error.message
