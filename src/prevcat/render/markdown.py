"""Markdown rendering: every cell and line escaped so a name can neither inject HTML nor break a table."""

from __future__ import annotations

import re

from prevcat.compare.model import Comparison
from prevcat.render.document import Document, Paragraph, Table, build

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")


def escape(text: str, *, line_start: bool = True) -> str:
    """Markdown-safe text: ``&``, ``<``, ``>`` as entities, Markdown punctuation backslashed, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _table(block: Table) -> list[str]:
    lines = []
    if block.caption:
        lines += [f"*{escape(block.caption)}*", ""]
    header = [escape(h, line_start=False) or " " for h in block.header]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in block.rows:
        cells = [escape(c, line_start=False) for c in row] + [""] * (len(header) - len(row))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_document(doc: Document) -> str:
    out = [f"# {escape(doc.title)}", ""]
    for section in doc.sections:
        out += [f"{'#' * section.level} {escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(escape(block.text))
                if block.items:
                    out.append("")
                    out += [f"- {escape(item)}" for item in block.items]
            else:
                out += _table(block)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_markdown(comparison: Comparison, *, max_recommendations: int | None = None) -> str:
    """The comparison as Markdown."""
    return render_document(build(comparison, max_recommendations=max_recommendations))
