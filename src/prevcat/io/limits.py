"""Limits every reader applies to what it parses: how deep data may nest, and where it is too deep.

Python's parsers recurse once per level of ``[`` or ``{``; a file nested a thousand levels
deep would end in a ``RecursionError``, and structuring such data recurses again.  Readers
check the depth of what they parsed (without recursing) and turn both cases into a
:class:`~prevcat.errors.DataError` with the line where the nesting went too deep.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: no prevcat file nests anywhere near this deep (a catalogue record is about six levels)
MAX_DEPTH = 64


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and mappings in ``value`` nest more than ``limit`` levels (iterative, linear)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth + 1 > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def line_too_deep(text: str, limit: int = MAX_DEPTH, *, comment: str | None = None) -> int | None:
    """The line on which brackets in ``text`` first open more than ``limit`` deep, skipping strings.

    Knows JSON and TOML strings (``"..."`` with escapes, TOML's ``'...'``) and, with ``comment``
    (``"#"`` for TOML), comments; good enough to point at the line, not a parser.
    """
    depth = 0
    line = 1
    quote: str | None = None
    escaped = False
    in_comment = False
    for char in text:
        if char == "\n":
            line += 1
            in_comment = False
            if quote == "'" or quote == '"':
                quote = None  # single-line strings end at the line's end in TOML; JSON forbids it
            continue
        if in_comment:
            continue
        if quote is not None:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
            continue
        if char == '"' or (char == "'" and comment is not None):
            quote = char
        elif comment is not None and char == comment:
            in_comment = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def too_deep_message(limit: int = MAX_DEPTH) -> str:
    """The message of a nesting error, with what to do."""
    return (
        f"lists or tables nest more than {limit} levels deep; prevcat files nest a few levels, "
        "so this file is damaged or not a prevcat file"
    )
