"""prevcat plugin for Metodguiden (Socialstyrelsen, Sweden): importer, guideline-priority scale, snapshot."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_metodguiden.rules import NR_SCALE, MetodguidenImporter  # noqa: E402

SCALES = plugin.scales
__all__ = ["NR_SCALE", "SCALES", "MetodguidenImporter", "plugin"]
