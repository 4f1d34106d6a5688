"""Programme-level evidence: two entries that share a brand are one programme.

Names of variants of one programme often score low as wholes (*Incredible Years – Parent*
against *Incredible Years Preschool BASIC Parents Program*; *Triple P (niveau 1 en 2)* against
*Triple P System*) while sharing what a coordinator would call the programme's name.  Three
kinds of evidence, none of them tied to a language:

* **containment**: every word of one name, its variant markers (levels, age bands) taken out,
  is in the other name (exactly, with a typo, or inside a compound: *denkstrategieën* holds
  *strategies*), and one of those words is rare over all loaded catalogues (a brand such as
  *KiVa*, *PMTO*, *Triple P*) and is no glossary concept;
* **a brand acronym** written in both names that one registry uses for several entries
  (*DUÅ*, *TIBIR*): a registry naming several entries alike says they are one programme;
* **origin words**: two or more rare words (a developer's name: *Kusché*, *Greenberg*) that
  both entries' descriptions, ``original`` or other fields share, with names not unalike.

The words' rarity is computed over every loaded catalogue, so a new registry changes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from prevcat.linking.markers import strip_markers
from prevcat.linking.match import Scorer
from prevcat.linking.normalize import NameForm, acronym_expansions, normalize
from prevcat.linking.profile import Profile

__all__ = ["BRAND_RARE_WEIGHT", "Brands"]

#: a word weighing this much (``log(1 + N / df)``) is rare enough to be a brand
BRAND_RARE_WEIGHT = 2.5
#: origin words: at most this many entries use the word, and this many words are shared
ORIGIN_MAX_ENTRIES = 3
ORIGIN_MIN_SHARED = 2
#: origin words count when the names score at least this
ORIGIN_MIN_NAME = 40.0


class Brands:
    """Brand evidence between profiles, with rarity learnt from all loaded catalogues."""

    def __init__(self, scorer: Scorer, profiles: Sequence[Profile]) -> None:
        self.scorer = scorer
        self.glossary = scorer.glossary
        self.context_df: Counter[str] = Counter()
        for p in profiles:
            self.context_df.update(p.context - p.words)
        per_source: Counter[tuple[str, str]] = Counter()
        for p in profiles:
            per_source.update((p.source, x) for x in p.written)
        self.brand_acronyms = frozenset(x for (_s, x), n in per_source.items() if n >= 2 and len(x) >= 3)
        self._cores: dict[str, tuple[NameForm, ...]] = {}
        self._by_source: dict[str, list[Profile]] = {}
        for p in profiles:
            self._by_source.setdefault(p.source, []).append(p)
        self._families: dict[tuple[str, str], bool] = {}

    def cores(self, p: Profile) -> tuple[NameForm, ...]:
        """The profile's names and aliases as written, their variant markers taken out."""
        found = self._cores.get(p.id)
        if found is None:
            texts = [p.intervention.name, *(a.name for a in p.intervention.aliases)]
            forms = []
            for text in texts:
                form = normalize(strip_markers(text), self.glossary)
                if len([t for t in form.tokens if not t.isdigit()]) >= 1:
                    forms.append(form)
            found = self._cores[p.id] = tuple(forms)
        return found

    def reason(self, a: Profile, b: Profile, name_score: float) -> str | None:
        """Why ``a`` and ``b`` are one programme by their brand, or None."""
        shared_brand = sorted(a.written & b.written & self.brand_acronyms) if a.source != b.source else []
        # ...and it must stand for one name (ACT: Assertive Community Treatment is not the
        # ACT of ACT/SAT Test Preparation)
        # an acronym of a method's generic name (CBT: cognitive behaviour therapy, every word
        # a glossary concept) names no brand: TF-CBT, CPC-CBT and CBT are three methods
        shared_brand = [x for x in shared_brand if not self._generic_acronym(x)]
        if shared_brand and not self.scorer.expansions_differ(a, b, shared_brand):
            return "brand acronym " + ", ".join(x.upper() for x in shared_brand)
        # a registry listing two entries says they differ; two different acronyms (PMT, PMTO)
        # name two methods
        if a.source != b.source and not (a.written and b.written and not a.written & b.written):
            for fa in self.cores(a):
                for fb in self.cores(b):
                    for small, large_source in ((fa, b.source), (fb, a.source)):
                        hit = self._contained(small, fb if small is fa else fa)
                        if hit and not self._family(small, large_source):
                            return hit
        if name_score >= ORIGIN_MIN_NAME and a.source != b.source:  # one registry's fields look alike
            words = sorted(
                t
                for t in (a.context & b.context) - a.words - b.words
                if len(t) >= 5
                and not t.isdigit()
                and self.context_df[t] <= ORIGIN_MAX_ENTRIES
                and not self.glossary.concept(t)
            )
            if len(words) >= ORIGIN_MIN_SHARED:
                return "origin words in common: " + ", ".join(words[:4])
        return None

    def _generic_acronym(self, acronym: str) -> bool:
        """Whether a known expansion of ``acronym`` (``data/acronyms.csv``) is made of
        glossary concepts only."""
        for text in acronym_expansions().get(acronym, ()):
            tokens = normalize(text, self.glossary).tokens
            if tokens and all(self.glossary.concept(t) for t in tokens):
                return True
        return False

    def _family(self, small: NameForm, source: str) -> bool:
        """Whether ``source`` writes the name ``small`` inside two or more of its entries'
        names: then it names a family there (*Lions Quest* -- Skills for Growing, -- Skills
        for Action, -- Skills for Adolescence; *Fast Track* Action Reading, *Fast Track*:
        Elementary School), and being inside one of them says nothing about which; unless
        it also lists the name itself (*Familias Unidas* beside *eHealth Familias Unidas*)."""
        key = (small.key, source)
        found = self._families.get(key)
        if found is None:
            n = 0
            for p in self._by_source.get(source, ()):
                cores = self.cores(p)
                if any(c.key == small.key for c in cores):
                    n = 0  # the registry lists the name itself: the others are its variants
                    break
                if any(self._contained(small, large) for large in cores):
                    n += 1
            found = self._families[key] = n >= 2
        return found

    def _contained(self, small: NameForm, large: NameForm) -> str | None:
        words = [t for t in dict.fromkeys(small.tokens) if not t.isdigit()]
        if len(words) < 2:
            return None
        others = [t for t in large.tokens if not t.isdigit()]
        rare = False
        last = -1
        for t in words:
            match = _match(t, others)
            if match is None:
                return None
            # in the order written: "Small Group Dinosaur" is not in "Dina Dinosaur Child
            # program (Small Group Treatment version)"
            at = others.index(match)
            if at < last:
                return None
            last = at
            if self.scorer.weight(t) >= BRAND_RARE_WEIGHT and not self.glossary.concept(t):
                rare = True
        if not rare:
            return None
        return f"brand: every word of {small.text!r} is in {large.text!r}"


def _match(token: str, others: Sequence[str]) -> str | None:
    if token in others:
        return token
    for o in others:
        if len(token) >= 4 and len(o) >= 4 and fuzz.ratio(token, o) >= 85:
            return o
        if len(token) >= 6 and len(o) >= len(token) + 3 and fuzz.ratio(token, o[-len(token) - 1 :]) >= 85:
            return o  # the head of a compound: "strategies" ends "denkstrategieen"
    return None
