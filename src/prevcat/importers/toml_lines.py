"""Where a value stands in a TOML file, for messages: :func:`line_of`."""

from __future__ import annotations

import re

__all__ = ["line_of"]

_SEGMENTS = re.compile(r"\['[^']*'\]|\[\d+\]|[^.\[\]]+")


def line_of(path: str, text: str) -> int | None:
    """The line of ``text`` (a TOML file) holding the value at ``path`` (``scales[1].levels[3].common``),
    best effort: tables, arrays of tables and inline tables one to a line, as the bundled files are."""
    lines = text.splitlines()
    at, tables = 0, []
    for segment in _SEGMENTS.findall(path):
        if segment.startswith("['"):
            tables.append(segment[2:-2])
            header = f"[{'.'.join(tables)}"
            found = next((i for i in range(at, len(lines)) if lines[i].strip().startswith(header)), None)
        elif segment.startswith("["):
            index, header = int(segment[1:-1]), f"[[{'.'.join(tables)}]]"
            hits = [i for i in range(at, len(lines)) if lines[i].strip() == header]
            if len(hits) <= index:  # an inline array: one element per line
                hits = [i for i in range(at + 1, len(lines)) if lines[i].lstrip().startswith("{")]
            found = hits[index] if len(hits) > index else None
        else:
            tables.append(segment)
            key = re.compile(rf"(^\s*|[{{,]\s*){re.escape(segment)}\s*=")
            headers = (f"[{'.'.join(tables)}", f"[[{'.'.join(tables)}]]")
            found = next((i for i in range(at, len(lines))
                          if key.search(lines[i]) or lines[i].strip().startswith(headers)), None)
        if found is None:
            return None
        at = found
    return at + 1 if path else None
