"""``prevcat new-plugin``: the scaffolded package is complete and passes its own contract tests."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import inspect
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.errors import DataError, PrevcatError
from prevcat.importers.toolkit import TableImporter
from prevcat.scaffold import plugin_names, scaffold_plugin
from prevcat.testing import collect_registrations


def test_plugin_names_follow_from_the_source_key() -> None:
    names = plugin_names("prevcat-my_reg")
    assert (names.key, names.dist, names.package, names.class_name) == (
        "my_reg", "prevcat-my_reg", "prevcat_my_reg", "MyRegImporter",
    )
    assert plugin_names("2go").class_name == "Source2goImporter"
    with pytest.raises(DataError, match="did you mean 'my-registry'"):
        plugin_names("My Registry")


def test_scaffold_writes_a_package_with_an_entry_point(tmp_path: Path) -> None:
    target = scaffold_plugin("nordreg", tmp_path, title="Nordic registry", today=dt.date(2026, 11, 1))
    assert target == tmp_path / "prevcat-nordreg"
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/prevcat_nordreg/__init__.py",
        "src/prevcat_nordreg/data/nordreg.csv",
        "src/prevcat_nordreg/importer.py",
        "src/prevcat_nordreg/plugin.py",
        "tests/test_prevcat_nordreg.py",
    ]
    project = tomllib.loads((target / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "prevcat-nordreg"
    assert project["project"]["entry-points"]["prevcat"] == {"nordreg": "prevcat_nordreg.plugin"}
    assert project["tool"]["setuptools"]["package-data"] == {"prevcat_nordreg": ["data/*.csv"]}
    assert '"2026-11"' in (target / "src/prevcat_nordreg/importer.py").read_text(encoding="utf-8")
    with pytest.raises(PrevcatError, match="already exists and is not empty"):
        scaffold_plugin("nordreg", tmp_path)


def _import_from(path: Path, name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scaffolded_plugin_passes_its_own_tests_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = scaffold_plugin("scaffoldcheck", tmp_path, title="Scaffold check registry")
    monkeypatch.syspath_prepend(str(target / "src"))
    plugin = importlib.import_module("prevcat_scaffoldcheck.plugin")
    found = collect_registrations(plugin)
    (importer,) = found["importers"]
    (scale,) = found["scales"]
    assert (importer.key, importer.title, scale.id) == (
        "scaffoldcheck", "Scaffold check registry", "scaffoldcheck",
    )
    # built on the toolkit: the file reading, row accounting and merging are the base class's
    assert isinstance(importer, TableImporter)
    assert {"read", "merge", "snapshot"}.isdisjoint(vars(type(importer)))
    result = importer.read_snapshot()
    assert (result.report.rows_read, len(result.report.rejected), len(result.catalogue)) == (3, 0, 3)
    assert result.catalogue.get("scaffoldcheck:school-steps").target.settings[1].value == "community"

    tests = _import_from(target / "tests" / "test_prevcat_scaffoldcheck.py", "scaffold_generated_tests")
    ran = []
    for name, member in vars(tests).items():
        if name.startswith("test_") and inspect.isfunction(member):
            (tmp_path / name).mkdir()
            member(tmp_path / name)
            ran.append(name)
    contract = tests.TestContract()  # type: ignore[attr-defined]
    for name in dir(contract):
        if name.startswith("test_"):
            method = getattr(contract, name)
            (tmp_path / name).mkdir(exist_ok=True)
            method(tmp_path / name) if "tmp_path" in inspect.signature(method).parameters else method()
            ran.append(name)
    assert "test_json_round_trip_is_equal" in ran and "test_bad_row_is_reported_not_raised" in ran
    assert "test_unmapped_setting_is_kept_in_extra_with_a_warning" in ran
    assert "test_unknown_rating_label_rejects_the_row_naming_the_field_and_the_known_labels" in ran
    assert len(ran) >= 11


def test_new_plugin_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["new-plugin", "cityreg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"created {tmp_path / 'prevcat-cityreg'}"
    assert (tmp_path / "prevcat-cityreg" / "src" / "prevcat_cityreg" / "plugin.py").is_file()
    again = runner.invoke(main, ["new-plugin", "cityreg", "-o", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.stderr
    bad = runner.invoke(main, ["new-plugin", "City Reg", "-o", str(tmp_path)])
    assert bad.exit_code == 1 and "did you mean 'city-reg'" in bad.stderr
