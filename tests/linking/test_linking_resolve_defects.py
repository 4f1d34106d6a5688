"""Regression tests for two resolver defects: the candidate top-k and hash-seed dependence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.linking import Crosswalk, Resolver, link, resolve
from prevcat.linking.normalize import normalize
from prevcat.model import Intervention


@pytest.fixture(scope="module")
def bundled() -> Crosswalk:
    import prevcat

    return link(prevcat.load_library())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Col Kids", "cool kids"),
        ("Triple P 2001", "triple p"),
        ("Alcohlopoli", "alcoholpoli"),
    ],
)
def test_short_typed_names_keep_their_candidates(bundled: Crosswalk, name: str, expected: str) -> None:
    result = resolve([name], crosswalk=bundled)[0]
    assert result.name is not None and expected in result.name.casefold(), result


def test_the_best_candidates_are_taken_even_when_most_names_score_zero() -> None:
    # many names sharing no letter with the query score 0 in cdist; the top-k must still be
    # the names that score highest, wherever they are in the index
    letters = "abefgjkmnpqrstuvwxyz"  # none of them is in "col child" (the key of "Col Kids")
    filler = [letters[i] + letters[(i * 7 + 3) % 20] * 3 + letters[(i * 3 + 1) % 20] * 2 for i in range(20)]
    items = [Intervention(source="a", id=f"a:{i}", name=n) for i, n in enumerate(filler)]
    items.append(Intervention(source="a", id="a:target", name="Cool Kids"))
    library = Library.of([Catalogue(Provenance("a", "a"), items)])
    resolver = Resolver(link(library))
    [found] = resolver._candidates([normalize("Col Kids", resolver.scorer.glossary).key])
    target = next(i for i, v in enumerate(resolver.variants) if v.intervention_id == "a:target")
    assert target in found


_SCRIPT = textwrap.dedent(
    """
    import json, random, sys
    sys.path.insert(0, {bench!r})
    from bench_resolve import noisy, truth
    from prevcat.linking import Resolver, link
    crosswalk = link(__import__("prevcat").load_library())
    rng = random.Random(3)
    pairs = truth(crosswalk)
    names = [noisy(rng, rng.choice(pairs)[0]) for _ in range(3000)]
    answers = Resolver(crosswalk).resolve(names, workers=1)
    print(json.dumps([[r.intervention_id, r.cluster, r.variant, r.score] for r in answers]))
    """
)


def test_answers_do_not_vary_with_pythonhashseed() -> None:
    bench = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "benchmarks")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT.format(bench=os.path.abspath(bench))],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
