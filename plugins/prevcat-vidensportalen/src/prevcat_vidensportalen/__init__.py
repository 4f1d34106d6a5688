"""prevcat plugin: Vidensportalen på det sociale område (Socialstyrelsen, Denmark)."""

from prevcat_vidensportalen.importer import VidensportalenImporter
from prevcat_vidensportalen.scales import DECLARATION_SCALE, SCALES

__all__ = ["DECLARATION_SCALE", "SCALES", "VidensportalenImporter"]
