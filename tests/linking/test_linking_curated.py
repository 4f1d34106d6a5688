"""Curated aliases: names no registry lists (Steg-för-Steg, PAX i skolan...) resolve, with their source."""

from __future__ import annotations

from pathlib import Path

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DataError
from prevcat.linking import Crosswalk, link, resolve
from prevcat.linking.aliases import load_aliases, shipped_aliases
from prevcat.model import AgeRange, Intervention, Target

NEEDED = {"blueprints", "metodguiden", "ungsinn", "nji"}
SFP = "blueprints:strengthening-families-10-14"


@pytest.fixture(scope="module")
def bundled(bundled_library: Library) -> Library:
    missing = NEEDED - set(bundled_library.sources)
    if missing:
        pytest.skip(f"registry plugins not installed: {', '.join(sorted(missing))}")
    return bundled_library


@pytest.fixture(scope="module")
def crosswalk(bundled: Library, bundled_crosswalk: Crosswalk) -> Crosswalk:
    return bundled_crosswalk


@pytest.mark.parametrize(
    ("name", "country", "member"),
    [
        ("Steg-för-Steg", "SE", "ungsinn:kjaerlighet-og-grenser"),
        ("Steg-för-Steg", None, "ungsinn:kjaerlighet-og-grenser"),
        ("Familien Stärken", None, "ungsinn:kjaerlighet-og-grenser"),
        ("Familien Stärken", "DE", "ungsinn:kjaerlighet-og-grenser"),
        ("PAX i skolan", "SE", "nji:taakspel"),
        ("PAX i skolan", None, "nji:taakspel"),
        ("Föräldrar i fokus", "SE", "metodguiden:triple-p"),
        ("Föräldrar i fokus", None, "metodguiden:triple-p"),
    ],
)
def test_curated_names_resolve_to_their_method(
    crosswalk: Crosswalk, name: str, country: str | None, member: str
) -> None:
    [result] = resolve([name], crosswalk=crosswalk, country=country)
    assert result.cluster == crosswalk.cluster_of(member).id, result
    assert not result.ambiguous, result
    assert result.reason.startswith(f"curated alias {name!r} ("), result.reason
    assert "source: " in result.reason


def test_foraldrar_i_fokus_is_triple_p_not_sfp(crosswalk: Crosswalk) -> None:
    [result] = resolve(["Föräldrar i fokus"], crosswalk=crosswalk, country="SE")
    assert result.cluster != crosswalk.cluster_of(SFP).id
    assert "curation" in result.reason and result.cluster == crosswalk.cluster_of("metodguiden:triple-p").id


@pytest.mark.parametrize(
    "name", ["Steg for steg", "Steg for Steg", "Steg for Steg (Stig/Haugenstua skole, fra 1991-92)"]
)
@pytest.mark.parametrize("country", [None, "NO"])
def test_norwegian_steg_for_steg_is_not_sfp(crosswalk: Crosswalk, name: str, country: str | None) -> None:
    [result] = resolve([name], crosswalk=crosswalk, country=country)
    assert result.cluster != crosswalk.cluster_of(SFP).id, result
    assert result.intervention_id is None, result  # Second Step is in no bundled registry


def test_registry_records_keep_their_own_aliases(crosswalk: Crosswalk) -> None:
    sfp = crosswalk.library.get(SFP)
    assert all("Steg" not in a.name for a in sfp.aliases)


def test_every_shipped_alias_names_a_bundled_entry_and_a_source(bundled: Library) -> None:
    ids = {item.id for catalogue in bundled.catalogues for item in catalogue}
    rows = shipped_aliases()
    assert {a.name for a in rows} == {
        "Steg-för-Steg",
        "Familien Stärken",
        "PAX i skolan",
        "Föräldrar i fokus",
    }
    for a in rows:
        assert a.intervention_id in ids, a
        assert a.source and a.note, a


# -- linking, on a small library (no plugins needed) ------------------------------------------
def _item(source: str, native: str, name: str, lang: str, ages: tuple[int, int]) -> Intervention:
    return Intervention(
        source=source,
        id=f"{source}:{native}",
        name=name,
        languages=[lang],
        target=Target(ages=AgeRange(*ages)),
    )


def _library(*items: Intervention) -> Library:
    by_source: dict[str, list[Intervention]] = {}
    for it in items:
        by_source.setdefault(it.source, []).append(it)
    return Library.of([Catalogue(Provenance(source=s, title=s), tuple(v)) for s, v in by_source.items()])


def test_linking_uses_a_curated_alias_in_its_language_only() -> None:
    library = _library(
        _item("blueprints", "strengthening-families-10-14", "Strengthening Families 10-14", "en", (10, 14)),
        _item("de", "familien-staerken", "Familien stärken", "de", (10, 14)),
        _item("no", "steg-for-steg", "Steg for steg", "nb", (4, 14)),
    )
    crosswalk = link(library)
    sfp = crosswalk.cluster_of(SFP)
    assert "de:familien-staerken" in sfp.members
    assert "no:steg-for-steg" not in sfp.members
    explanation = str(crosswalk.explain(SFP, "de:familien-staerken"))
    assert "curated alias 'Familien Stärken' (de; source: " in explanation
    # registry records are untouched: the curation lives in linking
    assert crosswalk.library.get(SFP).aliases == ()


def test_a_curated_alias_of_an_entry_not_installed_is_ignored() -> None:
    library = _library(_item("no", "steg-for-steg", "Steg for steg", "nb", (4, 14)))
    [result] = resolve(["Steg-för-Steg"], library=library, country="SE")
    assert "curated" not in result.reason
    [norwegian] = resolve(["Steg for steg"], library=library, country="NO")
    assert norwegian.intervention_id == "no:steg-for-steg"


# -- malformed files ------------------------------------------------------------------------
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_column_names_the_header_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "# curated\nname,lang,intervention_id,note\nPAX i skolan,sv,x:gbg,n\n")
    with pytest.raises(DataError) as err:
        load_aliases(path)
    assert "aliases.csv, line 2" in str(err.value)
    assert "missing column(s) source" in str(err.value)


def test_an_unknown_language_tag_names_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "name,lang,intervention_id,source,note\n"
        "PAX i skolan,sv,x:gbg,city document,\n"
        "# a comment\n"
        "Steg for steg,no-way,x:sfp,design notes,\n",
    )
    with pytest.raises(DataError) as err:
        load_aliases(path)
    message = str(err.value)
    assert "line 4" in message and "unknown language tag 'no-way'" in message, message


def test_a_row_without_a_source_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "name,lang,intervention_id,source,note\nPAX i skolan,sv,x:gbg,,\n")
    with pytest.raises(DataError, match=r"line 2: source: source is empty"):
        load_aliases(path)


def test_a_good_file_loads_in_order(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "\ufeffname,lang,intervention_id,source,note\nPAX i skolan,sv,x:gbg,city document,PAX GBG\n"
        "Familien Stärken,de,x:sfp,design notes,\n",
    )
    rows = load_aliases(path)
    assert [(a.name, a.lang, a.intervention_id) for a in rows] == [
        ("PAX i skolan", "sv", "x:gbg"),
        ("Familien Stärken", "de", "x:sfp"),
    ]
    assert rows[0].describe() == "curated alias 'PAX i skolan' (sv; source: city document)"
