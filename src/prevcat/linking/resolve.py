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
import math
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter

import numpy as np
from attrs import frozen
from rapidfuzz import fuzz, process

from prevcat.catalogue import Library
from prevcat.linking._progress import stderr_bar
from prevcat.linking.brand import BRAND_RARE_WEIGHT
from prevcat.linking.crosswalk import Crosswalk, link
from prevcat.linking.glossary import GENERIC_CONCEPTS
from prevcat.linking.markers import levels_of
from prevcat.linking.match import RESOLVE_THRESHOLD, Scorer
from prevcat.linking.normalize import NameForm, band_spans, name_variants, normalize
from prevcat.linking.profile import NameVariant, Profile, bands_agree

__all__ = [
    "AMBIGUITY_MARGIN",
    "Candidate",
    "Resolution",
    "Resolver",
    "resolve",
    "same_answer_key",
    "without_dates",
]

#: two clusters closer than this are reported as ambiguous
AMBIGUITY_MARGIN = 5.0
#: a name holding every word of a catalogue name, one of them a brand, scores at least this
BRAND_FLOOR = 82.0
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
_TOP_K = 4
#: candidates per name form scored in full
_REFINE = 3
#: a name as written scoring this much (and not ambiguous) is not cut into its parts
_SETTLED = 88.0
#: a written acronym shared with an entry's name counts as this score (``GBG``, ``ÖPP``)
ACRONYM_FLOOR = 86.0
#: a curated alias matched by a name that reads as another language counts at most this
CURATED_CONFLICT_CAP = 50.0
_CHUNK = 4096
#: alternatives listed per name: the best entry of each of the best clusters
_CANDIDATES = 3
#: a parenthesis holding only a year or a span of years (``(2019)``, ``(2015–2018)``): a date, not a name
_DATE = re.compile(r"\s*\(\s*(?:19|20)\d\d(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|\d\d))?\s*\)")
_NON_WORD = re.compile(r"[^\w]+")


def without_dates(name: str) -> str:
    """``name`` without parenthesised years (``PAX i skolan (2019)`` → ``PAX i skolan``).

    >>> without_dates("Komet (2015–2018) i kommunen")
    'Komet i kommunen'
    """
    if "(" not in name:
        return name
    stripped = " ".join(_DATE.sub(" ", name).split())
    return stripped if len(stripped) >= 2 else name


def same_answer_key(name: str) -> tuple[object, ...]:
    """Names with the same key get the same answer: case matters only for written acronyms
    (a word all in capitals) and for the words of an age band (``10 bis 14``)."""
    lower = name.lower()
    capitals: tuple[int, ...] = ()
    if lower != name:
        capitals = tuple([i for i, w in enumerate(_NON_WORD.split(name)) if w.isupper()])
    return (lower, name.isascii(), capitals, band_spans(name))


def _shown(score: float) -> float:
    return round(min(100.0, max(0.0, score)), 1)


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
    #: the variant, when the name says which (a level, an age band, a variant's own name) or
    #: the programme has only one; ``cluster`` is the programme
    variant: str | None = None


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
        self.variants: list[NameVariant] = []
        self.owner: list[int] = []
        for i, p in enumerate(self.profiles):
            for v in p.variants:
                self.variants.append(v)
                self.owner.append(i)
        self.keys = [v.form.key for v in self.variants]
        self.var_weight = [math.fsum(scorer.weight(t) for t in set(v.form.tokens)) for v in self.variants]
        # cdist runs over distinct keys; each maps back to its variants
        self.unique_keys = list(dict.fromkeys(self.keys))
        key_index = {k: i for i, k in enumerate(self.unique_keys)}
        self.variants_of_key: list[list[int]] = [[] for _ in self.unique_keys]
        for idx, key in enumerate(self.keys):
            self.variants_of_key[key_index[key]].append(idx)
        self.by_key: dict[str, list[int]] = {}
        self.by_token: dict[str, list[int]] = {}
        self.by_acr: dict[str, list[int]] = {}
        for idx, v in enumerate(self.variants):
            self.by_key.setdefault(v.form.key, []).append(idx)
            for t in set(v.form.tokens):
                self.by_token.setdefault(t, []).append(idx)
            # a curated name's initials are no acronym of it ("PAX i skolan" is not "PIS")
            for a in v.form.acronyms if v.curated is None else v.form.written:
                self.by_acr.setdefault(a, []).append(idx)
        self.cluster_of = {m: c for c in crosswalk.clusters for m in c.members}
        # per profile: id, display name, cluster id (None for none) and cluster key (else the id)
        self.ids = [p.id for p in self.profiles]
        self.entry_names = [p.intervention.name for p in self.profiles]
        self.cluster_ids: list[str | None] = [
            c.id if (c := self.cluster_of.get(p.id)) is not None else None for p in self.profiles
        ]
        self.index_of = {pid: pi for pi, pid in enumerate(self.ids)}
        self._candidate_objects: dict[tuple[int, float], Candidate] = {}
        self.cluster_keys = [
            cid if cid is not None else p.id for cid, p in zip(self.cluster_ids, self.profiles, strict=True)
        ]
        self._form_cache: dict[tuple[object, ...], list[tuple[int, float, str]]] = {}
        #: settled answers by the signature of a name's form as written (the fast path)
        self._settled: dict[tuple[object, ...], Resolution] = {}
        #: threads per cdist call (-1: all cores; worker processes use one each)
        self.cdist_workers = -1
        self.langs = [_profile_langs(p) for p in self.profiles]
        self.var_acr = [
            v.form.acronyms if v.kind in ("full", "alias") and v.curated is None else v.form.written
            for v in self.variants
        ]
        # age bands and levels are judged per variant: "SFP 6-11" is the programme SFP, and
        # within it the variant for ages 6-11
        variant_of = {m: v for c in crosswalk.clusters for v in (c.variants or (c,)) for m in v.members}
        self.variant_ids: list[str | None] = [
            pv.id if (pv := variant_of.get(p.id)) is not None else None for p in self.profiles
        ]
        self.single_variant = [
            (c := self.cluster_of.get(p.id)) is None or len(c.variants) <= 1 for p in self.profiles
        ]
        bands_by_variant: dict[str, set[tuple[int, int]]] = {}
        for p, vid in zip(self.profiles, self.variant_ids, strict=True):
            bands_by_variant.setdefault(vid or p.id, set()).update(p.bands)
        self.bands = [
            frozenset(bands_by_variant[vid or p.id])
            for p, vid in zip(self.profiles, self.variant_ids, strict=True)
        ]
        self.levels = [levels_of(p.intervention.name) for p in self.profiles]
        self.members_of: dict[str, list[int]] = {}
        for pi, key in enumerate(self.cluster_keys):
            self.members_of.setdefault(key, []).append(pi)
        # per name form: its words when one of them is a brand (see _brand_in), else ()
        self.brand_words: list[tuple[str, ...]] = []
        self.by_brand_word: dict[str, list[int]] = {}
        gloss = scorer.glossary
        for idx, v in enumerate(self.variants):
            words = tuple(t for t in dict.fromkeys(v.form.tokens) if not t.isdigit())
            rare = [
                t
                for t in words
                if len(t) >= 4
                and scorer.weight(t) >= BRAND_RARE_WEIGHT
                and t not in GENERIC_CONCEPTS
                # a word alone must be a name, not a word the glossary knows ("Førskole")
                and (len(words) > 1 or not gloss.concept(t))
            ]
            if rare and v.kind != "part":
                self.brand_words.append(words)
                self.by_brand_word.setdefault(max(rare, key=scorer.weight), []).append(idx)
            else:
                self.brand_words.append(())

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
        hint = set(_COUNTRY_LANGS.get(country.upper(), set())) if country else set()
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
                if len(chunk) == _CHUNK:
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

    def _candidates(self, keys: list[str]) -> list[dict[int, int]]:
        """For each key: ``{variant index: string score}`` of its best catalogue name forms."""
        out: list[dict[int, int]] = [{} for _ in keys]
        fuzzy_rows: list[int] = []
        for i, key in enumerate(keys):
            exact = self.by_key.get(key)
            if exact is not None:
                out[i] = dict.fromkeys(exact, 100)
            else:
                fuzzy_rows.append(i)
        if fuzzy_rows and self.unique_keys:
            batch = [keys[i] for i in fuzzy_rows]
            choices = self.unique_keys
            # token_sort_ratio alone: it is ratio when the words are in order, and order-proof
            best = process.cdist(
                batch, choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=self.cdist_workers
            )
            k = min(_TOP_K, best.shape[1])
            # the k largest scores: partition on the scores themselves (negating an unsigned
            # matrix would wrap around and put the zeros first)
            part = np.argpartition(best, best.shape[1] - k, axis=1)[:, best.shape[1] - k :]
            picked = np.take_along_axis(best, part, axis=1)
            for r, i in enumerate(fuzzy_rows):
                found: dict[int, int] = {}
                for u, v in zip(part[r].tolist(), picked[r].tolist(), strict=True):
                    if v >= 50:
                        for c in self.variants_of_key[u]:
                            found[c] = v
                out[i] = found
        return out

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
            if res.score >= _SETTLED and not res.ambiguous:
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
                    qforms.append((_QUERY_WEIGHT.get(kind, 0.9), form))
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

    # -- one query -----------------------------------------------------------------------------
    def _score_form(
        self, qweight: float, qform: NameForm, cands: dict[int, int], hint: set[str], country: str | None
    ) -> list[tuple[int, float, str]]:
        """``(profile index, score, reason)`` of the best candidates for one name form."""
        scorer = self.scorer
        out: list[tuple[int, float, str]] = []
        # a cheap estimate picks the few candidates worth scoring in full: the string
        # score from cdist, and the weight of words in common (posting lists)
        estimate: dict[int, float] = {c: float(v) for c, v in cands.items()}
        if not cands or max(cands.values()) < 85:
            shared: dict[int, float] = {}
            q_total = 0.0
            # sorted: float sums in a fixed order, whatever PYTHONHASHSEED
            for t in sorted(set(qform.tokens)):
                w = scorer.weight(t)
                q_total += w if scorer.known(t) else 0.3
                if w >= 2.0:
                    hits = self.by_token.get(t, ())
                    if len(hits) <= 20:
                        for c in hits:
                            shared[c] = shared.get(c, 0.0) + w
            var_weight = self.var_weight
            for c, w_shared in shared.items():
                union = q_total + var_weight[c] - w_shared
                words = 100.0 * w_shared / (union if union > 1e-9 else 1e-9)
                if words > estimate.get(c, 0.0):
                    estimate[c] = words
        for t in set(qform.tokens):
            for c in self.by_brand_word.get(t, ()):
                if estimate.get(c, 0.0) < BRAND_FLOOR and self._brand_in(qform, c):
                    estimate[c] = BRAND_FLOOR
        for a in qform.written | qform.acronyms:
            hits = self.by_acr.get(a, ())
            if len(hits) <= 8:
                for c in hits:
                    if estimate.get(c, 0.0) < ACRONYM_FLOOR:
                        estimate[c] = ACRONYM_FLOOR
        if not estimate:
            return out
        ranked_est = sorted(estimate.items(), key=itemgetter(1), reverse=True)
        top = ranked_est[0][1]
        # every tie with the best (the same name in several catalogues), then a few more
        # (ties with the last one taken are taken too: which of equal estimates comes first
        # depends on the order of the index, and must not change the answer)
        cand: list[int] = []
        last = -1.0
        for i, (c, e) in enumerate(ranked_est):
            if e >= top - 2 or ((i < _REFINE or e == last) and e >= top - 12):
                cand.append(c)
                last = e
            elif i >= _REFINE:
                break  # sorted: no later estimate qualifies
        langs = set(qform.langs) | hint
        for c in cand:
            v = self.variants[c]
            pi = self.owner[c]
            ns = scorer.names(qform, v.form, query=True)
            name_score = ns.score * min(qweight, v.weight)
            score = name_score
            if qform.key == v.form.key:
                why = [f"{v.label()} {ns.score:.0f} (same normalised name)"]
            else:
                why = [f"{v.label()} {ns.score:.0f}"]
            profile = self.profiles[pi]
            acr = (qform.written & self.var_acr[c]) | (qform.acronyms & v.form.written)
            if acr and any(scorer.acronym_count[a] <= 4 for a in acr) and score < ACRONYM_FLOOR:
                score = ACRONYM_FLOOR
                why.append("acronym " + "/".join(sorted(a.upper() for a in acr)))
            if score < BRAND_FLOOR and self._brand_in(qform, c):
                score = BRAND_FLOOR  # "KiVa Antimobbing-Programm an Wiener Schulen"
                why.append("the whole catalogue name is in the name, with a rare word")
            if (
                score < 100
                and ns.shared
                and all(t in GENERIC_CONCEPTS or t[0].isdigit() for t in ns.shared)
                and not (
                    len(v.form.key) <= len(qform.key) and fuzz.partial_ratio(v.form.key, qform.key) >= 95
                )
            ):
                score = min(score, 75.0)  # "Unge & Rus" is youth + drugs: no name in common
                why.append("only generic words in common")
            qlevels = levels_of(qform.text)
            if qlevels:
                vlevels = levels_of(v.text) or self.levels[pi]
                if qlevels == vlevels:
                    score += 5
                    why.append("same level")
                elif vlevels:
                    score -= 10
                    why.append("level differs")
            bands = self.bands[pi]
            if qform.bands and bands:
                verdict = bands_agree(qform.bands, bands)
                if verdict == "same":
                    score += 5
                    why.append("same age band")
                elif verdict == "differ":
                    score -= 30
                    why.append("age band differs")
            conflict = v.language_conflict(qform) if v.curated is not None else None
            if conflict is not None and score > CURATED_CONFLICT_CAP:
                score = CURATED_CONFLICT_CAP  # Swedish "Steg-för-Steg" is not Norwegian "Steg for steg"
                why.append(conflict)
            if conflict is None and name_score >= 80 and langs:
                # a curated alias speaks its own language, whatever the registry's
                plangs = (
                    {v.lang}
                    if v.curated is not None and v.lang
                    else self.langs[pi] | ({v.lang} if v.lang else set())
                )
                if plangs & langs:
                    score += 4
                    why.append("language/country agrees")
                elif plangs and not plangs <= {"en"}:
                    score -= 4
                    why.append("language/country differs")
            if country and country.upper() in profile.countries:
                score += 1
            # ranked on the uncapped value, so agreement still tells two exact names apart
            out.append((pi, score, "; ".join(why)))
        return out

    def _brand_in(self, qform: NameForm, c: int) -> bool:
        """Every word of catalogue form ``c`` is in the query, one of them a rare word that
        is no generic concept (a brand: *KiVa*, *Olweus*, *Triple P*, *PMTO*)."""
        words = self.brand_words[c]
        if not words:
            return False
        tokens = set(qform.tokens)
        return all(t in tokens for t in words)

    def _cluster_key(self, pi: int) -> str:
        return self.cluster_keys[pi]

    def _score_query(
        self,
        query: str,
        forms: list[tuple[float, NameForm]],
        tops: list[dict[int, int]],
        hint: set[str],
        country: str | None,
    ) -> Resolution:
        best_by_profile: dict[int, tuple[float, str]] = {}
        best_so_far = 0.0
        hint_key = (frozenset(hint), country)
        for (qweight, qform), cands in zip(forms, tops, strict=True):
            if qweight < 1.0 and best_so_far >= 95:
                continue  # a part or parenthesis cannot beat an excellent whole name
            cache_key = (
                qform.key,
                qform.bands,
                qform.written,
                qform.acronyms,
                qform.langs,
                qweight,
                hint_key,
            )
            scored = self._form_cache.get(cache_key)
            if scored is None:
                scored = self._score_form(qweight, qform, cands, hint, country)
                if len(self._form_cache) > 200_000:
                    self._form_cache.clear()
                self._form_cache[cache_key] = scored
            for pi, score, why in scored:
                prev = best_by_profile.get(pi)
                if prev is None or score > prev[0]:
                    best_by_profile[pi] = (score, why)
                best_so_far = max(best_so_far, score)
        if not best_by_profile:
            return Resolution(query, None, None, None, 0.0, "no catalogue name is similar")
        ids = self.ids
        ranked = (
            sorted(best_by_profile.items(), key=lambda kv: (-kv[1][0], ids[kv[0]]))
            if len(best_by_profile) > 1
            else list(best_by_profile.items())
        )
        # the best entry of each of the best clusters: the alternatives that differ
        candidates: list[Candidate] = []
        seen_clusters: set[str] = set()
        cluster_keys = self.cluster_keys
        for pi, (score, _why) in ranked:
            cid = cluster_keys[pi]
            if cid in seen_clusters:
                continue
            seen_clusters.add(cid)
            candidates.append(Candidate(ids[pi], self.entry_names[pi], self.cluster_ids[pi], _shown(score)))
            if len(candidates) == _CANDIDATES:
                break
        first_pi, (best_score, best_why) = ranked[0]
        best_pi, variant = self._variant(query, first_pi, best_why, ranked)
        if best_pi != first_pi:
            best_why += f"; the name's levels are those of {self.ids[best_pi]}"
        best = self.profiles[best_pi]
        best_cluster = self.cluster_of.get(best.id)
        rounded = _shown(best_score)
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
        best_key = cluster_keys[best_pi]
        rival = next((pi for pi, _v in ranked[1:] if cluster_keys[pi] != best_key), None)
        rival_score = best_by_profile[rival][0] if rival is not None else -1.0
        ambiguous = rival is not None and rival_score >= best_score - AMBIGUITY_MARGIN
        reason = best_why
        if ambiguous and rival is not None:
            reason += f"; AMBIGUOUS: {self.profiles[rival].id} scores {_shown(rival_score):.0f}"
        return Resolution(
            query=query,
            intervention_id=best.id,
            cluster=best_cluster.id if best_cluster else None,
            name=best.intervention.name,
            score=rounded,
            reason=reason,
            candidates=tuple(candidates),
            ambiguous=ambiguous,
            variant=variant,
        )

    def _variant(
        self, query: str, pi: int, why: str, ranked: Sequence[tuple[int, tuple[float, str]]]
    ) -> tuple[int, str | None]:
        """The entry and its variant when the name says which: the programme has one variant,
        the name's levels are exactly one entry's (``Triple P nivå 4`` → level 4), its age band
        agrees, or it is the entry's own name as written.  Else the variant stays open."""
        if self.single_variant[pi]:
            return pi, self.variant_ids[pi]
        wanted = levels_of(query)
        if wanted:
            # the entries of the programme naming exactly these levels, best ranked first
            programme = self.cluster_keys[pi]
            order = {qi: n for n, (qi, _v) in enumerate(ranked)}
            exact = sorted(
                (qi for qi in self.members_of[programme] if self.levels[qi] == wanted),
                key=lambda qi: (order.get(qi, len(order)), self.ids[qi]),
            )
            if exact and len({self.variant_ids[qi] for qi in exact}) == 1:
                return exact[0], self.variant_ids[exact[0]]
        if "same level" in why or "same age band" in why:
            return pi, self.variant_ids[pi]
        if why.startswith("full ") and "(same normalised name)" in why.split(";")[0]:
            return pi, self.variant_ids[pi]
        return pi, None


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
