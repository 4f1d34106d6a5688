"""Property-based fuzzing on text: CSV, JSON and TOML files as users' tools write them, broken in
every way ``tests/fuzz_text.py`` knows.  Every input ends in exit 0 with each row accounted for or
in a located error, never a traceback or a hang.  (``benchmarks/fuzz_readers.py`` runs the same
strategies 10,000 times per reader.)"""

from __future__ import annotations

import runpy
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from prevcat.plugins import reset_plugin_manager

FUZZ = runpy.run_path(str(Path(__file__).resolve().parents[1] / "fuzz_text.py"))
FUZZ_SETTINGS = settings(
    max_examples=250, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    mp = pytest.MonkeyPatch()
    mp.setenv("PREVCAT_LOAD_PLUGINS", "")
    reset_plugin_manager()
    path = tmp_path_factory.mktemp("fuzz")
    FUZZ["warm_up"](path)
    yield path
    mp.undo()
    reset_plugin_manager()


def _assert_handled(outcome: Any) -> None:
    assert outcome.kind in ("ok", "error"), outcome.detail
    assert outcome.unaccounted == 0, outcome.detail


def test_csv_text_imports_or_fails_with_a_located_message(folder: Path) -> None:
    @FUZZ_SETTINGS
    @given(FUZZ["csv_files"]())
    def check(written: Any) -> None:
        _assert_handled(FUZZ["check_import"](written, folder))

    check()


def test_json_text_imports_or_fails_with_a_located_message(folder: Path) -> None:
    @FUZZ_SETTINGS
    @given(FUZZ["json_files"]())
    def check(written: Any) -> None:
        _assert_handled(FUZZ["check_import"](written, folder))

    check()


def test_toml_text_reads_or_fails_with_a_located_message() -> None:
    @FUZZ_SETTINGS
    @given(FUZZ["toml_files"]())
    def check(written: Any) -> None:
        _assert_handled(FUZZ["check_portfolio"](written))

    check()


# -- time grows with the input, not faster ---------------------------------------------------------


def _best(call: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(make: Callable[[int], Any], check: Callable[[Any], Any], n: int) -> float:
    small, large = make(n), make(8 * n)
    return _best(lambda: check(large)) / _best(lambda: check(small))


def test_csv_time_is_linear_in_rows(folder: Path) -> None:
    written = FUZZ["Written"]

    def make(n: int) -> Any:
        rows = "".join(f"{i},Method {i},SE,130,notes {i}\n" for i in range(n))  # every row rejected
        return written(("id,name,country,max_age,notes\n" + rows).encode(), "csv", n)

    ratio = _ratio(make, lambda w: _assert_handled(FUZZ["check_import"](w, folder)), 500)
    assert ratio < 32, ratio  # linear: about 8; quadratic: 64


def test_a_long_string_in_a_list_field_costs_linear_time(folder: Path) -> None:
    written = FUZZ["Written"]

    def make(n: int) -> Any:
        text = '{"format_version": 1, "kind": "prevcat.catalogue", '
        text += '"provenance": {"source": "f", "title": "F"}, '
        text += '"interventions": [{"source": "f", "id": "f:1", "name": "A", "aliases": "' + "x" * n + '"}]}'
        return written(text.encode(), "json", None)

    ratio = _ratio(make, lambda w: _assert_handled(FUZZ["check_import"](w, folder)), 16_000)
    assert ratio < 32, ratio


def test_toml_time_is_linear_in_entries() -> None:
    written = FUZZ["Written"]

    def make(n: int) -> Any:
        entries = "".join(f'[[methods]]\nname = "M {i}"\nages = "x{i}"\n' for i in range(n))  # all wrong
        return written(('city = "Malmö"\ncountry = "SE"\n' + entries).encode(), "toml", None)

    ratio = _ratio(make, lambda w: _assert_handled(FUZZ["check_portfolio"](w)), 200)
    assert ratio < 32, ratio
