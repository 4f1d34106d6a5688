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

Many names (:class:`Resolver`): names equal up to a parenthesised year or to case that cannot
change the answer are resolved once (:func:`same_answer_key`); a settled, unambiguous answer is
kept by the signature of the name's form as written, so a later name with that signature (one
normalising to a catalogue key, above all) is answered from a dictionary; the rest go through
``cdist`` in chunks, in worker processes for long lists.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from prevcat.catalogue import Library
from prevcat.linking._progress import stderr_bar
from prevcat.linking.answers import (
    AMBIGUITY_MARGIN,
    CHUNK,
    COUNTRY_LANGS,
    QUERY_WEIGHT,
    SETTLED,
    Candidate,
    Resolution,
    same_answer_key,
    without_dates,
)
from prevcat.linking.crosswalk import Crosswalk, link
from prevcat.linking.normalize import NameForm, name_variants, normalize
from prevcat.linking.resolve_score import ResolverScoring

__all__ = [
    "AMBIGUITY_MARGIN",
    "Candidate",
    "Resolution",
    "Resolver",
    "resolve",
    "same_answer_key",
    "without_dates",
]


class Resolver(ResolverScoring):
    """A reusable index of a crosswalk's name forms for resolving many names fast."""

    # -- batch -----------------------------------------------------------------------------
    def resolve(
        self,
        names: Iterable[str],
        *,
        country: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
    ) -> list[Resolution]:
        """Resolve names in order; equal names (see :func:`same_answer_key`) are resolved once.

        ``workers`` processes share the work (default: one per CPU, at most 4, for more than
        50,000 distinct names; 1 otherwise).  Results do not depend on it.
        """
        queries = list(names)
        hint = set(COUNTRY_LANGS.get(country.upper(), set())) if country else set()
        distinct = list(dict.fromkeys(queries))
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(distinct) > 50_000 else 1
        # equal names, and names differing only by a year annotation or by case that cannot
        # matter (see same_answer_key), are resolved once: one name stands for the others
        stands_for: dict[str, str] = {}
        covered: list[int] = []
        sent: list[list[str]] = []

        def plan() -> Iterator[list[str]]:
            chosen: dict[tuple[object, ...], str] = {}
            chunk: list[str] = []
            for n, q in enumerate(distinct, 1):
                cleaned = without_dates(q)
                key = same_answer_key(cleaned)
                rep = chosen.get(key)
                if rep is None:
                    rep = chosen[key] = cleaned
                    chunk.append(cleaned)
                stands_for[q] = rep
                if len(chunk) == CHUNK:
                    covered.append(n)
                    sent.append(chunk)
                    yield chunk
                    chunk = []
            covered.append(len(distinct))
            if chunk:
                sent.append(chunk)
                yield chunk

        results: dict[str, Resolution] = {}
        # millions of small acyclic objects: the cycle collector would rescan them again and again
        collecting = gc.isenabled()
        gc.disable()
        try:
            # names are grouped while the first chunks are already being resolved, and every
            # name is answered as soon as the chunk of the name standing for it is back
            answers: dict[str, Resolution] = {}
            answered = 0
            for i, resolved in enumerate(self._map(plan(), hint, country, workers)):
                for q, res in zip(sent[i], resolved, strict=True):
                    results[q] = res
                sent[i] = []
                upto = covered[i]
                for q in distinct[answered:upto]:
                    res = results[stands_for[q]]
                    answers[q] = res if res.query == q else _with_query(res, q)
                answered = upto
                if progress is not None:
                    progress(upto, len(distinct))
            if answered < len(distinct):  # names after the last chunk, standing for earlier ones
                for q in distinct[answered:]:
                    res = results[stands_for[q]]
                    answers[q] = res if res.query == q else _with_query(res, q)
                if progress is not None:
                    progress(len(distinct), len(distinct))
        finally:
            if collecting:
                gc.enable()
        return [answers[q] for q in queries]

    def _map(
        self, chunks: Iterator[list[str]], hint: set[str], country: str | None, workers: int
    ) -> Iterator[list[Resolution]]:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for chunk in chunks:
                yield self._resolve_chunk(chunk, hint, country)
            return
        global _WORKER
        _WORKER = (self, hint, country)
        sent: list[list[str]] = []

        def recorded() -> Iterator[list[str]]:
            for chunk in chunks:
                sent.append(chunk)
                yield chunk

        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for i, packed in enumerate(pool.imap(_resolve_packed, recorded())):
                    yield [self._unpack(q, item) for q, item in zip(sent[i], packed, strict=True)]
                    sent[i] = []
        finally:
            _WORKER = None

    def _pack(self, r: Resolution) -> _Packed:
        index = self.index_of
        cands = tuple((index[c.intervention_id], c.score) for c in r.candidates)
        best = index[r.intervention_id] if r.intervention_id is not None else -1
        return (best, r.score, r.reason, cands, r.ambiguous, r.variant is not None)

    def _unpack(self, query: str, item: _Packed) -> Resolution:
        best, score, reason, cands, ambiguous, has_variant = item
        known = self._candidate_objects
        candidates = []
        for c in cands:
            found = known.get(c)
            if found is None:
                pi, value = c
                found = known[c] = Candidate(self.ids[pi], self.entry_names[pi], self.cluster_ids[pi], value)
            candidates.append(found)
        if best < 0:
            return Resolution(query, None, None, None, score, reason, tuple(candidates), ambiguous)
        return Resolution(
            query,
            self.ids[best],
            self.cluster_ids[best],
            self.entry_names[best],
            score,
            reason,
            tuple(candidates),
            ambiguous,
            self.variant_ids[best] if has_variant else None,
        )

    def _resolve_chunk(self, chunk: Sequence[str], hint: set[str], country: str | None) -> list[Resolution]:
        glossary = self.scorer.glossary
        # pass 1: each name as written; most names are settled here
        full = [normalize(q, glossary) for q in chunk]
        # fast path: a name whose form as written has been settled before (in particular one
        # normalising to exactly a catalogue name's key) gets that answer from a dictionary
        hint_key = (frozenset(hint), country)
        sigs = [(f.key, f.bands, f.written, f.acronyms, f.langs, hint_key) for f in full]
        known = [self._settled.get(sig) for sig in sigs]
        fresh = [qi for qi, k in enumerate(known) if k is None and full[qi].key]
        fresh_tops = dict(zip(fresh, self._candidates([full[qi].key for qi in fresh]), strict=True))
        out: list[Resolution | None] = []
        again: list[int] = []
        for qi, q in enumerate(chunk):
            settled = known[qi]
            if settled is not None:
                out.append(settled if settled.query == q else _with_query(settled, q))
                continue
            if not full[qi].key:
                out.append(None)
                again.append(qi)
                continue
            res = self._score_query(q, [(1.0, full[qi])], [fresh_tops[qi]], hint, country)
            if res.score >= SETTLED and not res.ambiguous:
                # the answer depends on the form's key, bands, acronyms and languages only
                if len(self._settled) > 200_000:
                    self._settled.clear()
                self._settled[sigs[qi]] = res
                out.append(res)
            else:
                out.append(None)
                again.append(qi)
        # pass 2: the others, cut into their forms (before a parenthesis, inside it, ...)
        forms: dict[int, list[tuple[float, NameForm]]] = {}
        rows: list[str] = []
        row_of: list[tuple[int, int]] = []
        tops: dict[tuple[int, int], dict[int, int]] = {}
        for qi in again:
            qforms: list[tuple[float, NameForm]] = []
            for kind, text in name_variants(chunk[qi]):
                form = normalize(text, glossary)
                if form.key:
                    qforms.append((QUERY_WEIGHT.get(kind, 0.9), form))
                    if qi in fresh_tops and form.key == full[qi].key:
                        tops[(qi, len(qforms) - 1)] = fresh_tops[qi]  # compared in pass 1 already
                    else:
                        row_of.append((qi, len(qforms) - 1))
                        rows.append(form.key)
            forms[qi] = qforms
        tops.update(zip(row_of, self._candidates(rows), strict=True))
        for qi in again:
            qforms = forms[qi]
            out[qi] = self._score_query(
                chunk[qi], qforms, [tops.get((qi, fi), {}) for fi in range(len(qforms))], hint, country
            )
        return [r for r in out if r is not None]


_WORKER: tuple[Resolver, set[str], str | None] | None = None
#: a result sent back by a worker: entries by their index in the resolver, no query (the
#: parent knows it), so that little is pickled
_Packed = tuple[int, float, str, tuple[tuple[int, float], ...], bool, bool]


def _resolve_packed(chunk: list[str]) -> list[_Packed]:
    """Run in a worker process (forked, so the resolver is already there)."""
    assert _WORKER is not None
    resolver, hint, country = _WORKER
    resolver.cdist_workers = 1  # the processes already use every core
    return [resolver._pack(r) for r in resolver._resolve_chunk(chunk, hint, country)]


def _with_query(r: Resolution, query: str) -> Resolution:
    return Resolution(
        query, r.intervention_id, r.cluster, r.name, r.score, r.reason, r.candidates, r.ambiguous, r.variant
    )


_RESOLVERS: dict[int, tuple[Crosswalk, Resolver]] = {}


def _resolver_for(library: Library | None, crosswalk: Crosswalk | None) -> Resolver:
    if crosswalk is None and library is None:
        raise TypeError(
            "resolve() needs a crosswalk or a library (prevcat.resolve() uses every installed catalogue)"
        )
    if crosswalk is None:
        assert library is not None
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

    ``crosswalk`` (or else ``library``, linked first) gives the entries, programmes and
    variants; :func:`prevcat.resolve` fills in every installed catalogue.  ``country`` (ISO
    code) favours entries of that country or language.  ``progress`` shows a bar on stderr
    for long runs (or is a callback).
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
