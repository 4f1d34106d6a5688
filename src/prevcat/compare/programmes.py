"""Programmes and variants, as the comparison sees them: one small adapter over the crosswalk.

A *programme* is every registry's record of one method (Incredible Years); a *variant* is one
version of it (Incredible Years – Parent, school-age).  Shared methods count by programme
and list the variants under it; coverage and recommendations read a variant's own records.

The crosswalk gives both levels (``programme_of(id)``, ``variant_of(id)``); without a crosswalk
(or for a record it does not hold) a record is its own programme and its own variant.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from prevcat.compare.inputs import CrosswalkLike

__all__ = ["Group", "Programmes"]


@frozen
class Group:
    """A programme or a variant: an id, a display name and its record ids."""

    id: str
    name: str
    members: tuple[str, ...]


class Programmes:
    """``programme_of`` and ``variant_of`` over a crosswalk (or over records alone, without one)."""

    def __init__(self, crosswalk: CrosswalkLike | None, names: dict[str, str] | None = None) -> None:
        self.crosswalk = crosswalk
        self._names = names or {}

    def _cluster(self, intervention_id: str) -> Any:
        if self.crosswalk is None:
            return None
        finder = getattr(self.crosswalk, "programme_of", None) or self.crosswalk.cluster_of
        try:
            return finder(intervention_id)
        except (KeyError, LookupError):
            return None

    def programme_of(self, intervention_id: str) -> Group:
        """The programme holding a record (the record alone when the crosswalk has none)."""
        found = self._cluster(intervention_id)
        if found is None:
            name = self._names.get(intervention_id, intervention_id)
            return Group(intervention_id, name, (intervention_id,))
        return Group(str(found.id), str(found.name), tuple(str(m) for m in found.members))

    def variant_of(self, intervention_id: str) -> Group:
        """The variant a record belongs to (the record itself when the crosswalk has none)."""
        finder = getattr(self.crosswalk, "variant_of", None) if self.crosswalk is not None else None
        if finder is not None:
            try:
                found = finder(intervention_id)
            except (KeyError, LookupError):
                found = None
            if found is not None:
                return Group(str(found.id), str(found.name), tuple(str(m) for m in found.members))
        return Group(intervention_id, self._names.get(intervention_id, intervention_id), (intervention_id,))

    def variants(self, programme: Group) -> list[Group]:
        """The variants of a programme, in member order, each once."""
        out: dict[str, Group] = {}
        for member in programme.members:
            variant = self.variant_of(member)
            out.setdefault(variant.id, variant)
        return list(out.values())

    def programmes(self) -> Sequence[Any]:
        """Every programme (cluster) of the crosswalk."""
        return self.crosswalk.clusters if self.crosswalk is not None else ()
