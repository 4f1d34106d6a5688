"""Methods as a comparison sees them: a city's entries grouped, every rating of a cluster gathered."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from attrs import frozen

from prevcat.catalogue import Library, Provenance
from prevcat.compare.inputs import (
    CrosswalkLike,
    ResolvedEntryLike,
    candidate_ids,
    optional_str,
    str_items,
)
from prevcat.compare.model import CityMethod, MethodKind, SourcedRating
from prevcat.evidence import EvidenceLevel, summarize
from prevcat.model import AgeRange, Domain, Intervention, Target

_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def local_key(name: str) -> str:
    """The key under which local methods written alike meet across cities.

    Case, dash variants, repeated spaces and trailing parentheses (``(Småkommunprojektet)``,
    ``(Region Västerbotten)``) are ignored; nothing else is: ``ANDT-kartläggning`` and
    ``ANDT-kartläggning (drogvaneundersökning)`` meet, ``Trestad2 – storstadssatsning`` and
    ``Trestad2`` do not.
    """
    text = unicodedata.normalize("NFC", name)
    previous = None
    while previous != text:
        previous = text
        text = _PARENS.sub("", text)
    text = _DASHES.sub("-", text)
    return "local:" + " ".join(text.casefold().split())


def common_local_name(names: Sequence[str]) -> str:
    """One display name for local methods written alike: the name itself, or without its parentheses."""
    distinct = list(dict.fromkeys(names))
    if len(distinct) <= 1:
        return distinct[0] if distinct else ""
    text = distinct[0]
    previous = None
    while previous != text:
        previous = text
        text = _PARENS.sub("", text)
    return text.strip() or distinct[0]


def merge_targets(targets: Iterable[Target]) -> Target:
    """One target covering all: levels, settings, substances united; ages from lowest to highest."""
    levels: list[object] = []
    settings: list[object] = []
    substances: list[object] = []
    lows: list[int] = []
    highs: list[int] = []
    open_high = False
    any_ages = False
    for target in targets:
        levels.extend(target.levels)
        settings.extend(target.settings)
        substances.extend(target.substances)
        if target.ages.is_open:
            continue
        any_ages = True
        lows.append(0 if target.ages.min is None else target.ages.min)
        if target.ages.max is None:
            open_high = True
        else:
            highs.append(target.ages.max)
    ages = AgeRange()
    if any_ages:
        ages = AgeRange(min(lows), None if open_high or not highs else max(highs))
    return Target(
        levels=tuple(levels),  # type: ignore[arg-type]
        ages=ages,
        settings=tuple(settings),  # type: ignore[arg-type]
        substances=tuple(substances),  # type: ignore[arg-type]
    )


def is_classified(target: Target) -> bool:
    """True when a target says anything coverage can count."""
    return bool(target.levels or target.settings or target.substances or not target.ages.is_open)


@frozen
class ClusterInfo:
    """A cluster of records: its members in the library, their ratings, merged target and domains."""

    key: str
    name: str
    members: tuple[Intervention, ...]
    ratings: tuple[SourcedRating, ...]
    target: Target
    domains: tuple[Domain, ...]
    registry_countries: tuple[str | None, ...] = ()  #: each member's registry country, in member order

    @property
    def lowest(self) -> EvidenceLevel | None:
        return summarize(r.rating for r in self.ratings).lowest

    @property
    def highest(self) -> EvidenceLevel | None:
        return summarize(r.rating for r in self.ratings).highest

    @property
    def disputed(self) -> bool:
        return summarize(r.rating for r in self.ratings).disputed


class Evidence:
    """Ratings and clusters of a library (and crosswalk), gathered once and cached."""

    def __init__(self, library: Library, crosswalk: CrosswalkLike | None) -> None:
        self.library = library
        self.crosswalk = crosswalk
        self.provenance: dict[str, Provenance] = {c.source: c.provenance for c in library.catalogues}
        self._ratings: dict[str, tuple[SourcedRating, ...]] = {}
        self._clusters: dict[str, ClusterInfo] = {}

    def registry_country(self, source: str) -> str | None:
        """The country of a source's registry (``EU`` for a European one), from its provenance."""
        provenance = self.provenance.get(source)
        return provenance.country.upper() if provenance and provenance.country else None

    def ratings_of(self, intervention_id: str) -> tuple[SourcedRating, ...]:
        """Every rating of one record, with its registry."""
        cached = self._ratings.get(intervention_id)
        if cached is not None:
            return cached
        if intervention_id not in self.library:
            self._ratings[intervention_id] = ()
            return ()
        item = self.library.get(intervention_id)
        provenance = self.provenance.get(item.source)
        out = tuple(
            SourcedRating(
                rating=rating,
                intervention_id=item.id,
                intervention_name=item.name,
                source=item.source,
                registry=provenance.title if provenance else item.source,
                registry_country=self.registry_country(item.source),
                url=rating.url or item.url,
            )
            for rating in item.ratings
        )
        self._ratings[intervention_id] = out
        return out

    def cluster(self, key: str, members: Sequence[str], name: str | None = None) -> ClusterInfo:
        """The cluster ``key`` made of ``members`` (ids not in the library are skipped)."""
        cached = self._clusters.get(key)
        if cached is not None:
            return cached
        items = tuple(self.library.get(m) for m in dict.fromkeys(members) if m in self.library)
        ratings = tuple(r for item in items for r in self.ratings_of(item.id))
        domains: list[Domain] = []
        for item in items:
            domains.extend(d for d in item.domains if d not in domains)
        info = ClusterInfo(
            key=key,
            name=name or (items[0].name if items else key),
            members=items,
            ratings=ratings,
            target=merge_targets(item.target for item in items),
            domains=tuple(domains),
            registry_countries=tuple(self.registry_country(item.source) for item in items),
        )
        self._clusters[key] = info
        return info

    def cluster_for(self, intervention_id: str) -> ClusterInfo:
        """The cluster holding a record (the record alone when the crosswalk has none)."""
        if self.crosswalk is not None:
            found = None
            try:
                found = self.crosswalk.cluster_of(intervention_id)
            except (KeyError, LookupError):
                found = None
            if found is not None:
                return self.cluster(str(found.id), tuple(found.members), str(found.name))
        return self.cluster(intervention_id, (intervention_id,))

    def all_clusters(self) -> tuple[ClusterInfo, ...]:
        """Every cluster of the crosswalk, plus every record no cluster holds, each alone."""
        out: list[ClusterInfo] = []
        seen: set[str] = set()
        if self.crosswalk is not None:
            for cluster in self.crosswalk.clusters:
                info = self.cluster(str(cluster.id), tuple(cluster.members), str(cluster.name))
                out.append(info)
                seen.update(m.id for m in info.members)
        for item in self.library:
            if item.id not in seen:
                out.append(self.cluster(item.id, (item.id,)))
                seen.add(item.id)
        return tuple(out)


def _kind(status: object) -> MethodKind:
    name = str(getattr(status, "name", status)).upper()
    if name in ("PINNED", "MATCHED"):
        return MethodKind.MATCHED
    if name == "AMBIGUOUS":
        return MethodKind.AMBIGUOUS
    return MethodKind.LOCAL


def city_methods(entries: Sequence[ResolvedEntryLike], evidence: Evidence) -> tuple[CityMethod, ...]:
    """A city's entries as methods: entries resolving to one cluster (or one local name) count once."""
    groups: dict[str, list[ResolvedEntryLike]] = {}
    kinds: dict[str, MethodKind] = {}
    for resolved in entries:
        kind = _kind(resolved.status)
        if kind is MethodKind.MATCHED and resolved.intervention_id:
            key = resolved.cluster_id or evidence.cluster_for(resolved.intervention_id).key
        elif kind is MethodKind.AMBIGUOUS:
            key = "ambiguous:" + local_key(resolved.entry.name).removeprefix("local:")
        else:
            kind = MethodKind.LOCAL
            key = local_key(optional_str(resolved.entry, "same_as") or resolved.entry.name)
        groups.setdefault(key, []).append(resolved)
        kinds[key] = kind
    return tuple(_method(key, kinds[key], group, evidence) for key, group in groups.items())


def _method(
    key: str, kind: MethodKind, group: Sequence[ResolvedEntryLike], evidence: Evidence
) -> CityMethod:
    first = group[0]
    library = evidence.library
    target = merge_targets(_safe_target(r, library) for r in group)
    domains: list[Domain] = []
    for resolved in group:
        domains.extend(d for d in _safe_domains(resolved, library) if d not in domains)
    local_names = tuple(dict.fromkeys(r.entry.name for r in group))
    sources = tuple(dict.fromkeys(s for r in group for s in str_items(r.entry, "sources")))
    notes = [n for r in group if (n := optional_str(r.entry, "note"))]
    confidence = optional_str(first.entry, "confidence")
    if kind is MethodKind.MATCHED and first.intervention_id:
        ids = (m for r in group for m in (r.members or (r.intervention_id or "",)))
        members = tuple(dict.fromkeys(m for m in ids if m))
        cluster = evidence.cluster_for(first.intervention_id)
        if first.cluster_id and cluster.key != first.cluster_id:
            cluster = evidence.cluster(first.cluster_id, members, cluster.name)
        all_members = tuple(dict.fromkeys((*members, *(m.id for m in cluster.members))))
        info = evidence.cluster(key, all_members, cluster.name)
        return CityMethod(
            key=key,
            kind=kind,
            local_names=local_names,
            name=info.name,
            intervention_id=first.intervention_id,
            members=tuple(m.id for m in info.members),
            ratings=info.ratings,
            lowest=info.lowest,
            highest=info.highest,
            disputed=info.disputed,
            classified=is_classified(target),
            target=target,
            domains=tuple(domains),
            sources=sources,
            confidence=confidence,
            note="; ".join(notes) or None,
        )
    # a local entry's near misses are not candidates: only an ambiguous entry lists them
    candidates: tuple[str, ...] = ()
    if kind is MethodKind.AMBIGUOUS:
        candidates = tuple(dict.fromkeys(c for r in group for c in candidate_ids(r)))
    return CityMethod(
        key=key,
        kind=kind,
        local_names=local_names,
        name=next((n for r in group if (n := optional_str(r.entry, "same_as"))), local_names[0]),
        intervention_id=None,
        members=(),
        ratings=(),
        lowest=None,
        highest=None,
        disputed=False,
        classified=kind is MethodKind.LOCAL and is_classified(target),
        candidates=candidates,
        target=target,
        domains=tuple(domains),
        sources=sources,
        confidence=confidence,
        note="; ".join(notes) or None,
    )


def _safe_target(resolved: ResolvedEntryLike, library: Library) -> Target:
    target = resolved.target(library)
    return target if target is not None else Target()


def _safe_domains(resolved: ResolvedEntryLike, library: Library) -> tuple[Domain, ...]:
    return tuple(resolved.domains(library) or ())
