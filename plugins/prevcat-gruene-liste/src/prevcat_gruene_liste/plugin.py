"""Hook implementations: register the Grüne Liste importer and its evidence scale."""

from __future__ import annotations

from collections.abc import Callable

from prevcat import EvidenceScale, Importer, hookimpl
from prevcat_gruene_liste.importer import GrueneListeImporter
from prevcat_gruene_liste.scales import GRUENE_LISTE_SCALE


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(GrueneListeImporter())


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    register(GRUENE_LISTE_SCALE)
