"""A progress bar on stderr for long runs, as a ``callback(done, total)``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

Progress = Callable[[int, int], None]


def stderr_bar(label: str, total: int) -> Progress:
    """A callback drawing a click progress bar on stderr; it closes itself when done."""
    import click

    make: Any = click.progressbar
    bar = make(length=total, label=label, file=sys.stderr)
    state = {"done": 0, "open": 0}

    def update(done: int, total_: int) -> None:
        if not state["open"]:
            bar.__enter__()
            state["open"] = 1
        bar.update(done - state["done"])
        state["done"] = done
        if done >= total_:
            bar.__exit__(None, None, None)

    return update
