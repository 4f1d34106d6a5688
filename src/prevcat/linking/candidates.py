"""Which pairs are scored, and which links are kept before clustering.

:func:`candidate_pairs` picks the pairs worth scoring in full (batch ``cdist`` of every name
form, shared rare words, acronyms, ``original`` fields); :func:`unambiguous` drops the links
of an entry that matches two entries that must stay apart about equally well;
:func:`one_to_one` keeps at most one link per entry and other registry.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from prevcat.linking.cluster import Link
from prevcat.linking.match import Scorer
from prevcat.linking.profile import Profile

__all__ = ["AMBIGUOUS_MARGIN", "candidate_pairs", "one_to_one", "one_variant_each", "unambiguous"]

#: an entry matching two entries that must stay apart within this many points (before capping
#: at 100: a mention of *Örebro* in a note counts) links to neither
AMBIGUOUS_MARGIN = 3.0


def candidate_pairs(
    profiles: Sequence[Profile], scorer: Scorer, *, min_string: float = 60.0, same_source: bool = False
) -> set[tuple[int, int]]:
    """Pairs of profiles (indexes; of different sources unless ``same_source``) worth scoring.

    Candidates come from a batch ``cdist`` of every name form against every other
    (``ratio`` and ``token_sort_ratio``), from shared rare words, from shared acronyms and
    from ``original`` fields against names.
    """
    keys: list[str] = []
    owner: list[int] = []
    for i, p in enumerate(profiles):
        for v in p.variants:
            keys.append(v.form.key)
            owner.append(i)
    orig_keys: list[str] = []
    orig_owner: list[int] = []
    for i, p in enumerate(profiles):
        for f in p.originals:
            orig_keys.append(f.key)
            orig_owner.append(i)
    owner_arr = np.asarray(owner)
    sources = [p.source for p in profiles]
    pairs: set[tuple[int, int]] = set()

    def add(i: int, j: int) -> None:
        if i != j and (same_source or sources[i] != sources[j]):
            pairs.add((i, j) if i < j else (j, i))

    cutoff = int(min_string)
    for rows, row_owner in ((keys, owner), (orig_keys, orig_owner)):
        if not rows or not keys:
            continue
        best = np.maximum(
            process.cdist(rows, keys, scorer=fuzz.ratio, dtype=np.uint8, workers=-1, score_cutoff=cutoff),
            process.cdist(
                rows, keys, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1, score_cutoff=cutoff
            ),
        )
        r_idx, c_idx = np.nonzero(best >= cutoff)
        for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
            add(row_owner[r], int(owner_arr[c]))
    by_token: dict[str, set[int]] = {}
    by_acr: dict[str, set[int]] = {}
    for i, p in enumerate(profiles):
        for v in p.variants:
            if v.curated is not None:
                continue  # a curated name is found by cdist; its words must not crowd a rare word's group
            for t in v.form.tokens:
                by_token.setdefault(t, set()).add(i)
        for a in p.acronyms:
            by_acr.setdefault(a, set()).add(i)
    limit = max(12, len(profiles) // 20)
    for groups, min_weight in ((by_token, 1.5), (by_acr, 0.0)):
        for token, members in groups.items():
            if len(members) < 2 or len(members) > limit:
                continue
            if min_weight and (scorer.weight(token) < min_weight or len(token) < 3):
                continue
            ordered = sorted(members)
            for x, i in enumerate(ordered):
                for j in ordered[x + 1 :]:
                    add(i, j)
    return pairs


def unambiguous(
    links: list[Link], cannot: list[tuple[str, str]]
) -> tuple[list[Link], list[tuple[Link, str]]]:
    """Links without those of an entry that matches, about equally well, two entries that
    must stay apart (a bare *EFFEKT* against the Swedish and the German EFFEKT): taking
    either would be a guess, and a wrong merge misleads more than a missed one."""
    apart = {frozenset(p) for p in cannot}
    by_entry: dict[str, list[Link]] = {}
    for lk in links:
        if lk.decided_by == "matcher":
            by_entry.setdefault(lk.a, []).append(lk)
            by_entry.setdefault(lk.b, []).append(lk)
    dropped: dict[tuple[str, str], str] = {}
    for entry, own in sorted(by_entry.items()):
        for x, first in enumerate(own):
            for second in own[x + 1 :]:
                o1 = first.b if first.a == entry else first.a
                o2 = second.b if second.a == entry else second.a
                told = [any(" mentions " in r for r in lk.reasons) for lk in (first, second)]
                if told[0] != told[1]:
                    continue  # a note of one names the other (Blueprints' EFFEKT mentions Örebro)
                if frozenset((o1, o2)) in apart and abs(first.order[0] - second.order[0]) < AMBIGUOUS_MARGIN:
                    why = f"ambiguous: {entry} matches {o1} and {o2}, which must stay apart"
                    dropped.setdefault(first.pair, why)
                    dropped.setdefault(second.pair, why)
    kept = [lk for lk in links if lk.pair not in dropped]
    return kept, [(lk, dropped[lk.pair]) for lk in links if lk.pair in dropped]


def one_to_one(links: list[Link], source_of: dict[str, str]) -> list[Link]:
    taken: set[tuple[str, str]] = set()
    out: list[Link] = []
    for lk in sorted(links, key=lambda x: (-x.score, x.pair)):
        ka, kb = (lk.a, source_of[lk.b]), (lk.b, source_of[lk.a])
        if ka in taken or kb in taken:
            continue
        taken.update((ka, kb))
        out.append(lk)
    return out


def one_variant_each(links: Sequence[Link], source_of: dict[str, str]) -> list[Link]:
    """Brand links that may also join entries into one variant: not those of an entry with
    brand links to two entries of one registry (*Incredible Years – Parent* is in the names
    of Vidensportalen's pre-school and toddler versions alike: which one is its variant, the
    brand cannot tell)."""
    partners: dict[tuple[str, str], int] = {}
    for lk in links:
        partners[(lk.a, source_of[lk.b])] = partners.get((lk.a, source_of[lk.b]), 0) + 1
        partners[(lk.b, source_of[lk.a])] = partners.get((lk.b, source_of[lk.a]), 0) + 1
    return [
        lk
        for lk in links
        if partners[(lk.a, source_of[lk.b])] == 1 and partners[(lk.b, source_of[lk.a])] == 1
    ]
