"""prevcat's built-in plugin: the generic importer and the common evidence scale.

The registered generic importer knows the common scale only; to read a file whose ``scale``
column names a registry's scale, build one with every registered scale, as the CLI does:
``GenericImporter(scales=prevcat.plugins.get_scales())``.
"""

from __future__ import annotations

from collections.abc import Callable

from prevcat.evidence import COMMON_SCALE, EvidenceScale
from prevcat.importers.base import Importer
from prevcat.importers.generic import GenericImporter
from prevcat.plugins.hookspecs import hookimpl


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(GenericImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    register(COMMON_SCALE)
