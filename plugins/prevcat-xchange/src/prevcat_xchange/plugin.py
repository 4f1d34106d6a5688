"""Hook implementations: register the Xchange importer and its evidence scales."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import EvidenceScale, Importer, hookimpl
from prevcat_xchange.importer import XchangeImporter
from prevcat_xchange.scales import SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(XchangeImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in SCALES:
        register(scale)
