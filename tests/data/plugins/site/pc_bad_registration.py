"""A test plugin registering invalid things beside one valid importer."""

from prevcat import hookimpl
from prevcat.importers.generic import GenericImporter


class BadKeyImporter(GenericImporter):
    key = "Bad Key"
    title = "Bad key"


class NoTitleImporter(GenericImporter):
    key = "no-title"
    title = " "


class FineImporter(GenericImporter):
    key = "fine"
    title = "A fine importer without a snapshot"


@hookimpl
def prevcat_register_importers(register):
    register("not an importer")
    register(BadKeyImporter())
    register(NoTitleImporter())
    register(FineImporter())


@hookimpl
def prevcat_register_glossary(register):
    register("Swedish", {"föräldrar": "parent"})
