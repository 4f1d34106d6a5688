"""Core commands: ``show``, ``search``, ``export``, ``validate``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from prevcat.catalogue import Library
from prevcat.cli.formatting import format_intervention, format_same_method, terminal_text
from prevcat.evidence import EvidenceLevel
from prevcat.model import Domain, PreventionLevel, Setting, Substance


def _library(ctx: click.Context) -> Library:
    from prevcat.cli.loading import load_library_for_cli

    return load_library_for_cli(ctx)


_Vocabulary = type[PreventionLevel | Setting | Substance | Domain | EvidenceLevel]


def _choice(enum_cls: _Vocabulary) -> click.Choice[str]:
    return click.Choice([m.value for m in enum_cls], case_sensitive=False)


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
        from prevcat.io import json_converter

        click.echo(json.dumps(json_converter.unstructure(item), ensure_ascii=False, indent=2))
        return
    click.echo(format_intervention(item, library))
    if linked:
        click.echo(format_same_method(item, library))


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
    found = library.search(
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
        click.echo(terminal_text(f"{item.id:<{width}}  {item.evidence.range_label:<28}  {item.name}"))


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "sqlite"]), required=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write.")
@click.option("--source", "sources", multiple=True, help="Only these sources (repeatable).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, sources: tuple[str, ...]) -> None:
    """Export the loaded catalogues as prevcat JSON, CSV (one row per intervention) or SQLite."""
    from prevcat import io as serialize

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
    from prevcat.cli.loading import plugins_dir_of
    from prevcat.io import load_catalogue
    from prevcat.plugins import get_scales

    catalogue = load_catalogue(file, scales=get_scales(plugins_dir=plugins_dir_of(ctx)))
    ratings = sum(len(i.ratings) for i in catalogue)
    click.echo(f"{file}: ok, {len(catalogue)} interventions, {ratings} ratings")


COMMANDS: list[click.Command] = [show, search, export, validate]
