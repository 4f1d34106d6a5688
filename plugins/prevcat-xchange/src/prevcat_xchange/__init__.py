"""prevcat plugin: the EUDA Xchange prevention registry."""

from prevcat_xchange.importer import XchangeImporter
from prevcat_xchange.scales import GLOBAL_SCALE, XCHANGE_SCALE

__all__ = ["GLOBAL_SCALE", "XCHANGE_SCALE", "XchangeImporter"]
