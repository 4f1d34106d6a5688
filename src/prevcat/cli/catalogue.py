"""Core commands: ``show``, ``search``, ``export``, ``validate``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from prevcat.catalogue import Library
from prevcat.cli.formatting import format_intervention, format_same_method, terminal_text
from prevcat.countries import ISO_3166_ALPHA2
from prevcat.evidence import EvidenceLevel
from prevcat.io.output import ensure_parent
from prevcat.model import LANGUAGE_TAG, Domain, Intervention, PreventionLevel, Setting, Substance


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


_SEARCH_COLUMNS = ("id", "name", "source", "country", "registry_country", "languages", "evidence",
                   "lowest_level", "highest_level", "disputed", "url")


def _search_record(item: Intervention, library: Library) -> dict[str, Any]:
    summary = item.evidence
    return {
        "id": item.id,
        "name": item.name,
        "source": item.source,
        "country": item.country,
        "registry_country": library.catalogue(item.source).provenance.country,
        "languages": list(item.languages),
        "evidence": summary.range_label,
        "lowest_level": summary.lowest.value if summary.lowest else None,
        "highest_level": summary.highest.value if summary.highest else None,
        "disputed": summary.disputed,
        "url": item.url,
    }


def _in_country(item: Intervention, library: Library, country: str) -> bool:
    return country in (item.country, library.catalogue(item.source).provenance.country)


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
@click.option(
    "--country", "countries", multiple=True, metavar="CC",
    help="Only methods from this country or listed by a registry of it (ISO code, e.g. SE; repeatable).",
)
@click.option(
    "--language", "languages", multiple=True, metavar="LANG",
    help="Only methods described in this language (tag, e.g. sv, nb; repeatable).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="text: aligned columns; json: a list of records; csv: a table.")
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
    countries: tuple[str, ...],
    languages: tuple[str, ...],
    fmt: str,
) -> None:
    """Find interventions by name, alias or original programme (case and accents ignored).

    Filters combine (all must hold); a repeated --country, --language or --source means any of them.
    An empty result prints nothing on standard output (``[]`` as JSON, the header as CSV) and exits 1.
    """
    wanted_countries = {c.strip().upper() for c in countries}
    unknown = sorted(c for c in wanted_countries if c not in ISO_3166_ALPHA2 and c != "EU")
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} is not an ISO 3166-1 alpha-2 code (e.g. SE, NO, DE)",
            param_hint="--country",
        )
    wanted_languages = {lang.strip().lower() for lang in languages}
    bad = sorted(lang for lang in wanted_languages if not LANGUAGE_TAG.match(lang))
    if bad:
        raise click.BadParameter(f"{', '.join(bad)} is not a language tag (e.g. sv, nb, de)",
                                 param_hint="--language")
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
    if wanted_countries:
        found = [i for i in found if any(_in_country(i, library, c) for c in wanted_countries)]
    if wanted_languages:
        found = [i for i in found if wanted_languages & {lang.lower() for lang in i.languages}]
    if fmt == "json":
        records = [_search_record(item, library) for item in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from prevcat.io import neutralise_cell

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_SEARCH_COLUMNS)
        for item in found:
            record = _search_record(item, library)
            record["languages"] = " | ".join(record["languages"])
            record["disputed"] = "yes" if record["disputed"] else "no"
            writer.writerow([neutralise_cell(str(record[c] or "")) for c in _SEARCH_COLUMNS])
        click.echo(buffer.getvalue(), nl=False)
    elif found:
        width = max(len(i.id) for i in found)
        for item in found:
            click.echo(terminal_text(f"{item.id:<{width}}  {item.evidence.range_label:<28}  {item.name}"))
    if not found:
        click.echo(f"No intervention matches {text!r}.", err=True)
        ctx.exit(1)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx", "sqlite"]), required=True,
    help="json: prevcat JSON; csv: one row per intervention; xlsx: one sheet per table; "
    "sqlite: a database for datasette.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write.")
@click.option("--source", "sources", multiple=True, help="Only these sources (repeatable).")
@click.option(
    "--excel", is_flag=True,
    help="CSV for Excel: UTF-8 with a byte-order mark, and ';' between cells where the locale writes "
    "decimals with a comma (see --locale).",
)
@click.option(
    "--locale", "--lang", "locale", metavar="LOCALE",
    help="Locale deciding the --excel delimiter, e.g. sv_SE, nb, de-CH, en_GB (implies --excel; "
    "default: LC_ALL, LC_NUMERIC or LANG).",
)
@click.option(
    "--metadata", type=click.Path(dir_okay=False), metavar="FILE",
    help="With --format sqlite: also write datasette metadata (titles, facets, licences) to FILE.",
)
@click.option(
    "--link/--no-link", "do_link", default=True, show_default=True,
    help="Fill the programmes and variants tables (sqlite, xlsx) by linking the catalogues.",
)
@click.pass_context
def export(
    ctx: click.Context, fmt: str, output: str, sources: tuple[str, ...], excel: bool, locale: str | None,
    metadata: str | None, do_link: bool,
) -> None:
    """Export the loaded catalogues as prevcat JSON, CSV, an .xlsx workbook or a SQLite database.

    Browse the SQLite database with datasette (pip install datasette): export with
    --metadata metadata.json, then run `datasette prevcat.db -m metadata.json`.
    """
    from prevcat import io as serialize

    if (excel or locale) and fmt != "csv":
        raise click.BadParameter("--excel and --locale apply to --format csv", param_hint="--excel")
    if metadata and fmt != "sqlite":
        raise click.BadParameter("--metadata applies to --format sqlite", param_hint="--metadata")
    if locale:
        try:
            serialize.decimal_separator(locale)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--locale") from None
    library = _library(ctx)
    if sources:
        unknown = sorted(set(sources) - set(library.sources))
        if unknown:
            raise click.BadParameter(
                f"unknown source(s) {', '.join(unknown)}; loaded: {', '.join(library.sources)}",
                param_hint="--source",
            )
        library = Library(tuple(library.catalogue(s) for s in sources))
    path = ensure_parent(output)
    programmes = None
    if fmt in ("sqlite", "xlsx") and do_link:
        from prevcat.linking import link
        from prevcat.render.sqlite_tables import programme_index

        programmes = programme_index(link(library))
    if fmt == "json":
        from prevcat.io.json_format import write_library

        with path.open("w", encoding="utf-8") as stream:  # written record by record
            write_library(library, stream)
    elif fmt == "csv":
        serialize.write_csv(library, path, excel=excel or bool(locale), locale=locale)
    elif fmt == "xlsx":
        serialize.write_library_xlsx(library, path, programmes=programmes)
    else:
        serialize.write_sqlite(library, path, programmes=programmes)
        if metadata:
            from prevcat.io.datasette import write_datasette_metadata

            write_datasette_metadata(library, path, metadata)
            click.echo(f"Wrote datasette metadata to {metadata} (datasette {path} -m {metadata})")
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
