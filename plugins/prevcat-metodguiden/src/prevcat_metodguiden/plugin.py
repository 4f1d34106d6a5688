"""Hook implementations: register the Metodguiden importer and the guideline-priority scale."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_metodguiden.importer import MetodguidenImporter
from prevcat_metodguiden.scales import SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(MetodguidenImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in SCALES:
        register(scale)
