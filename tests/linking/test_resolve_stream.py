"""Resolving many names: answers streamed in bounded memory, and the same answers whatever the
hash seed, the number of worker processes, the chunk size or the order of the names."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import prevcat
from prevcat.linking import Crosswalk, Resolution, Resolver, link
from prevcat.linking import resolve as resolve_names


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return link(prevcat.load_library())


def _noisy_names(crosswalk: Crosswalk, n: int, seed: int = 3) -> list[str]:
    """Catalogue names as people write them: a year, a group, a local suffix, case, typos."""
    rng = random.Random(seed)
    base = sorted({item.name for item in crosswalk.library})
    out: list[str] = []
    for _ in range(n):
        name = rng.choice(base)
        roll = rng.random()
        if roll < 0.2:
            name = f"{name} {rng.randint(2015, 2024)}"
        elif roll < 0.35:
            name = f"{name} (grupp {rng.randint(1, 12)})"
        elif roll < 0.5:
            name = f"{name} i {rng.choice(['Umeå', 'Bergen', 'Malmö'])}"
        elif roll < 0.6:
            name = name.lower()
        elif roll < 0.75 and len(name) > 5:
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1 :]
        out.append(name)
    return out


def _answer(r: Resolution) -> tuple[object, ...]:
    return (r.query, r.intervention_id, r.cluster, r.variant, r.score, r.reason, r.ambiguous, r.candidates)


def test_answers_do_not_depend_on_workers_chunk_size_or_order(crosswalk: Crosswalk) -> None:
    names = _noisy_names(crosswalk, 1500)
    one = [_answer(r) for r in Resolver(crosswalk).stream(names, workers=1, chunk=4096)]
    two = [_answer(r) for r in Resolver(crosswalk).stream(names, workers=2, chunk=97)]
    assert one == two
    order = list(range(len(names)))
    random.Random(5).shuffle(order)
    shuffled = list(Resolver(crosswalk).stream([names[i] for i in order], workers=2, chunk=256))
    back: list[tuple[object, ...] | None] = [None] * len(names)
    for pos, i in enumerate(order):
        back[i] = _answer(shuffled[pos])
    assert back == one
    # the answers are real ones: most of these names are found
    assert sum(1 for a in one if a[1] is not None) > 0.8 * len(names)


def _cli_answers(names_file: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from prevcat.cli import main; main()",
            "resolve",
            str(names_file),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_cli_answers_do_not_depend_on_the_hash_seed(crosswalk: Crosswalk, tmp_path: Path) -> None:
    names = _noisy_names(crosswalk, 400, seed=11)
    names_file = tmp_path / "names.txt"
    names_file.write_text("\n".join(names) + "\n", encoding="utf-8")
    first = _cli_answers(names_file, "1")
    assert first == _cli_answers(names_file, "2")
    rows = list(csv.DictReader(io.StringIO(first)))
    assert [r["query"] for r in rows] == names
    library_answers = [r.intervention_id for r in resolve_names(names, crosswalk=crosswalk)]
    assert [r["intervention_id"] or None for r in rows] == library_answers


def _peak_while_streaming(resolver: Resolver, names: Iterator[str]) -> int:
    tracemalloc.start()
    try:
        count = 0
        for r in resolver.stream(names, chunk=500):
            count += r.intervention_id is not None
        assert count > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_names(crosswalk: Crosswalk) -> None:
    pool = _noisy_names(crosswalk, 300, seed=2)
    resolver = Resolver(crosswalk)
    list(resolver.stream(pool))  # warm the index's lazy parts

    def names(n: int) -> Iterator[str]:
        # every name its own string (the year makes it so), answered from the call's memo
        for i in range(n):
            yield f"{pool[i % len(pool)]} ({1990 + i % 40})"

    small = _peak_while_streaming(resolver, names(6_000))
    large = _peak_while_streaming(resolver, names(60_000))
    # ten times the names; holding names or answers would take ten times the memory
    assert large < 1.5 * small + 2**20


def test_caches_are_freed_after_the_call(crosswalk: Crosswalk) -> None:
    resolver = Resolver(crosswalk)
    answers = resolver.resolve(_noisy_names(crosswalk, 300))
    assert len(answers) == 300
    assert not resolver._settled
    assert not resolver._form_cache


def test_streamed_json_documents_are_the_documents_written_at_once() -> None:
    from prevcat.catalogue import Library
    from prevcat.io.json_format import dumps_catalogue, dumps_library, write_catalogue, write_library

    library = prevcat.load_library()
    for catalogue in library.catalogues:
        buffer = io.StringIO()
        write_catalogue(catalogue, buffer)
        assert buffer.getvalue() == dumps_catalogue(catalogue)
    for lib in (library, Library(())):
        buffer = io.StringIO()
        write_library(lib, buffer)
        assert buffer.getvalue() == dumps_library(lib)
        assert prevcat.io.loads_library(buffer.getvalue()).sources == lib.sources


def test_cli_json_and_text_are_written_record_by_record(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from prevcat.cli import main

    names_file = tmp_path / "names.txt"
    names_file.write_text(
        "PAX i skolan\r\nKomet (grupp 3)\nKomet\n\nno such method at all\n", encoding="utf-8"
    )
    runner = CliRunner()
    done = runner.invoke(main, ["resolve", str(names_file), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert [d["query"] for d in data] == [
        "PAX i skolan",
        "Komet (grupp 3)",
        "Komet",
        "",
        "no such method at all",
    ]
    # a group number no catalogue name uses does not change the answer
    assert data[1]["cluster"] is not None and data[1]["cluster"] == data[2]["cluster"]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = runner.invoke(main, ["resolve", str(empty), "--format", "json"])
    assert done.exit_code == 0 and json.loads(done.output) == []
    done = runner.invoke(main, ["resolve", str(names_file), "--format", "text"])
    assert done.output.startswith("PAX i skolan\n    -> ")
