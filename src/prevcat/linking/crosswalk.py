"""``link``: score candidate pairs across catalogues, apply curation, build clusters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from attrs import field, frozen

from prevcat.catalogue import Catalogue, Library
from prevcat.errors import NotFoundError
from prevcat.evidence import Rating
from prevcat.linking._progress import stderr_bar
from prevcat.linking.brand import Brands
from prevcat.linking.candidates import candidate_pairs, one_variant_each, unambiguous
from prevcat.linking.candidates import one_to_one as one_per_source
from prevcat.linking.cluster import Cluster, Link, build_clusters
from prevcat.linking.glossary import Glossary, load_shipped_glossary
from prevcat.linking.markers import variant_label
from prevcat.linking.match import (
    LINK_THRESHOLD,
    SAME_SOURCE_MARGIN,
    SAME_SOURCE_SPELLING,
    PairScore,
    Scorer,
)
from prevcat.linking.overrides import Override, Overrides
from prevcat.linking.profile import Profile, profiles_of
from prevcat.linking.programmes import build_programmes

__all__ = ["Crosswalk", "Explanation", "candidate_pairs", "link"]


Progress = Callable[[int, int], None]


@frozen
class Explanation:
    """Why two interventions are (or are not) one method; ``str()`` prints the reasons."""

    a: str
    b: str
    name_a: str
    name_b: str
    score: float
    threshold: float
    linked: bool
    same_cluster: bool
    scorers: tuple[tuple[str, float], ...]
    reasons: tuple[str, ...]
    vetoes: tuple[str, ...]
    override: str | None = None
    refused: str | None = None
    #: ``same variant``, ``same programme, different variant: level 4 vs levels 1–2`` or
    #: ``different programmes``
    relation: str = ""
    variant_vetoes: tuple[str, ...] = ()
    same_variant: bool = False

    def __str__(self) -> str:
        lines = [
            f"{self.a}  {self.name_a}",
            f"{self.b}  {self.name_b}",
            f"score {self.score:.1f} (threshold {self.threshold:.0f}): "
            + ("linked" if self.linked else "not linked")
            + (f"; {self.relation}" if self.relation else ""),
            "scorers: " + ", ".join(f"{k} {v:.0f}" for k, v in self.scorers),
        ]
        lines += [f"  + {r}" for r in self.reasons]
        lines += [f"  ! veto: {v}" for v in self.vetoes]
        lines += [f"  ~ variants: {v}" for v in self.variant_vetoes]
        if self.override:
            lines.append(f"  = curated: {self.override}")
        if self.refused:
            lines.append(f"  ! not joined: {self.refused}")
        return "\n".join(lines)


def _links(values: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(values)


def _clusters(values: Iterable[Cluster]) -> tuple[Cluster, ...]:
    return tuple(values)


@frozen
class Crosswalk:
    """Every catalogue's interventions grouped into programmes and their variants.

    ``clusters`` are the programmes (the method a coordinator names: Triple P, PMTO); each
    holds its ``variants`` (what a registry rates on its own: Triple P level 4, the PMTO
    parent group), each a :class:`Cluster` with at most one entry per registry.  Every entry
    belongs to exactly one variant and one programme.  ``links`` joined entries into
    variants; ``programme_links`` joined variants into programmes.
    """

    library: Library
    links: tuple[Link, ...] = field(converter=_links)
    clusters: tuple[Cluster, ...] = field(converter=_clusters)
    threshold: float = LINK_THRESHOLD
    refused: tuple[tuple[Link, str], ...] = ()
    overrides: Overrides = field(factory=Overrides)
    warnings: tuple[str, ...] = ()
    pairs: tuple[PairScore, ...] = ()  #: every candidate pair scored, linked or not
    programme_links: tuple[Link, ...] = field(default=(), converter=_links)
    glossary: Glossary | None = field(default=None, repr=False, eq=False)
    _scorer: Any = field(default=None, repr=False, eq=False)
    _profiles: Any = field(default=None, repr=False, eq=False)
    _by_member: dict[str, Cluster] = field(init=False, repr=False, eq=False)
    _variant_by_member: dict[str, Cluster] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_member", {m: c for c in self.clusters for m in c.members})
        object.__setattr__(
            self,
            "_variant_by_member",
            {m: v for c in self.clusters for v in (c.variants or (c,)) for m in v.members},
        )

    @property
    def programmes(self) -> tuple[Cluster, ...]:
        """The programmes (the same as :attr:`clusters`)."""
        return self.clusters

    @property
    def variants(self) -> tuple[Cluster, ...]:
        """Every variant of every programme."""
        return tuple(v for c in self.clusters for v in (c.variants or (c,)))

    def programme_of(self, intervention_id: str) -> Cluster:
        """The programme holding this entry (its ``variants`` list what the registries rate)."""
        try:
            return self._by_member[intervention_id]
        except KeyError:
            self.library.get(intervention_id)  # raises NotFoundError with suggestions
            raise NotFoundError(intervention_id, []) from None

    def variant_of(self, intervention_id: str) -> Cluster:
        """The variant holding this entry (at most one entry per registry)."""
        try:
            return self._variant_by_member[intervention_id]
        except KeyError:
            self.library.get(intervention_id)
            raise NotFoundError(intervention_id, []) from None

    def evidence(
        self, programme_id: str
    ) -> tuple[tuple[Cluster, tuple[tuple[str, tuple[Rating, ...]], ...]], ...]:
        """A programme's ratings per variant, never blended: ``((variant, ((entry id,
        ratings), ...)), ...)``, each entry with its registry's own ratings as published."""
        programme = self.cluster(programme_id)
        return tuple(
            (variant, tuple((m, tuple(self.library.get(m).ratings)) for m in variant.members))
            for variant in programme.variants or (programme,)
        )

    def cluster_of(self, intervention_id: str) -> Cluster:
        """The programme holding this intervention (see :meth:`programme_of`)."""
        return self.programme_of(intervention_id)

    def cluster(self, cluster_id: str) -> Cluster:
        """The programme, or the variant, with this id."""
        for c in self.clusters:
            if c.id == cluster_id:
                return c
            for v in c.variants:
                if v.id == cluster_id:
                    return v
        raise NotFoundError(cluster_id, [])

    def multi_source(self) -> list[Cluster]:
        """Clusters with members from two or more sources."""
        return [c for c in self.clusters if len({m.split(":", 1)[0] for m in c.members}) >= 2]

    def pair_score(self, a: str, b: str) -> PairScore:
        """The matcher's verdict on two interventions, computed now."""
        scorer, profiles = self._tools()
        return scorer.pair(profiles[a], profiles[b])

    def _tools(self) -> tuple[Scorer, dict[str, Profile]]:
        if self._scorer is None or self._profiles is None:
            glossary = self.glossary if self.glossary is not None else load_shipped_glossary()
            profiles = profiles_of(self.library, glossary)
            object.__setattr__(self, "_profiles", {p.id: p for p in profiles})
            object.__setattr__(self, "_scorer", Scorer(profiles, glossary))
        return self._scorer, self._profiles

    def explain(self, id1: str, id2: str) -> Explanation:
        """Why ``id1`` and ``id2`` are or are not one method."""
        a = self.library.get(id1)
        b = self.library.get(id2)
        verdict = self.pair_score(id1, id2)
        pair = frozenset((id1, id2))
        linked = any(frozenset((lk.a, lk.b)) == pair for lk in self.links)
        override = self.overrides.decisions().get(pair)
        refused = next((why for lk, why in self.refused if frozenset((lk.a, lk.b)) == pair), None)
        # what joined them as a programme beyond the pair's own score (a brand, a registry's
        # own entries named alike)
        extra = tuple(
            r
            for lk in (*self.links, *self.programme_links)
            if frozenset((lk.a, lk.b)) == pair
            for r in lk.reasons
            if r not in verdict.reasons
        )
        same_programme = self.programme_of(id1).id == self.programme_of(id2).id
        va, vb = self.variant_of(id1), self.variant_of(id2)
        if va.id == vb.id:
            relation = "same programme, same variant"
        elif same_programme:
            relation = f"same programme, different variant: {va.label or va.name} vs {vb.label or vb.name}"
        else:
            relation = "different programmes"
        return Explanation(
            a=id1,
            b=id2,
            name_a=a.name,
            name_b=b.name,
            score=verdict.score,
            threshold=self.threshold,
            linked=linked,
            same_cluster=same_programme,
            scorers=verdict.scorers,
            reasons=(*verdict.reasons, *extra),
            vetoes=verdict.vetoes,
            override=f"{override.decision}{': ' + override.note if override.note else ''}"
            if override
            else None,
            refused=refused,
            relation=relation,
            variant_vetoes=verdict.variant_vetoes,
            same_variant=va.id == vb.id,
        )


def _as_library(library: Library | Iterable[Catalogue] | None) -> Library:
    if library is None:
        raise TypeError(
            "link() needs the catalogues to link: pass a Library (prevcat.link() and the "
            "prevcat CLI use every installed catalogue)"
        )
    if isinstance(library, Library):
        return library
    return Library.of(library)


def link(
    library: Library | Iterable[Catalogue],
    *,
    overrides: Overrides | str | Path | None = None,
    threshold: float | None = None,
    one_to_one: bool = False,
    progress: bool | Progress = False,
    glossary: Glossary | None = None,
) -> Crosswalk:
    """Link the same method across catalogues.

    ``library`` holds the catalogues (:func:`prevcat.link` fills in every installed one);
    ``glossary`` defaults to the shipped glossary (:func:`prevcat.link` adds the plugins'
    terms).  ``overrides`` (an :class:`Overrides` or a
    path) are applied last.  ``threshold`` defaults to :data:`LINK_THRESHOLD`.  With
    ``one_to_one`` each intervention keeps at most one link per other source (best first).
    ``progress`` shows a progress bar on stderr (or is a ``callback(done, total)``).
    """
    lib = _as_library(library)
    limit = LINK_THRESHOLD if threshold is None else float(threshold)
    gloss = glossary if glossary is not None else load_shipped_glossary()
    curated = (
        overrides if isinstance(overrides, Overrides) or overrides is None else Overrides.load(overrides)
    )
    curated = curated or Overrides()
    profiles = profiles_of(lib, gloss)
    scorer = Scorer(profiles, gloss)
    brands = Brands(scorer, profiles)
    pairs = sorted(candidate_pairs(profiles, scorer, same_source=True))
    callback = _progress(progress, len(pairs))
    verdicts: list[PairScore] = []
    for n, (i, j) in enumerate(pairs, start=1):
        verdicts.append(scorer.pair(profiles[i], profiles[j]))
        if callback is not None and (n % 200 == 0 or n == len(pairs)):
            callback(n, len(pairs))
    by_id = {p.id: p for p in profiles}
    links: list[Link] = []
    programme_links: list[Link] = []
    branded_links: list[Link] = []  # one variant too, unless a registry has two candidates
    cannot: list[tuple[str, str]] = []  # two programmes
    apart: list[tuple[str, str]] = []  # two variants (perhaps of one programme)
    decided = curated.decisions()
    for v in verdicts:
        if frozenset((v.a, v.b)) in decided:
            continue
        if v.vetoed:
            cannot.append((v.a, v.b))
            continue
        same_source = by_id[v.a].source == by_id[v.b].source
        lk = Link(v.a, v.b, v.score, v.scorers, v.reasons, order=(v.strength, v.full_score))
        if same_source or v.variant_vetoes:
            if v.variant_vetoes:
                apart.append((v.a, v.b))
            if same_source:
                # one registry's two entries are one programme when one adapts the other or
                # their names as written (not a part: "Direct Instruction/DISTAR and Success
                # for All") are alike in words and in spelling ("Klasse 2000" is not "KLASSE
                # KLASSE", though its only other word is a number)
                named = any(r.startswith("original of") for r in v.reasons)
                written = scorer.full_names(by_id[v.a], by_id[v.b], ("full", "alias", "main"))
                spelt = max(dict(v.scorers).get("ratio", 0.0), dict(v.scorers).get("token_sort_ratio", 0.0))
                alike = written >= limit + SAME_SOURCE_MARGIN and spelt >= SAME_SOURCE_SPELLING
                if v.score >= limit + SAME_SOURCE_MARGIN and (named or alike):
                    programme_links.append(lk)
            elif v.score >= limit:
                programme_links.append(lk)
            elif (why := brands.reason(by_id[v.a], by_id[v.b], v.name_score)) is not None:
                programme_links.append(
                    Link(v.a, v.b, v.score, v.scorers, (*v.reasons, why), order=(v.strength, v.full_score))
                )
        elif v.score >= limit:
            links.append(lk)
        else:
            why = brands.reason(by_id[v.a], by_id[v.b], v.name_score)
            if why is not None:
                branded = Link(
                    v.a, v.b, v.score, v.scorers, (*v.reasons, why), order=(v.strength, v.full_score)
                )
                # a shared name or origin is also one variant, where the registries allow it; an
                # acronym a registry uses for several entries names the programme only
                programme_links.append(branded)
                if not why.startswith("brand acronym"):
                    branded_links.append(branded)
    links += one_variant_each(branded_links, {p.id: p.source for p in profiles})
    links, ambiguous = unambiguous(links, cannot)
    if one_to_one:
        links = one_per_source(links, {p.id: p.source for p in profiles})
    warnings: list[str] = []
    for _pair, o in decided.items():
        missing = [x for x in (o.a, o.b) if x not in by_id]
        if missing:
            where = f"{curated.file or 'overrides'}" + (f", line {o.line}" if o.line else "")
            warnings.append(f"{where}: unknown intervention id(s) {', '.join(missing)}; decision ignored")
            continue
        if o.same:
            verdict = scorer.pair(by_id[o.a], by_id[o.b])
            links.append(
                Link(o.a, o.b, verdict.score, verdict.scorers, (*verdict.reasons, _curated(o)), "override")
            )
        else:
            cannot.append((o.a, o.b))

    def pair_score(x: str, y: str) -> float:
        return scorer.pair(by_id[x], by_id[y]).score

    variants, accepted, refused = build_clusters(
        [p.id for p in profiles],
        links,
        source_of={p.id: p.source for p in profiles},
        cannot=[*cannot, *apart],
        name_of=lambda i: by_id[i].intervention.name,
        pair_score=pair_score,
        threshold=limit,
        prefix="v",
        label_of=lambda members: variant_label([by_id[m].intervention.name for m in members]),
    )
    programmes, joined, prog_refused = build_programmes(
        variants,
        [*accepted, *programme_links],
        cannot=cannot,
        name_of=lambda i: by_id[i].intervention.name,
    )
    return Crosswalk(
        library=lib,
        links=accepted,
        clusters=programmes,
        threshold=limit,
        refused=(
            *refused,
            *ambiguous,
            *((lk, f"not one programme: {why}") for lk, why in prog_refused),
        ),
        overrides=curated,
        warnings=tuple(warnings),
        pairs=tuple(verdicts),
        programme_links=tuple(lk for lk in joined if lk not in set(accepted)),
        glossary=gloss,
        scorer=scorer,
        profiles=by_id,
    )


def _curated(o: Override) -> str:
    return f"curated: same{': ' + o.note if o.note else ''}"


def _progress(progress: bool | Progress, total: int) -> Progress | None:
    if callable(progress):
        return progress
    if not progress or total < 20_000:
        return None
    return stderr_bar("linking", total)
