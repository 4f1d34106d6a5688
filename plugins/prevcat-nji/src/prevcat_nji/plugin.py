"""Hook implementations: the NJi/RIVM importer and its three scale wordings."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_nji.importer import NjiImporter
from prevcat_nji.scales import SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(NjiImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in SCALES:
        register(scale)
