"""Programmes: variants grouped into the method a coordinator names.

A variant (:func:`prevcat.linking.cluster.build_clusters`) holds at most one entry per
registry: what the registries rate as one thing.  A programme groups variants: Triple P's
levels 1–2, level 4 and the whole system; the Incredible Years parent programme for toddlers
and for pre-school children; PMTO one to one and in parent groups.  Programme links come from
the variant links, from links the one-entry-per-registry rule refused, from entries of one
registry that name each other (``original``) or share a name, and from shared brands; they
are taken best first, and two groups are never joined across a veto or a curated
``not-same`` (the Swedish and the German EFFEKT stay two programmes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from prevcat.linking.cluster import Cluster, Link, cluster_id

__all__ = ["build_programmes"]


def build_programmes(
    variants: Sequence[Cluster],
    links: Sequence[Link],
    *,
    cannot: Iterable[tuple[str, str]] = (),
    name_of: Callable[[str], str],
) -> tuple[tuple[Cluster, ...], tuple[Link, ...], tuple[tuple[Link, str], ...]]:
    """Programmes (each with its ``variants``), the programme links taken and those refused."""
    variant_of = {m: v for v in variants for m in v.members}
    parent = {v.id: v.id for v in variants}
    members: dict[str, set[str]] = {v.id: set(v.members) for v in variants}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    forbidden: dict[str, set[str]] = {}
    for a, b in cannot:
        forbidden.setdefault(a, set()).add(b)
        forbidden.setdefault(b, set()).add(a)
    accepted: list[Link] = []
    refused: list[tuple[Link, str]] = []
    ordered = sorted(links, key=lambda lk: (lk.decided_by != "override", -lk.score, -lk.order[0], lk.pair))
    for link in ordered:
        if link.a not in variant_of or link.b not in variant_of:
            continue
        ra, rb = find(variant_of[link.a].id), find(variant_of[link.b].id)
        if ra == rb:
            accepted.append(link)
            continue
        ma, mb = members[ra], members[rb]
        small, large = (ma, mb) if len(ma) <= len(mb) else (mb, ma)
        blocked = next(
            (f"{x} and {y} must stay apart" for x in small for y in forbidden.get(x, ()) if y in large), None
        )
        if blocked is not None:
            refused.append((link, blocked))
            continue
        if len(ma) < len(mb):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        accepted.append(link)
    groups: dict[str, list[Cluster]] = {}
    for v in variants:
        groups.setdefault(find(v.id), []).append(v)
    inner: dict[str, list[Link]] = {}
    for link in accepted:
        inner.setdefault(find(variant_of[link.a].id), []).append(link)
    programmes: list[Cluster] = []
    for root, group in groups.items():
        group.sort(key=lambda v: (-len(v.members), v.name.casefold(), v.id))
        every = sorted(m for v in group for m in v.members)
        scores = [lk.score for lk in inner.get(root, [])]
        scores += [s for v in group if len(v.members) > 1 for s in (v.min_score, v.max_score)]
        reasons = tuple(dict.fromkeys(r for v in group for r in v.review_reasons))
        programmes.append(
            Cluster(
                id=cluster_id(every, "c"),
                name=_programme_name(group, name_of),
                members=tuple(every),
                min_score=min(scores) if scores else 100.0,
                max_score=max(scores) if scores else 100.0,
                needs_review=bool(reasons),
                review_reasons=reasons,
                variants=tuple(group),
            )
        )
    programmes.sort(key=lambda c: (-len(c.members), c.name.casefold(), c.id))
    return tuple(programmes), tuple(accepted), tuple(refused)


def _programme_name(group: Sequence[Cluster], name_of: Callable[[str], str]) -> str:
    """The largest variant's name, unless its name carries a level the programme goes beyond."""
    if len(group) == 1:
        return group[0].name
    plain = [v for v in group if not v.label or v.label == v.name]
    return (plain or list(group))[0].name
