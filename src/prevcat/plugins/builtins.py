"""prevcat's built-in plugin: the generic importer and the common evidence scale."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from prevcat.evidence import COMMON_SCALE, EvidenceScale
from prevcat.importers.base import Importer
from prevcat.importers.generic import GenericImporter
from prevcat.plugins.hookspecs import hookimpl


class InstalledScales(Mapping[tuple[str, str], EvidenceScale]):
    """Every scale the installed plugins register (plus the common scale), looked up on first use."""

    def __init__(self) -> None:
        self._scales: dict[tuple[str, str], EvidenceScale] | None = None

    def _all(self) -> dict[tuple[str, str], EvidenceScale]:
        if self._scales is None:
            from prevcat.plugins.manager import get_scales

            scales = dict(get_scales())
            scales.setdefault((COMMON_SCALE.id, COMMON_SCALE.version), COMMON_SCALE)
            self._scales = scales
        return self._scales

    def __getitem__(self, key: tuple[str, str]) -> EvidenceScale:
        return self._all()[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


@hookimpl
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    register(GenericImporter(scales=InstalledScales()))


@hookimpl
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    register(COMMON_SCALE)
