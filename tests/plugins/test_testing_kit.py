"""prevcat.testing as plugin authors use it: the pytest fixtures and the contract's own failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from prevcat.catalogue import Catalogue
from prevcat.errors import PluginError
from prevcat.io import load_catalogue
from prevcat.plugins import get_registry
from prevcat.testing import ImporterContract, contract_for, report_lines, snapshot_result


def test_catalogue_file_writes_prevcat_json_that_loads_back(
    catalogue_file: Callable[[Catalogue], Path],
) -> None:
    from prevcat_crimesolutions import plugin

    catalogue = snapshot_result(plugin.importer_class()).catalogue
    path = catalogue_file(catalogue)
    assert path.name == "crimesolutions.json"
    assert load_catalogue(path) == catalogue


def test_strict_plugins_turns_a_plugin_problem_into_an_error(
    strict_plugins: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.py").write_text("raise RuntimeError('broken on import')\n", encoding="utf-8")
    with pytest.raises(PluginError, match="broken on import"):
        get_registry(plugins_dir=tmp_path)


def test_read_csv_and_report_lines_give_the_rows_messages(read_csv: Callable[..., object]) -> None:
    from prevcat_vidensportalen import plugin

    result = read_csv(plugin.importer_class(), "id,Indsats,Vidensgrundlag Effekt", "a,A,E", "b,B,A")
    catalogue, rejected, warnings = report_lines(result)  # type: ignore[arg-type]
    assert [item.id for item in catalogue] == ["vidensportalen:b"]
    assert len(rejected) == 1 and "'E'" in rejected[0] and warnings == []


def test_contract_for_takes_the_key_from_the_registry_and_needs_a_bad_row() -> None:
    contract = contract_for("prevcat_xchange", bad_csv="id,Title,Evidence rating\nx,X,Great\n")
    assert issubclass(contract, ImporterContract) and contract.__name__.startswith("Test")
    assert (contract.key, contract.bad_rows) == ("xchange", 1)
    with pytest.raises(NotImplementedError, match="bad_csv"):
        ImporterContract().write_bad_file(Path("."))
