"""The bundled registry plugins are independent: leaving one out removes exactly its catalogue."""

from __future__ import annotations

import pytest

from prevcat.plugins import load_catalogues, reset_plugin_manager

KEYS = (
    "blueprints",
    "crimesolutions",
    "gruene-liste",
    "metodguiden",
    "nji",
    "ungsinn",
    "vidensportalen",
    "wwc",
    "xchange",
)


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("PREVCAT_LOAD_PLUGINS", "PREVCAT_STRICT_PLUGINS", "PREVCAT_PLUGINS_DIR"):
        monkeypatch.delenv(var, raising=False)
    reset_plugin_manager()


def test_all_nine_registries_load_without_problems_or_rejected_rows() -> None:
    loaded = load_catalogues(strict=True)
    missing = set(KEYS) - set(loaded.library.sources)
    if missing:
        pytest.skip(f"registry plugins not installed: {sorted(missing)}")
    assert loaded.problems == ()
    for key in KEYS:
        report = loaded.reports[key]
        assert report.rejected == (), report.format()
        assert report.rows_read == report.imported


@pytest.mark.parametrize("left_out", KEYS)
def test_leaving_one_plugin_out_removes_exactly_its_catalogue(
    left_out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = load_catalogues().library
    if left_out not in everything.sources:
        pytest.skip(f"prevcat-{left_out} is not installed")
    others = [f"prevcat-{key}" for key in KEYS if key != left_out and key in everything.sources]
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", ",".join(others))
    reset_plugin_manager()
    loaded = load_catalogues(strict=True)
    assert set(loaded.library.sources) == set(everything.sources) - {left_out}
    for source in loaded.library.sources:
        assert loaded.library.catalogue(source) == everything.catalogue(source)

    from prevcat.linking import link

    crosswalk = link(loaded.library)
    assert all(not m.startswith(f"{left_out}:") for c in crosswalk.clusters for m in c.members)
