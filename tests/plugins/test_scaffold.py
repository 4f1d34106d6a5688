"""``prevcat new-plugin``: the scaffolded package is complete and passes its own contract tests."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.errors import DataError, PrevcatError
from prevcat.importers.mapped import MappedImporter
from prevcat.plugins.scaffold import plugin_names, scaffold_plugin
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
        "src/prevcat_nordreg/registry.toml",
        "tests/test_prevcat_nordreg.py",
    ]
    project = tomllib.loads((target / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "prevcat-nordreg"
    assert project["project"]["entry-points"]["prevcat"] == {"nordreg": "prevcat_nordreg:plugin"}
    assert project["tool"]["setuptools"]["package-data"] == {
        "prevcat_nordreg": ["registry.toml", "data/*.csv"]
    }
    spec = tomllib.loads((target / "src/prevcat_nordreg/registry.toml").read_text(encoding="utf-8"))
    assert (spec["key"], spec["provenance"]["snapshot"]) == ("nordreg", "2026-11")
    init = (target / "src/prevcat_nordreg/__init__.py").read_text(encoding="utf-8")
    assert "plugin = RegistryPlugin.from_package(__name__)" in init
    with pytest.raises(PrevcatError, match="already exists and is not empty"):
        scaffold_plugin("nordreg", tmp_path)


def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def test_scaffolded_plugin_is_data_and_passes_its_own_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = scaffold_plugin("scaffoldcheck", tmp_path, title="Scaffold check registry")
    python = list((target / "src").rglob("*.py"))
    assert [p.name for p in python] == ["__init__.py"]  # a registry whose cells map one-to-one: no rules
    monkeypatch.syspath_prepend(str(target / "src"))
    plugin = importlib.import_module("prevcat_scaffoldcheck").plugin
    found = collect_registrations(plugin)
    (importer,) = found["importers"]
    (scale,) = found["scales"]
    assert (importer.key, importer.title, scale.id) == (
        "scaffoldcheck", "Scaffold check registry", "scaffoldcheck",
    )
    assert isinstance(importer, MappedImporter)
    result = importer.read_snapshot()
    assert (result.report.rows_read, len(result.report.rejected), len(result.catalogue)) == (3, 0, 3)
    item = result.catalogue.get("scaffoldcheck:school-steps")
    assert [s.value for s in item.target.settings] == ["school", "community"]
    assert (item.country, item.ratings[0].level.value, item.target.ages.min) == ("SE", "effective", 12)

    # its generated tests (the contract and three of its own) pass under pytest, fixtures included
    run = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target / "tests")],
               cwd=target, PYTHONPATH=str(target / "src"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "11 passed" in run.stdout


@pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import setuptools"], capture_output=True).returncode != 0,
    reason="setuptools is needed to build the scaffolded package",
)
def test_scaffolded_plugin_installs_and_appears_in_catalogues(tmp_path: Path) -> None:
    target = scaffold_plugin("installcheck", tmp_path, title="Install check registry")
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
           "--no-index", "--target", str(site), str(target)]
    installed = _run(pip, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    listed = _run([sys.executable, "-c", "from prevcat.cli import main; main()", "catalogues"], cwd=tmp_path,
                  PYTHONPATH=os.pathsep.join([str(site), *sys.path]))
    assert listed.returncode == 0, listed.stdout + listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("installcheck"))
    assert "Install check registry" in line and "3 interventions" in line and "0 rows rejected" in line
    assert "Warning" not in listed.stdout + listed.stderr


def test_new_plugin_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["new-plugin", "cityreg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"created {tmp_path / 'prevcat-cityreg'}"
    assert (tmp_path / "prevcat-cityreg" / "src" / "prevcat_cityreg" / "registry.toml").is_file()
    again = runner.invoke(main, ["new-plugin", "cityreg", "-o", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.stderr
    bad = runner.invoke(main, ["new-plugin", "City Reg", "-o", str(tmp_path)])
    assert bad.exit_code == 1 and "did you mean 'city-reg'" in bad.stderr
