"""Shared methods: which compared cities use which method, overlap counts and Jaccard per pair."""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.methods import Evidence, common_local_name
from prevcat.compare.model import (
    CityInfo,
    CityMethod,
    CityPair,
    MethodKind,
    SharedMethod,
    SharedMethods,
    SharedVariant,
)

__all__ = ["shared_methods"]


def _keys(city: CityInfo) -> set[str]:
    return {m.key for m in city.methods if m.kind is not MethodKind.AMBIGUOUS}


def _variants(key: str, cities: Sequence[CityInfo], evidence: Evidence | None) -> tuple[SharedVariant, ...]:
    """The variants of a programme the cities use (the records their entries resolved to)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for city in cities:
        for method in city.methods:
            if method.key != key or method.kind is not MethodKind.MATCHED or not method.intervention_id:
                continue
            ident = method.intervention_id
            if evidence is not None:
                variant = evidence.programmes.variant_of(ident)
                ident, name = variant.id, variant.name
            else:
                name = ident
            _, users = found.setdefault(ident, (name, []))
            if city.name not in users:
                users.append(city.name)
    return tuple(SharedVariant(id=i, name=n, cities=tuple(u)) for i, (n, u) in found.items())


def shared_methods(cities: Sequence[CityInfo], evidence: Evidence | None = None) -> SharedMethods:
    """Which cities use which method (by programme, its variants listed), the overlap matrix and
    Jaccard per pair."""
    users: dict[str, list[str]] = {}
    first: dict[str, CityMethod] = {}
    written: dict[str, list[str]] = {}
    for city in cities:
        for method in city.methods:
            if method.kind is MethodKind.AMBIGUOUS:
                continue
            written.setdefault(method.key, []).extend(method.local_names)
            users.setdefault(method.key, [])
            if city.name not in users[method.key]:
                users[method.key].append(city.name)
            first.setdefault(method.key, method)
    methods = sorted(
        (
            SharedMethod(
                key=key,
                # a matched method shows its cluster's name, a local one its `same_as` name,
                # else what the cities wrote in common
                name=first[key].name
                if first[key].kind is MethodKind.MATCHED or first[key].name not in first[key].local_names
                else common_local_name(written[key]),
                kind=first[key].kind,
                cities=tuple(names),
                range_label=first[key].range_label,
                variants=_variants(key, cities, evidence) if first[key].kind is MethodKind.MATCHED else (),
            )
            for key, names in users.items()
        ),
        key=lambda m: (-len(m.cities), m.kind is not MethodKind.MATCHED, m.name.casefold()),
    )
    keys = [_keys(city) for city in cities]
    matrix = tuple(tuple(len(a & b) for b in keys) for a in keys)
    pairs = []
    for i, a in enumerate(cities):
        for j in range(i + 1, len(cities)):
            union = keys[i] | keys[j]
            inter = keys[i] & keys[j]
            pairs.append(
                CityPair(
                    a=a.name,
                    b=cities[j].name,
                    shared=len(inter),
                    jaccard=round(len(inter) / len(union), 4) if union else 0.0,
                )
            )
    return SharedMethods(
        cities=tuple(c.name for c in cities), methods=tuple(methods), matrix=matrix, pairs=tuple(pairs)
    )
