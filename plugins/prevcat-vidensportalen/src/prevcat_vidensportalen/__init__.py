"""prevcat plugin: Vidensportalen på det sociale område (Socialstyrelsen, Denmark)."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_vidensportalen.rules import DECLARATION_SCALE, VidensportalenImporter  # noqa: E402

SCALES = plugin.scales
__all__ = ["DECLARATION_SCALE", "SCALES", "VidensportalenImporter", "plugin"]
