"""Fellegi–Sunter match weights of prevcat's evidence, estimated from what registries publish.

Run:  .venv/bin/python benchmarks/fs_weights.py

Splink's way of estimating a comparison's weights, without any hand-made gold:

* ``u`` (how often the evidence shows up between two *different* methods) from random pairs of
  entries of different registries (Splink's ``estimate_u_using_random_sampling``: almost every
  random pair is a non-match);
* ``m`` (how often it shows up between two records of the *same* method) from the pairs the
  registries themselves label: an entry whose ``original`` field names an entry of another
  registry (NJi's Taakspel names the Good Behavior Game, Ungsinn's Kjærlighet og Grenser the
  Iowa SFP).  The ``original`` evidence itself is left out of the table, being the label.

The match weight of a level is ``log2(m / u)``: what the evidence adds to the log-odds that two
entries are one method.  The table shows whether the rule in ``docs/linking.md`` orders the
evidence as the registries' own labels do.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import prevcat
from prevcat.linking import link
from prevcat.linking.brand import Brands

LEVELS = {
    "name": ("≥ 95", "85–95", "70–85", "50–70", "< 50"),
    "acronym": ("shared, specific", "none"),
    "brand": ("containment", "origin words", "brand acronym", "none"),
    "ages": ("overlap", "disjoint", "unknown"),
}


def features(verdict: object, brand: str | None) -> dict[str, str]:
    score = verdict.name_score  # type: ignore[attr-defined]
    name = next(lvl for lvl, lo in zip(LEVELS["name"], (95, 85, 70, 50, -1), strict=True) if score >= lo)
    reasons = verdict.reasons  # type: ignore[attr-defined]
    vetoes = verdict.vetoes  # type: ignore[attr-defined]
    acronym = "shared, specific" if any(r.startswith("acronym hit") for r in reasons) else "none"
    if any(r.startswith("ages overlap") for r in reasons):
        ages = "overlap"
    elif any("ages do not overlap" in v for v in vetoes):
        ages = "disjoint"
    else:
        ages = "unknown"
    if brand is None:
        kind = "none"
    elif brand.startswith("brand acronym"):
        kind = "brand acronym"
    elif brand.startswith("origin words"):
        kind = "origin words"
    else:
        kind = "containment"
    return {"name": name, "acronym": acronym, "brand": kind, "ages": ages}


def main() -> None:
    library = prevcat.load_library()
    crosswalk = link(library)
    scorer, profiles = crosswalk._tools()
    brands = Brands(scorer, list(profiles.values()))
    ids = sorted(profiles)
    # labelled by the registries: `original` of one names an entry of another registry
    positives = []
    for a in ids:
        for b in ids:
            pa, pb = profiles[a], profiles[b]
            named = pa.source != pb.source and a < b
            if named and (scorer.original_hit(pa, pb) or scorer.original_hit(pb, pa)):
                positives.append((a, b))
    rng = random.Random(1)
    randoms = []
    while len(randoms) < 3000:
        a, b = rng.sample(ids, 2)
        if profiles[a].source != profiles[b].source:
            randoms.append((a, b))

    def table(pairs: list[tuple[str, str]]) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {k: Counter() for k in LEVELS}
        for a, b in pairs:
            verdict = scorer.pair(profiles[a], profiles[b])
            found = features(verdict, brands.reason(profiles[a], profiles[b], verdict.name_score))
            for k, v in found.items():
                out[k][v] += 1
        return out

    m, u = table(positives), table(randoms)
    print(f"m from {len(positives)} pairs the registries label (an `original` naming another entry);")
    print(f"u from {len(randoms)} random pairs of entries of different registries")
    print(f"{'comparison':<10} {'level':<18} {'m':>6} {'u':>7} {'weight log2(m/u)':>17}")
    for k, levels in LEVELS.items():
        for lvl in levels:
            pm = (m[k][lvl] + 0.5) / (len(positives) + 0.5 * len(levels))  # add-half smoothing
            pu = (u[k][lvl] + 0.5) / (len(randoms) + 0.5 * len(levels))
            print(f"{k:<10} {lvl:<18} {pm:6.3f} {pu:7.4f} {math.log2(pm / pu):+17.1f}")


if __name__ == "__main__":
    main()
