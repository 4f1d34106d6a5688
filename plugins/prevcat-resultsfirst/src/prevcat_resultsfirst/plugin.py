"""prevcat hooks of the Results First plugin (thin: the work is in importer.py and registry.toml)."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import hookimpl
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat_resultsfirst.importer import ResultsFirstImporter
from prevcat_resultsfirst.registry import ALL_SCALES


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(ResultsFirstImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    for scale in ALL_SCALES:
        register(scale)
