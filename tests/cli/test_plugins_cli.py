"""The plugin commands: plugins, catalogues (with a poisoned plugin), import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.cli.loading import load_library_for_cli

SWEDISH = Path(__file__).resolve().parents[1] / "data" / "generic" / "metoder_sv.csv"
MP = pytest.MonkeyPatch


# the framework under test, independent of which other built-in plugins exist (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("plugin_site")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_plugins_lists_name_version_hooks_importers_and_scales() -> None:
    code, out, err = run("plugins", env={"PREVCAT_LOAD_PLUGINS": "healthy-two"})
    assert code == 0 and err == ""
    block = out[out.index("prevcat-test-healthy-two"):]
    assert block.splitlines()[:4] == [
        "prevcat-test-healthy-two 2.1 (entrypoint)",
        "  hooks:     prevcat_register_importers, prevcat_register_evidence_scales",
        "  importers: healthy-two",
        "  scales:    healthy-two@1",
    ]
    assert "prevcat.plugins.builtins" in out and "importers: generic" in out


def test_plugins_json_includes_problems() -> None:
    code, out, _ = run("plugins", "--format", "json", env={"PREVCAT_LOAD_PLUGINS": "healthy,broken-import"})
    assert code == 0
    data = json.loads(out)
    healthy = next(p for p in data["plugins"] if p["name"] == "prevcat-test-healthy")
    assert (healthy["version"], healthy["importers"], healthy["scales"]) == ("1.0", ["healthy"], [])
    assert [(p["plugin"], p["stage"]) for p in data["problems"]] == [("prevcat-test-broken-import", "import")]


def test_catalogues_lists_healthy_plugins_and_names_the_poisoned_one() -> None:
    env = {"PREVCAT_LOAD_PLUGINS": "healthy,healthy-two,broken-import,raising-hook"}
    code, out, err = run("catalogues", env=env)
    assert code == 0
    assert out.splitlines() == [
        "healthy      Healthy test registry  |  2 interventions, 2 ratings, 0 rows rejected, "
        "snapshot 2026-11",
        "healthy-two  Second healthy test registry  |  3 interventions, 2 ratings, 0 rows rejected, "
        "snapshot 2025-01",
    ]
    warnings = err.splitlines()
    assert warnings[0] == (
        "Warning: plugin 'prevcat-test-broken-import' (import): cannot import 'pc_broken_import': "
        "ModuleNotFoundError: No module named 'prevcat_dependency_that_is_not_installed'"
    )
    assert any("prevcat-test-raising-hook" in w and "RuntimeError" in w for w in warnings)


def test_catalogues_in_strict_mode_fails_naming_the_broken_plugin() -> None:
    env = {"PREVCAT_LOAD_PLUGINS": "healthy,broken-import", "PREVCAT_STRICT_PLUGINS": "1"}
    code, out, err = run("catalogues", env=env)
    assert code == 1 and out == ""
    assert err.startswith("Error: plugin 'prevcat-test-broken-import': cannot import 'pc_broken_import'")


def test_catalogues_json_and_the_plugins_dir_option(tmp_path: Path) -> None:
    (tmp_path / "local_plugin.py").write_text(
        "from pathlib import Path\n"
        "from prevcat import Provenance, Snapshot, hookimpl\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "class Local(GenericImporter):\n    key = 'local'\n    title = 'Local'\n"
        "    def __init__(self):\n        super().__init__('local')\n"
        "    def snapshot(self):\n"
        "        return Snapshot(Path(__file__).with_name('local.csv'),\n"
        "                        Provenance(source='local', title='Our methods', snapshot='2026-10'))\n"
        "@hookimpl\ndef prevcat_register_importers(register):\n    register(Local())\n",
        encoding="utf-8",
    )
    (tmp_path / "local.csv").write_text("id,name,rating\na,A,promising\nb,B,nonsense\n", encoding="utf-8")
    code, out, err = run("--plugins-dir", str(tmp_path), "catalogues", "--format", "json",
                         env={"PREVCAT_LOAD_PLUGINS": ""})
    assert code == 0 and err == ""
    assert json.loads(out) == [{
        "source": "local", "title": "Our methods", "interventions": 1, "ratings": 1, "rejected": 1,
        "snapshot": "2026-10",
        "published": None,
        "closed": None,
    }]


def test_load_library_for_cli_warns_on_stderr(capsys: pytest.CaptureFixture[str], monkeypatch: MP) -> None:
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "healthy,bad-snapshot")
    library = load_library_for_cli(None)
    assert library.sources == ("healthy",)
    err = capsys.readouterr().err
    assert "Warning: plugin 'prevcat-test-bad-snapshot' (snapshot)" in err


def test_import_swedish_excel_file_with_map_prints_a_report_that_adds_up(tmp_path: Path) -> None:
    output = tmp_path / "orebro.json"
    code, out, err = run(
        "import", str(SWEDISH), "--source", "orebro",
        "--map", "id=Metod-ID", "--map", "name=Programnamn", "--map", "aliases=Andra namn",
        "--map", "country=Land", "--map", "rating=Evidensnivå", "--map", "min_age=Ålder från",
        "--map", "max_age=Ålder till", "--map", "settings=Arena", "--map", "levels=Nivå",
        "-o", str(output), "--allow-rejects",
        env={"PREVCAT_LOAD_PLUGINS": ""},
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "metoder_sv.csv: 7 rows read, 5 imported (5 interventions), 2 rejected, 0 warnings"
    assert lines[1].startswith("  rejected row 5 (line 6) [ansvar]: rating: unknown label 'Lovande'")
    assert lines[2] == (
        "  rejected row 7 (line 8) [prata]: max_age: '130' is not an age in whole years (0..120)"
    )
    assert lines[3] == f"wrote 5 interventions to {output}"
    from prevcat.io import loads_catalogue

    catalogue = loads_catalogue(output.read_text(encoding="utf-8"))
    assert catalogue.source == "orebro" and len(catalogue) == 5
    assert catalogue.get("orebro:effekt").extra_values("Språk") == ("sv",)


def test_import_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    code, _, err = run("import", str(SWEDISH), "--map", "titel=Programnamn")
    assert code == 1
    assert err.startswith("Error: column mapping 'titel=Programnamn': 'titel' is not a standard")
    code, _, err = run("import", str(SWEDISH), env={"PREVCAT_LOAD_PLUGINS": ""})
    assert code == 1 and "missing required column(s) id, name" in err


def test_catalogues_show_published_size_and_a_closed_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from prevcat.catalogue import Catalogue, Library, Provenance
    from prevcat.model import Intervention
    from prevcat.plugins import LoadedLibrary

    provenance = Provenance(
        "closedreg", "A closed registry", country="DK", published="about 40 methods (its own front page)",
        closed=dt.date(2024, 1, 3),
    )
    method = Intervention(source="closedreg", id="closedreg:1", name="A")
    loaded = LoadedLibrary(library=Library.of([Catalogue(provenance, [method])]), reports={})
    monkeypatch.setattr("prevcat.cli.plugins.load_catalogues", lambda **_: loaded)
    text = CliRunner().invoke(main, ["catalogues"])
    assert text.exit_code == 0, text.output
    assert "the registry publishes: about 40 methods (its own front page)" in text.output
    assert "closed on 2024-01-03: this catalogue is frozen" in text.output
    as_json = json.loads(CliRunner().invoke(main, ["catalogues", "--format", "json"]).output)
    assert as_json[0]["published"].startswith("about 40") and as_json[0]["closed"] == "2024-01-03"
