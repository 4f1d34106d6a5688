"""Hook implementations: register the Ungsinn importer and its two scale versions."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_ungsinn.importer import UngsinnImporter
from prevcat_ungsinn.scales import SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(UngsinnImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in SCALES:
        register(scale)
