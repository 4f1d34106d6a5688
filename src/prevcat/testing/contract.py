"""The importer contract: the checks every registry plugin's importer passes.

One line in a plugin's tests runs them all (see :func:`contract_for`)::

    from prevcat.testing import contract_for

    TestContract = contract_for("prevcat_myregistry", bad_csv="id,name,rating\nx,Some method,Not a label\n")

pytest then checks that the bundled snapshot imports with zero rejected rows, that ids are
unique and carry the key, that every rating label resolves in a registered scale, that the
catalogue survives a JSON round trip unchanged, and that the bad row is reported, not raised.
Subclass :class:`ImporterContract` instead to override a check or ``write_bad_file``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

from prevcat.evidence import COMMON_SCALE, EvidenceScale
from prevcat.importers.base import Importer, ImportResult


def collect_registrations(plugin: object) -> dict[str, list[Any]]:
    """Call a plugin's hooks directly (no plugin manager) and collect what they register."""
    found: dict[str, list[Any]] = {"importers": [], "scales": [], "glossary": []}
    hooks = {
        "prevcat_register_importers": lambda item: found["importers"].append(item),
        "prevcat_register_evidence_scales": lambda item: found["scales"].append(item),
        "prevcat_register_glossary": lambda lang, terms: found["glossary"].append((lang, terms)),
    }
    for name, register in hooks.items():
        hook = getattr(plugin, name, None)
        if hook is not None:
            hook(register=register)
    return found


class ImporterContract:
    """Base class of a plugin's contract tests (pytest collects subclasses named ``Test*``)."""

    plugin: ClassVar[ModuleType | object]
    key: ClassVar[str]
    #: the text of a file with ``bad_rows`` bad rows among good ones (or override ``write_bad_file``)
    bad_csv: ClassVar[str | None] = None
    #: rows of ``write_bad_file`` that must be rejected
    bad_rows: ClassVar[int] = 1
    #: scales owned by other plugins that this plugin's ratings may name
    other_scales: ClassVar[tuple[EvidenceScale, ...]] = ()

    def write_bad_file(self, directory: Path) -> Path:
        """Write a file in this importer's format holding ``bad_rows`` bad rows among good ones."""
        if self.bad_csv is None:
            raise NotImplementedError("set bad_csv, or override write_bad_file: a file with a bad row")
        path = directory / "bad.csv"
        path.write_text(self.bad_csv, encoding="utf-8")
        return path

    # -- helpers ---------------------------------------------------------------------------

    def registrations(self) -> dict[str, list[Any]]:
        return collect_registrations(self.plugin)

    def importer(self) -> Importer:
        importers = [i for i in self.registrations()["importers"] if i.key == self.key]
        assert importers, f"plugin registers no importer with key {self.key!r}"
        assert len(importers) == 1, f"plugin registers {len(importers)} importers with key {self.key!r}"
        return importers[0]  # type: ignore[no-any-return]

    def scales(self) -> Mapping[tuple[str, str], EvidenceScale]:
        scales = {(s.id, s.version): s for s in (*self.registrations()["scales"], *self.other_scales)}
        scales[(COMMON_SCALE.id, COMMON_SCALE.version)] = COMMON_SCALE
        return scales

    def snapshot_result(self) -> ImportResult:
        return snapshot_result(self.importer())

    # -- the contract ------------------------------------------------------------------------

    def test_importer_is_registered_with_its_key(self) -> None:
        importer = self.importer()
        assert importer.key == self.key
        assert importer.title.strip()
        assert importer.formats

    def test_snapshot_has_provenance(self) -> None:
        snap = self.importer().snapshot()
        assert snap is not None, "registry plugins bundle a snapshot"
        assert snap.path.is_file(), f"snapshot file missing: {snap.path}"
        prov = snap.provenance
        assert prov.source == self.key
        assert prov.url, "provenance needs the registry's URL"
        assert prov.snapshot, "provenance needs the snapshot date"
        assert prov.licence, "provenance needs a licence or terms-of-use note"

    def test_snapshot_imports_with_zero_rejected_rows(self) -> None:
        report = self.snapshot_result().report
        assert report.rejected == (), "rejected rows:\n" + report.format()
        assert report.rows_read > 0

    def test_report_counts_add_up(self) -> None:
        result = self.snapshot_result()
        report = result.report
        assert report.rows_read == report.imported + len(report.rejected)
        assert report.interventions == len(result.catalogue)

    def test_ids_are_unique_and_prefixed_with_key(self) -> None:
        catalogue = self.snapshot_result().catalogue
        ids = [i.id for i in catalogue]
        assert len(ids) == len(set(ids))
        assert all(i.startswith(f"{self.key}:") for i in ids)
        assert catalogue.source == self.key

    def test_every_rating_label_resolves_in_a_registered_scale(self) -> None:
        scales = self.scales()
        for item in self.snapshot_result().catalogue:
            for rating in item.ratings:
                scale = scales.get((rating.scale.id, rating.scale.version))
                assert scale is not None, f"{item.id}: scale {rating.scale} is not registered"
                level = scale.lookup(rating.label)
                assert level.level == rating.level, f"{item.id}: {rating.label!r} level differs"
                assert level.direction == rating.direction

    def test_json_round_trip_is_equal(self) -> None:
        from prevcat.io import dumps_catalogue, loads_catalogue

        catalogue = self.snapshot_result().catalogue
        assert loads_catalogue(dumps_catalogue(catalogue)) == catalogue

    def test_bad_row_is_reported_not_raised(self, tmp_path: Path) -> None:
        path = self.write_bad_file(tmp_path)
        result = self.importer().read(path)
        report = result.report
        assert len(report.rejected) == self.bad_rows, report.format()
        assert report.rows_read == report.imported + len(report.rejected)
        for rejected in report.rejected:
            assert rejected.reason.strip()


_SNAPSHOTS: dict[tuple[type, str], ImportResult] = {}


def snapshot_result(importer: Importer) -> ImportResult:
    """``importer.read_snapshot()``, read once per importer class and key in a test run."""
    key = (type(importer), importer.key)
    if key not in _SNAPSHOTS:
        _SNAPSHOTS[key] = importer.read_snapshot()
    return _SNAPSHOTS[key]


@cache
def _plugin_of(package: str) -> object:
    module = importlib.import_module(package)
    return getattr(module, "plugin", module)


def contract_for(
    package: str,
    *,
    bad_csv: str,
    bad_rows: int = 1,
    key: str | None = None,
    other_scales: tuple[EvidenceScale, ...] = (),
) -> type[ImporterContract]:
    """The contract test class of the plugin in ``package`` (its ``plugin`` object, or the module).

    ``key`` defaults to the plugin's registry key; assign the result to a name starting with
    ``Test`` so that pytest collects it.
    """
    plugin = _plugin_of(package)
    spec = getattr(plugin, "spec", None)
    found_key = key or getattr(spec, "key", None)
    if found_key is None:
        raise ValueError(f"{package}: give key=..., the plugin has no registry spec")
    attributes = {"plugin": plugin, "key": found_key, "bad_csv": bad_csv, "bad_rows": bad_rows,
                  "other_scales": other_scales, "__module__": package}
    return type(f"Test{found_key.title().replace('-', '')}Contract", (ImporterContract,), attributes)
