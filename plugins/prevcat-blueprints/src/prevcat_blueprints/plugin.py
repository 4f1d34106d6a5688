"""prevcat hooks of the Blueprints plugin (thin: the work is in importer.py and scales.py)."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_blueprints.importer import BlueprintsImporter
from prevcat_blueprints.scales import ALL_SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(BlueprintsImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in ALL_SCALES:
        register(scale)
