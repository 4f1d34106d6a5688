"""prevcat's built-in plugin: the generic importer and the common evidence scale."""

from __future__ import annotations

from collections.abc import Callable

from prevcat.evidence import COMMON_SCALE, EvidenceScale
from prevcat.hookspecs import hookimpl
from prevcat.importers.base import Importer
from prevcat.importers.generic import GenericImporter


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(GenericImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    register(COMMON_SCALE)
