"""How one intervention reads in the terminal: ``prevcat show`` and its same-method section.

Everything printed from data goes through :func:`terminal_text`: a name with an escape
sequence (``\\x1b[2J``) or a right-to-left override shows as that text, never acts on the terminal.
"""

from __future__ import annotations

import re

from prevcat.catalogue import Library
from prevcat.evidence import summarize
from prevcat.model import Intervention

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with control characters written out (``\\x1b``, ``\\u202e``), safe to print.

    With ``keep_lines``, line feeds and tabs stay as they are (for multi-line output built by
    prevcat itself); otherwise they are escaped too, so that one value stays on one line.
    """
    pattern = _CONTROL if keep_lines else _CONTROL_OR_LINE
    return pattern.sub(_escaped, text)


def format_intervention(item: Intervention, library: Library | None = None) -> str:
    """A readable, complete description of one intervention (every rating, every extra field)."""
    lines = [terminal_text(item.id), f"  {terminal_text(item.name)}"]

    def row(label: str, value: str | None) -> None:
        if value:
            lines.append(f"  {label + ':':<15}{terminal_text(value)}")

    if library is not None and item.source in library.sources:
        prov = library.catalogue(item.source).provenance
        snapshot = f", snapshot {prov.snapshot}" if prov.snapshot else ""
        row("Source", f"{prov.title} ({item.source}{snapshot})")
    else:
        row("Source", item.source)
    row("Also known as", "; ".join(f"{a.name} ({a.lang})" if a.lang else a.name for a in item.aliases))
    row("Adapts", item.original)
    row("Origin", item.country or "unknown")
    row("Languages", ", ".join(item.languages))
    row("Domains", ", ".join(d.value.replace("_", " ") for d in item.domains))
    target = item.target
    parts = []
    if target.levels:
        parts.append("/".join(v.value for v in target.levels))
    if not target.ages.is_open:
        parts.append(f"ages {target.ages}")
    if target.settings:
        parts.append("settings: " + ", ".join(v.value.replace("_", " ") for v in target.settings))
    if target.substances:
        parts.append("addresses: " + ", ".join(v.value.replace("_", " ") for v in target.substances))
    row("Target", "; ".join(parts) or "not stated")
    row("Confidence", item.confidence.value if item.confidence else None)
    row("URL", item.url)
    row("Description", item.description)
    summary = item.evidence
    if item.ratings:
        flag = " — DISPUTED: registries disagree" if summary.disputed else ""
        tiers = sorted({r.tier.value for r in item.ratings})
        row("Evidence", f"{summary.range_label}{flag} (Results First: {', '.join(tiers)})")
        lines.append("  Ratings:")
        for rating in item.ratings:
            lines.append(f"    - {terminal_text(rating.label)}")
            details = [
                f"scale {rating.scale}",
                f"common: {rating.level_label}",
                f"direction: {rating.direction.value}",
                *rating.qualifiers(),
            ]
            if rating.confidence:
                details.append(f"confidence: {rating.confidence.value}")
            lines.append("      " + terminal_text("; ".join(details)))
            if rating.note:
                lines.append(f"      note: {terminal_text(rating.note)}")
            if rating.url:
                lines.append(f"      {terminal_text(rating.url)}")
    else:
        row("Evidence", "no rating in this source (not listed is not 'no effect')")
    if item.extra:
        lines.append("  Other fields (verbatim):")
        for key, value in item.extra:
            lines.append(f"    {terminal_text(key)}: {terminal_text(value)}")
    return terminal_text("\n".join(lines), keep_lines=True)


def format_same_method(item: Intervention, library: Library) -> str:
    """The other registries' records of the same method (its linked cluster), one line each."""
    from prevcat.linking import link

    cluster = link(library).cluster_of(item.id)
    others = [library.get(m) for m in cluster.members if m != item.id]
    if not others:
        return "  Same method elsewhere: none linked"
    lines = [
        f"  Same method elsewhere (cluster {cluster.id}, link scores {cluster.min_score:.0f}-"
        f"{cluster.max_score:.0f}; `prevcat explain` says why):"
    ]
    for other in others:
        ratings = "; ".join(
            f"{r.label}{f' ({r.database})' if r.database else ''} [{r.scale}]" for r in other.ratings
        )
        ratings = ratings or "no rating"
        lines.append(terminal_text(f"    {other.id}  {other.name}  — {ratings}"))
    summary = library_summary(item, others)
    lines.append(f"  All registries together: {summary}")
    return terminal_text("\n".join(lines), keep_lines=True)


def library_summary(item: Intervention, others: list[Intervention]) -> str:
    """The evidence range of a method over all its records, with the dispute flag."""

    together = summarize(r for record in (item, *others) for r in record.ratings)
    return together.range_label + (" — DISPUTED: registries disagree" if together.disputed else "")
