"""A short plain-text overview of a comparison, for a terminal: what to read first."""

from __future__ import annotations

import textwrap

from prevcat.compare.model import Comparison, MethodKind, Recommendation
from prevcat.render.document import SUMMARY_HEADER, city_summary_rows, rating_text
from prevcat.render.text import _clean, table


def _wrap(text: str, indent: str = "    ", width: int = 100) -> str:
    return textwrap.fill(_clean(text), width, initial_indent=indent, subsequent_indent=indent + "  ")


def recommendation_lines(rec: Recommendation, rank: int, *, reasons: int = 6) -> list[str]:
    """A recommendation as a few lines, its caution (if any) right under its name."""
    lines = [_clean(f"  {rank}. {rec.name}  (score {rec.score:g})")]
    if rec.caution:
        lines.append(_wrap("CAUTION: " + rec.caution))
    lines += [_wrap("- " + reason) for reason in rec.reasons[:reasons]]
    return lines


def render_summary(comparison: Comparison, *, recommendations: int = 3) -> str:
    """Summary table, shared methods, flagged and contradicted evidence, unresolved entries, top picks."""
    out = ["Cities", table(SUMMARY_HEADER, city_summary_rows(comparison)), ""]
    shared = [m for m in comparison.shared.methods if len(m.cities) > 1]
    out.append("Methods used by more than one city")
    if shared:
        out.append(table(
            ("method", "kind", "evidence", "cities"),
            [[m.name, m.kind.value, m.range_label if m.kind is MethodKind.MATCHED else "",
              ", ".join(m.cities)] for m in shared],
        ))
    else:
        out.append("  none")
    out.append("")
    if len(comparison.cities) > 1:
        similar = sorted(comparison.shared.pairs, key=lambda p: -p.jaccard)[:5]
        out.append("Most similar pairs (Jaccard)")
        out.append(table(("city", "city", "shared", "Jaccard"),
                         [[p.a, p.b, str(p.shared), f"{p.jaccard:.2f}"] for p in similar]))
        out.append("")
    flagged = [(p.city, f) for p in comparison.profiles for f in p.flags]
    if flagged:
        out.append("Methods in use that some registry rates no effect or harmful")
        out += [_wrap(f"{city}: {f.method} — {rating_text(f.rating)}", "  ") for city, f in flagged]
        out.append("")
    contradictions = [(t.city, m) for t in comparison.transferability for m in t.methods if m.contradiction]
    if contradictions:
        out.append("Contradicting evidence")
        out += [_wrap(f"{city}: {m.method}: {m.contradiction}", "  ") for city, m in contradictions]
        out.append("")
    unresolved = [(c.name, m) for c in comparison.cities for m in c.ambiguous]
    if unresolved:
        out.append("Not resolved (ambiguous; pin with 'intervention' in the portfolio file)")
        out += [_wrap(f"{city}: {m.name} — candidates: {', '.join(m.candidates) or 'none listed'}", "  ")
                for city, m in unresolved]
        out.append("")
    if recommendations:
        # cities with the same top recommendations (same gaps, same methods) are listed together
        groups: dict[tuple[object, ...], list[str]] = {}
        picks: dict[tuple[object, ...], tuple[Recommendation, ...]] = {}
        for recs in comparison.recommendations:
            top = recs.recommendations[:recommendations]
            key: tuple[object, ...] = tuple((r.key, r.score, r.reasons, r.caution) for r in top)
            groups.setdefault(key, []).append(recs.city)
            picks.setdefault(key, top)
        for group, cities in groups.items():
            out.append(f"Top recommendations for {', '.join(cities)} (proven methods filling a gap)")
            if not group:
                out.append("  none")
            for rank, rec in enumerate(picks[group], 1):
                out += recommendation_lines(rec, rank, reasons=4)
            out.append("")
    return "\n".join(_clean(line) if "\n" not in line else line for line in out).rstrip() + "\n"
