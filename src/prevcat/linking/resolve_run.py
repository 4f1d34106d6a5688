"""Running a :class:`prevcat.linking.resolve.Resolver` over chunks of names: in this process,
or in forked worker processes (which inherit the index) with a bounded number of chunks in flight."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from prevcat.linking.answers import Resolution

if TYPE_CHECKING:
    from prevcat.linking.resolve import Resolver

#: distinct names after which worker processes start (when ``workers`` is not given)
POOL_AFTER = 10_000
#: the answers of one chunk, when they are ready
_Handle = Callable[[], list[Resolution]]


def _batches(names: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(names)
    while block := list(islice(it, size)):
        yield block


class _Runner:
    """Resolves chunks in this process or, for long inputs, in forked worker processes, with at
    most two chunks per worker in flight (so memory does not grow with the input)."""

    def __init__(self, resolver: Resolver, hint: set[str], country: str | None, workers: int | None) -> None:
        self.resolver = resolver
        self.hint = hint
        self.country = country
        self.auto = workers is None
        self.workers = min(os.cpu_count() or 1, 4) if workers is None else workers
        if "fork" not in multiprocessing.get_all_start_methods():
            self.workers = 1
        self.seen = 0
        self.pool: Pool | None = None
        #: chunks submitted and not yet collected, beyond the one being collected
        self.window = 0

    def _start(self) -> None:
        global _WORKER
        _WORKER = (self.resolver, self.hint, self.country)
        # the index is shared with the workers: frozen objects are not written by the cycle
        # collector, so their pages stay shared instead of being copied into every worker
        gc.freeze()
        try:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers)
        finally:
            gc.unfreeze()
        self.window = 2 * self.workers

    def submit(self, reps: list[str]) -> _Handle:
        self.seen += len(reps)
        if self.pool is None and self.workers > 1 and (not self.auto or self.seen > POOL_AFTER):
            self._start()
        if not reps:
            return list
        if self.pool is None:
            resolved = self.resolver._resolve_chunk(reps, self.hint, self.country)
            return lambda: resolved
        future = self.pool.apply_async(_resolve_packed, (reps,))
        unpack = self.resolver._unpack

        def collect() -> list[Resolution]:
            return [unpack(q, item) for q, item in zip(reps, future.get(), strict=True)]

        return collect

    def close(self) -> None:
        global _WORKER
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            _WORKER = None


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
