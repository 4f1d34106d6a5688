"""prevcat plugin: the Dutch NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven."""

from prevcat_nji.importer import NjiImporter
from prevcat_nji.scales import JUSTITIE_SCALE, NJI_SCALE, RIVM_SCALE, SCALES

__all__ = ["JUSTITIE_SCALE", "NJI_SCALE", "RIVM_SCALE", "SCALES", "NjiImporter"]
