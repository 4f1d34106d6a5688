"""prevcat hooks of the CrimeSolutions plugin (thin: the work is in importer.py and scales.py)."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_crimesolutions.importer import CrimeSolutionsImporter
from prevcat_crimesolutions.scales import ALL_SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(CrimeSolutionsImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in ALL_SCALES:
        register(scale)
