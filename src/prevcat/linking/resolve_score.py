"""Scoring one free-text name against its candidates: language, age bands, levels, acronyms,
brands, curated aliases; the ranking of programmes, ambiguity and the variant the name says."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from rapidfuzz import fuzz

from prevcat.linking.answers import (
    ACRONYM_FLOOR,
    AMBIGUITY_MARGIN,
    BRAND_FLOOR,
    CACHE_CAP,
    CANDIDATES,
    CURATED_CONFLICT_CAP,
    REFINE,
    Candidate,
    Resolution,
    shown,
)
from prevcat.linking.glossary import GENERIC_CONCEPTS
from prevcat.linking.markers import levels_of
from prevcat.linking.normalize import NameForm
from prevcat.linking.profile import bands_agree
from prevcat.linking.resolve_index import ResolverIndex

__all__ = ["ResolverScoring"]

_HAS_DIGIT = re.compile(r"\d")
#: brand candidates are looked for only when no candidate is estimated this high already
BRAND_LOOKUP_BELOW = 85.0


class ResolverScoring(ResolverIndex):
    """The scoring half of :class:`prevcat.linking.resolve.Resolver`."""

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
        qtokens = set(qform.tokens)
        if max(estimate.values(), default=0.0) < BRAND_LOOKUP_BELOW:
            # a catalogue name inside a longer name: one form per entry is enough
            branded: set[int] = set()
            owner = self.owner
            brand_words = self.brand_words
            for t in sorted(qtokens):  # a fixed order: the form kept per entry must not vary
                for c in self.by_brand_word.get(t, ()):
                    pi = owner[c]
                    if pi in branded or estimate.get(c, 0.0) >= BRAND_FLOOR:
                        continue
                    if all(w in qtokens for w in brand_words[c]):
                        estimate[c] = BRAND_FLOOR
                        branded.add(pi)
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
            if e >= top - 2 or ((i < REFINE or e == last) and e >= top - 12):
                cand.append(c)
                last = e
            elif i >= REFINE:
                break  # sorted: no later estimate qualifies
        langs = set(qform.langs) | hint
        qlevels = levels_of(qform.text) if _HAS_DIGIT.search(qform.text) else frozenset()
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
            brand = self.brand_words[c]
            if score < BRAND_FLOOR and brand and all(w in qtokens for w in brand):
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
            if qlevels:
                vlevels = self.form_levels[c] or self.levels[pi]
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
                if len(self._form_cache) >= CACHE_CAP:
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
            candidates.append(Candidate(ids[pi], self.entry_names[pi], self.cluster_ids[pi], shown(score)))
            if len(candidates) == CANDIDATES:
                break
        first_pi, (best_score, best_why) = ranked[0]
        best_pi, variant = self._variant(query, first_pi, best_why, ranked)
        if best_pi != first_pi:
            best_why += f"; the name's levels are those of {self.ids[best_pi]}"
        best = self.profiles[best_pi]
        best_cluster = self.cluster_of.get(best.id)
        rounded = shown(best_score)
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
            reason += f"; AMBIGUOUS: {self.profiles[rival].id} scores {shown(rival_score):.0f}"
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
