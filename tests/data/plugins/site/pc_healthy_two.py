"""A second healthy test plugin: an importer and its own evidence scale."""

from pathlib import Path

from prevcat import Direction, EvidenceLevel, EvidenceScale, Provenance, ScaleLevel, Snapshot, hookimpl
from prevcat.importers.generic import GenericImporter

SCALE = EvidenceScale(
    id="healthy-two", version="1", name="Healthy two scale",
    levels=(ScaleLevel("Weak", EvidenceLevel.INSUFFICIENT, Direction.UNKNOWN),
            ScaleLevel("Strong", EvidenceLevel.EFFECTIVE, Direction.POSITIVE)),
)


class HealthyTwoImporter(GenericImporter):
    key = "healthy-two"
    title = "Second healthy test registry"
    formats = ("csv",)

    def __init__(self) -> None:
        super().__init__("healthy-two", scales={(SCALE.id, SCALE.version): SCALE})

    def snapshot(self) -> Snapshot:
        return Snapshot(Path(__file__).with_name("pc_healthy_two.csv"),
                        Provenance(source="healthy-two", title="Second healthy test registry",
                                   snapshot="2025-01"))


@hookimpl
def prevcat_register_importers(register):
    register(HealthyTwoImporter())


@hookimpl
def prevcat_register_evidence_scales(register):
    register(SCALE)
