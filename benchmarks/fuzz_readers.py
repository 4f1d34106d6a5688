"""Fuzz every reader with generated bad text and print what happened (rerunnable, seeded).

    .venv/bin/python benchmarks/fuzz_readers.py                  # 10,000 inputs per reader
    .venv/bin/python benchmarks/fuzz_readers.py --inputs 500 --reader csv --seed 7

Readers: ``csv`` and ``json`` go through ``prevcat import FILE --allow-rejects`` as a user runs
it; ``toml`` goes through :func:`prevcat.io.toml_read.loads_toml` and the portfolio structuring
(what ``load_portfolio`` does once it reads TOML with ``loads_toml``).  The inputs come from the
Hypothesis strategies in ``tests/fuzz_text.py``.

Per reader it prints: inputs, imported (exit 0), located errors (exit 1), tracebacks, hangs
(an input that ran past 1 s + 50 ms per KB twice; one that was fast when rerun, a pause of a
shared machine, is counted apart), rows unaccounted for (read but neither imported
nor reported, or written but not read), the slowest input and the most seconds per KB among
inputs of 10 KB or more.  Exits with 1 if any traceback, hang or unaccounted row was seen;
their details go to ``--failures FILE``.
"""

from __future__ import annotations

import argparse
import os
import runpy
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

HERE = Path(__file__).resolve().parent
FUZZ = runpy.run_path(str(HERE.parent / "tests" / "fuzz_text.py"))


@dataclass
class Tally:
    """What one reader did over the whole campaign."""

    reader: str
    inputs: int = 0
    ok: int = 0
    errors: int = 0
    tracebacks: int = 0
    hangs: int = 0
    unaccounted: int = 0
    retimed: int = 0
    rows: int = 0
    bytes: int = 0
    max_seconds: float = 0.0
    max_seconds_size: int = 0
    max_seconds_note: str = ""
    max_per_kb: float = 0.0
    largest: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    failing_inputs: list[tuple[str, bytes]] = field(default_factory=list)

    def add(self, outcome: Any, written: Any) -> None:
        self.inputs += 1
        self.bytes += outcome.size
        self.seconds += outcome.seconds
        self.rows += outcome.rows_read
        self.largest = max(self.largest, outcome.size)
        if outcome.seconds > self.max_seconds:
            self.max_seconds, self.max_seconds_size = outcome.seconds, outcome.size
            self.max_seconds_note = outcome.note
        if outcome.size >= 10 * 1024:
            self.max_per_kb = max(self.max_per_kb, outcome.seconds / (outcome.size / 1024))
        if outcome.kind == "ok":
            self.ok += 1
        elif outcome.kind == "error":
            self.errors += 1
        elif outcome.kind == "hang":
            self.hangs += 1
        else:
            self.tracebacks += 1
        self.unaccounted += outcome.unaccounted
        if outcome.kind in ("traceback", "hang") or outcome.unaccounted:
            self.failures.append(f"[{self.reader}] {outcome.kind}: {outcome.detail}")
            self.failing_inputs.append((written.suffix, written.data))

    def line(self) -> str:
        return (
            f"{self.reader:<5} inputs {self.inputs:>6}  imported {self.ok:>5}  "
            f"located errors {self.errors:>5}  "
            f"tracebacks {self.tracebacks}  hangs {self.hangs} (slow once, fast when rerun: {self.retimed})  "
            f"unaccounted rows {self.unaccounted}  "
            f"(rows read {self.rows}, {self.bytes / 1e6:.1f} MB, largest {self.largest / 1024:.0f} KB)  "
            f"slowest {self.max_seconds:.2f} s "
            f"({self.max_seconds_size / 1024:.0f} KB, {self.max_seconds_note})  "
            f"max s/KB (>=10 KB) {self.max_per_kb:.4f}  total {self.seconds:.0f} s"
        )


def campaign(reader: str, inputs: int, run_seed: int, folder: Path) -> Tally:
    tally = Tally(reader)
    strategy = {"csv": FUZZ["csv_files"], "json": FUZZ["json_files"], "toml": FUZZ["toml_files"]}[reader]()
    check: Callable[[Any], Any]
    if reader == "toml":
        check = FUZZ["check_portfolio"]
    else:
        def check(written: Any) -> Any:
            return FUZZ["check_import"](written, folder)

    @seed(run_seed)
    @settings(
        max_examples=inputs, deadline=None, database=None, phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(written: Any) -> None:
        outcome = check(written)
        if outcome.kind == "hang":  # a hang happens again; a pause of a shared machine does not
            again = check(written)
            if again.kind != "hang":
                tally.retimed += 1
                outcome = again
        tally.add(outcome, written)

    run()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per reader (default 10,000)")
    parser.add_argument("--reader", choices=["csv", "json", "toml"], action="append",
                        help="only this reader (repeatable; default all three)")
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--failures", type=Path, default=Path("fuzz_failures.txt"),
                        help="where to write the details of tracebacks, hangs and unaccounted rows")
    args = parser.parse_args()
    os.environ.setdefault("PREVCAT_LOAD_PLUGINS", "")  # the readers, not the bundled catalogues
    failures: list[str] = []
    failing_inputs: list[tuple[str, bytes]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        FUZZ["warm_up"](Path(tmp))
        for reader in args.reader or ["csv", "json", "toml"]:
            tally = campaign(reader, args.inputs, args.seed, Path(tmp))
            print(tally.line(), flush=True)
            failures += tally.failures
            failing_inputs += tally.failing_inputs
    print(f"seed {args.seed}, {time.perf_counter() - started:.0f} s in all")
    if failures:
        args.failures.write_text("\n\n".join(failures), encoding="utf-8")
        folder = args.failures.with_suffix(".inputs")
        folder.mkdir(exist_ok=True)
        for number, (suffix, data) in enumerate(failing_inputs, 1):
            (folder / f"{number}.{suffix}").write_bytes(data)
        print(f"{len(failures)} failing input(s); details in {args.failures}, the inputs in {folder}/")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
