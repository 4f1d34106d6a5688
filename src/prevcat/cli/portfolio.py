"""The ``compare`` command: compare city portfolio files."""

from __future__ import annotations

from pathlib import Path

import click

from prevcat.cli.loading import load_library_for_cli
from prevcat.render import FORMATS, render
from prevcat.render.csv_tables import TABLES


@click.command("compare")
@click.argument("portfolios", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "sqlite")), default="text", show_default=True,
              help="Output format (sqlite: adds the comparison tables to the -o database).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.option("--table", type=click.Choice(TABLES), default="methods", show_default=True,
              help="Which table --format csv writes.")
@click.option("--max-recommendations", type=click.IntRange(0), default=10, show_default=True,
              help="Recommendations kept per city.")
@click.pass_context
def compare_command(
    ctx: click.Context,
    portfolios: tuple[str, ...],
    fmt: str,
    output: str | None,
    table: str,
    max_recommendations: int,
) -> None:
    """Compare city PORTFOLIOS (TOML files): shared methods, evidence, coverage gaps, recommendations.

    Each entry is resolved against every installed catalogue; ambiguous entries are listed,
    never guessed.  HTML is one self-contained file (no network, no script).
    """
    from prevcat.compare.files import compare_files
    from prevcat.linking import link

    library = load_library_for_cli(ctx)
    crosswalk = link(library)
    comparison = compare_files(
        portfolios, library=library, crosswalk=crosswalk, max_recommendations=max_recommendations
    )
    if fmt == "sqlite":
        from prevcat.render.sqlite_tables import write_comparison_sqlite

        if not output:
            raise click.BadParameter("--format sqlite needs -o FILE (a database to add the tables to)",
                                     param_hint="--output")
        write_comparison_sqlite(comparison, output)
        click.echo(f"Wrote the comparison tables to {output}", err=True)
        return
    text = render(comparison, fmt, table=table)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


COMMANDS: list[click.Command] = [compare_command]
