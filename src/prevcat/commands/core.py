"""Core commands: ``show``, ``search``, ``export``, ``validate``."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import click

from prevcat.catalogue import Library
from prevcat.evidence import EvidenceLevel
from prevcat.model import Domain, Intervention, PreventionLevel, Setting, Substance


def _library(ctx: click.Context) -> Library:
    from prevcat.commands._common import load_library_for_cli

    return load_library_for_cli(ctx)


_Vocabulary = type[PreventionLevel | Setting | Substance | Domain | EvidenceLevel]


def _choice(enum_cls: _Vocabulary) -> click.Choice[str]:
    return click.Choice([m.value for m in enum_cls], case_sensitive=False)


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for substring search (ø and æ kept apart from o and a)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def format_intervention(item: Intervention, library: Library | None = None) -> str:
    """A readable, complete description of one intervention (every rating, every extra field)."""
    lines = [item.id, f"  {item.name}"]

    def row(label: str, value: str | None) -> None:
        if value:
            lines.append(f"  {label + ':':<15}{value}")

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
            lines.append(f"    - {rating.label}")
            details = [
                f"scale {rating.scale}",
                f"common: {rating.level_label}",
                f"direction: {rating.direction.value}",
                *rating.qualifiers(),
            ]
            if rating.confidence:
                details.append(f"confidence: {rating.confidence.value}")
            lines.append("      " + "; ".join(details))
            if rating.note:
                lines.append(f"      note: {rating.note}")
            if rating.url:
                lines.append(f"      {rating.url}")
    else:
        row("Evidence", "no rating in this source (not listed is not 'no effect')")
    if item.extra:
        lines.append("  Other fields (verbatim):")
        for key, value in item.extra:
            lines.append(f"    {key}: {value}")
    return "\n".join(lines)


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
        lines.append(f"    {other.id}  {other.name}  — {ratings}")
    summary = library_summary(item, others)
    lines.append(f"  All registries together: {summary}")
    return "\n".join(lines)


def library_summary(item: Intervention, others: list[Intervention]) -> str:
    """The evidence range of a method over all its records, with the dispute flag."""
    from prevcat.evidence import summarize

    together = summarize(r for record in (item, *others) for r in record.ratings)
    return together.range_label + (" — DISPUTED: registries disagree" if together.disputed else "")


@click.command()
@click.argument("intervention_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--linked/--no-linked",
    default=True,
    show_default=True,
    help="Also list the same method's records in other registries (text format).",
)
@click.pass_context
def show(ctx: click.Context, intervention_id: str, fmt: str, linked: bool) -> None:
    """Show everything known about one intervention, e.g. `prevcat show nji:taakspel`."""
    library = _library(ctx)
    item = library.get(intervention_id)
    if fmt == "json":
        from prevcat.serialize import json_converter

        click.echo(json.dumps(json_converter.unstructure(item), ensure_ascii=False, indent=2))
        return
    click.echo(format_intervention(item, library))
    if linked:
        click.echo(format_same_method(item, library))


def search_library(
    library: Library,
    text: str,
    *,
    level: PreventionLevel | None = None,
    setting: Setting | None = None,
    substance: Substance | None = None,
    domain: Domain | None = None,
    min_evidence: EvidenceLevel | None = None,
    sources: tuple[str, ...] = (),
) -> list[Intervention]:
    """Interventions whose name, alias, original or id contains ``text`` (case and accents ignored)."""
    needle = _fold(text.strip())
    candidates = library.filter(
        level=level, setting=setting, substance=substance, domain=domain, min_evidence=min_evidence
    )
    found = []
    for item in candidates:
        if sources and item.source not in sources:
            continue
        haystack = [item.id, *item.names, item.original or ""]
        if any(needle in _fold(h) for h in haystack):
            found.append(item)
    return found


@click.command()
@click.argument("text")
@click.option("--level", type=_choice(PreventionLevel), help="Prevention level.")
@click.option("--setting", type=_choice(Setting), help="Setting.")
@click.option("--substance", type=_choice(Substance), help="Substance or behaviour.")
@click.option("--domain", type=_choice(Domain), help="Domain.")
@click.option(
    "--min-evidence", type=_choice(EvidenceLevel), help="At least this common level in some rating."
)
@click.option("--source", "sources", multiple=True, help="Only these sources (repeatable).")
@click.pass_context
def search(
    ctx: click.Context,
    text: str,
    level: str | None,
    setting: str | None,
    substance: str | None,
    domain: str | None,
    min_evidence: str | None,
    sources: tuple[str, ...],
) -> None:
    """Find interventions by name, alias or original programme (case and accents ignored)."""
    library = _library(ctx)
    found = search_library(
        library,
        text,
        level=PreventionLevel(level) if level else None,
        setting=Setting(setting) if setting else None,
        substance=Substance(substance) if substance else None,
        domain=Domain(domain) if domain else None,
        min_evidence=EvidenceLevel(min_evidence) if min_evidence else None,
        sources=sources,
    )
    if not found:
        click.echo(f"No intervention matches {text!r}.", err=True)
        ctx.exit(1)
    width = max(len(i.id) for i in found)
    for item in found:
        click.echo(f"{item.id:<{width}}  {item.evidence.range_label:<28}  {item.name}")


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "sqlite"]), required=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write.")
@click.option("--source", "sources", multiple=True, help="Only these sources (repeatable).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, sources: tuple[str, ...]) -> None:
    """Export the loaded catalogues as prevcat JSON, CSV (one row per intervention) or SQLite."""
    from prevcat import serialize

    library = _library(ctx)
    if sources:
        unknown = sorted(set(sources) - set(library.sources))
        if unknown:
            raise click.BadParameter(
                f"unknown source(s) {', '.join(unknown)}; loaded: {', '.join(library.sources)}",
                param_hint="--source",
            )
        library = Library(tuple(library.catalogue(s) for s in sources))
    path = Path(output)
    if fmt == "json":
        path.write_text(serialize.dumps_library(library), encoding="utf-8")
    elif fmt == "csv":
        serialize.write_csv(library, path)
    else:
        serialize.write_sqlite(library, path)
    click.echo(f"Wrote {len(library)} interventions from {len(library.catalogues)} catalogue(s) to {path}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def validate(ctx: click.Context, file: str) -> None:
    """Check a prevcat JSON catalogue file; print every problem with its line and field."""
    from prevcat.commands._common import plugins_dir_of
    from prevcat.plugins import get_scales
    from prevcat.serialize import load_catalogue

    catalogue = load_catalogue(file, scales=get_scales(plugins_dir=plugins_dir_of(ctx)))
    ratings = sum(len(i.ratings) for i in catalogue)
    click.echo(f"{file}: ok, {len(catalogue)} interventions, {ratings} ratings")


COMMANDS: list[click.Command] = [show, search, export, validate]
