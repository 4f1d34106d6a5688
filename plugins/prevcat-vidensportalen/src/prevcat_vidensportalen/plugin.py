"""Hook implementations: the Vidensportalen importer and its A-D declaration scale."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_vidensportalen.importer import VidensportalenImporter
from prevcat_vidensportalen.scales import SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(VidensportalenImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in SCALES:
        register(scale)
