"""What a comparison reads: resolved portfolios, a library and a crosswalk, as protocols.

The comparison needs only these few members, so it works on :mod:`prevcat.portfolio`'s
resolved portfolios and :mod:`prevcat.linking`'s crosswalk, and on any object shaped
alike (tests build small ones by hand).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from prevcat.catalogue import Library
from prevcat.model import Domain, Target


class EntryLike(Protocol):
    """A portfolio entry as the city writes it."""

    @property
    def name(self) -> str: ...


class ResolvedEntryLike(Protocol):
    """One resolved portfolio entry."""

    @property
    def entry(self) -> EntryLike: ...

    @property
    def status(self) -> enum.Enum: ...

    @property
    def intervention_id(self) -> str | None: ...

    @property
    def cluster_id(self) -> str | None: ...

    @property
    def members(self) -> Sequence[str]: ...

    def target(self, library: Library) -> Target: ...

    def domains(self, library: Library) -> tuple[Domain, ...]: ...


class PortfolioLike(Protocol):
    """A portfolio file's header."""

    @property
    def city(self) -> str: ...

    @property
    def country(self) -> str | None: ...


class ResolvedPortfolioLike(Protocol):
    """A portfolio with every entry resolved."""

    @property
    def portfolio(self) -> PortfolioLike: ...

    @property
    def entries(self) -> Sequence[ResolvedEntryLike]: ...


class ClusterLike(Protocol):
    """A group of records of one method across registries."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def members(self) -> Sequence[str]: ...


class CrosswalkLike(Protocol):
    """Clusters over a library's records."""

    @property
    def clusters(self) -> Sequence[ClusterLike]: ...

    def cluster_of(self, intervention_id: str) -> Any: ...


def optional_str(obj: object, name: str) -> str | None:
    """``obj.name`` as text (an enum's value), or None when absent or empty."""
    value = getattr(obj, name, None)
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    text = str(value).strip()
    return text or None


def str_items(obj: object, name: str) -> tuple[str, ...]:
    """``obj.name`` (a string or a sequence) as a tuple of strings; empty when absent."""
    value = getattr(obj, name, None)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return (str(value),)


def candidate_ids(entry: object) -> tuple[str, ...]:
    """The candidate intervention ids of an ambiguous entry, whatever shape they come in."""
    out: list[str] = []
    for item in getattr(entry, "candidates", ()) or ():
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, tuple) and item and isinstance(item[0], str):
            out.append(item[0])
        else:
            ident = getattr(item, "intervention_id", None) or getattr(item, "id", None)
            if isinstance(ident, str):
                out.append(ident)
    return tuple(dict.fromkeys(out))
