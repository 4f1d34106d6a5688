"""Property tests: any valid catalogue survives JSON and SQLite round trips unchanged;
invalid values are rejected with the right field path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.countries import ISO_3166_ALPHA2
from prevcat.errors import DataErrors
from prevcat.evidence import Confidence, Direction, EvidenceLevel, Rating, ScaleRef
from prevcat.io import (
    dumps_catalogue,
    dumps_library,
    loads_catalogue,
    loads_library,
    read_sqlite,
    write_sqlite,
)
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s.strip()
)
optional_text = st.none() | text
langs = st.sampled_from(["sv", "nb", "nn", "da", "de", "nl", "en", "fi"])
keys = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)


@st.composite
def age_ranges(draw: st.DrawFn) -> AgeRange:
    low = draw(st.none() | st.integers(0, 120))
    high = draw(st.none() | st.integers(low if low is not None else 0, 120))
    return AgeRange(low, high)


def enum_tuples(enum_cls: type) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(st.sampled_from(list(enum_cls)), unique=True, max_size=4).map(tuple)


ratings = st.builds(
    Rating,
    scale=st.builds(ScaleRef, id=keys, version=st.from_regex(r"[0-9a-z.]{1,6}", fullmatch=True)),
    label=text,
    level=st.none() | st.sampled_from(list(EvidenceLevel)),
    direction=st.sampled_from(list(Direction)),
    outcome=optional_text,
    reviewed=st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    database=optional_text,
    reported_by=optional_text,
    url=optional_text,
    note=optional_text,
    confidence=st.none() | st.sampled_from(list(Confidence)),
)


@st.composite
def interventions(draw: st.DrawFn, source: str, native: str) -> Intervention:
    return Intervention(
        id=f"{source}:{native}",
        name=draw(text),
        source=source,
        aliases=tuple(draw(st.lists(st.builds(Alias, name=text, lang=st.none() | langs), max_size=3))),
        country=draw(st.none() | st.sampled_from(sorted(ISO_3166_ALPHA2))),
        languages=tuple(draw(st.lists(langs, max_size=2))),
        ratings=tuple(draw(st.lists(ratings, max_size=3))),
        target=Target(
            levels=draw(enum_tuples(PreventionLevel)),
            ages=draw(age_ranges()),
            settings=draw(enum_tuples(Setting)),
            substances=draw(enum_tuples(Substance)),
        ),
        domains=draw(enum_tuples(Domain)),
        original=draw(optional_text),
        url=draw(optional_text),
        description=draw(optional_text),
        confidence=draw(st.none() | st.sampled_from(list(Confidence))),
        extra=tuple(draw(st.lists(st.tuples(text, st.text(max_size=20)), max_size=3))),
    )


@st.composite
def catalogues(draw: st.DrawFn, source: str | None = None) -> Catalogue:
    key = source or draw(keys)
    natives = draw(st.lists(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True), unique=True, max_size=5))
    provenance = Provenance(
        source=key,
        title=draw(text),
        publisher=draw(optional_text),
        country=draw(st.none() | st.just("SE")),
        url=draw(optional_text),
        snapshot=draw(optional_text),
        licence=draw(optional_text),
        note=draw(optional_text),
    )
    return Catalogue(provenance, tuple(draw(interventions(key, n)) for n in natives))


@settings(max_examples=60, deadline=None)
@given(catalogues())
def test_json_round_trip_is_lossless(catalogue: Catalogue) -> None:
    assert loads_catalogue(dumps_catalogue(catalogue)) == catalogue


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(catalogues(source="alpha"), catalogues(source="beta"))
def test_sqlite_round_trip_is_lossless(tmp_path: Path, first: Catalogue, second: Catalogue) -> None:
    path = tmp_path / "library.db"
    write_sqlite(Library((first, second)), path)
    assert read_sqlite(path) == Library((first, second))


@settings(max_examples=30, deadline=None)
@given(catalogues(source="alpha"), catalogues(source="beta"))
def test_library_json_round_trip_is_lossless(first: Catalogue, second: Catalogue) -> None:
    library = Library((first, second))
    assert loads_library(dumps_library(library)) == library


def _document(record: dict[str, object]) -> str:
    return json.dumps(
        {
            "format_version": 1,
            "kind": "prevcat.catalogue",
            "provenance": {"source": "x", "title": "X"},
            "interventions": [
                {"id": "x:fine", "name": "Fine", "source": "x"},
                {"id": "x:broken", "name": "Broken", "source": "x", **record},
            ],
        },
        indent=2,
    )


INVALID = [
    ({"country": "QQ"}, "interventions[1].country", "ISO 3166-1"),
    ({"target": {"ages": {"min": 130}}}, "interventions[1].target.ages.min", "0..120"),
    ({"target": {"ages": {"min": 15, "max": 12}}}, "interventions[1].target.ages", "greater than"),
    ({"target": {"settings": ["skola"]}}, "interventions[1].target.settings", "skola"),
    ({"aliases": [{"name": "A", "lang": "Swedish"}]}, "interventions[1].aliases[0].lang", "language tag"),
    (
        {"ratings": [{"scale": {"id": "s"}, "label": "L", "level": "great"}]},
        "interventions[1].ratings[0].level",
        "",
    ),
    ({"domains": ["prevention", 7]}, "interventions[1].domains", ""),
    ({"nmae": "typo"}, "interventions[1]", "nmae"),
]


@pytest.mark.parametrize(("record", "path", "fragment"), INVALID)
def test_invalid_values_are_rejected_with_their_path(
    record: dict[str, object], path: str, fragment: str
) -> None:
    with pytest.raises(DataErrors) as info:
        loads_catalogue(_document(record), file="cat.json")
    errors = info.value.errors
    assert len(errors) == 1, str(info.value)
    error = errors[0]
    assert error.path is not None and error.path.startswith(path), error.format()
    assert fragment in error.message
    assert error.file == "cat.json"
    assert error.line is not None and error.line > 1


@settings(max_examples=40, deadline=None)
@given(st.integers(121, 10_000) | st.integers(-10_000, -1))
def test_any_out_of_range_age_is_rejected_at_its_path(age: int) -> None:
    with pytest.raises(DataErrors) as info:
        loads_catalogue(_document({"target": {"ages": {"max": age}}}))
    assert [e.path for e in info.value.errors] == ["interventions[1].target.ages.max"]
