"""A comparison as a plain document: titled sections of paragraphs and tables.

Text and Markdown render this same document, so they always say the same things; the HTML
report has its own template but reads the same helpers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import field, frozen

from prevcat.compare.coverage import label
from prevcat.compare.model import (
    CityInfo,
    Comparison,
    EvidenceProfile,
    MethodKind,
    SourcedRating,
)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _rows(values: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in values)


def _blocks(values: Iterable[Table | Paragraph]) -> tuple[Table | Paragraph, ...]:
    return tuple(values)


def _sections(values: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(values)


@frozen
class Paragraph:
    """Text; ``items`` render as a bullet list under it."""

    text: str
    items: tuple[str, ...] = field(default=(), converter=_strs)


@frozen
class Table:
    """A table with a header row."""

    header: tuple[str, ...] = field(converter=_strs)
    rows: tuple[tuple[str, ...], ...] = field(converter=_rows)
    caption: str | None = None


@frozen
class Section:
    title: str
    blocks: tuple[Table | Paragraph, ...] = field(converter=_blocks)
    level: int = 2


@frozen
class Document:
    title: str
    sections: tuple[Section, ...] = field(converter=_sections)


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def rating_text(rating: SourcedRating) -> str:
    """``Ungsinn (NO): evidensnivå 0 – uvirksomt tiltak — no effect, below the common scale``,
    with the outcome and review date when the registry gives them."""
    extra = "; ".join(
        text
        for text in (
            f"outcome: {rating.rating.outcome}" if rating.rating.outcome else "",
            f"reviewed {rating.rating.reviewed.isoformat()}" if rating.rating.reviewed else "",
        )
        if text
    )
    return rating.plain() + (f" ({extra})" if extra else "")


def unique_ratings(ratings: Sequence[SourcedRating]) -> list[SourcedRating]:
    """Ratings without word-for-word repeats (two editions rated alike show once)."""
    seen: dict[tuple[str, str], SourcedRating] = {}
    for r in ratings:
        seen.setdefault((r.intervention_id, rating_text(r)), r)
    return list(seen.values())


def _listed(ratings: Sequence[SourcedRating]) -> str:
    return "; ".join(rating_text(r) for r in unique_ratings(ratings)) or "—"


def city_summary_rows(comparison: Comparison) -> list[list[str]]:
    rows = []
    for city, profile, cov in zip(comparison.cities, comparison.profiles, comparison.coverage, strict=True):
        rows.append([
            city.name,
            city.country or "",
            str(profile.total),
            str(profile.matched),
            str(profile.local),
            str(profile.ambiguous),
            f"{profile.effective} ({percent(profile.effective_share)})",
            str(len({f.key for f in profile.flags})),
            f"{len(cov.gaps)}/{len(cov.applicable)}",
        ])
    return rows


SUMMARY_HEADER = (
    "city", "country", "methods", "matched", "local", "ambiguous", "effective+", "flagged", "gaps",
)


def _method_rows(city: CityInfo) -> list[list[str]]:
    rows = []
    for m in city.methods:
        resolved = m.name if m.kind is MethodKind.MATCHED else (
            "candidates: " + ", ".join(m.candidates) if m.candidates else "—"
        )
        rows.append([
            " / ".join(m.local_names),
            m.kind.value,
            resolved,
            m.range_label if m.kind is MethodKind.MATCHED else "",
            "disputed" if m.disputed else "",
        ])
    return rows


def _profile_text(profile: EvidenceProfile) -> str:
    parts = [f"{c.label}: {c.count}" for c in profile.counts if c.count]
    return "; ".join(parts) or "no methods"


def build(comparison: Comparison, *, max_recommendations: int | None = None) -> Document:
    """The comparison as sections: summary, shared methods, per-city evidence, coverage, recommendations.

    ``max_recommendations`` limits the recommendations shown per city (None: all the comparison holds).
    """
    names = [c.name for c in comparison.cities]
    sections: list[Section] = [
        Section("Summary", [Table(SUMMARY_HEADER, city_summary_rows(comparison))]),
    ]
    shared = [m for m in comparison.shared.methods if len(m.cities) > 1]
    shared_blocks: list[Table | Paragraph] = []
    if shared:
        shared_blocks.append(
            Table(("method", "kind", "evidence", "cities"),
                  [[m.name, m.kind.value, m.range_label if m.kind is MethodKind.MATCHED else "",
                    ", ".join(m.cities)] for m in shared])
        )
    else:
        shared_blocks.append(Paragraph("No method is used by more than one of these cities."))
    if len(names) > 1:
        shared_blocks.append(
            Table(("", *names), [[a, *(str(v) for v in row)] for a, row in
                                 zip(names, comparison.shared.matrix, strict=True)],
                  caption="Methods in common (diagonal: the city's own count)")
        )
        shared_blocks.append(
            Table(("city", "city", "shared", "Jaccard"),
                  [[p.a, p.b, str(p.shared), f"{p.jaccard:.2f}"] for p in comparison.shared.pairs])
        )
    sections.append(Section("Shared methods", shared_blocks))

    for city in comparison.cities:
        profile = comparison.profile(city.name)
        cov = comparison.coverage_of(city.name)
        transfer = comparison.transferability_of(city.name)
        recs = comparison.recommendations_for(city.name)
        where = ", ".join(x for x in (city.country, city.region, city.language) if x)
        blocks: list[Table | Paragraph] = [
            Paragraph(f"{city.name} ({where}): {profile.total} methods, "
                      f"{profile.effective} rated effective or better somewhere "
                      f"({percent(profile.effective_share)})."),
            Paragraph("Evidence profile (each method under its highest level anywhere): "
                      + _profile_text(profile)),
            Table(("as written", "resolved", "method", "evidence range", ""), _method_rows(city)),
        ]
        if profile.flags:
            blocks.append(Paragraph(
                "Rated no effect or harmful somewhere:",
                [f"{f.method} — {rating_text(f.rating)}" for f in profile.flags],
            ))
        contradictions = [m for m in transfer.methods if m.contradiction]
        if transfer.methods:
            blocks.append(Paragraph(
                "Transferability: evidence from the city's country and region apart from elsewhere.",
            ))
            for m in transfer.methods:
                items = [
                    f"in {city.country or '?'}: {_listed(m.home)}",
                    f"in the {city.region or '?'} region: {_listed(m.region)}",
                    f"elsewhere: {_listed(m.elsewhere)}",
                ]
                if m.unrated:
                    items.append("listed without a rating: " + "; ".join(m.unrated))
                blocks.append(Paragraph(f"{m.method}:", items))
        if contradictions:
            blocks.append(
                Paragraph("Contradictions:", [f"{m.method}: {m.contradiction}" for m in contradictions])
            )
        if city.ambiguous:
            blocks.append(Paragraph(
                "Not resolved (ambiguous; pin one with 'intervention' in the portfolio file):",
                [f"{m.name}: {', '.join(m.candidates) or 'no candidates listed'}" for m in city.ambiguous],
            ))
        unplaced = [m for m in city.methods if m.suggestions]
        if unplaced:
            blocks.append(Paragraph(
                "Did you mean? (add the line to the entry's [[methods]] table to pin it):",
                [f"{' / '.join(m.local_names)}: " + "; ".join(
                    f"{s.name} ({s.source}, score {s.score:.0f}) — {s.toml}" for s in m.suggestions
                ) for m in unplaced],
            ))
        blocks.append(Table(
            ("setting \\ level", *(label(level) for level in cov.levels)),
            [[label(s), *(str(cov.cell(level, s).count) if cov.cell(level, s).applicable else "—"
                          for level in cov.levels)] for s in cov.settings],
            caption=f"Coverage ({cov.framework}): methods per setting and level (0 = gap, — = not a cell)",
        ))
        if cov.from_registries:
            blocks.append(Paragraph("Counted as registries describe them (the portfolio gives no levels or "
                                    "settings): " + "; ".join(cov.from_registries)))
        blocks.append(Table(
            ("", *(c.column for c in cov.ages), *(c.column for c in cov.substances)),
            [["methods", *(str(c.count) for c in (*cov.ages, *cov.substances))]],
            caption="Coverage: age bands and substances",
        ))
        blocks.append(Table(
            tuple(label(c.column) for c in cov.domains if c.applicable),
            [[str(c.count) for c in cov.domains if c.applicable]],
            caption="Coverage: the plan's domains",
        ))
        if cov.unclassified:
            blocks.append(Paragraph("Not classified (counted in no coverage cell): "
                                    + "; ".join(cov.unclassified)))
        scope = ", ".join(label(d.value) for d in recs.domains)
        left_out = []
        if recs.out_of_scope:
            left_out.append(f"{recs.out_of_scope} proven methods of another kind of work left out (--domain)")
        if recs.not_near:
            left_out.append(
                f"{recs.not_near} with no version in the city's country, language or region left out"
            )
        if recs.recommendations:
            blocks.append(Paragraph(
                f"Recommendations: methods rated effective or better that fill a gap, within {scope}"
                + (f" ({'; '.join(left_out)})" if left_out else "") + "."
            ))
            for rank, rec in enumerate(recs.recommendations[:max_recommendations], 1):
                items = [f"CAUTION: {rec.caution}"] if rec.caution else []
                items += [f"+ {f.text}" + (f" ({f.points:+g})" if f.points else "") for f in rec.counted]
                items += [f"- {f.text}" + (f" ({f.points:+g})" if f.points else "") for f in rec.held_back]
                if not rec.counted:
                    items += list(rec.reasons)
                blocks.append(Paragraph(f"{rank}. {rec.name} (score {rec.score:g})", items))
        else:
            blocks.append(
                Paragraph(f"No recommendation: no proven method within {scope} fills one of the gaps.")
            )
        sections.append(Section(city.name, blocks))

    total = sum(r.entries for r in comparison.registries)
    sections.append(Section("About this data", [
        Paragraph(f"The bundled catalogues are samples: {total} entries from {len(comparison.registries)} "
                  "registries, not the registries' full lists; a method missing here may be in the registry. "
                  "Running costs are shown only where a registry gives them."),
        Table(
            ("source", "registry", "country", "entries here", "published size", "snapshot", "url"),
            [[r.source, r.title, r.country or "", str(r.entries), r.published or "not published",
              r.snapshot or "", r.url or ""] for r in comparison.registries],
        ),
    ]))
    return Document("Portfolio comparison: " + ", ".join(names), sections)
