"""A test plugin whose importer's bundled snapshot is missing."""

from pathlib import Path

from prevcat import Provenance, Snapshot, hookimpl
from prevcat.importers.generic import GenericImporter


class MissingSnapshotImporter(GenericImporter):
    key = "missing-snapshot"
    title = "Importer with a missing snapshot"

    def __init__(self) -> None:
        super().__init__("missing-snapshot")

    def snapshot(self) -> Snapshot:
        return Snapshot(Path(__file__).with_name("no_such_file.csv"),
                        Provenance(source="missing-snapshot", title="Missing"))


@hookimpl
def prevcat_register_importers(register):
    register(MissingSnapshotImporter())
