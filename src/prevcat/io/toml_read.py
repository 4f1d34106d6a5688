"""Reading TOML text safely: whatever the parser can throw becomes one located data error.

:func:`tomllib.loads` raises :class:`tomllib.TOMLDecodeError` for bad syntax, but also
``RecursionError`` for arrays or inline tables nested a few hundred levels deep and
``ValueError`` for an integer of more than 4,300 digits.  :func:`loads_toml` reports each as
a :class:`~prevcat.errors.DataErrors` with the file, the line and what to do, and refuses
parsed data nested deeper than :data:`~prevcat.io.limits.MAX_DEPTH` (so that nothing
downstream recurses without bound either).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from prevcat.errors import DataError, DataErrors
from prevcat.io.limits import MAX_DEPTH, depth_exceeds, line_too_deep, too_deep_message

__all__ = ["loads_toml", "read_toml"]

_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_TOO_LONG = re.compile(r"^\s*[A-Za-z0-9_\-\"'. ]+=\s*[+-]?[0-9_]{4301,}", re.MULTILINE)


def _one(error: DataError) -> DataErrors:
    return DataErrors([error], summary=f"{error.file or 'TOML'}: 1 problem found")


def _number_line(text: str) -> int | None:
    match = _TOO_LONG.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def loads_toml(text: str, *, file: str | None = None) -> dict[str, Any]:
    """Parse TOML text; raises :class:`DataErrors` (one located problem) instead of any parser error.

    Leading byte-order marks are ignored.

    >>> loads_toml('city = "Malmö"')
    {'city': 'Malmö'}
    """
    text = text.lstrip("\ufeff")  # an editor's byte-order mark, even a doubled one
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _POSITION.search(message)
        line = int(position.group(1)) if position else None
        message = _POSITION.sub("", message)
        raise _one(DataError(f"not valid TOML: {message}", file=file, line=line)) from None
    except RecursionError:
        raise _one(
            DataError(too_deep_message(), file=file, line=line_too_deep(text, comment="#"))
        ) from None
    except ValueError as exc:  # int() refuses numbers of more than 4,300 digits
        raise _one(DataError(
            f"not valid TOML: a number is too long ({exc.args[0].split(':')[0] if exc.args else exc}); "
            "write long codes as quoted strings",
            file=file, line=_number_line(text),
        )) from None
    if depth_exceeds(data, MAX_DEPTH):
        raise _one(DataError(too_deep_message(), file=file, line=line_too_deep(text, comment="#")))
    return data


def read_toml(path: str | Path) -> tuple[dict[str, Any], str]:
    """Read a UTF-8 TOML file (a byte-order mark is allowed): ``(data, text)``; located errors."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _one(DataError(f"cannot read the file: {exc.strerror or exc}", file=file)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _one(DataError("not UTF-8 text; save the file as UTF-8", file=file, line=line)) from None
    return loads_toml(text, file=file), text
