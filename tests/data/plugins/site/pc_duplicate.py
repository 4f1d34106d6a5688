"""A test plugin registering an importer key that pc_healthy already registers."""

from pc_healthy import HealthyImporter

from prevcat import hookimpl


@hookimpl
def prevcat_register_importers(register):
    register(HealthyImporter())
