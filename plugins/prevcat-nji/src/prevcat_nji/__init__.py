"""prevcat plugin: the Dutch NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_nji.rules import JUSTITIE_SCALE, NJI_SCALE, RIVM_SCALE, NjiImporter  # noqa: E402

SCALES = plugin.scales
__all__ = ["JUSTITIE_SCALE", "NJI_SCALE", "RIVM_SCALE", "SCALES", "NjiImporter", "plugin"]
