"""prevcat plugin for Metodguiden (Socialstyrelsen, Sweden): importer, guideline-priority scale, snapshot."""

from __future__ import annotations

from prevcat_metodguiden.importer import MetodguidenImporter
from prevcat_metodguiden.scales import NR_SCALE, SCALES

__all__ = ["NR_SCALE", "SCALES", "MetodguidenImporter"]
