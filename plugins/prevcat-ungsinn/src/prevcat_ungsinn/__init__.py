"""prevcat plugin for Ungsinn (Norway): importer, both classification scales, bundled snapshot."""

from __future__ import annotations

from prevcat_ungsinn.importer import UngsinnImporter
from prevcat_ungsinn.scales import NEW_SCALE, OLD_SCALE, SCALES

__all__ = ["NEW_SCALE", "OLD_SCALE", "SCALES", "UngsinnImporter"]
