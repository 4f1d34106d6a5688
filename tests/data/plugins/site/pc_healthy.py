"""A healthy test plugin: one importer with a bundled snapshot, rated on the common scale."""

from pathlib import Path

from prevcat import COMMON_SCALE, Provenance, Snapshot, hookimpl
from prevcat.importers.generic import GenericImporter

DATA = Path(__file__).with_name("pc_healthy.csv")


class HealthyImporter(GenericImporter):
    key = "healthy"
    title = "Healthy test registry"
    formats = ("csv",)

    def __init__(self) -> None:
        super().__init__("healthy", scales={(COMMON_SCALE.id, COMMON_SCALE.version): COMMON_SCALE},
                         title="Healthy test registry")

    def snapshot(self) -> Snapshot:
        return Snapshot(DATA, Provenance(source="healthy", title="Healthy test registry",
                                         url="https://example.org/healthy", snapshot="2026-11",
                                         licence="test data"))


@hookimpl
def prevcat_register_importers(register):
    register(HealthyImporter())
