"""Shared methods: which compared cities use which method, overlap counts and Jaccard per pair."""

from __future__ import annotations

from collections.abc import Sequence

from prevcat.compare.methods import common_local_name
from prevcat.compare.model import CityInfo, CityMethod, CityPair, MethodKind, SharedMethod, SharedMethods

__all__ = ["shared_methods"]


def _keys(city: CityInfo) -> set[str]:
    return {m.key for m in city.methods if m.kind is not MethodKind.AMBIGUOUS}


def shared_methods(cities: Sequence[CityInfo]) -> SharedMethods:
    """Which cities use which method, the overlap matrix and Jaccard per pair."""
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
