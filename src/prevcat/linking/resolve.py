"""``resolve``: free-text method names (as cities write them) onto catalogue entries and clusters.

Each name is cut into forms (as written, before a parenthesis or subtitle, inside the
parenthesis: ``EFFEKT-informatörer (Småkommunprojektet)`` gives ``EFFEKT-informatörer``),
normalised like catalogue names, and compared in batch (``cdist``, chunked) with every
catalogue name form; the best few, plus those sharing a rare word or an acronym, are scored
in full.  Words no catalogue uses (local suffixes such as ``informatörer``, ``-grupper``)
weigh little.  Agreement of the name's language or of ``country`` with an entry adds a
little; differing age bands in the names (``SFP 10-14`` / ``SFP 6-11``) take a lot off.
When two different clusters score within :data:`AMBIGUITY_MARGIN` of each other the result
is flagged ``ambiguous`` and the alternatives are listed: never silently guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from attrs import frozen
from rapidfuzz import fuzz, process

from prevcat.catalogue import Library
from prevcat.linking._progress import stderr_bar
from prevcat.linking.crosswalk import Crosswalk, link
from prevcat.linking.glossary import GENERIC_CONCEPTS
from prevcat.linking.match import RESOLVE_THRESHOLD, Profile, Scorer, Variant, bands_agree
from prevcat.linking.normalize import NameForm, name_variants, normalize

__all__ = ["AMBIGUITY_MARGIN", "Candidate", "Resolution", "Resolver", "resolve"]

#: two clusters closer than this are reported as ambiguous
AMBIGUITY_MARGIN = 5.0
_QUERY_WEIGHT = {"full": 1.0, "main": 1.0, "short": 0.97, "part": 0.95, "paren": 0.9}
_COUNTRY_LANGS = {
    "SE": {"sv"},
    "NO": {"nb", "nn", "no"},
    "DK": {"da"},
    "FI": {"fi", "sv"},
    "DE": {"de"},
    "AT": {"de"},
    "CH": {"de"},
    "NL": {"nl"},
    "BE": {"nl"},
    "IS": {"is"},
    "US": {"en"},
    "GB": {"en"},
    "IE": {"en"},
    "AU": {"en"},
    "CA": {"en"},
}
_TOP_K = 6
#: a written acronym shared with an entry's name counts as this score (``GBG``, ``ÖPP``)
ACRONYM_FLOOR = 86.0
_CHUNK = 4096


@frozen
class Candidate:
    """An alternative answer: an entry, its cluster and its score."""

    intervention_id: str
    name: str
    cluster: str | None
    score: float


@frozen
class Resolution:
    """What one free-text name resolved to (``intervention_id`` None when nothing passed)."""

    query: str
    intervention_id: str | None
    cluster: str | None
    name: str | None
    score: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False


def _profile_langs(p: Profile) -> set[str]:
    langs = set(p.langs)
    for c in p.countries:
        langs |= _COUNTRY_LANGS.get(c, set())
    return langs


class Resolver:
    """A reusable index of a crosswalk's name forms for resolving many names fast."""

    def __init__(self, crosswalk: Crosswalk, *, threshold: float = RESOLVE_THRESHOLD) -> None:
        self.crosswalk = crosswalk
        self.threshold = threshold
        scorer, profiles = crosswalk._tools()
        self.scorer: Scorer = scorer
        self.profiles: list[Profile] = list(profiles.values())
        self.variants: list[Variant] = []
        self.owner: list[int] = []
        for i, p in enumerate(self.profiles):
            for v in p.variants:
                self.variants.append(v)
                self.owner.append(i)
        self.keys = [v.form.key for v in self.variants]
        self.by_key: dict[str, list[int]] = {}
        self.by_token: dict[str, list[int]] = {}
        self.by_acr: dict[str, list[int]] = {}
        for idx, v in enumerate(self.variants):
            self.by_key.setdefault(v.form.key, []).append(idx)
            for t in set(v.form.tokens):
                self.by_token.setdefault(t, []).append(idx)
            for a in v.form.acronyms:
                self.by_acr.setdefault(a, []).append(idx)
        self.cluster_of = {m: c for c in crosswalk.clusters for m in c.members}
        self.langs = [_profile_langs(p) for p in self.profiles]
        self.var_acr = [
            v.form.acronyms if v.kind in ("full", "alias") else v.form.written for v in self.variants
        ]
        bands_by_cluster: dict[str, set[tuple[int, int]]] = {}
        for p in self.profiles:
            cl = self.cluster_of.get(p.id)
            bands_by_cluster.setdefault(cl.id if cl else p.id, set()).update(p.bands)
        self.bands = [
            frozenset(bands_by_cluster.get(self.cluster_of[p.id].id if p.id in self.cluster_of else p.id, ()))
            for p in self.profiles
        ]

    # -- batch -----------------------------------------------------------------------------
    def resolve(
        self,
        names: Iterable[str],
        *,
        country: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Resolution]:
        """Resolve names in order; equal names are resolved once."""
        queries = list(names)
        hint = {c for c in _COUNTRY_LANGS.get(country.upper(), set())} if country else set()
        todo = list(dict.fromkeys(queries))
        results: dict[str, Resolution] = {}
        for start in range(0, len(todo), _CHUNK):
            chunk = todo[start : start + _CHUNK]
            for q, res in zip(chunk, self._resolve_chunk(chunk, hint, country), strict=True):
                results[q] = res
            if progress is not None:
                progress(min(start + _CHUNK, len(todo)), len(todo))
        return [results[q] for q in queries]

    def _resolve_chunk(self, chunk: Sequence[str], hint: set[str], country: str | None) -> list[Resolution]:
        forms: list[list[tuple[float, NameForm]]] = []
        rows: list[str] = []
        row_of: list[tuple[int, int]] = []
        glossary = self.scorer.glossary
        for qi, q in enumerate(chunk):
            qforms: list[tuple[float, NameForm]] = []
            for kind, text in name_variants(q):
                form = normalize(text, glossary)
                if form.key:
                    qforms.append((_QUERY_WEIGHT.get(kind, 0.9), form))
                    rows.append(form.key)
                    row_of.append((qi, len(qforms) - 1))
            forms.append(qforms)
        top: dict[tuple[int, int], set[int]] = {}
        if rows and self.keys:
            exact_rows = [i for i, key in enumerate(rows) if key in self.by_key]
            fuzzy_rows = [i for i, key in enumerate(rows) if key not in self.by_key]
            for i in exact_rows:
                top[row_of[i]] = set(self.by_key[rows[i]])
            if fuzzy_rows:
                batch = [rows[i] for i in fuzzy_rows]
                best = np.maximum(
                    process.cdist(batch, self.keys, scorer=fuzz.ratio, dtype=np.uint8, workers=-1),
                    process.cdist(batch, self.keys, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1),
                )
                k = min(_TOP_K, best.shape[1])
                part = np.argpartition(-best, k - 1, axis=1)[:, :k]
                for r, i in enumerate(fuzzy_rows):
                    top[row_of[i]] = {int(c) for c in part[r] if best[r, c] >= 50}
        out: list[Resolution] = []
        for qi, q in enumerate(chunk):
            out.append(
                self._score_query(
                    q, forms[qi], [top.get((qi, fi), set()) for fi in range(len(forms[qi]))], hint, country
                )
            )
        return out

    # -- one query -----------------------------------------------------------------------------
    def _score_query(
        self,
        query: str,
        forms: list[tuple[float, NameForm]],
        tops: list[set[int]],
        hint: set[str],
        country: str | None,
    ) -> Resolution:
        scorer = self.scorer
        best_by_profile: dict[int, tuple[float, str]] = {}
        for (qweight, qform), cands in zip(forms, tops, strict=True):
            cand = set(cands)
            if not (cand and any(self.variants[c].form.key == qform.key for c in cand)):
                for t in qform.tokens:
                    if scorer.weight(t) >= 1.5:
                        hits = self.by_token.get(t, ())
                        if len(hits) <= 40:
                            cand.update(hits)
                for a in qform.acronyms:
                    hits = self.by_acr.get(a, ())
                    if len(hits) <= 12:
                        cand.update(hits)
            langs = set(qform.langs) | hint
            for c in cand:
                v = self.variants[c]
                pi = self.owner[c]
                ns = scorer.names(qform, v.form, query=True)
                name_score = ns.score * min(qweight, v.weight)
                score = name_score
                why = [f"{v.kind} {v.text!r} {ns.score:.0f}"]
                profile = self.profiles[pi]
                acr = (qform.written & self.var_acr[c]) | (qform.acronyms & v.form.written)
                if acr and any(scorer.acronym_count[a] <= 4 for a in acr) and score < ACRONYM_FLOOR:
                    score = ACRONYM_FLOOR
                    why.append("acronym " + "/".join(sorted(a.upper() for a in acr)))
                if (
                    score < 100
                    and ns.shared
                    and all(t in GENERIC_CONCEPTS or t[0].isdigit() for t in ns.shared)
                    and not (ns.partial >= 95 and len(v.form.key) <= len(qform.key))
                ):
                    score = min(score, 75.0)  # "Unge & Rus" is youth + drugs: no name in common
                    why.append("only generic words in common")
                bands = self.bands[pi]
                if qform.bands and bands:
                    verdict = bands_agree(qform.bands, bands)
                    if verdict == "same":
                        score += 5
                        why.append("same age band")
                    elif verdict == "differ":
                        score -= 30
                        why.append("age band differs")
                if name_score >= 80 and langs:
                    plangs = self.langs[pi] | ({v.lang} if v.lang else set())
                    if plangs & langs:
                        score += 4
                        why.append("language/country agrees")
                    elif plangs and not plangs <= {"en"}:
                        score -= 4
                        why.append("language/country differs")
                if country and country.upper() in profile.countries:
                    score += 1
                # ranked on the uncapped value, so agreement still tells two exact names apart
                prev = best_by_profile.get(pi)
                if prev is None or score > prev[0]:
                    best_by_profile[pi] = (score, "; ".join(why))
        if not best_by_profile:
            return Resolution(query, None, None, None, 0.0, "no catalogue name is similar")
        ranked = sorted(best_by_profile.items(), key=lambda kv: (-kv[1][0], self.profiles[kv[0]].id))
        candidates: list[Candidate] = []
        seen_clusters: dict[str, float] = {}
        for pi, (score, _why) in ranked:
            p = self.profiles[pi]
            cl = self.cluster_of.get(p.id)
            cid = cl.id if cl else None
            if cid is not None and cid not in seen_clusters:
                seen_clusters[cid] = score
            if len(candidates) < 5:
                candidates.append(
                    Candidate(p.id, p.intervention.name, cid, round(min(100.0, max(0.0, score)), 1))
                )
        best_pi, (best_score, best_why) = ranked[0]
        best = self.profiles[best_pi]
        best_cluster = self.cluster_of.get(best.id)
        rounded = round(min(100.0, max(0.0, best_score)), 1)
        if best_score < self.threshold:
            return Resolution(
                query,
                None,
                None,
                None,
                rounded,
                f"no name scored {self.threshold:.0f} or more (best: {best.id} {best_score:.0f})",
                tuple(candidates),
            )
        rivals = [
            (cid, s) for cid, s in seen_clusters.items() if best_cluster is None or cid != best_cluster.id
        ]
        ambiguous = bool(rivals) and rivals[0][1] >= best_score - AMBIGUITY_MARGIN
        reason = best_why
        if ambiguous:
            other = next(c for c in candidates if c.cluster == rivals[0][0])
            reason += f"; AMBIGUOUS: {other.intervention_id} scores {other.score:.0f}"
        return Resolution(
            query=query,
            intervention_id=best.id,
            cluster=best_cluster.id if best_cluster else None,
            name=best.intervention.name,
            score=rounded,
            reason=reason,
            candidates=tuple(candidates),
            ambiguous=ambiguous,
        )


_RESOLVERS: dict[int, tuple[Crosswalk, Resolver]] = {}


def _resolver_for(library: Library | None, crosswalk: Crosswalk | None) -> Resolver:
    if crosswalk is None:
        key = id(library)
        cached = _RESOLVERS.get(key)
        if cached is not None and (library is None or cached[0].library is library):
            return cached[1]
        crosswalk = link(library)
        resolver = Resolver(crosswalk)
        _RESOLVERS[key] = (crosswalk, resolver)
        return resolver
    cached = _RESOLVERS.get(id(crosswalk))
    if cached is not None and cached[0] is crosswalk:
        return cached[1]
    resolver = Resolver(crosswalk)
    _RESOLVERS[id(crosswalk)] = (crosswalk, resolver)
    return resolver


def resolve(
    names: Iterable[str],
    *,
    library: Library | None = None,
    crosswalk: Crosswalk | None = None,
    country: str | None = None,
    progress: bool | Callable[[int, int], None] = False,
) -> list[Resolution]:
    """Resolve free-text method names, one :class:`Resolution` per name, in order.

    ``crosswalk`` (or else ``library``, or else every bundled catalogue, linked first) gives
    the entries and clusters.  ``country`` (ISO code) favours entries of that country or
    language.  ``progress`` shows a bar on stderr for long runs (or is a callback).
    """
    resolver = _resolver_for(library, crosswalk)
    queries = list(names)
    callback: Callable[[int, int], None] | None
    if callable(progress):
        callback = progress
    elif progress and len(queries) > 10_000:
        callback = stderr_bar("resolving", len(set(queries)))
    else:
        callback = None
    return resolver.resolve(queries, country=country, progress=callback)
