"""A test plugin whose importer hook raises after registering once."""

from pc_healthy import HealthyImporter

from prevcat import COMMON_SCALE, hookimpl


@hookimpl
def prevcat_register_importers(register):
    register(HealthyImporter())
    raise RuntimeError("registry file could not be opened")


@hookimpl
def prevcat_register_evidence_scales(register):
    register(COMMON_SCALE)  # a duplicate of the built-in scale: rejected naming both plugins
