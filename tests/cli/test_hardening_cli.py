"""The CLI on hostile data and misbehaving plugins: escapes, exit codes, SystemExit, hangs, Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main
from prevcat.cli.formatting import terminal_text
from prevcat.io.csv_export import neutralise_cell
from prevcat.plugins import reset_plugin_manager
from prevcat.plugins.loading import set_plugin_timeout

MP = pytest.MonkeyPatch
ESC = "\x1b]0;owned\x07\x1b[2J"


@pytest.fixture(autouse=True)
def only_builtins(monkeypatch: MP) -> Iterator[None]:
    monkeypatch.setattr("prevcat.plugins.loading.DEFAULT_PLUGINS", ("prevcat.plugins.builtins",))
    for var in ("PREVCAT_STRICT_PLUGINS", "PREVCAT_PLUGINS_DIR", "PREVCAT_PLUGIN_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    reset_plugin_manager()
    yield
    set_plugin_timeout(None)
    reset_plugin_manager()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _local_plugin(folder: Path, csv_text: str, *, read_body: str = "", hook_body: str = "") -> None:
    """A plugins-folder module whose importer 'local' reads local.csv (and may misbehave first)."""
    (folder / "local_plugin.py").write_text(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from prevcat import Provenance, Snapshot, hookimpl\n"
        "from prevcat.importers.generic import GenericImporter\n"
        "class Local(GenericImporter):\n    key = 'local'\n    title = 'Local'\n"
        "    def __init__(self):\n        super().__init__('local')\n"
        "    def snapshot(self):\n"
        "        return Snapshot(Path(__file__).with_name('local.csv'),\n"
        "                        Provenance(source='local', title='Our methods', snapshot='2026-10'))\n"
        "    def read_snapshot(self):\n"
        f"        {read_body or 'pass'}\n"
        "        return super().read_snapshot()\n"
        "@hookimpl\ndef prevcat_register_importers(register):\n"
        f"    {hook_body or 'pass'}\n"
        "    register(Local())\n",
        encoding="utf-8",
    )
    (folder / "local.csv").write_text(csv_text, encoding="utf-8")


# -- terminal output ---------------------------------------------------------------------------


def test_terminal_text_escapes_controls_and_bidi_overrides() -> None:
    assert terminal_text("a\x1b[31mb\u202ec\x00\r") == "a\\x1b[31mb\\u202ec\\x00\\x0d"
    assert terminal_text("two\nlines\tok", keep_lines=True) == "two\nlines\tok"
    assert terminal_text("two\nlines") == "two\\x0alines"
    assert terminal_text("Föräldrar i fokus — 13–17") == "Föräldrar i fokus — 13–17"


def test_show_and_search_print_escape_sequences_as_text(tmp_path: Path) -> None:
    _local_plugin(tmp_path, f"id,name,notes\na,Komet{ESC},x\x1b[1my\nb,Plain,\n")
    code, out, _ = run("--plugins-dir", str(tmp_path), "show", "local:a", "--no-linked")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "Komet\\x1b]0;owned\\x07\\x1b[2J" in out and "notes: x\\x1b[1my" in out
    code, out, _ = run("--plugins-dir", str(tmp_path), "search", "komet")
    assert code == 0 and "\x1b" not in out and "local:a" in out


def test_an_error_message_with_a_control_character_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(f"ident{ESC},name\n1,A\n", encoding="utf-8")  # the message lists the columns
    code, _, err = run("import", str(path))
    assert code == 1 and "\x1b" not in err and "\\x1b" in err


# -- CSV export --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "＝HYPERLINK(\"x\")", "＋1", "－1", "＠A",
     "﹦1", "  =1", "\u3000＝1"],
)
def test_every_formula_start_is_neutralised(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Komet", "13-17", "a=b", "", " ", "'=1", "PALS (5–12)"])
def test_ordinary_cells_are_kept(value: str) -> None:
    assert neutralise_cell(value) == value


def test_exported_csv_neutralises_full_width_equals_in_a_name(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name\na,＝HYPERLINK(\"http://x\")\n")
    out_file = tmp_path / "out.csv"
    code, _, err = run("--plugins-dir", str(tmp_path), "export", "--format", "csv", "-o", str(out_file))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert rows[0]["name"] == "'＝HYPERLINK(\"http://x\")"


# -- prevcat import exit codes and catalogues --rejected -----------------------------------------


def test_import_with_rejected_rows_exits_1_after_writing_and_allow_rejects_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name,max_age\n1,A,12\n2,B,130\n", encoding="utf-8")
    output = tmp_path / "mine.json"
    code, out, err = run("import", str(path), "-o", str(output))
    assert code == 1
    assert "1 rows imported" not in out and "2 rows read, 1 imported" in out
    assert "rejected row 2 (line 3)" in out and "--allow-rejects" in err
    assert output.exists()
    code, out, err = run("import", str(path), "--allow-rejects")
    assert code == 0 and err == "" and "rejected row 2 (line 3)" in out


def test_import_without_rejects_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name\n1,A\n", encoding="utf-8")
    assert run("import", str(path))[0] == 0


def test_import_prints_50_rejected_rows_and_counts_the_rest_unless_all(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name\n" + "".join(f"{i},\n" for i in range(120)), encoding="utf-8")
    code, out, _ = run("import", str(path))
    assert code == 1 and out.count("  rejected row ") == 50
    assert "... and 70 more rejected row(s)" in out
    code, out, _ = run("import", str(path), "--all")
    assert out.count("  rejected row ") == 120


def test_catalogues_rejected_lists_the_rows_of_one_bundled_catalogue(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name,rating\na,A,promising\nb,B,nonsense\n")
    code, out, _ = run("--plugins-dir", str(tmp_path), "catalogues")
    assert code == 0 and "1 rows rejected" in out and "--rejected KEY" in out
    code, out, _ = run("--plugins-dir", str(tmp_path), "catalogues", "--rejected", "local")
    assert code == 0
    assert "rejected row 2 (line 3) [b]: rating: unknown label 'nonsense'" in out
    folder = str(tmp_path)
    code, out, _ = run("--plugins-dir", folder, "catalogues", "--rejected", "local", "--format", "json")
    data = json.loads(out)
    assert data["rejected"] == [
        {"row": 2, "line": 3, "id": "b", "field": "rating", "reason": data["rejected"][0]["reason"]}
    ]
    code, _, err = run("--plugins-dir", str(tmp_path), "catalogues", "--rejected", "nope")
    assert code == 2 and "catalogues: local" in err


# -- plugins that exit, hang or are interrupted ---------------------------------------------------


def test_a_hook_calling_sys_exit_is_a_problem_not_the_end(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name\na,A\n", hook_body="sys.exit(3)")
    code, out, err = run("--plugins-dir", str(tmp_path), "plugins")
    assert code == 0 and "prevcat.plugins.builtins" in out
    assert "prevcat_register_importers raised SystemExit: 3" in err


def test_a_read_calling_sys_exit_is_a_problem_not_the_end(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name\na,A\n", read_body="raise SystemExit(0)")
    code, out, err = run("--plugins-dir", str(tmp_path), "catalogues")
    assert code == 0 and "No catalogues" in out
    assert "importer 'local' cannot read its snapshot: SystemExit: 0" in err


def test_plugin_timeout_stops_a_hanging_read_and_names_the_plugin(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name\na,A\n", read_body="time.sleep(60)")
    code, _, err = run("--plugins-dir", str(tmp_path), "--plugin-timeout", "0.3", "catalogues")
    assert code == 0
    assert "local_plugin.py" in err and "longer than 0.3 s" in err


def test_plugin_timeout_stops_a_busy_hook_that_swallows_exceptions(tmp_path: Path) -> None:
    body = "while True:\n        try:\n            pass\n        except Exception:\n            pass"
    _local_plugin(tmp_path, "id,name\na,A\n", hook_body=body)
    code, _, err = run("--plugins-dir", str(tmp_path), "--plugin-timeout", "0.3", "plugins")
    assert code == 0 and "PluginTimeout" in err and "local_plugin.py" in err


def test_ctrl_c_in_a_plugin_names_it_and_exits_130(tmp_path: Path) -> None:
    _local_plugin(tmp_path, "id,name\na,A\n", read_body="raise KeyboardInterrupt")
    code, _, err = run("--plugins-dir", str(tmp_path), "catalogues")
    assert code == 130
    assert err.strip() == (
        "Interrupted while plugin 'local_plugin.py' was running (importer 'local' reading its snapshot)."
    )
