"""Clusters: groups of interventions that are one method, built from scored links.

Links are taken best first (curated ``same`` pairs before all others) and two groups merge
unless that would put two interventions of one source together (a registry lists a method
once; its versions stay apart) or join a pair that must not be joined (a veto of the matcher
or a curated ``not-same``).  What is refused is kept for the review sheet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from attrs import frozen

__all__ = ["Cluster", "Link", "build_clusters", "cluster_id"]


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@frozen
class Link:
    """Two interventions judged to be one method, with the evidence."""

    a: str
    b: str
    score: float
    scorers: tuple[tuple[str, float], ...] = ()
    reasons: tuple[str, ...] = ()
    decided_by: str = "matcher"  #: ``matcher`` or ``override``
    order: tuple[float, float] = (0.0, 0.0)  #: (strength, full-name score): merge order

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


@frozen
class Cluster:
    """One method across catalogues: its members and how firmly they hold together.

    ``id`` is derived from the sorted member ids, so it is stable for the same data.
    ``min_score``/``max_score`` are the lowest and highest scores of the links that joined it
    (a singleton has none and shows 100).  ``needs_review`` is set for chains (members joined
    only through others while scoring low against each other), borderline links, links made
    on an acronym or ``original`` alone, and refused merges touching the cluster.
    """

    id: str
    name: str
    members: tuple[str, ...]
    min_score: float
    max_score: float
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    #: a programme's variants (each a :class:`Cluster` of entries); empty for a variant
    variants: tuple[Cluster, ...] = ()
    #: a variant's markers (``levels 1–2``, ``ages 10–14``) or its name; empty for a programme
    label: str = ""

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, item: object) -> bool:
        return item in self.members


def cluster_id(members: Iterable[str], prefix: str = "c") -> str:
    """A stable id for a set of members: ``c`` (a programme; ``v`` for a variant) + 10 hex
    digits of a hash of the sorted ids."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()
    return prefix + digest[:10]


class _Groups:
    def __init__(self, ids: Sequence[str]) -> None:
        self.group = {i: i for i in ids}
        self.members: dict[str, set[str]] = {i: {i} for i in ids}

    def find(self, item: str) -> str:
        root = self.group[item]
        while root != self.group[root]:
            root = self.group[root]
        self.group[item] = root
        return root

    def merge(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.group[rb] = ra
        self.members[ra] |= self.members.pop(rb)


def build_clusters(
    ids: Sequence[str],
    links: Sequence[Link],
    *,
    source_of: Mapping[str, str],
    cannot: Iterable[tuple[str, str]] = (),
    name_of: Callable[[str], str],
    pair_score: Callable[[str, str], float] | None = None,
    threshold: float = 85.0,
    prefix: str = "c",
    label_of: Callable[[Sequence[str]], str] | None = None,
) -> tuple[tuple[Cluster, ...], tuple[Link, ...], tuple[tuple[Link, str], ...]]:
    """Clusters, the links accepted, and the links refused with the reason.

    ``pair_score(a, b)`` (optional) scores two members directly, used to flag chains.
    ``prefix`` starts every cluster id; ``label_of(members, display first)`` gives its label.
    """
    forbidden = {frozenset(p) for p in cannot}
    groups = _Groups(ids)
    accepted: list[Link] = []
    refused: list[tuple[Link, str]] = []
    ordered = sorted(
        links, key=lambda lk: (lk.decided_by != "override", -lk.score, -lk.order[0], -lk.order[1], lk.pair)
    )
    for link in ordered:
        ra, rb = groups.find(link.a), groups.find(link.b)
        if ra == rb:
            accepted.append(link)
            continue
        ma, mb = groups.members[ra], groups.members[rb]
        blocked = next(
            (f"{x} and {y} must stay apart" for x in ma for y in mb if frozenset((x, y)) in forbidden), None
        )
        if blocked is None and link.decided_by != "override":
            shared = {source_of[x] for x in ma} & {source_of[y] for y in mb}
            if shared:
                blocked = f"would put two entries of {', '.join(sorted(shared))} in one cluster"
        if blocked is not None:
            refused.append((link, blocked))
            continue
        groups.merge(link.a, link.b)
        accepted.append(link)

    by_root: dict[str, list[Link]] = {}
    for link in accepted:
        by_root.setdefault(groups.find(link.a), []).append(link)
    refused_by_root: dict[str, list[str]] = {}
    for link, why in refused:
        for end in (link.a, link.b):
            refused_by_root.setdefault(groups.find(end), []).append(
                f"not joined: {link.a} ~ {link.b} ({link.score:.0f}): {why}"
            )

    clusters: list[Cluster] = []
    for root, members in groups.members.items():
        ordered_members = tuple(sorted(members))
        inner = by_root.get(root, [])
        scores = [lk.score for lk in inner]
        reasons: list[str] = []
        for lk in inner:
            if lk.decided_by == "matcher" and lk.score < threshold + 3:
                reasons.append(f"borderline link {lk.a} ~ {lk.b} ({lk.score:.0f})")
            if lk.decided_by == "matcher" and any(
                r.startswith(("original of", "acronym hit")) for r in lk.reasons
            ):
                name_part = next((r for r in lk.reasons if r.startswith(("same normalised", "name sim"))), "")
                if name_part.startswith("name similarity") and _first_number(name_part) < threshold:
                    reasons.append(f"{lk.a} ~ {lk.b} joined on acronym or original, not on the name")
        if pair_score is not None and len(members) > 2:
            direct = {lk.pair for lk in inner}
            for i, x in enumerate(ordered_members):
                for y in ordered_members[i + 1 :]:
                    if (x, y) in direct:
                        continue
                    s = pair_score(x, y)
                    if s < threshold - 15:
                        reasons.append(f"chain: {x} and {y} score {s:.0f} but are joined through others")
        reasons.extend(refused_by_root.get(root, []))
        degree: dict[str, int] = {m: 0 for m in members}
        for lk in inner:
            degree[lk.a] += 1
            degree[lk.b] += 1
        # the name most members share, then the best-linked member's, then the shortest
        spelled: dict[str, int] = {}
        for m in members:
            spelled[name_of(m).casefold()] = spelled.get(name_of(m).casefold(), 0) + 1
        display = min(
            members, key=lambda m: (-spelled[name_of(m).casefold()], -degree[m], len(name_of(m)), m)
        )
        clusters.append(
            Cluster(
                id=cluster_id(members, prefix),
                name=name_of(display),
                members=ordered_members,
                min_score=min(scores) if scores else 100.0,
                max_score=max(scores) if scores else 100.0,
                needs_review=bool(reasons),
                review_reasons=tuple(dict.fromkeys(reasons)),
                label=label_of([display, *(m for m in ordered_members if m != display)])
                if label_of is not None
                else "",
            )
        )
    clusters.sort(key=lambda c: (-len(c.members), c.name.casefold(), c.id))
    return tuple(clusters), tuple(accepted), tuple(refused)


def _first_number(text: str) -> float:
    for word in text.split():
        try:
            return float(word.strip("(),"))
        except ValueError:
            continue
    return 0.0
