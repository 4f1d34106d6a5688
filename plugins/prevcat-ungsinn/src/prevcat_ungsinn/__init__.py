"""prevcat plugin for Ungsinn (Norway): importer, both classification scales, bundled snapshot."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_ungsinn.rules import NEW_SCALE, OLD_SCALE, UngsinnImporter  # noqa: E402

SCALES = plugin.scales
__all__ = ["NEW_SCALE", "OLD_SCALE", "SCALES", "UngsinnImporter", "plugin"]
