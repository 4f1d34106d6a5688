"""prevcat hooks of the WWC plugin (thin: the data is in registry.toml, the rules in importer.py)."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import EvidenceScale, Importer, hookimpl
from prevcat_wwc.importer import WwcImporter
from prevcat_wwc.registry import SCALE


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(WwcImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    register(SCALE)
