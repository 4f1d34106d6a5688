"""The index a :class:`prevcat.linking.resolve.Resolver` searches: every catalogue name form,
its key, words, acronyms, brand words, programme and variant, and the batch ``cdist`` that
picks each name's candidates."""

from __future__ import annotations

import math

import numpy as np
from rapidfuzz import fuzz, process

from prevcat.linking.answers import (
    COUNTRY_LANGS,
    TOP_K,
    Candidate,
    Resolution,
)
from prevcat.linking.brand import BRAND_RARE_WEIGHT
from prevcat.linking.crosswalk import Crosswalk
from prevcat.linking.glossary import GENERIC_CONCEPTS
from prevcat.linking.markers import levels_of
from prevcat.linking.match import RESOLVE_THRESHOLD, Scorer
from prevcat.linking.profile import NameVariant, Profile

__all__ = ["ResolverIndex"]


def _profile_langs(p: Profile) -> set[str]:
    langs = set(p.langs)
    for c in p.countries:
        langs |= COUNTRY_LANGS.get(c, set())
    return langs


class ResolverIndex:
    """A crosswalk's name forms indexed for resolving (see :class:`Resolver`)."""

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
        #: numbers written in catalogue names (a year there is part of the name: Klasse 2000)
        self.catalogue_numbers = frozenset(t for v in self.variants for t in v.form.tokens if t.isdigit())
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
        self.form_levels = [levels_of(v.text) for v in self.variants]
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
            k = min(TOP_K, best.shape[1])
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
