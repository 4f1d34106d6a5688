"""Scoring two names, and two interventions, with every reason recorded.

Name similarity (0..100) is the larger of a string score (``max(ratio, token_sort_ratio)`` on
normalised keys, good for typos) and a word score (weighted overlap of words, rare words
weighing more, good for word order and extra words).  ``token_set_ratio`` and
``partial_ratio`` are recorded for the explanation but never decide alone.

The decision rule for two interventions (see ``docs/linking.md``):

1. the best name similarity over all their name forms (names, aliases, parts), times the
   form's weight (a subtitle part or a parenthesis counts a little less);
2. raised to 90 when one's ``original`` names the other, to 88 on a shared specific acronym;
3. plus/minus small amounts for agreeing or disagreeing attributes (levels, settings, country);
4. **vetoed** (two programmes) when known target age ranges do not overlap, or when both adapt
   clearly different originals and their names are alike; **variant vetoes** (perhaps one
   programme, two variants) when the age bands or levels written in the names differ;
5. one variant when the result reaches :data:`LINK_THRESHOLD` and nothing vetoes (see
   :func:`prevcat.linking.crosswalk.link` for programmes).

A little over 400 lines: the :class:`Scorer` is one job (names and pairs share its word
weights and caches); profiles live in :mod:`prevcat.linking.profile`.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence

from attrs import frozen
from rapidfuzz import fuzz

from prevcat.linking.glossary import GENERIC_CONCEPTS, Glossary
from prevcat.linking.markers import markers_differ
from prevcat.linking.normalize import NameForm, fold
from prevcat.linking.profile import NameVariant, Profile, bands_agree, programme_like

__all__ = ["LINK_THRESHOLD", "RESOLVE_THRESHOLD", "NameScore", "PairScore", "Scorer"]

#: pairs of interventions scoring at least this are linked
LINK_THRESHOLD = 85.0
#: free-text names scoring at least this against a catalogue name are resolved
RESOLVE_THRESHOLD = 80.0
#: a shared acronym counts only when the names it stands for score at least this
ACRONYM_EXPANSION_MIN = 30.0
#: names meeting on an acronym that stands for different names score at most this
ACRONYM_ONLY_CAP = 60.0
#: a name besides a shared acronym is compared when it has at least this many words (one
#: more between two entries of one registry)
EXPANSION_MIN_WORDS = 2
#: two names reduced to one and the same word are that word only if written this alike
SINGLE_WORD_WRITTEN_MIN = 75.0
#: the "different originals" veto applies from this name similarity up
ORIGINAL_VETO_MIN_NAME = 60.0
#: two entries of one registry are one programme (never one variant) from this much above
#: :data:`LINK_THRESHOLD`: a registry that lists two entries says they differ in something
SAME_SOURCE_MARGIN = 5.0
#: ...and, unless one adapts the other, their closest names spelt at least this alike
SAME_SOURCE_SPELLING = 70.0


@frozen
class NameScore:
    """How similar two name forms are, by every scorer."""

    score: float
    ratio: float
    token_sort: float
    token_set: float
    partial: float
    words: float
    shared: tuple[str, ...]


@frozen
class PairScore:
    """The verdict on two interventions: score, per-scorer values, reasons and vetoes."""

    a: str
    b: str
    score: float
    name_score: float
    scorers: tuple[tuple[str, float], ...]
    reasons: tuple[str, ...]
    vetoes: tuple[str, ...]
    best_a: str  #: the name form of ``a`` that matched best
    best_b: str
    strength: float = 0.0  #: the score before capping at 100, to order links
    full_score: float = 0.0  #: similarity of the names as written (orders ties)
    #: what keeps them two variants of one programme (age bands or levels in the names differ)
    variant_vetoes: tuple[str, ...] = ()

    @property
    def vetoed(self) -> bool:
        return bool(self.vetoes)


class Scorer:
    """Name and pair scoring with word weights learnt from the catalogues being matched."""

    def __init__(self, profiles: Sequence[Profile], glossary: Glossary) -> None:
        self.glossary = glossary
        df: Counter[str] = Counter()
        for p in profiles:
            words: set[str] = set()
            for v in p.variants:
                if v.curated is None:  # curated names do not change what the registries' words weigh
                    words.update(v.form.tokens)
            df.update(words)
        n = max(len(profiles), 1)
        self._weight = {w: math.log(1.0 + n / c) for w, c in df.items()}
        self._unknown = 0.3  # a word no catalogue uses cannot tell candidates apart
        self._weights: dict[str, float] = {}  #: weight() of every token seen
        self._memo: dict[tuple[str, str, bool, frozenset[str], frozenset[str]], NameScore] = {}
        acr: Counter[str] = Counter()
        per_source: Counter[tuple[str, str]] = Counter()
        for p in profiles:
            acr.update(p.written)
            per_source.update((p.source, x) for x in p.written)
        # an acronym one source uses for two entries is a brand (DUÅ, TIBIR), not an identifier
        for (_source, x), n in per_source.items():
            if n >= 2:
                acr[x] += 100
        self.acronym_count = acr

    def weight(self, token: str) -> float:
        """How much a word says about identity (rare words more; unknown words little)."""
        found = self._weights.get(token)
        if found is None:
            found = self._weight_of(token)
            if len(self._weights) > 1_000_000:
                self._weights.clear()
            self._weights[token] = found
        return found

    def _weight_of(self, token: str) -> float:
        if token.isdigit():
            return 0.5
        if token[:1].isdigit() and "-" in token:
            return 0.1  # an age band: judged by the band rule, not as a word
        return self._weight.get(token, self._unknown)

    def _rest_weight(self, tokens: set[str], *, query: bool = False) -> float:
        """Weight of unmatched words: two unknown words (a local suffix) weigh little, more do not.

        On a free-text query, generic words (``i skolan``, ``-grupper``) count as local too.
        """
        parts: list[float] = []
        unknown = 0
        for t in tokens:
            local = t not in self._weight or (query and t in GENERIC_CONCEPTS)
            if not local or t.isdigit():
                parts.append(self.weight(t))
            else:
                unknown += 1
                parts.append(self._unknown if unknown <= 2 else 1.0)
        # fsum is exact, so the total does not depend on the order of the set (nor on
        # PYTHONHASHSEED): equal candidates stay equal and the tie-break by id decides
        return math.fsum(parts)

    def known(self, token: str) -> bool:
        return token in self._weight

    # -- names -------------------------------------------------------------------------------
    def _word_overlap(
        self,
        a: Sequence[str],
        b: Sequence[str],
        *,
        query: bool = False,
        acronyms: frozenset[str] = frozenset(),
    ) -> tuple[float, tuple[str, ...]]:
        """Weighted overlap of two token lists; ``acronyms`` (written in capitals in either
        name) are never paired with a nearly equal word: acronyms that differ by a letter
        are different acronyms (*WSART* is not *SMART*, *STEEP* not *STEP*)."""
        set_a, set_b = set(a), set(b)
        shared = set_a & set_b
        only_a = set_a - shared
        only_b = set_b - shared
        shortest = 3 if query else 4  # registries do not misspell acronyms (PMT is not PMTO)
        rest_a = [t for t in only_a if len(t) >= shortest and not t[0].isdigit() and t not in acronyms]
        rest_b = (
            [t for t in only_b if len(t) >= shortest and not t[0].isdigit() and t not in acronyms]
            if rest_a
            else []
        )
        if rest_b:
            # sorted: the greedy pairing of near-equal words must not follow the order of a set
            rest_a.sort()
            rest_b.sort()
        fuzzy_pairs: list[tuple[str, str]] = []
        fuzzy_ratios: list[float] = []
        for ta in rest_a if rest_b else ():
            best, best_t = 0.0, ""
            for tb in rest_b:
                # a typo in a word of four letters or more; one letter left out of a short one
                # ("Col Kids"), never one letter changed (ART / ARC)
                short = min(len(ta), len(tb)) < 4
                if short and (abs(len(ta) - len(tb)) != 1 or min(len(ta), len(tb)) < 3):
                    continue
                r = fuzz.ratio(ta, tb, score_cutoff=85 if short else 80)
                if r > best:
                    best, best_t = r, tb
            if best_t:
                fuzzy_pairs.append((ta, best_t))
                fuzzy_ratios.append(best)
                rest_b.remove(best_t)
        joined = (
            _joined_matches(a, b, only_a, only_b)
            if len(set_a) != len(set_b) and only_a and only_b
            else (set(), set())
        )
        matched_a = shared | {p[0] for p in fuzzy_pairs} | joined[0]
        matched_b = shared | {p[1] for p in fuzzy_pairs} | joined[1]
        weight = self.weight
        w_shared = math.fsum([weight(t) for t in matched_b])
        w_union = (
            w_shared
            + self._rest_weight(set_a - matched_a, query=query)
            + self._rest_weight(set_b - matched_b)
        )
        if w_union <= 0:
            return 0.0, ()
        found = tuple(shared) + tuple(f"{x}~{y}" for x, y in fuzzy_pairs) if fuzzy_pairs else tuple(shared)
        words = 100.0 * w_shared / w_union
        if fuzzy_ratios and not shared and not joined[0]:
            # every word in common is only nearly the same ("Chilled" / "child"): as sure as
            # the words are alike
            words *= min(fuzzy_ratios) / 100.0
        return words, found

    def names(self, a: NameForm, b: NameForm, *, query: bool = False) -> NameScore:
        """Similarity of two name forms by every scorer; ``score`` is the decision value.

        ``query``: ``a`` is free text, whose extra generic words weigh little.
        """
        if a.key == b.key:
            if len(a.tokens) == 1 and not query:
                # one word left on both sides ("Step-by-Step" and "STEPS" are both "step",
                # "Project CHILD" and "Chilled" both "child"): the names as written decide
                written = fuzz.ratio(a.text.casefold(), b.text.casefold())
                if written < SINGLE_WORD_WRITTEN_MIN:
                    return NameScore(written, written, written, written, written, 100.0, a.tokens)
            return NameScore(100.0, 100.0, 100.0, 100.0, 100.0, 100.0, a.tokens)
        memo_key = (a.key, b.key, query, a.written, b.written)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        result = self._names(a, b, query=query)
        if len(self._memo) > 500_000:
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    def _names(self, a: NameForm, b: NameForm, *, query: bool) -> NameScore:
        ratio = fuzz.ratio(a.key, b.key)
        token_sort = fuzz.token_sort_ratio(a.key, b.key)
        # recorded for explanations; a free-text query (many of them) skips them
        token_set = 0.0 if query else fuzz.token_set_ratio(a.key, b.key)
        partial = fuzz.partial_ratio(a.key, b.key) if not query and min(len(a.key), len(b.key)) >= 4 else 0.0
        # a free-text query may misspell an acronym; a registry does not
        acronyms = frozenset() if query else a.written | b.written
        words, shared = self._word_overlap(a.tokens, b.tokens, query=query, acronyms=acronyms)
        # the string scores catch typos and spacing; they may not hide a differing word
        score = max(words, min(max(ratio, token_sort), words + 20))
        # one letter apart in a short key is another name more often than a typo (ART/ABC)
        if min(len(a.key), len(b.key)) <= 4 and words < 100:
            score = min(score, words)
        return NameScore(score, ratio, token_sort, token_set, partial, words, shared)

    # -- pairs ---------------------------------------------------------------------------------
    def best_names(self, a: Profile, b: Profile) -> tuple[float, NameScore, NameVariant, NameVariant]:
        best: tuple[float, NameScore, NameVariant, NameVariant] | None = None
        fallback: tuple[NameVariant, NameVariant] | None = None
        for va in a.variants:
            for vb in b.variants:
                if va.language_conflict(vb.form) or vb.language_conflict(va.form):
                    fallback = fallback or (va, vb)
                    continue  # a curated Swedish "Steg-för-Steg" does not name a Norwegian "Steg for steg"
                ns = self.names(va.form, vb.form)
                value = ns.score * min(va.weight, vb.weight)
                if best is None or value > best[0]:
                    best = (value, ns, va, vb)
        if best is None:  # only curated forms in another language: they do not count
            assert fallback is not None
            va, vb = fallback
            return (0.0, NameScore(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ()), va, vb)
        return best

    def original_hit(self, a: Profile, b: Profile) -> tuple[float, str] | None:
        """When ``a``'s ``original`` names ``b``: the similarity and the matched text."""
        best: tuple[float, str] | None = None
        for form in a.originals:
            if bands_agree(form.bands, b.bands) == "differ":
                continue  # "SFP 10-14" does not name "SFP 6-11"
            for vb in b.variants:
                if _bare_short_acronym(form) and _bare_short_acronym(vb.form):
                    continue  # "MI" of "MI/KAT-GO" is no name an original can point at
                value = self.names(form, vb.form).score * vb.weight
                if value >= 90 and (best is None or value > best[0]):
                    best = (value, f"{form.text!r} ~ {vb.text!r}")
            implied = {x for x in form.acronyms & b.written if self.acronym_count[x] <= 6}
            if implied and (best is None or best[0] < 90):
                best = (90.0, f"{form.text!r} is {'/'.join(sorted(x.upper() for x in implied))}")
        return best

    def pair(self, a: Profile, b: Profile) -> PairScore:
        """Score two interventions with reasons (see the module docstring for the rule)."""
        value, ns, va, vb = self.best_names(a, b)
        reasons: list[str] = []
        vetoes: list[str] = []
        variant_vetoes: list[str] = []
        score = value
        only = set(va.form.tokens) | set(vb.form.tokens)
        if len(set(va.form.tokens)) == len(set(vb.form.tokens)) == 1 and only & (a.written | b.written):
            # the names meet on an acronym alone (STAD, VIP, STEPS ~ Step-by-Step): it must
            # stand for one name
            differ = self.expansions_differ(a, b, sorted(only))
            if differ:
                score = min(score, ACRONYM_ONLY_CAP)
                reasons.append(differ)
        how = "same normalised name" if ns.score >= 100 else "name similarity"
        reasons.append(
            f"{how} {ns.score:.0f} ({va.label()} ~ {vb.label()}; ratio {ns.ratio:.0f}, "
            f"token_sort {ns.token_sort:.0f}, words {ns.words:.0f}, token_set {ns.token_set:.0f})"
        )
        if va.curated is not None or vb.curated is not None:
            reasons.append("curated alias hit")
        elif va.kind == "alias" or vb.kind == "alias":
            reasons.append("alias hit")
        glossed = sorted(set(va.form.concepts) & set(vb.form.concepts))
        if glossed and fold(va.form.exact) != fold(vb.form.exact):
            reasons.append("glossary: " + ", ".join(glossed))
        for first, second in ((a, b), (b, a)):
            hit = self.original_hit(first, second)
            if hit is not None:
                reasons.append(f"original of {first.id} names {second.id}: {hit[1]}")
                score = max(score, 90.0)
        shared_acr = sorted(x for x in (a.written & b.acronyms) | (a.acronyms & b.written) if len(x) >= 2)
        if shared_acr:
            specific = [x for x in shared_acr if self.acronym_count[x] <= 4 and len(x) >= 3]
            reasons.append("acronym hit: " + ", ".join(x.upper() for x in shared_acr))
            differ = self.expansions_differ(a, b, shared_acr) if specific else None
            if differ:
                reasons.append(differ)  # PALS: "Positiv atferd..." is not "Peer-Assisted Learning..."
            elif specific:
                score = max(score, 88.0)
        # evidence from other fields
        ta, tb = a.intervention.target, b.intervention.target
        if not ta.ages.is_open and not tb.ages.is_open:
            if ta.ages.overlaps(tb.ages):
                score += 2
                reasons.append(f"ages overlap ({ta.ages} / {tb.ages})")
            else:
                vetoes.append(f"target ages do not overlap ({ta.ages} / {tb.ages})")
        bands_a, bands_b = a.bands, b.bands
        if bands_agree(bands_a, bands_b) == "differ":
            variant_vetoes.append(
                "age bands in the names differ ("
                + ", ".join(f"{x}-{y}" for x, y in sorted(bands_a))
                + " / "
                + ", ".join(f"{x}-{y}" for x, y in sorted(bands_b))
                + ")"
            )
        elif bands_a & bands_b:
            reasons.append(
                "same age band in names: " + ", ".join(f"{x}-{y}" for x, y in sorted(bands_a & bands_b))
            )
        if ta.levels and tb.levels and set(ta.levels) & set(tb.levels):
            score += 1
            reasons.append("prevention level agrees")
        if ta.settings and tb.settings:
            if set(ta.settings) & set(tb.settings):
                score += 1
                reasons.append("setting agrees")
            else:
                score -= 3
                reasons.append("settings differ")
        if a.countries and b.countries and a.countries & b.countries:
            reasons.append("same country " + "/".join(sorted(a.countries & b.countries)))
        levels = markers_differ(a.intervention.name, b.intervention.name)
        if levels:
            variant_vetoes.append(levels)
        # different originals keep apart names that could be taken for each other (Steg-för-
        # Steg / Steg for steg); between unlike names they would only block other evidence
        conflict = self._original_conflict(a, b) if ns.score >= ORIGINAL_VETO_MIN_NAME else None
        if conflict:
            vetoes.append(conflict)
        for first, second in ((a, b), (b, a)):
            mentioned = sorted(
                t
                for t in second.words - first.words
                if len(t) >= 4
                and t in first.context
                and self.weight(t) >= 2.5
                and not self.glossary.concept(t)
            )
            if mentioned:
                score += 3
                reasons.append(f"{first.id} mentions {', '.join(mentioned[:3])}")
        strength = score
        score = max(0.0, min(100.0, score))
        scorers = (
            ("ratio", ns.ratio),
            ("token_sort_ratio", ns.token_sort),
            ("token_set_ratio", ns.token_set),
            ("partial_ratio", ns.partial),
            ("weighted_words", ns.words),
        )
        return PairScore(
            a=a.id,
            b=b.id,
            score=round(score, 1),
            name_score=round(ns.score, 1),
            scorers=tuple((k, round(v, 1)) for k, v in scorers),
            reasons=tuple(reasons),
            vetoes=tuple(vetoes),
            best_a=va.text,
            best_b=vb.text,
            strength=round(strength, 1),
            full_score=round(self.full_names(a, b), 1),
            variant_vetoes=tuple(variant_vetoes),
        )

    def full_names(self, a: Profile, b: Profile, kinds: tuple[str, ...] = ("full", "alias")) -> float:
        """The best similarity of the names and aliases as written (no parts; ``main``, the
        name before a parenthesis, when ``kinds`` says so)."""
        best = 0.0
        for va in a.variants:
            if va.kind not in kinds:
                continue
            for vb in b.variants:
                if vb.kind in kinds:
                    best = max(best, self.names(va.form, vb.form).score)
        return best

    def expansions_differ(self, a: Profile, b: Profile, acronyms: Sequence[str]) -> str | None:
        """Why a shared acronym stands for two different names, or None: both entries write a
        name of two words or more besides the acronym, and no two of them are alike in the
        words other than the acronym (the acronym itself, written in both, proves nothing:
        *Assertive Community Treatment (ACT)* is not *ACT/SAT Test Preparation*)."""
        drop = set(acronyms)
        # a registry writing one acronym on several of its entries names a brand it rates in
        # parts (TIBIR – Rådgiverintervensjonen, TIBIRs program for foreldregrupper): within
        # one registry only a name of three words or more besides it is an expansion
        least = EXPANSION_MIN_WORDS + (a.source == b.source)

        def long_forms(p: Profile) -> list[tuple[NameForm, tuple[str, ...]]]:
            out = []
            for v in p.variants:
                # the acronym and its possessive (TIBIRs) are not words of an expansion
                rest = tuple(t for t in v.form.tokens if t not in drop and t[:-1] not in drop)
                if v.kind in ("full", "alias", "main") and len(set(rest)) >= least:
                    out.append((v.form, rest))
            return out

        la, lb = long_forms(a), long_forms(b)
        if not la or not lb:
            return None
        best = 0.0
        for fx, x in la:
            for fy, y in lb:
                words = self._word_overlap(x, y, acronyms=fx.written | fy.written)[0]
                best = max(best, words, min(self.names(fx, fy).score, words + 20))
        if best >= ACRONYM_EXPANSION_MIN:
            return None
        return (
            f"acronym {'/'.join(x.upper() for x in acronyms)} stands for different names "
            f"({la[0][0].text!r} / {lb[0][0].text!r}, {best:.0f})"
        )

    def _original_conflict(self, a: Profile, b: Profile) -> str | None:
        oa = [f for f in a.originals if programme_like(f)]
        ob = [f for f in b.originals if programme_like(f)]
        if not oa or not ob:
            return None
        if self.original_hit(a, b) or self.original_hit(b, a):
            return None
        best = 0.0
        for fa in oa:
            for fb in ob:
                best = max(best, self.names(fa, fb).score)
                if fa.acronyms & fb.acronyms:
                    return None
        if best < 50:
            return f"they adapt different originals ({oa[0].text!r} / {ob[0].text!r})"
        return None


def _bare_short_acronym(form: NameForm) -> bool:
    """A form that is one acronym of two letters (MI, CM): too short to name one programme."""
    return len(form.tokens) == 1 and len(form.tokens[0]) <= 2 and form.tokens[0] in form.written


def _joined_matches(
    a: Sequence[str], b: Sequence[str], rest_a: set[str], rest_b: set[str]
) -> tuple[set[str], set[str]]:
    """Words written as one in one name and as two in the other (``LifeSkills``/``Life Skills``)."""
    out_a: set[str] = set()
    out_b: set[str] = set()
    for _one, two, rest_one, rest_two, got_one, got_two in (
        (a, b, rest_a, rest_b, out_a, out_b),
        (b, a, rest_b, rest_a, out_b, out_a),
    ):
        for x, y in itertools.pairwise(two):
            if x in rest_two and y in rest_two and x + y in rest_one:
                got_one.add(x + y)
                got_two.update((x, y))
    return out_a, out_b
