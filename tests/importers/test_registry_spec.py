"""registry.toml: the schema and its errors, the MappedImporter it drives, RegistryPlugin, the guide."""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from prevcat.errors import DataErrors
from prevcat.evidence import Direction, EvidenceLevel
from prevcat.importers.base import ImportResult
from prevcat.importers.mapped import MappedImporter, importer_class
from prevcat.importers.registry_spec import load_spec, parse_spec
from prevcat.model import AgeRange, Alias, Domain, PreventionLevel, Setting
from prevcat.plugins import RegistryPlugin
from prevcat.testing import collect_registrations

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
Read = Callable[..., ImportResult]

SPEC: dict[str, Any] = {
    "key": "testreg",
    "title": "Test registry",
    "snapshot": "testreg.csv",
    "languages": ["en"],
    "name_language": "en",
    "provenance": {"title": "Test registry", "url": "https://test.example", "snapshot": "2026-12",
                   "licence": "invented rows"},
    "columns": {"id": "id", "name": "Name", "country": "Land", "confidence": "confidence"},
    "ratings": [{"column": "Rating", "scale": "testreg"}],
    "ages": {"column": "Ages", "bands": "bands"},
    "mapped": [{"column": "Setting", "vocabulary": "settings"},
               {"column": "Group", "vocabulary": "cues", "what": "target group"}],
    "aliases": [{"column": "Other names", "language": "en"}],
    "scales": [
        {"id": "testreg", "version": "2008", "name": "old labels",
         "levels": [{"label": "Weak", "common": 1}, {"label": "Strong", "common": 4}]},
        {"id": "testreg", "version": "2020", "name": "new labels",
         "levels": [{"label": "Harmful", "common": 0, "direction": "negative"},
                    {"label": "Works", "common": 4, "variants": ["It works"]}]},
    ],
    "vocabularies": {
        "settings": {"kind": "setting", "terms": {"Home": "family", "Class": ["school"], "Online": []}},
        "cues": {"kind": "target", "match": "contains",
                 "terms": {"parents": "setting:family", "at risk": ["level:selective", "domain:prevention"],
                           "patients": "domain:treatment"}},
        "bands": {"kind": "age", "terms": {"Adults": "18+", "Unknown age": []}},
        "countries": {"kind": "country", "terms": {"Sweden": "SE", "Norway": "NO"}},
    },
}


def importer(**changes: Any) -> MappedImporter:
    return importer_class(parse_spec({**SPEC, **changes}, package="prevcat"))()


# -- the schema --------------------------------------------------------------------------------


def test_every_problem_is_reported_with_the_file_and_the_path_of_the_value() -> None:
    data = copy.deepcopy(SPEC)
    data["scales"][1]["levels"][1]["common"] = 9
    data["scales"][0]["levels"][0]["direction"] = "upward"
    data["vocabularies"]["settings"]["terms"]["Home"] = "house"
    data["colour"] = "green"
    with pytest.raises(DataErrors) as caught:
        parse_spec(data, file="registry.toml")
    messages = [e.format() for e in caught.value.errors]
    common = "scales[1].levels[1].common: must be 0..5 (no effect or harmful .. well established)"
    assert f"registry.toml: {common}, got 9" in messages
    assert any(m.startswith("registry.toml: scales[0].levels[0].direction: 'upward'") for m in messages)
    vocabulary = "vocabularies['settings']"
    assert any(vocabulary in m and "unknown Setting 'house'; known: family" in m for m in messages)
    assert "registry.toml: unknown field(s) colour" in messages
    assert len(messages) == 4


def test_a_problem_in_the_file_names_its_line() -> None:
    text = (
        'key = "x"\ntitle = "X"\nsnapshot = "x.csv"\n\n[provenance]\ntitle = "X"\nurl = "u"\n'
        'snapshot = "2026"\nlicence = "l"\n\n[[scales]]\nid = "x"\nname = "X"\nlevels = [\n'
        '  { label = "A", common = 1 },\n  { label = "B", common = 7 },\n]\n\n'
        '[vocabularies.places]\nkind = "setting"\nterms = { "Home" = "house" }\n'
    )
    with pytest.raises(DataErrors) as caught:
        parse_spec(tomllib.loads(text), file="registry.toml", text=text)
    assert [(e.line, e.path) for e in caught.value.errors] == [
        (16, "scales[0].levels[1].common"), (19, "vocabularies['places']"),
    ]


@pytest.mark.parametrize(("change", "message"), [
    ({"ratings": [{"column": "R", "scale": "other"}]}, "ratings[0].scale: no [[scales]] with id 'other'"),
    ({"mapped": [{"column": "X", "vocabulary": "nope"}]}, "mapped[0].vocabulary: no [vocabularies.nope]"),
    ({"patterns": {"title": "(unclosed"}}, "patterns.title: not a regular expression"),
    ({"mapped": [{"column": "Land", "vocabulary": "countries"}]},
     "mapped[0].vocabulary: [vocabularies.countries] gives no settings, levels, substances or domains"),
])
def test_references_inside_the_file_are_checked(change: dict[str, Any], message: str) -> None:
    with pytest.raises(DataErrors, match=re.escape(message)):
        parse_spec({**SPEC, **change}, file="registry.toml")


def test_levels_take_the_direction_their_common_position_usually_means() -> None:
    spec = parse_spec(SPEC)
    old, new = spec.build_scales()
    assert [(lv.level, lv.direction) for lv in old.levels] == [
        (EvidenceLevel.INSUFFICIENT, Direction.UNKNOWN), (EvidenceLevel.EFFECTIVE, Direction.POSITIVE),
    ]
    assert new.lookup("it works").label == "Works"
    assert new.levels[0].level is EvidenceLevel.HARMFUL
    assert spec.scale("testreg@2020") == new
    with pytest.raises(KeyError, match="names 2 scales"):
        spec.scale("testreg")


def test_a_bundled_registry_reads_its_own_file() -> None:
    spec = load_spec("prevcat_crimesolutions")
    assert (spec.key, spec.package, spec.rules) == (
        "crimesolutions", "prevcat_crimesolutions", "prevcat_crimesolutions.rules:CrimeSolutionsImporter",
    )
    legacy, current = spec.build_scales()
    assert legacy.lookup("No Effects").level is EvidenceLevel.NO_EFFECT
    assert current.lookup("Negative Effects").level is EvidenceLevel.HARMFUL
    assert spec.vocabulary("settings", Setting).lookup("home") == (Setting.FAMILY,)


# -- the MappedImporter ----------------------------------------------------------------------


HEADER = "id,Name,Rating,Ages,Setting,Group,Other names,Land,Notes,confidence"


def test_a_registry_of_one_to_one_cells_needs_no_code(read_csv: Read) -> None:
    result = read_csv(
        importer(), HEADER,
        "a,Home Help,Strong,Adults,Home | Online,parents at risk,Helping at Home,Sweden,first row,high",
        "b,Class Act,It works,grade 6-8,Class | Garden,patients,,NO,,",
        "c,Bad Label,Brilliant,,,,,,,",
        "d,,Works,,,,,,,",
    )
    report = result.report
    assert (report.rows_read, report.imported) == (4, 2)
    assert [r.field for r in report.rejected] == ["Rating", "Name"]
    assert report.rejected[0].reason == (
        "unknown label 'Brilliant' for scale testreg; known labels: 'Weak'; 'Strong'; 'Harmful'; 'Works'"
    )
    a, b = result.catalogue
    assert (a.ratings[0].scale.version, a.ratings[0].level) == ("2008", EvidenceLevel.EFFECTIVE)
    assert (b.ratings[0].scale.version, b.ratings[0].label) == ("2020", "It works")
    assert a.target.settings == (Setting.FAMILY,) and a.target.levels == (PreventionLevel.SELECTIVE,)
    assert a.domains == (Domain.PREVENTION,) and b.domains == (Domain.TREATMENT,)
    assert (a.target.ages, b.target.ages) == (AgeRange(18, None), AgeRange(11, 14))
    assert (a.country, b.country) == ("SE", None)  # "NO" is not a country name of the vocabulary
    assert a.aliases == (Alias("Helping at Home", "en"),)
    assert a.extra_values("Notes") == ("first row",)
    assert [(w.field, w.value) for w in report.warnings] == [("Setting", "Garden"), ("Land", "NO")]
    assert b.extra_values("Setting") == ("Garden",)


def test_rows_sharing_an_id_are_merged_and_a_cue_table_that_finds_nothing_warns(read_csv: Read) -> None:
    rows = ("a,Home Help,Weak,10-12,,someone,,,,", "a,Home Help 2,Works,14,,,,,,")
    result = read_csv(importer(), HEADER, *rows)
    (item,) = result.catalogue
    assert [r.label for r in item.ratings] == ["Weak", "Works"]
    assert item.aliases == (Alias("Home Help 2", "en"),) and item.target.ages == AgeRange(10, 14)
    assert [(w.field, w.message) for w in result.report.warnings] == [
        ("Group", "'someone': no target group; kept in extra"),
    ]


def test_country_codes_are_read_when_the_registry_has_no_country_names(read_csv: Read) -> None:
    vocabularies = {k: v for k, v in SPEC["vocabularies"].items() if k != "countries"}
    result = read_csv(importer(vocabularies=vocabularies), "id,Name,Land", "a,A,se", "b,B,Sweden")
    assert [i.country for i in result.catalogue] == ["SE", None]
    assert [w.message for w in result.report.warnings] == ["'Sweden': no country code; kept in extra"]


# -- the plugin object ---------------------------------------------------------------------------


def test_registry_plugin_registers_the_rules_importer_and_every_scale() -> None:
    plugin = RegistryPlugin.from_package("prevcat_blueprints")
    found = collect_registrations(plugin)
    (registered,) = found["importers"]
    assert type(registered).__name__ == "BlueprintsImporter" and registered.key == "blueprints"
    assert [f"{s.id}@{s.version}" for s in found["scales"]][:3] == [
        "blueprints@factsheet", "blueprints@programs", "blueprints@narrative",
    ]
    assert plugin.__name__ == "prevcat_blueprints"


def test_the_kit_reads_a_snapshot_once(snapshot_result: Callable[[Any], ImportResult]) -> None:
    plugin = RegistryPlugin.from_package("prevcat_vidensportalen")
    first = snapshot_result(plugin.importer_class())
    assert snapshot_result(plugin.importer_class()) is first
    assert first.report.rows_read == 48


# -- the guide -------------------------------------------------------------------------------


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_guides_registry_toml_and_rules_module_work_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_csv: Read
) -> None:
    toml = next(b for b in _blocks("toml") if b.startswith('key = "myregistry"'))
    rules = next(b for b in _blocks("python") if "class MyRegistryImporter(MappedImporter)" in b)
    package = tmp_path / "prevcat_myregistry"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    spec_text = toml.replace('# rules = "prevcat_myregistry.rules:MyRegistryImporter"',
                             'rules = "prevcat_myregistry.rules:MyRegistryImporter"')
    (package / "registry.toml").write_text(spec_text, encoding="utf-8")
    (package / "rules.py").write_text(rules, encoding="utf-8")
    (package / "data" / "myregistry.csv").write_text(
        "id,Name,Rating,Ages,Setting,Level,Country,URL\n"
        "a,Family Talk - for parents,Promising,10-14 years,Family,Universal,SE,https://x.example/a\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    load_spec.cache_clear()
    plugin = RegistryPlugin.from_package("prevcat_myregistry")
    result = plugin.importer_class().read_snapshot()
    (item,) = result.catalogue
    assert (item.name, item.extra_values("subtitle"), item.country) == ("Family Talk", ("for parents",), "SE")
    assert item.ratings[0].level is EvidenceLevel.PROMISING
    bad = read_csv(plugin.importer_class(), "id,Name,Rating,Setting", "x,X,Good,Prison")
    assert [r.field for r in bad.report.rejected] == ["Rating"]
