"""Plain-text rendering for the terminal: headings, wrapped paragraphs, aligned tables."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from prevcat.compare.model import Comparison
from prevcat.render.document import Document, Paragraph, Table, build

#: widest a table column may grow before its cells wrap
MAX_COLUMN = 48


def _clean(text: str) -> str:
    """Control characters (escape sequences included) shown as spaces, so a name cannot drive the terminal."""
    return "".join(" " if (ord(ch) < 32 or 127 <= ord(ch) < 160) else ch for ch in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, width: int = MAX_COLUMN) -> str:
    """An aligned table; long cells wrap within their column."""
    cells = [[_clean(c) for c in header], *([_clean(c) for c in row] for row in rows)]
    ncols = max(len(r) for r in cells)
    for row in cells:
        row.extend([""] * (ncols - len(row)))
    widths = [min(width, max(len(r[i]) for r in cells)) for i in range(ncols)]
    widths = [max(w, 1) for w in widths]
    lines: list[str] = []
    for index, row in enumerate(cells):
        wrapped = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(w) for w in wrapped)):
            parts = [(w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)]
            lines.append("  ".join(parts).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_document(doc: Document, *, width: int = 100) -> str:
    out = [_clean(doc.title), "=" * min(len(doc.title), width), ""]
    for section in doc.sections:
        out += [_clean(section.title), "-" * min(len(section.title), width), ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(textwrap.fill(_clean(block.text), width))
                for item in block.items:
                    out.append(
                        textwrap.fill(_clean(item), width, initial_indent="  - ", subsequent_indent="    ")
                    )
            elif isinstance(block, Table):
                if block.caption:
                    out.append(_clean(block.caption) + ":")
                out.append(table(block.header, block.rows))
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_text(comparison: Comparison, *, max_recommendations: int | None = None) -> str:
    """The comparison as plain text for a terminal."""
    return render_document(build(comparison, max_recommendations=max_recommendations))
