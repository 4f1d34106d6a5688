"""End to end: a plugin made by ``prevcat new-plugin`` and a poisoned one, installed with pip.

Both are installed offline into a temporary folder (``pip install --target``) that the
``prevcat`` subprocesses see on ``PYTHONPATH``; removing the folder uninstalls them, and the
test environment itself is never changed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from prevcat.plugins.scaffold import scaffold_plugin

POISONED = Path(__file__).resolve().parents[1] / "data" / "plugins" / "prevcat-test-poisoned"
PIP = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("installed")
    package = scaffold_plugin("demoreg", root / "projects", title="Demo registry")
    poisoned = shutil.copytree(POISONED, root / "projects" / "prevcat-test-poisoned")
    site = root / "site"
    for project in (package, poisoned):
        done = subprocess.run([*PIP, "--target", str(site), str(project)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    yield {"site": site, "package": package}
    shutil.rmtree(site, ignore_errors=True)


def prevcat(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREVCAT_")}
    environ.update(PYTHONPATH=str(site), **env)
    return subprocess.run(
        [sys.executable, "-c", "from prevcat.cli import main; main()", *args],
        capture_output=True, text=True, env=environ,
    )


def test_installed_plugin_is_discovered_through_its_entry_point(installed: dict[str, Path]) -> None:
    done = prevcat(installed["site"], "plugins", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    demo = next(p for p in data["plugins"] if p["name"] == "prevcat-demoreg")
    assert (demo["version"], demo["kind"]) == ("0.1.0", "entrypoint")
    assert demo["module"] == "prevcat_demoreg"  # the scaffold's plugin object, named by its package
    assert (demo["importers"], demo["scales"]) == (["demoreg"], ["demoreg@1"])
    poisoned = [p for p in data["problems"] if p["plugin"] == "prevcat-test-poisoned"]
    assert [p["stage"] for p in poisoned] == ["import"]
    assert "needs the registry's API client" in poisoned[0]["error"]


def test_catalogues_lists_the_healthy_plugin_and_names_the_poisoned_one(installed: dict[str, Path]) -> None:
    both = "prevcat-demoreg,prevcat-test-poisoned"
    done = prevcat(installed["site"], "catalogues", PREVCAT_LOAD_PLUGINS=both)
    assert done.returncode == 0, done.stderr
    month = dt.date.today().strftime("%Y-%m")
    assert done.stdout.splitlines() == [
        f"demoreg  Demo registry  |  3 interventions, 3 ratings, 0 rows rejected, snapshot {month}"
    ]
    assert done.stderr.splitlines() == [
        "Warning: plugin 'prevcat-test-poisoned' (import): cannot import 'prevcat_test_poisoned.plugin': "
        "ImportError: prevcat-test-poisoned needs the registry's API client, which is not installed"
    ]


def test_strict_mode_fails_on_the_poisoned_plugin(installed: dict[str, Path]) -> None:
    done = prevcat(installed["site"], "catalogues", PREVCAT_STRICT_PLUGINS="1",
                   PREVCAT_LOAD_PLUGINS="prevcat-demoreg,prevcat-test-poisoned")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Error: plugin 'prevcat-test-poisoned': cannot import")


def test_installed_scaffold_passes_its_own_test_suite(installed: dict[str, Path]) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREVCAT_")}
    environ["PYTHONPATH"] = str(installed["site"])
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=installed["package"], capture_output=True, text=True, env=environ,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed is not None and int(passed.group(1)) >= 9, done.stdout
