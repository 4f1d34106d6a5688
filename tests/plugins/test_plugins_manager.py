"""The plugin manager: discovery, isolation of broken plugins, validation, env vars, strict mode.

Test plugins are tiny distributions (a ``.dist-info`` with an entry point, and a module)
under ``tests/data/plugins/site``, put on ``sys.path``; ``PREVCAT_LOAD_PLUGINS`` picks the
ones a test needs, so registry plugins installed in the environment do not interfere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import prevcat
from prevcat.errors import PluginError, UnknownScaleError
from prevcat.evidence import COMMON_SCALE, Direction, EvidenceLevel, EvidenceScale, ScaleLevel
from prevcat.plugins import (
    AmbiguousScaleError,
    Registrations,
    find_scale,
    get_plugin_manager,
    get_registry,
    load_catalogues,
    load_library,
    pick_scale,
)
from prevcat.plugins.loading import DEFAULT_PLUGINS

MP = pytest.MonkeyPatch


# the framework under test, independent of which other built-in plugins exist (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("plugin_site")


def load(monkeypatch: pytest.MonkeyPatch, *names: str, **kwargs: object) -> Registrations:
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", ",".join(names))
    return get_registry(**kwargs)  # type: ignore[arg-type]


def problems_of(registry: Registrations, plugin: str) -> list[str]:
    return [f"{p.stage}: {p.error}" for p in registry.problems if p.plugin == plugin]


# -- discovery and env vars ------------------------------------------------------------------


def test_built_ins_always_load_and_empty_load_plugins_loads_no_entry_point(monkeypatch: MP) -> None:
    registry = load(monkeypatch)
    assert [p.name for p in registry.plugins] == ["prevcat.plugins.builtins"]
    assert all(p.kind == "builtin" for p in registry.plugins)
    assert list(registry.importers) == ["generic"]
    assert registry.scales[("prevcat", "1")] is COMMON_SCALE
    assert registry.owner("importer", "generic") == "prevcat.plugins.builtins"
    assert registry.problems == ()


def test_load_plugins_picks_by_distribution_or_entry_point_name(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "Prevcat_Test_Healthy", "healthy-two")
    by_name = {p.name: p for p in registry.plugins}
    assert by_name["prevcat-test-healthy"].version == "1.0"
    assert by_name["prevcat-test-healthy-two"].version == "2.1"
    assert by_name["prevcat-test-healthy-two"].kind == "entrypoint"
    assert set(registry.importers) == {"generic", "healthy", "healthy-two"}
    assert registry.owner("scale", "healthy-two@1") == "prevcat-test-healthy-two"
    assert by_name["prevcat-test-healthy-two"].hooks == (
        "prevcat_register_importers", "prevcat_register_evidence_scales",
    )
    assert registry.problems == ()


def test_unset_load_plugins_loads_every_installed_plugin() -> None:
    registry = get_registry()
    names = {p.name for p in registry.plugins} | {p.plugin for p in registry.problems}
    assert {"prevcat-test-healthy", "prevcat-test-healthy-two", "prevcat-test-broken-import"} <= names


def test_a_plugin_named_in_load_plugins_but_not_installed_is_a_problem(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "healthy-two", "prevcat-not-there")
    assert problems_of(registry, "prevcat-not-there") == [
        "import: not installed (named in PREVCAT_LOAD_PLUGINS, no such prevcat plugin)"
    ]
    assert "healthy-two" in registry.importers


def test_plugins_dir_loads_one_off_modules(monkeypatch: MP, tmp_path: Path) -> None:
    (tmp_path / "my_local.py").write_text(
        "from prevcat import hookimpl\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "class Local(GenericImporter):\n    key = 'local'\n    title = 'Local methods'\n"
        "@hookimpl\ndef prevcat_register_importers(register):\n    register(Local())\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.py").write_text("raise RuntimeError('half written')\n", encoding="utf-8")
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    registry = get_registry(plugins_dir=tmp_path)
    assert registry.owner("importer", "local") == "my_local.py"
    assert [p.kind for p in registry.plugins if p.name == "my_local.py"] == ["directory"]
    assert problems_of(registry, "broken.py") == [
        f"import: cannot import {tmp_path / 'broken.py'}: RuntimeError: half written"
    ]
    monkeypatch.setenv("PREVCAT_PLUGINS_DIR", str(tmp_path))
    assert "local" in get_registry().importers
    monkeypatch.delenv("PREVCAT_PLUGINS_DIR")
    assert "local" not in get_registry().importers


def test_every_default_plugin_loads_without_problems(monkeypatch: MP) -> None:
    monkeypatch.setattr("prevcat.plugins.loading.DEFAULT_PLUGINS", DEFAULT_PLUGINS)
    registry = load(monkeypatch)
    assert registry.problems == ()
    assert [p.name for p in registry.plugins] == list(DEFAULT_PLUGINS)
    assert DEFAULT_PLUGINS[0] == "prevcat.plugins.builtins"


# -- failure modes ---------------------------------------------------------------------------


def test_broken_import_is_reported_by_name_and_others_still_load(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "broken-import", "healthy-two")
    (problem,) = registry.problems
    assert (problem.plugin, problem.stage) == ("prevcat-test-broken-import", "import")
    assert "No module named 'prevcat_dependency_that_is_not_installed'" in problem.error
    assert "healthy-two" in registry.importers


def test_raising_hook_is_reported_and_its_registrations_are_discarded(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "raising-hook")
    assert "healthy" not in registry.importers  # registered, then the hook raised
    problems = problems_of(registry, "prevcat-test-raising-hook")
    assert problems[0] == (
        "hook: prevcat_register_importers raised RuntimeError: registry file could not be opened"
    )
    assert "'prevcat.plugins.builtins' and plugin 'prevcat-test-raising-hook'" in problems[1]
    assert registry.scales[("prevcat", "1")] is COMMON_SCALE


def test_misspelled_hook_is_caught_and_named(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "misspelled", "healthy")
    (problem,) = registry.problems
    assert problem.plugin == "prevcat-test-misspelled" and problem.stage == "registration"
    assert (
        "unknown hook 'prevcat_register_importer' (did you mean 'prevcat_register_importers'?)"
    ) in problem.error
    assert "prevcat-test-misspelled" not in {p.name for p in registry.plugins}
    get_plugin_manager().check_pending()  # nothing unknown is left registered
    assert "healthy" in registry.importers


def test_hook_with_a_wrong_argument_name_is_rejected(monkeypatch: MP, tmp_path: Path) -> None:
    (tmp_path / "wrong_args.py").write_text(
        "from prevcat import hookimpl\n@hookimpl\ndef prevcat_register_importers(reg):\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    registry = get_registry(plugins_dir=tmp_path)
    (problem,) = registry.problems
    assert problem.plugin == "wrong_args.py" and problem.stage == "registration"
    assert "reg" in problem.error


def test_duplicate_key_is_rejected_naming_both_plugins(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "duplicate", "healthy")
    (problem,) = registry.problems
    assert problem.stage == "registration"
    assert problem.error.startswith(
        "importer key 'healthy' is registered by both plugin 'prevcat-test-duplicate' and plugin "
        "'prevcat-test-healthy'"
    )
    assert registry.owner("importer", "healthy") == "prevcat-test-duplicate"


def test_bad_registrations_are_rejected_one_by_one(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "bad-registration")
    problems = problems_of(registry, "prevcat-test-bad-registration")
    assert problems == [
        "registration: register() expects an Importer, got str: 'not an importer'",
        "registration: importer BadKeyImporter has key 'Bad Key'; a key is lower-case letters, digits, "
        "'-' or '_' (e.g. 'xchange')",
        "registration: importer 'no-title' has no title",
        "registration: glossary language 'Swedish' is not a language tag (e.g. 'sv', 'nb', 'de')",
    ]
    assert "fine" in registry.importers


def test_glossary_clash_names_both_plugins_and_keeps_the_rest(monkeypatch: MP) -> None:
    registry = load(monkeypatch, "glossary", "glossary-clash")
    (problem,) = registry.problems
    assert problem.plugin == "prevcat-test-glossary-clash"
    assert "'Testterm-Skola' (sv) is 'school' in plugin 'prevcat-test-glossary' but 'family'" in problem.error
    assert registry.glossary["sv"]["testterm-skola"] == "school"
    assert registry.glossary["sv"]["testterm-ny"] == "new"
    assert registry.glossary["de"]["testterm-Eltern"] == "parent"
    assert registry.registered_by("prevcat-test-glossary")["glossary"] == ["sv", "de"]
    assert registry.registered_by("prevcat-test-glossary-clash")["glossary"] == ["sv"]


# -- strict mode -----------------------------------------------------------------------------


def test_strict_mode_raises_naming_the_plugin(monkeypatch: MP) -> None:
    with pytest.raises(PluginError) as info:
        load(monkeypatch, "healthy", "broken-import", strict=True)
    assert info.value.plugin == "prevcat-test-broken-import"
    assert "No module named" in str(info.value)
    with pytest.raises(PluginError) as info:
        load(monkeypatch, "duplicate", "healthy", "broken-import", strict=True)
    assert "also plugin 'prevcat-test-healthy' (registration): importer key 'healthy'" in str(info.value)
    monkeypatch.setenv("PREVCAT_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError):
        get_registry()
    with pytest.raises(PluginError):
        load_library()
    assert "healthy" in get_registry(strict=False).importers


def test_strict_mode_is_quiet_when_all_is_well(monkeypatch: MP) -> None:
    monkeypatch.setenv("PREVCAT_STRICT_PLUGINS", "1")
    assert "healthy" in load(monkeypatch, "healthy").importers


# -- catalogues ------------------------------------------------------------------------------


def test_load_catalogues_reads_every_snapshot_and_reports_a_broken_one(monkeypatch: MP) -> None:
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "healthy,healthy-two,bad-snapshot,broken-import")
    loaded = load_catalogues()
    assert loaded.library.sources == ("healthy", "healthy-two")
    assert loaded.reports["healthy-two"].rows_read == 3
    assert loaded.library.get("healthy:two").ratings[0].level is EvidenceLevel.EFFECTIVE
    assert loaded.library.catalogue("healthy").provenance.snapshot == "2026-11"
    assert [(p.plugin, p.stage) for p in loaded.problems] == [
        ("prevcat-test-broken-import", "import"),
        ("prevcat-test-bad-snapshot", "snapshot"),
    ]
    assert "no_such_file.csv" in loaded.problems[1].error
    assert load_catalogues() is loaded  # cached per process
    assert prevcat.load_library() is loaded.library


def test_ratings_on_an_unregistered_scale_are_a_problem(monkeypatch: MP, tmp_path: Path) -> None:
    (tmp_path / "orphan.csv").write_text("id,name,scale,rating\na,A,ghost,Good\n", encoding="utf-8")
    (tmp_path / "orphan.py").write_text(
        "from pathlib import Path\n"
        "from prevcat import Direction, EvidenceLevel, EvidenceScale, Provenance, ScaleLevel\n"
        "from prevcat import Snapshot, hookimpl\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "GHOST = EvidenceScale(id='ghost', version='1', name='Ghost',\n"
        "                      levels=(ScaleLevel('Good', EvidenceLevel.EFFECTIVE, Direction.POSITIVE),))\n"
        "class Orphan(GenericImporter):\n    key = 'orphan'\n    title = 'Orphan'\n"
        "    def __init__(self):\n        super().__init__('orphan', scales={('ghost', '1'): GHOST})\n"
        "    def snapshot(self):\n"
        "        return Snapshot(Path(__file__).with_name('orphan.csv'),\n"
        "                        Provenance(source='orphan', title='O'))\n"
        "@hookimpl\ndef prevcat_register_importers(register):\n    register(Orphan())\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    loaded = load_catalogues(plugins_dir=tmp_path)
    assert loaded.library.sources == ("orphan",)
    (problem,) = loaded.problems
    assert problem.stage == "snapshot" and "ghost@1" in problem.error


# -- scales ----------------------------------------------------------------------------------


def _scale(version: str) -> EvidenceScale:
    levels = (ScaleLevel("x", None, Direction.UNKNOWN),)
    return EvidenceScale(id="s", version=version, name="S", levels=levels)


def test_find_scale_by_id_and_version(monkeypatch: MP) -> None:
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "healthy-two")
    assert find_scale("healthy-two").ref.version == "1"
    assert find_scale("healthy-two@1") is find_scale("healthy-two", "1")
    assert find_scale("prevcat") is COMMON_SCALE
    with pytest.raises(UnknownScaleError, match="registered scales: healthy-two@1, prevcat@1"):
        find_scale("healthy-two", "2")


def test_without_a_version_the_newest_scale_version_is_picked() -> None:
    scales = {("s", v): _scale(v) for v in ("9", "2015", "2021", "2021b")}
    assert pick_scale(scales, "s").version == "2021b"
    assert pick_scale(scales, "s@9").version == "9"
    with pytest.raises(UnknownScaleError):
        pick_scale(scales, "t")


def test_undated_versions_must_be_named() -> None:
    scales = {("s", v): _scale(v) for v in ("programs", "factsheet")}
    with pytest.raises(AmbiguousScaleError, match=r"several versions .*\(factsheet, programs\); name one"):
        pick_scale(scales, "s")
    assert pick_scale(scales, "s@programs").version == "programs"
    assert pick_scale({("s", "legacy"): _scale("legacy")}, "s").version == "legacy"


def test_snapshot_with_another_source_key_is_a_problem(monkeypatch: MP, tmp_path: Path) -> None:
    (tmp_path / "other.csv").write_text("id,name\na,A\n", encoding="utf-8")
    (tmp_path / "wrong_source.py").write_text(
        "from pathlib import Path\n"
        "from prevcat import Provenance, Snapshot, hookimpl\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "class Wrong(GenericImporter):\n    key = 'wrong'\n    title = 'Wrong'\n"
        "    def snapshot(self):\n"
        "        return Snapshot(Path(__file__).with_name('other.csv'),\n"
        "                        Provenance(source='wrong', title='W'))\n"
        "@hookimpl\ndef prevcat_register_importers(register):\n    register(Wrong())\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    loaded = load_catalogues(plugins_dir=tmp_path)
    assert loaded.library.sources == ()
    (problem,) = loaded.problems
    assert (problem.plugin, problem.stage) == ("wrong_source.py", "snapshot")
    assert problem.error == "importer 'wrong' returned a catalogue with source 'other'"
