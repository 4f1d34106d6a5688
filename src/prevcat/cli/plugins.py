"""Plugin commands: plugins, catalogues, import, new-plugin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from prevcat.cli.formatting import terminal_text
from prevcat.cli.loading import plugins_dir_of, warn_problems
from prevcat.errors import capped_lines
from prevcat.importers.base import ImportReport
from prevcat.io.output import open_output
from prevcat.plugins import LoadedLibrary, PluginInfo, Registrations, get_registry, load_catalogues

#: rejected rows (and warnings) ``prevcat import`` prints before counting the rest
SHOWN_ROWS = 50


def _plugin_record(registry: Registrations, info: PluginInfo) -> dict[str, Any]:
    made = registry.registered_by(info.name)
    return {
        "name": info.name,
        "version": info.version,
        "kind": info.kind,
        "module": info.module,
        "distribution": info.distribution,
        "hooks": list(info.hooks),
        "importers": made["importers"],
        "scales": made["scales"],
        "glossary": made["glossary"],
    }


@click.command(name="plugins")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def plugins_command(ctx: click.Context, fmt: str) -> None:
    """List loaded plugins: name, version, hooks, importers and scales registered."""
    registry = get_registry(plugins_dir=plugins_dir_of(ctx))
    records = [_plugin_record(registry, info) for info in registry.plugins]
    if fmt == "json":
        problems = [{"plugin": p.plugin, "stage": p.stage, "error": p.error} for p in registry.problems]
        click.echo(json.dumps({"plugins": records, "problems": problems}, indent=2, ensure_ascii=False))
        return
    for record in records:
        kind = "built-in" if record["kind"] == "builtin" else record["kind"]
        click.echo(f"{record['name']} {record['version'] or '-'} ({kind})")
        click.echo(f"  hooks:     {', '.join(record['hooks']) or '-'}")
        click.echo(f"  importers: {', '.join(record['importers']) or '-'}")
        click.echo(f"  scales:    {', '.join(record['scales']) or '-'}")
        if record["glossary"]:
            click.echo(f"  glossary:  {', '.join(record['glossary'])}")
    warn_problems(registry.problems)


def _report_lines(report: ImportReport, *, show_all: bool) -> list[str]:
    """The report's summary, rejected rows and warnings, each list capped unless ``show_all``."""
    limit = max(len(report.rejected), len(report.warnings)) if show_all else SHOWN_ROWS
    rejected = capped_lines([f"  rejected {r}" for r in report.rejected], limit=limit,
                            what="rejected row(s) (--all shows every one)")
    warnings = capped_lines([f"  warning  {w}" for w in report.warnings], limit=limit,
                            what="warning(s) (--all shows every one)")
    return [terminal_text(line) for line in (report.summary(), *rejected, *warnings)]


def _rejected_rows(source: str, report: ImportReport | None, fmt: str, known: list[str]) -> None:
    if report is None:
        raise click.BadParameter(
            f"no bundled catalogue {source!r}; catalogues: {', '.join(known) or 'none'}",
            param_hint="'--rejected'",
        )
    if fmt == "json":
        rows = [
            {"row": r.row, "line": r.line, "id": r.native_id, "field": r.field, "reason": r.reason}
            for r in report.rejected
        ]
        click.echo(json.dumps({"source": source, "file": report.file, "rejected": rows},
                              indent=2, ensure_ascii=False))
        return
    click.echo(terminal_text(report.summary()))
    if not report.rejected:
        click.echo("  no row rejected")
    for rejected in report.rejected:
        click.echo(terminal_text(f"  rejected {rejected}"))


def catalogue_rows(loaded: LoadedLibrary) -> list[dict[str, Any]]:
    """One record per loaded catalogue, as ``prevcat catalogues`` shows it (and prints as JSON)."""
    rows: list[dict[str, Any]] = []
    for catalogue in loaded.library.catalogues:
        report = loaded.reports.get(catalogue.source)
        rows.append({
            "source": catalogue.source,
            "title": catalogue.provenance.title,
            "interventions": len(catalogue),
            "ratings": sum(len(item.ratings) for item in catalogue),
            "rejected": len(report.rejected) if report is not None else 0,
            "snapshot": catalogue.provenance.snapshot,
            "published": catalogue.provenance.published,
            "closed": catalogue.provenance.closed.isoformat() if catalogue.provenance.closed else None,
        })
    return rows


@click.command(name="catalogues")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rejected", "rejected_of", metavar="KEY",
              help="List the rows the bundled catalogue KEY rejected, with line and reason.")
@click.pass_context
def catalogues_command(ctx: click.Context, fmt: str, rejected_of: str | None) -> None:
    """List the bundled catalogue of every installed plugin, then any plugin problems.

    One line per catalogue: source, title, interventions, ratings, rows rejected, snapshot date;
    below it, what the registry itself says it holds (where known) and whether it has closed.
    With --rejected KEY: the rows that catalogue rejected, one per line, and why.
    """
    loaded = load_catalogues(plugins_dir=plugins_dir_of(ctx))
    if rejected_of is not None:
        known = sorted(loaded.reports)
        _rejected_rows(rejected_of, loaded.reports.get(rejected_of), fmt, known)
        warn_problems(loaded.problems)
        return
    rows = catalogue_rows(loaded)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        warn_problems(loaded.problems)
        return
    if not rows:
        click.echo("No catalogues: install a registry plugin, or import your own file with 'prevcat import'.")
    width = max((len(r["source"]) for r in rows), default=0)
    for r in rows:
        click.echo(terminal_text(
            f"{r['source']:<{width}}  {r['title']}  |  {r['interventions']} interventions, "
            f"{r['ratings']} ratings, {r['rejected']} rows rejected, snapshot {r['snapshot'] or 'unknown'}"
        ))
        if r["published"]:
            click.echo(terminal_text(f"{'':<{width}}  the registry publishes: {r['published']}"))
        if r["closed"]:
            click.echo(f"{'':<{width}}  closed on {r['closed']}: this catalogue is frozen")
    if any(r["rejected"] for r in rows):
        click.echo("(prevcat catalogues --rejected KEY lists which rows and why)")
    warn_problems(loaded.problems)


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source", "source", metavar="KEY", help="Source key, the prefix of every id (default: the file's stem)."
)
@click.option(
    "--map", "mapping", metavar="STANDARD=COLUMN", multiple=True,
    help="Read a standard column from a column of another name, e.g. --map name=Programmname.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the imported catalogue as prevcat JSON.")
@click.option("--registry", "registry_key", metavar="KEY",
              help="Read FILE with this registry plugin's importer (e.g. resultsfirst), "
              "not as your own catalogue.")
@click.option("--allow-rejects", is_flag=True,
              help="Exit with 0 even when rows were rejected (they are still listed).")
@click.option("--all", "show_all", is_flag=True,
              help=f"List every rejected row and warning (default: the first {SHOWN_ROWS} of each).")
@click.pass_context
def import_command(
    ctx: click.Context, file: Path, source: str | None, mapping: tuple[str, ...], output: Path | None,
    registry_key: str | None, allow_rejects: bool, show_all: bool,
) -> None:
    """Import your own catalogue (standard-column CSV or .xlsx, or prevcat JSON) and print the report.

    Every row read is imported or listed as rejected with its line and reason.  Exits with 1
    when a row was rejected (after writing --output), unless --allow-rejects.
    """
    from prevcat.importers.base import Importer
    from prevcat.importers.generic import GenericImporter, parse_mapping

    columns = parse_mapping(mapping)
    registry = get_registry(plugins_dir=plugins_dir_of(ctx))
    warn_problems(registry.problems)
    importer: Importer
    if registry_key is not None:
        if source or mapping:
            raise click.BadParameter("--source and --map apply to your own catalogue, not to --registry",
                                     param_hint="--registry")
        if registry_key not in registry.importers:
            raise click.BadParameter(f"no installed plugin imports {registry_key!r}; importers: "
                                     f"{', '.join(sorted(registry.importers))}", param_hint="--registry")
        importer = registry.importers[registry_key]
    else:
        importer = GenericImporter(source, columns, scales=registry.scales)
    result = importer.read(file)
    report = result.report
    for line in _report_lines(report, show_all=show_all):
        click.echo(line)
    if output is not None:
        from prevcat.io.json_format import write_catalogue

        with open_output(output, newline=None) as stream:  # written record by record
            write_catalogue(result.catalogue, stream)
        click.echo(f"wrote {len(result.catalogue)} interventions to {output}")
    if report.rejected and not allow_rejects:
        click.echo(
            f"Error: {len(report.rejected)} row(s) rejected (listed above); fix them, or pass "
            "--allow-rejects to accept the other rows",
            err=True,
        )
        ctx.exit(1)


@click.command(name="new-plugin")
@click.argument("name")
@click.option(
    "-o", "--output", "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Folder in which to create prevcat-NAME/.",
)
@click.option("--title", help="The registry's name, e.g. 'Nederlands Jeugdinstituut'.")
def new_plugin_command(name: str, directory: Path, title: str | None) -> None:
    """Create a working importer plugin package prevcat-NAME to start from."""
    from prevcat.plugins.scaffold import plugin_names, scaffold_plugin

    names = plugin_names(name)
    target = scaffold_plugin(name, directory, title=title)
    click.echo(f"created {target}")
    click.echo(f"next: cd {target} && pip install -e '.[test]' && pytest && prevcat plugins")
    click.echo(f"then replace src/{names.package}/data/{names.key}.csv with the registry's data")


COMMANDS: list[click.Command] = [plugins_command, catalogues_command, import_command, new_plugin_command]
