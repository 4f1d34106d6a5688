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
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence

from prevcat.catalogue import Library
from prevcat.linking._progress import stderr_bar
from prevcat.linking.answers import (
    AMBIGUITY_MARGIN,
    CACHE_CAP,
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
from prevcat.linking.normalize import NameForm, name_variants, normalize, trim_caches
from prevcat.linking.resolve_run import _batches, _Handle, _Packed, _Runner
from prevcat.linking.resolve_score import ResolverScoring

__all__ = [
    "AMBIGUITY_MARGIN",
    "Candidate",
    "Resolution",
    "Resolver",
    "resolve",
    "resolve_stream",
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

        The list form of :meth:`stream` (which see); ``progress`` is told ``(done, total)``.
        """
        queries = names if isinstance(names, Sequence) else list(names)
        return list(
            self.stream(queries, country=country, progress=progress, total=len(queries), workers=workers)
        )

    def stream(
        self,
        names: Iterable[str],
        *,
        country: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        total: int | None = None,
        workers: int | None = None,
        chunk: int | None = None,
    ) -> Iterator[Resolution]:
        """Resolve names as they come, one :class:`Resolution` per name, in order.

        Memory stays bounded whatever the number of names: names are read ``chunk`` at a
        time (default :data:`CHUNK`), at most a few chunks are in flight, answers are given
        back as soon as their chunk is done, and every cache is scoped to this call and capped.
        Equal names (see :func:`same_answer_key`) are resolved once while the call remembers
        them (at most :data:`MEMO_CAP` at a time).

        ``workers`` processes share the work (default: one per CPU, at most 4, once more than
        10,000 distinct names have been seen; 1 otherwise).  Results depend neither on it nor
        on ``chunk``, the order of the names or ``PYTHONHASHSEED``.
        """
        size = max(1, chunk if chunk is not None else CHUNK)
        hint = set(COUNTRY_LANGS.get(country.upper(), set())) if country else set()
        runner = _Runner(self, hint, country, workers)
        memo: dict[tuple[object, ...], Resolution] = {}
        inflight: set[tuple[object, ...]] = set()
        pending: deque[tuple[list[str], list[tuple[object, ...]], list[tuple[object, ...]], _Handle]] = (
            deque()
        )
        done = 0

        def finish() -> list[Resolution]:
            block, keys, new_keys, handle = pending.popleft()
            resolved = handle()
            if len(memo) + len(resolved) > MEMO_CAP:
                memo.clear()
            for key, res in zip(new_keys, resolved, strict=True):
                memo[key] = res
                inflight.discard(key)
            out: list[Resolution] = []
            for q, key in zip(block, keys, strict=True):
                found = memo.get(key)
                if found is None:  # remembered when planned, forgotten since (the memo is capped)
                    found = memo[key] = self._resolve_chunk([self._grouped(q)], hint, country)[0]
                out.append(found if found.query == q else _with_query(found, q))
            return out

        collecting = gc.isenabled()
        try:
            for block in _batches(names, size):
                # millions of small acyclic objects: the cycle collector would rescan them
                gc.disable()
                keys: list[tuple[object, ...]] = []
                new_keys: list[tuple[object, ...]] = []
                reps: list[str] = []
                for q in block:
                    cleaned = self._grouped(q)
                    key = same_answer_key(cleaned)
                    keys.append(key)
                    if key not in memo and key not in inflight:
                        inflight.add(key)
                        new_keys.append(key)
                        reps.append(cleaned)
                pending.append((block, keys, new_keys, runner.submit(reps)))
                ready: list[Resolution] = []
                while len(pending) > runner.window:
                    ready.extend(finish())
                if collecting:
                    gc.enable()
                if ready:
                    done += len(ready)
                    if progress is not None:
                        progress(done, max(done, total or 0))
                    yield from ready
            while pending:
                gc.disable()
                ready = finish()
                if collecting:
                    gc.enable()
                done += len(ready)
                if progress is not None:
                    progress(done, max(done, total or 0))
                yield from ready
            if done == 0 and progress is not None and total:
                progress(0, 0)
        finally:
            runner.close()
            if collecting:
                gc.enable()
            # caches live for one call only
            self._settled.clear()
            self._form_cache.clear()
            self._candidate_objects.clear()
            trim_caches(0)

    def _grouped(self, name: str) -> str:
        """The text a name is resolved as: without parenthesised years (:func:`without_dates`)
        and without a trailing annotation no catalogue name uses: a bare year (``PAX i skolan
        2019``) or a group number (``Komet (grupp 12)``, ``Komet gr. 3``).  A year that a
        catalogue name holds stays (``Klasse 2000``).  Every name of a group is resolved as
        this one text, so the answer does not depend on which came first."""
        text = without_dates(name)
        while True:
            match = _TAIL.search(text)
            if match is None or match.start() < 2:
                return text
            year = match.group("year")
            if year is not None and year in self.catalogue_numbers:
                return text
            text = text[: match.start()].rstrip(" -–—,:;/_")

    def _pack(self, r: Resolution) -> _Packed:
        index = self.index_of
        cands = tuple((index[c.intervention_id], c.score) for c in r.candidates)
        best = index[r.intervention_id] if r.intervention_id is not None else -1
        return (best, r.score, r.reason, cands, r.ambiguous, r.variant is not None)

    def _unpack(self, query: str, item: _Packed) -> Resolution:
        best, score, reason, cands, ambiguous, has_variant = item
        known = self._candidate_objects
        if len(known) > CACHE_CAP:
            known.clear()
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
                if len(self._settled) >= CACHE_CAP:
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
        # the normalisation caches are module-wide: keep them to the size of this call's caches
        trim_caches(NORMALIZE_CAP)
        return [r for r in out if r is not None]


#: names kept by each normalisation cache while resolving (per process)
NORMALIZE_CAP = 20_000
#: a trailing bare year or group number (see :meth:`Resolver._grouped`)
_TAIL = re.compile(
    r"[\s,;:/_–—-]+(?:(?P<year>(?:19|20)\d\d)|\(?\s*(?:grupp|gruppe|group|groep|gr\.?)\s*(?:nr\.?\s*)?\d{1,3}\s*\)?)\s*$",
    re.IGNORECASE,
)
#: equal names remembered per call (cleared when full: a name seen again is resolved again)
MEMO_CAP = 60_000


def _with_query(r: Resolution, query: str) -> Resolution:
    return Resolution(
        query, r.intervention_id, r.cluster, r.name, r.score, r.reason, r.candidates, r.ambiguous, r.variant
    )


#: the last crosswalk resolved against and its index (one only: a later call frees it)
_RESOLVERS: dict[int, tuple[Crosswalk, Resolver]] = {}


def _resolver_for(library: Library | None, crosswalk: Crosswalk | None) -> Resolver:
    if crosswalk is None and library is None:
        raise TypeError(
            "resolve() needs a crosswalk or a library (prevcat.resolve() uses every installed catalogue)"
        )
    if crosswalk is None:
        assert library is not None
        for cw, resolver in _RESOLVERS.values():
            if cw.library is library:
                return resolver
        crosswalk = link(library)
    cached = _RESOLVERS.get(id(crosswalk))
    if cached is not None and cached[0] is crosswalk:
        return cached[1]
    resolver = Resolver(crosswalk)
    _RESOLVERS.clear()
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
    for long runs (or is a callback).  For inputs too long to hold, see :func:`resolve_stream`.
    """
    queries = list(names)
    return list(
        resolve_stream(
            queries,
            library=library,
            crosswalk=crosswalk,
            country=country,
            progress=progress,
            total=len(queries),
        )
    )


def resolve_stream(
    names: Iterable[str],
    *,
    library: Library | None = None,
    crosswalk: Crosswalk | None = None,
    country: str | None = None,
    progress: bool | Callable[[int, int], None] = False,
    total: int | None = None,
    workers: int | None = None,
    chunk: int | None = None,
) -> Iterator[Resolution]:
    """Like :func:`resolve`, but lazily: names are read and answers given back a chunk at a
    time, in order, in memory that does not grow with the number of names (see
    :meth:`Resolver.stream`).  ``total``, when known, sizes the progress bar."""
    resolver = _resolver_for(library, crosswalk)
    callback: Callable[[int, int], None] | None
    if callable(progress):
        callback = progress
    elif progress and total is not None and total > 10_000:
        callback = stderr_bar("resolving", total)
    else:
        callback = None
    return resolver.stream(
        names, country=country, progress=callback, total=total, workers=workers, chunk=chunk
    )
