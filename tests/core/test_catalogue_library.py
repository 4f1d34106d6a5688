"""Catalogues and libraries: lookup, filters, unique ids."""

from __future__ import annotations

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DuplicateIdError, NotFoundError
from prevcat.evidence import COMMON_SCALE, EvidenceLevel
from prevcat.model import AgeRange, Domain, Intervention, PreventionLevel, Setting, Substance, Target


def _item(source: str, native: str, **kwargs: object) -> Intervention:
    return Intervention(id=f"{source}:{native}", name=native.title(), source=source, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue(
        Provenance("demo", "Demo registry", country="SE", snapshot="2026-11"),
        (
            _item(
                "demo",
                "school-alcohol",
                target=Target(
                    levels=("universal",),
                    ages=AgeRange(12, 15),
                    settings=("school",),
                    substances=("alcohol",),
                ),
                ratings=(COMMON_SCALE.rate("effective"),),
            ),
            _item(
                "demo",
                "family",
                target=Target(levels=("selective",), ages=AgeRange(3, 10), settings=("family",)),
                ratings=(COMMON_SCALE.rate("promising"),),
            ),
            _item("demo", "naloxone", domains=("harm_reduction",), target=Target(substances=("opioids",))),
        ),
    )


def test_iterate_len_lookup(catalogue: Catalogue) -> None:
    assert len(catalogue) == 3
    assert next(iter(catalogue)).id == "demo:school-alcohol"
    assert catalogue.get("demo:family").name == "Family"
    assert "demo:family" in catalogue and "demo:nope" not in catalogue
    with pytest.raises(NotFoundError, match="did you mean demo:family"):
        catalogue.get("demo:famly")


def test_filters_combine(catalogue: Catalogue) -> None:
    ids = lambda items: [i.native_id for i in items]  # noqa: E731
    assert ids(catalogue.filter(level=PreventionLevel.UNIVERSAL)) == ["school-alcohol"]
    assert ids(catalogue.filter(setting=Setting.FAMILY)) == ["family"]
    assert ids(catalogue.filter(substance=Substance.OPIOIDS)) == ["naloxone"]
    assert ids(catalogue.filter(domain=Domain.HARM_REDUCTION)) == ["naloxone"]
    assert ids(catalogue.filter(ages=AgeRange(14, 18))) == ["school-alcohol"]
    assert ids(catalogue.filter(min_evidence=EvidenceLevel.PROMISING)) == ["school-alcohol", "family"]
    assert ids(catalogue.filter(min_evidence=EvidenceLevel.EFFECTIVE, setting=Setting.FAMILY)) == []


def test_catalogue_rejects_duplicate_ids_and_foreign_sources() -> None:
    prov = Provenance("demo", "Demo")
    with pytest.raises(DuplicateIdError, match="demo:a"):
        Catalogue(prov, (_item("demo", "a"), _item("demo", "a")))
    with pytest.raises(ValueError, match="differs from the catalogue's source"):
        Catalogue(prov, (_item("other", "a"),))


def test_library_holds_many_catalogues_with_unique_sources(catalogue: Catalogue) -> None:
    other = Catalogue(Provenance("other", "Other"), (_item("other", "a"),))
    library = Library.of([catalogue, other])
    assert len(library) == 4 and library.sources == ("demo", "other")
    assert library.get("other:a").source == "other"
    assert library.catalogue("other") is other
    assert len(library.filter(min_evidence=EvidenceLevel.EFFECTIVE)) == 1
    with pytest.raises(DuplicateIdError, match="demo"):
        Library.of([catalogue, catalogue])


def test_provenance_country_is_an_iso_code_or_eu() -> None:
    assert Provenance("xchange", "Xchange", country="eu").country == "EU"
    assert Provenance("ungsinn", "Ungsinn", country=" no ").country == "NO"
    with pytest.raises(ValueError, match="not an ISO 3166-1 alpha-2 code or EU"):
        Provenance("x", "X", country="Europe")
