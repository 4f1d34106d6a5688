"""prevcat plugin: the EUDA Xchange prevention registry."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_xchange.rules import GLOBAL_SCALE, XCHANGE_SCALE, XchangeImporter  # noqa: E402

__all__ = ["GLOBAL_SCALE", "XCHANGE_SCALE", "XchangeImporter", "plugin"]
