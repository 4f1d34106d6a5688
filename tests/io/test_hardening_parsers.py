"""Deep nesting, huge numbers and wrong types in JSON and TOML are one located error, quickly."""

from __future__ import annotations

import contextlib
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from prevcat.errors import MAX_SHOWN_ERRORS, DataError, DataErrors
from prevcat.io import load_catalogue, loads_catalogue
from prevcat.io.limits import MAX_DEPTH, depth_exceeds, line_too_deep
from prevcat.io.toml_read import loads_toml


def _catalogue(**record: object) -> str:
    doc = {
        "format_version": 1,
        "kind": "prevcat.catalogue",
        "provenance": {"source": "x", "title": "X"},
        "interventions": [{"source": "x", "id": "x:1", "name": "A", **record}],
    }
    return json.dumps(doc, indent=2)


def _only_error(call: Callable[[], object]) -> DataError:
    with pytest.raises(DataErrors) as info:
        call()
    assert len(info.value.errors) == 1, str(info.value)
    return info.value.errors[0]


# -- JSON ----------------------------------------------------------------------------------------


def test_json_nested_1000_levels_is_a_located_error() -> None:
    text = '{"format_version": 1,\n"interventions": ' + "[" * 1000 + "]" * 1000 + "}"
    error = _only_error(lambda: loads_catalogue(text, file="deep.json"))
    assert error.file == "deep.json" and error.line == 2
    assert "nest more than" in error.message


def test_json_nested_100000_levels_is_a_located_error() -> None:
    text = "[" * 100_000 + "]" * 100_000
    error = _only_error(lambda: loads_catalogue(text, file="deep.json"))
    assert "nest more than" in error.message and error.line == 1


def test_json_nesting_just_over_the_limit_is_refused_and_under_it_is_parsed() -> None:
    over = '{"format_version": 1, "x": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    assert "nest more than" in _only_error(lambda: loads_catalogue(over)).message
    under = '{"format_version": 1, "x": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    with pytest.raises(DataErrors) as info:  # parsed, then refused for its unknown field
        loads_catalogue(under)
    assert "nest" not in str(info.value)


def test_json_number_of_5000_digits_is_a_data_error() -> None:
    error = _only_error(lambda: loads_catalogue('{"format_version": ' + "1" * 5000 + "}"))
    assert "not valid JSON" in error.message


def test_a_string_where_a_list_belongs_is_one_error_with_its_line() -> None:
    error = _only_error(lambda: loads_catalogue(_catalogue(aliases="x" * 16_000), file="c.json"))
    assert error.path == "interventions[0].aliases"
    assert "expected a list, got a string" in error.message
    assert error.line == 13  # the line of "aliases"
    assert len(error.message) < 200  # the string is shortened in the message


@pytest.mark.parametrize("value", ["text", {"a": "b"}, 3, True])
def test_every_list_field_refuses_a_non_list(value: object) -> None:
    for field in ("aliases", "languages", "ratings", "extra", "domains"):
        error = _only_error(lambda f=field: loads_catalogue(_catalogue(**{f: value})))
        assert error.path == f"interventions[0].{field}" and "expected a list" in error.message


def _best_time(call: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            with contextlib.suppress(DataErrors):
                call()
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def test_many_errors_cost_linear_time() -> None:
    """8 times the bad items take about 8 times as long; quadratic would be 64 (the margin is for
    a busy machine)."""

    def bad_aliases(n: int) -> str:
        return _catalogue(aliases=[{"name": 1}] * n)

    small, large = bad_aliases(1_000), bad_aliases(8_000)
    ratio = _best_time(lambda: loads_catalogue(large)) / _best_time(lambda: loads_catalogue(small))
    assert ratio < 32, ratio


def test_thousands_of_errors_print_a_capped_message_with_a_count() -> None:
    with pytest.raises(DataErrors) as info:
        loads_catalogue(_catalogue(aliases=[{"name": 1}] * 500))
    assert len(info.value.errors) == 500
    text = str(info.value)
    assert text.count("\n  - ") == MAX_SHOWN_ERRORS
    assert text.endswith(f"... and {500 - MAX_SHOWN_ERRORS} more problem(s)")


# -- TOML ----------------------------------------------------------------------------------------


def test_toml_500_nested_arrays_is_a_located_error() -> None:
    text = 'city = "Malmö"\nmethods = ' + "[" * 500 + "]" * 500 + "\n"
    error = _only_error(lambda: loads_toml(text, file="p.toml"))
    assert (error.file, error.line) == ("p.toml", 2)
    assert "nest more than" in error.message


def test_toml_330_nested_inline_tables_is_a_located_error() -> None:
    text = "# a comment [[[[\n" + "x = " + "{a = " * 330 + "1" + "}" * 330 + "\n"
    error = _only_error(lambda: loads_toml(text, file="p.toml"))
    assert error.line == 2 and "nest more than" in error.message


def test_toml_nesting_under_what_python_can_parse_is_still_refused() -> None:
    text = "x = " + "[" * 100 + "]" * 100
    assert "nest more than" in _only_error(lambda: loads_toml(text)).message


def test_toml_syntax_error_keeps_its_line() -> None:
    error = _only_error(lambda: loads_toml('city = "A"\nyear = \n', file="p.toml"))
    assert error.line == 2 and error.message.startswith("not valid TOML: ")
    assert "(at line" not in error.message


def test_toml_number_of_5000_digits_is_a_located_error() -> None:
    error = _only_error(lambda: loads_toml('city = "A"\nyear = ' + "9" * 5000, file="p.toml"))
    assert error.line == 2 and "too long" in error.message


def test_toml_nul_is_a_located_error() -> None:
    error = _only_error(lambda: loads_toml('city = "A\x00"'))
    assert error.line == 1


def test_toml_byte_order_marks_are_ignored() -> None:
    assert loads_toml('\ufeff\ufeffcity = "Malmö"') == {"city": "Malmö"}


def test_toml_ordinary_document_parses() -> None:
    text = 'city = "Oslo"\n[[methods]]\nname = "PALS"\nages = [6, 12]\n'
    assert loads_toml(text) == {"city": "Oslo", "methods": [{"name": "PALS", "ages": [6, 12]}]}


# -- the helpers ---------------------------------------------------------------------------------


def test_depth_counts_lists_and_mappings_without_recursing() -> None:
    value: object = 1
    for _ in range(100_000):
        value = [value]
    assert depth_exceeds(value, 64)
    assert not depth_exceeds({"a": [{"b": [1]}]}, 4) and depth_exceeds({"a": [{"b": [1]}]}, 3)


def test_line_too_deep_skips_brackets_in_strings_and_comments() -> None:
    text = 'a = "[[[["\n# [[[[\nb = [[[\n'
    assert line_too_deep(text, 2, comment="#") == 3
    assert line_too_deep('"\\"[[[["\n[[[', 2) == 2


def test_a_catalogue_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b'{\n"format_version": 1,\n"x": "\xe9"}')
    error = _only_error(lambda: load_catalogue(path))
    assert (error.file, error.line) == (str(path), 3) and "not UTF-8" in error.message
