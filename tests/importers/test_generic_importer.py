"""The generic importer: users' own CSV files as Excel writes them, and prevcat JSON."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prevcat import COMMON_SCALE, Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.cli.loading import read_catalogue_file
from prevcat.errors import DataError
from prevcat.importers.generic import (
    STANDARD_COLUMNS,
    GenericImporter,
    parse_mapping,
    source_key_from_name,
)
from prevcat.model import Domain, PreventionLevel, Setting, Substance

DATA = Path(__file__).resolve().parents[1] / "data" / "generic"

UNGSINN_2015 = EvidenceScale(
    id="testscale", version="2015", name="Test scale 2015",
    levels=(ScaleLevel("Nivå 0", EvidenceLevel.NO_EFFECT, Direction.NO_EFFECT),
            ScaleLevel("Nivå 4", EvidenceLevel.EFFECTIVE, Direction.POSITIVE)),
)
UNGSINN_2021 = EvidenceScale(
    id="testscale", version="2021", name="Test scale 2021",
    levels=(ScaleLevel("Nivå 1", EvidenceLevel.INSUFFICIENT, Direction.UNKNOWN),),
)
SCALES = {
    ("prevcat", "1"): COMMON_SCALE,
    ("testscale", "2015"): UNGSINN_2015,
    ("testscale", "2021"): UNGSINN_2021,
}


def importer(source_key: str | None = None, mapping: dict[str, str] | None = None) -> GenericImporter:
    return GenericImporter(source_key, mapping, scales=SCALES)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def assert_counts_add_up(result: object) -> None:
    report = result.report  # type: ignore[attr-defined]
    assert report.rows_read == report.imported + len(report.rejected)
    assert report.interventions == len(result.catalogue)  # type: ignore[attr-defined]


# -- the Swedish Excel file ------------------------------------------------------------------

SWEDISH_MAP = {
    "id": "Metod-ID", "name": "Programnamn", "aliases": "Andra namn", "country": "Land",
    "language": "Språk", "rating": "Evidensnivå", "min_age": "Ålder från", "max_age": "Ålder till",
    "settings": "Arena", "levels": "Nivå",
}


def test_swedish_excel_semicolon_csv_with_bom_imports_through_a_mapping() -> None:
    path = DATA / "metoder_sv.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = importer("orebro", SWEDISH_MAP).read(path)
    report = result.report
    assert (report.rows_read, report.imported, len(report.rejected)) == (7, 5, 2)
    assert_counts_add_up(result)
    assert {(r.native_id, r.field) for r in report.rejected} == {("ansvar", "rating"), ("prata", "max_age")}
    assert "Lovande" in str(report.rejected[0]) and "known labels" in report.rejected[0].reason
    sfp = result.catalogue.get("orebro:sfp")
    assert sfp.name == "Strengthening Families Programme 10-14"
    assert [str(a) for a in sfp.aliases] == ["sv:Steg-för-Steg", "en:SFP 10-14"]
    assert (sfp.country, sfp.languages) == ("SE", ("sv",))
    assert (sfp.target.ages.min, sfp.target.ages.max) == (10, 14)
    assert sfp.ratings[0].level is EvidenceLevel.PROMISING and sfp.ratings[0].scale == COMMON_SCALE.ref
    effekt = result.catalogue.get("orebro:effekt")
    assert effekt.name == "EFFEKT (Örebro)"
    assert effekt.target.settings == (Setting.FAMILY, Setting.SCHOOL)
    assert effekt.extra_values("Kommentar") == ("Föräldramöten; brev hem",)
    assert result.catalogue.get("orebro:lst").ratings[0].level is EvidenceLevel.WELL_ESTABLISHED
    assert result.catalogue.get("orebro:fit").ratings[0].level is EvidenceLevel.THEORY_BASED


def test_without_the_mapping_the_swedish_file_is_refused_with_a_hint() -> None:
    with pytest.raises(DataError) as info:
        importer().read(DATA / "metoder_sv.csv")
    message = str(info.value)
    assert "missing required column(s) id, name" in message and "--map name=" in message
    assert "Programnamn" in message  # lists the file's own columns


# -- encodings and delimiters ----------------------------------------------------------------

HEADER = "id,name,rating,settings\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (HEADER + "fif,Föräldrar i fokus,promising,family\n", "utf-8"),
        (HEADER + "fif,Föräldrar i fokus,promising,family\n", "utf-8-sig"),
        (HEADER.replace(",", ";") + "fif;Föräldrar i fokus;promising;family\n", "utf-8-sig"),
        (HEADER.replace(",", ";") + "fif;Föräldrar i fokus;promising;family\r\n", "utf-8"),
        (HEADER.replace(",", "\t") + "fif\tFöräldrar i fokus\tpromising\tfamily\n", "utf-8"),
    ],
)
def test_comma_semicolon_tab_with_and_without_bom_read_the_same(
    tmp_path: Path, text: str, encoding: str
) -> None:
    result = importer().read(write(tmp_path, "mine.csv", text, encoding))
    item = result.catalogue.get("mine:fif")
    assert item.name == "Föräldrar i fokus"
    assert item.target.settings == (Setting.FAMILY,)
    assert result.report.warnings == ()


def test_cp1252_file_is_read_with_a_warning_never_mojibake(tmp_path: Path) -> None:
    path = write(tmp_path, "gammal.csv", "id;name\nfif;Föräldrar i fokus\n", "cp1252")
    result = importer().read(path)
    assert result.catalogue.get("gammal:fif").name == "Föräldrar i fokus"
    assert any("Windows-1252" in w.message for w in result.report.warnings)


def test_undecodable_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"id,name\nx,\x81\x8d\x8f\x90\x9d\n")
    with pytest.raises(DataError, match="neither UTF-8 nor Windows-1252"):
        importer().read(path)


def test_stream_with_a_name_reads_like_a_file() -> None:
    buffer = io.BytesIO("id;name\na;Ett\n".encode("utf-8-sig"))
    buffer.name = "strom.csv"
    result = importer().read(buffer)
    assert [i.id for i in result.catalogue] == ["strom:a"]


# -- source keys and mapping -----------------------------------------------------------------


def test_source_key_defaults_to_the_file_stem(tmp_path: Path) -> None:
    result = importer().read(write(tmp_path, "foundations.csv", "id,name\nx,X\n"))
    assert result.catalogue.source == "foundations"
    assert [i.id for i in result.catalogue] == ["foundations:x"]


def test_file_stem_is_normalised_to_a_source_key_with_a_warning(tmp_path: Path) -> None:
    result = importer().read(write(tmp_path, "Mina Metoder 2024.csv", "id,name\nx,X\n"))
    assert result.catalogue.source == "mina-metoder-2024"
    assert any("mina-metoder-2024" in w.message for w in result.report.warnings)
    assert source_key_from_name("Åtgärder för unga") == "atgarder-for-unga"


def test_impossible_source_key_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="--source KEY"):
        importer().read(write(tmp_path, "___.csv", "id,name\nx,X\n"))
    with pytest.raises(DataError, match="did you mean 'my-source'"):
        GenericImporter("My Source")


def test_mapping_errors_name_the_problem(tmp_path: Path) -> None:
    assert parse_mapping(["name=Programmname", " id = Nr "]) == {"name": "Programmname", "id": "Nr"}
    with pytest.raises(DataError, match="expected STANDARD=COLUMN"):
        parse_mapping(["name"])
    with pytest.raises(DataError, match="'titel' is not a standard column"):
        parse_mapping(["titel=Name"])
    path = write(tmp_path, "x.csv", "Nr,Programmname\n1,Eins\n")
    with pytest.raises(DataError, match=r"no column 'Programname'.*Nr, Programmname"):
        importer(mapping={"id": "Nr", "name": "Programname"}).read(path)
    result = importer(mapping={"id": "Nr", "name": "programmname"}).read(path)
    assert result.catalogue.get("x:1").name == "Eins"


def test_standard_columns_are_exactly_the_documented_ones() -> None:
    assert STANDARD_COLUMNS == (
        "id", "name", "aliases", "country", "language", "scale", "rating", "levels",
        "min_age", "max_age", "settings", "substances", "domain", "url", "original",
    )


# -- row by row ------------------------------------------------------------------------------


def test_values_of_every_standard_column_land_in_the_model(tmp_path: Path) -> None:
    text = (
        "ID,Name,aliases,country,language,scale,rating,levels,min_age,max_age,settings,substances,"
        "domain,url,original,Budget\n"
        "k1,KiVa,fi:KiVa Koulu | sv:KiVa skola,fi,fi | sv,testscale@2015,Nivå 4,"
        "Universal prevention | indicated,7,15,school,violence_crime | general,prevention,"
        "https://example.org/kiva,,100 000 kr\n"
    )
    item = importer().read(write(tmp_path, "own.csv", text)).catalogue.get("own:k1")
    assert item.country == "FI" and item.languages == ("fi", "sv")
    assert [str(a) for a in item.aliases] == ["fi:KiVa Koulu", "sv:KiVa skola"]
    assert item.ratings[0].scale == UNGSINN_2015.ref and item.ratings[0].level is EvidenceLevel.EFFECTIVE
    assert item.target.levels == (PreventionLevel.UNIVERSAL, PreventionLevel.INDICATED)
    assert item.target.substances == (Substance.VIOLENCE_CRIME, Substance.GENERAL)
    assert item.domains == (Domain.PREVENTION,) and item.url == "https://example.org/kiva"
    assert item.extra == (("Budget", "100 000 kr"),)


def test_scale_without_version_is_the_newest_version(tmp_path: Path) -> None:
    text = "id,name,scale,rating\na,A,testscale,Nivå 1\nb,B,testscale,Nivå 4\nc,C,nosuchscale,x\n"
    result = importer().read(write(tmp_path, "s.csv", text))
    assert result.catalogue.get("s:a").ratings[0].scale.version == "2021"
    rejected = {r.native_id: r for r in result.report.rejected}
    assert rejected["b"].field == "rating" and "'Nivå 1'" in rejected["b"].reason
    assert rejected["c"].field == "scale" and "testscale@2015" in rejected["c"].reason
    assert_counts_add_up(result)


@pytest.mark.parametrize(
    ("cells", "field", "reason"),
    [
        ({"rating": "very good"}, "rating", "unknown label 'very good'"),
        ({"country": "Sweden"}, "country", "not an ISO 3166-1 alpha-2 code"),
        ({"min_age": "ten"}, "min_age", "not an age"),
        ({"max_age": "130"}, "max_age", "not an age"),
        ({"min_age": "15", "max_age": "12"}, "max_age", "below min_age"),
        ({"settings": "school | prison"}, "settings", "unknown value 'prison'; expected one of: family"),
        ({"levels": "everyone"}, "levels", "unknown value 'everyone'"),
        ({"substances": "sugar"}, "substances", "unknown value 'sugar'"),
        ({"domain": "fun"}, "domain", "unknown value 'fun'"),
        ({"language": "Swedish"}, "language", "not a language tag"),
        ({"name": ""}, "name", "every row needs a name"),
        ({"id": ""}, "id", "every row needs an id"),
    ],
)
def test_a_bad_cell_rejects_its_row_with_field_and_reason(
    tmp_path: Path, cells: dict[str, str], field: str, reason: str
) -> None:
    columns = ["id", "name", "rating", "country", "min_age", "max_age", "settings", "levels",
               "substances", "domain", "language"]
    good = {"id": "good", "name": "Good", "rating": "promising", "country": "SE"}
    bad = {"id": "bad", "name": "Bad", **cells}
    lines = [",".join(columns)] + [",".join(row.get(c, "") for c in columns) for row in (good, bad)]
    result = importer().read(write(tmp_path, "t.csv", "\n".join(lines) + "\n"))
    assert [i.id for i in result.catalogue] == ["t:good"]
    (rejected,) = result.report.rejected
    assert (rejected.row, rejected.line, rejected.field) == (2, 3, field)
    assert reason in rejected.reason
    assert_counts_add_up(result)


def test_duplicate_ids_and_overflowing_rows_are_rejected(tmp_path: Path) -> None:
    text = "id,name\na,First\na,Again\nb,Too,many,cells\nc,Fine\n"
    result = importer().read(write(tmp_path, "d.csv", text))
    assert [i.id for i in result.catalogue] == ["d:a", "d:c"]
    reasons = [r.reason for r in result.report.rejected]
    assert "duplicate id 'a' (first on row 1)" in reasons[0]
    assert "more cells than the header" in reasons[1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "", "d"]),
            st.sampled_from(["Name", "", "Namn"]),
            st.sampled_from(["", "promising", "bogus", "effective"]),
            st.sampled_from(["", "8", "-1", "200", "x"]),
            st.sampled_from(["", "SE", "XX", "no"]),
        ),
        max_size=12,
    )
)
def test_every_row_read_is_imported_or_rejected(rows: list[tuple[str, str, str, str, str]]) -> None:
    text = "id;name;rating;min_age;country\n" + "".join(";".join(r) + "\n" for r in rows)
    buffer = io.BytesIO(text.encode("utf-8"))
    buffer.name = "prop.csv"
    result = importer().read(buffer)
    report = result.report
    assert report.rows_read == sum(1 for r in rows if any(c.strip() for c in r))
    assert report.imported == len(result.catalogue) == report.interventions
    assert report.rows_read == report.imported + len(report.rejected)


# -- prevcat JSON ----------------------------------------------------------------------------


def test_prevcat_json_is_read_back_equal(tmp_path: Path) -> None:
    from prevcat.io import dumps_catalogue

    catalogue = importer("orebro", SWEDISH_MAP).read(DATA / "metoder_sv.csv").catalogue
    path = write(tmp_path, "orebro.json", dumps_catalogue(catalogue))
    result = read_catalogue_file(path)
    assert result.catalogue == catalogue
    assert (result.report.rows_read, result.report.imported) == (5, 5)
    with pytest.raises(DataError, match="keeps its own source key"):
        read_catalogue_file(path, source="other")


def test_read_catalogue_file_reads_csv_with_source_and_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "Nr;Titel\n1;Eins\n")
    result = read_catalogue_file(path, source="mine", mapping={"id": "Nr", "name": "Titel"})
    assert [i.id for i in result.catalogue] == ["mine:1"]
