"""Picking an evidence scale by ``id`` or ``id@version`` among the scales a caller gives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from prevcat.errors import PrevcatError, UnknownScaleError
from prevcat.evidence import EvidenceScale


class AmbiguousScaleError(UnknownScaleError):
    """A scale id named without a version where its versions have no order (``factsheet``, ``programs``)."""

    def __init__(self, scale: str, versions: Iterable[str]) -> None:
        self.versions = tuple(sorted(versions))
        PrevcatError.__init__(
            self,
            f"evidence scale {scale!r} has several versions that are not dated or numbered "
            f"({', '.join(self.versions)}); name one, e.g. {scale}@{self.versions[0]}",
        )
        self.scale = scale
        self.known = tuple(f"{scale}@{v}" for v in self.versions)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    parts = re.findall(r"\d+|[^\d]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def pick_scale(
    scales: Mapping[tuple[str, str], EvidenceScale], scale_id: str, version: str | None = None
) -> EvidenceScale:
    """The scale ``scale_id`` (or ``id@version``) among ``scales``.

    Without a version: the only version, or the newest when all versions are numbered or
    dated (``2008``, ``2015``); otherwise :class:`AmbiguousScaleError`.
    """
    scale_id = scale_id.strip()
    if version is None and "@" in scale_id:
        scale_id, version = (part.strip() for part in scale_id.split("@", 1))
    known = [f"{i}@{v}" for i, v in scales]
    if version is not None:
        scale = scales.get((scale_id, version))
        if scale is None:
            raise UnknownScaleError(f"{scale_id}@{version}", known)
        return scale
    versions = [v for i, v in scales if i == scale_id]
    if not versions:
        raise UnknownScaleError(scale_id, known)
    if len(versions) > 1 and not all(v[:1].isdigit() for v in versions):
        raise AmbiguousScaleError(scale_id, versions)
    return scales[(scale_id, max(versions, key=_version_key))]
