"""Methods as a comparison sees them: a city's entries grouped, every rating of a cluster gathered."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from attrs import frozen

from prevcat.catalogue import Library, Provenance
from prevcat.compare.inputs import (
    CrosswalkLike,
    ResolvedEntryLike,
    candidate_ids,
    optional_str,
    str_items,
)
from prevcat.compare.model import CityMethod, MethodKind, SourcedRating, Suggestion
from prevcat.compare.programmes import Programmes
from prevcat.compare.targets import agreed_domains, agreed_target, is_classified, merge_targets
from prevcat.evidence import EvidenceLevel, summarize
from prevcat.model import Domain, Intervention, Target

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
        self.programmes = Programmes(crosswalk, {item.id: item.name for item in library})

    def variant_records(self, intervention_id: str) -> tuple[Intervention, ...]:
        """The records of the variant a record belongs to (those in the library)."""
        members = self.programmes.variant_of(intervention_id).members
        return tuple(self.library.get(m) for m in members if m in self.library)

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
        programme = self.programmes.programme_of(intervention_id)
        if programme.members == (intervention_id,) and programme.id == intervention_id:
            return self.cluster(intervention_id, (intervention_id,))
        return self.cluster(programme.id, programme.members, programme.name)

    def all_clusters(self) -> tuple[ClusterInfo, ...]:
        """Every cluster of the crosswalk, plus every record no cluster holds, each alone."""
        out: list[ClusterInfo] = []
        seen: set[str] = set()
        for cluster in self.programmes.programmes():
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
    target, domains, basis = _coverage_of(kind, group, evidence)
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
            coverage_basis=basis,
            sources=sources,
            confidence=confidence,
            note="; ".join(notes) or None,
        )
    # a local entry's near misses are not candidates: only an ambiguous entry lists them
    candidates: tuple[str, ...] = ()
    if kind is MethodKind.AMBIGUOUS:
        candidates = tuple(dict.fromkeys(c for r in group for c in candidate_ids(r)))
    # did you mean: an entry the resolver could not place (not one the city declared local)
    undeclared = kind is MethodKind.AMBIGUOUS or all(_own(r) is None for r in group)
    floor = 0.0 if kind is MethodKind.AMBIGUOUS else SUGGESTION_FLOOR
    suggestions = _suggestions(group, evidence, floor) if undeclared else ()
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
        suggestions=suggestions,
        target=target,
        domains=tuple(domains),
        coverage_basis=basis,
        sources=sources,
        confidence=confidence,
        note="; ".join(notes) or None,
    )


def _own(resolved: ResolvedEntryLike) -> object | None:
    """The entry's own classification (levels, settings, ages, domains it writes), if any."""
    return getattr(resolved.entry, "classification", None)


def _coverage_of(
    kind: MethodKind, group: Sequence[ResolvedEntryLike], evidence: Evidence
) -> tuple[Target, tuple[Domain, ...], str]:
    """What a method covers, and on whose word: ``portfolio`` (the city's own entry wins),
    ``registries`` (what the registries of its variant agree on) or ``none``."""
    own = [c for r in group if (c := _own(r)) is not None]
    own_targets = [t for c in own if isinstance(t := getattr(c, "target", None), Target)]
    own_domains: list[Domain] = []
    for c in own:
        own_domains.extend(d for d in getattr(c, "domains", ()) if d not in own_domains)
    if any(is_classified(t) for t in own_targets):
        return merge_targets(own_targets), tuple(own_domains), "portfolio"
    if kind is MethodKind.MATCHED:
        records: list[Intervention] = []
        for r in group:
            if r.intervention_id:
                records.extend(x for x in evidence.variant_records(r.intervention_id) if x not in records)
        target = agreed_target([x.target for x in records])
        domains = tuple(own_domains) or agreed_domains(records)
        return target, domains, "registries" if is_classified(target) else "none"
    if own_domains:
        return Target(), tuple(own_domains), "portfolio"
    return Target(), (), "none"


#: below this score a near miss is noise, not a guess worth showing
SUGGESTION_FLOOR = 40.0


def _suggestions(
    group: Sequence[ResolvedEntryLike], evidence: Evidence, floor: float = SUGGESTION_FLOOR
) -> tuple[Suggestion, ...]:
    """The resolver's best candidates for an entry it could not place, best first (at most three,
    none scoring under ``floor``)."""
    out: dict[str, Suggestion] = {}
    for r in group:
        for c in getattr(r, "candidates", ()) or ():
            ident = getattr(c, "intervention_id", None)
            if not isinstance(ident, str) or ident in out or ident not in evidence.library:
                continue
            item = evidence.library.get(ident)
            score = getattr(c, "score", 0.0)
            if not isinstance(score, (int, float)) or score < floor:
                continue
            out[ident] = Suggestion(
                intervention_id=ident,
                name=item.name,
                source=item.source,
                score=float(score),
                entry=r.entry.name,
            )
    return tuple(sorted(out.values(), key=lambda s: -s.score)[:3])
