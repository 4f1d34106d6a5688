"""The ``compare`` command: compare city portfolio files."""

from __future__ import annotations

from collections.abc import Sequence

import click

from prevcat.catalogue import Library
from prevcat.cli.loading import load_library_for_cli, read_catalogue_file
from prevcat.io.output import write_output
from prevcat.model import Domain
from prevcat.render import FORMATS, render
from prevcat.render.csv_tables import TABLES
from prevcat.render.i18n import LANGUAGES


def _library(ctx: click.Context, catalogues: Sequence[str]) -> Library:
    """Every installed catalogue plus the user's own ``--catalogue`` files (their ids can be pinned)."""
    library = load_library_for_cli(ctx)
    for path in catalogues:
        result = read_catalogue_file(path)
        for rejected in result.report.rejected:
            click.echo(f"Warning: {path}: {rejected}", err=True)
        library = library.with_catalogue(result.catalogue)
    return library


@click.command("compare")
@click.argument("portfolios", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "sqlite")), default="text", show_default=True,
              help="Output format (sqlite: adds the comparison tables to the -o database).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output (missing folders are created).")
@click.option("--table", type=click.Choice(TABLES), default="methods", show_default=True,
              help="Which table --format csv writes.")
@click.option("--max-recommendations", type=click.IntRange(0), default=10, show_default=True,
              help="Recommendations kept per city.")
@click.option("--catalogue", "catalogues", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also compare against this catalogue (prevcat JSON or a file the generic importer "
                   "reads); portfolios may pin its ids. Repeatable.")
@click.option("--domain", "domains", multiple=True, type=click.Choice([d.value for d in Domain]),
              help="Also recommend methods of this kind (e.g. treatment, harm_reduction); by default "
                   "only the plan's domains (prevention and early intervention). Repeatable.")
@click.option("--lang", type=click.Choice(tuple(LANGUAGES)), default=None,
              help="Language of the HTML report (default: the portfolios' language).")
@click.pass_context
def compare_command(
    ctx: click.Context,
    portfolios: tuple[str, ...],
    fmt: str,
    output: str | None,
    table: str,
    max_recommendations: int,
    catalogues: tuple[str, ...],
    domains: tuple[str, ...],
    lang: str | None,
) -> None:
    """Compare city PORTFOLIOS (TOML files): shared methods, evidence, coverage gaps, recommendations.

    Each entry is resolved against every installed catalogue (and each --catalogue); ambiguous
    entries are listed with their best candidates, never guessed.  HTML is one self-contained
    file (no network, no script).
    """
    from prevcat.compare import compare_files
    from prevcat.linking import link

    library = _library(ctx, catalogues)
    crosswalk = link(library)
    comparison = compare_files(
        portfolios, library=library, crosswalk=crosswalk, max_recommendations=max_recommendations,
        domains=[Domain(d) for d in domains],
    )
    if fmt == "sqlite":
        from prevcat.render.sqlite_tables import write_comparison_sqlite

        if not output:
            raise click.BadParameter("--format sqlite needs -o FILE (a database to add the tables to)",
                                     param_hint="--output")
        write_comparison_sqlite(comparison, output)
        click.echo(f"Wrote the comparison tables to {output}", err=True)
        return
    text = render(comparison, fmt, table=table, lang=lang)
    if output:
        write_output(output, text)
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


COMMANDS: list[click.Command] = [compare_command]
