"""Linking commands: ``link``, ``resolve``, ``explain``, ``evaluate-links``, ``review-sheet``.

A little over 400 lines: five commands sharing their catalogue options and writers."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from prevcat.catalogue import Library

__all__ = ["COMMANDS"]

LINK_COLUMNS = ("cluster", "variant", "intervention_id", "source", "name", "min_score", "max_score")
RESOLVE_COLUMNS = ("query", "intervention_id", "cluster", "variant", "name", "score", "reason")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _library(ctx: click.Context, catalogues: Sequence[str], no_bundled: bool) -> Library:
    from prevcat.cli.loading import load_library_for_cli, read_catalogue_file

    if no_bundled and not catalogues:
        raise click.UsageError("--no-bundled needs at least one --catalogue PATH")
    library = Library(()) if no_bundled else load_library_for_cli(ctx)
    for path in catalogues:
        result = read_catalogue_file(path)
        for rejected in result.report.rejected:
            click.echo(f"Warning: {path}: {rejected}", err=True)
        library = library.with_catalogue(result.catalogue)
    return library


def _catalogue_options(func: Any) -> Any:
    func = click.option(
        "--overrides",
        type=click.Path(exists=True, dir_okay=False),
        help="Curated same/not-same pairs (CSV id1,id2,decision, or a filled-in review sheet), applied last.",
    )(func)
    func = click.option(
        "--no-bundled", is_flag=True, help="Use only the --catalogue files, not the bundled catalogues."
    )(func)
    func = click.option(
        "--catalogue",
        "catalogues",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Also use this catalogue (prevcat JSON or a file the generic importer reads); repeatable.",
    )(func)
    return func


def _crosswalk(
    ctx: click.Context,
    catalogues: Sequence[str],
    no_bundled: bool,
    overrides: str | None,
    threshold: float | None = None,
    one_to_one: bool = False,
) -> Any:
    from prevcat.linking import link

    library = _library(ctx, catalogues, no_bundled)
    crosswalk = link(
        library,
        overrides=overrides,
        threshold=threshold,
        one_to_one=one_to_one,
        progress=True,
        glossary=_glossary(ctx),
    )
    for warning in crosswalk.warnings:
        click.echo(f"Warning: {warning}", err=True)
    return crosswalk


def _glossary(ctx: click.Context) -> Any:
    """The shipped glossary plus every installed plugin's terms (a broken plugin is warned of)."""
    from prevcat.cli.loading import plugins_dir_of
    from prevcat.linking.glossary import default_glossary
    from prevcat.plugins import get_glossary

    try:
        extra = get_glossary(plugins_dir=plugins_dir_of(ctx))
    except Exception as exc:  # a plugin's glossary must not stop linking
        click.echo(f"Warning: plugin glossary terms not loaded: {exc}", err=True)
        extra = {}
    return default_glossary(extra)


def _open_out(output: str | None) -> IO[str]:
    if output is None or output == "-":
        return sys.stdout
    return open(output, "w", encoding="utf-8", newline="")


def _write(output: str | None, text: str) -> None:
    stream = _open_out(output)
    try:
        stream.write(text)
    finally:
        if stream is not sys.stdout:
            stream.close()


def _csv_text(columns: Sequence[str], rows: Sequence[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return buffer.getvalue()


def _score(value: float) -> str:
    return f"{value:.1f}"


@click.command("link")
@_catalogue_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "text"]), default="csv", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (default stdout)."
)
@click.option(
    "--threshold", type=click.FloatRange(0, 100), help="Link pairs scoring at least this (default 85)."
)
@click.option("--one-to-one", is_flag=True, help="At most one link per intervention and other source.")
@click.pass_context
def link_command(
    ctx: click.Context,
    catalogues: tuple[str, ...],
    no_bundled: bool,
    overrides: str | None,
    fmt: str,
    output: str | None,
    threshold: float | None,
    one_to_one: bool,
) -> None:
    """Group every catalogue's interventions into programmes and their variants.

    CSV columns: cluster,variant,intervention_id,source,name,min_score,max_score (one row per
    entry, singletons included); ``cluster`` is the programme, ``variant`` the variant.
    """
    crosswalk = _crosswalk(ctx, catalogues, no_bundled, overrides, threshold, one_to_one)
    library = crosswalk.library
    if fmt == "csv":
        rows: list[dict[str, object]] = []
        for cluster in crosswalk.clusters:
            for variant in cluster.variants or (cluster,):
                for member in variant.members:
                    item = library.get(member)
                    rows.append(
                        {
                            "cluster": cluster.id,
                            "variant": variant.id,
                            "intervention_id": member,
                            "source": item.source,
                            "name": item.name,
                            "min_score": _score(cluster.min_score),
                            "max_score": _score(cluster.max_score),
                        }
                    )
        _write(output, _csv_text(LINK_COLUMNS, rows))
    elif fmt == "json":

        def members(ids: Sequence[str]) -> list[dict[str, str]]:
            return [
                {"intervention_id": m, "source": library.get(m).source, "name": library.get(m).name}
                for m in ids
            ]

        def links(values: Sequence[Any]) -> list[dict[str, object]]:
            return [
                {
                    "a": lk.a,
                    "b": lk.b,
                    "score": lk.score,
                    "decided_by": lk.decided_by,
                    "reasons": list(lk.reasons),
                }
                for lk in values
            ]

        data = {
            "threshold": crosswalk.threshold,
            "clusters": [
                {
                    "id": c.id,
                    "name": c.name,
                    "members": members(c.members),
                    "variants": [
                        {
                            "id": v.id,
                            "name": v.name,
                            "label": v.label,
                            "members": members(v.members),
                            "min_score": v.min_score,
                            "max_score": v.max_score,
                            "needs_review": v.needs_review,
                            "review_reasons": list(v.review_reasons),
                        }
                        for v in c.variants or (c,)
                    ],
                    "min_score": c.min_score,
                    "max_score": c.max_score,
                    "needs_review": c.needs_review,
                    "review_reasons": list(c.review_reasons),
                }
                for c in crosswalk.clusters
            ],
            "links": links(crosswalk.links),
            "programme_links": links(crosswalk.programme_links),
        }
        _write(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        lines: list[str] = []
        multi = crosswalk.multi_source()
        lines.append(
            f"{len(crosswalk.clusters)} programmes ({len(crosswalk.variants)} variants), "
            f"{len(multi)} with members from two or more sources, "
            f"{len(crosswalk.links)} links (threshold {crosswalk.threshold:.0f})"
        )
        for c in crosswalk.clusters:
            flag = "  [review]" if c.needs_review else ""
            scores = "" if len(c.members) == 1 else f"  scores {c.min_score:.0f}-{c.max_score:.0f}"
            lines.append(f"{c.id}  {c.name}{scores}{flag}")
            several = len(c.variants) > 1
            for v in c.variants or (c,):
                indent = "    "
                if several:
                    lines.append(f"    {v.id}  variant: {v.label or v.name}")
                    indent = "        "
                if len(c.members) > 1:
                    for m in v.members:
                        lines.append(f"{indent}{m}  {library.get(m).name}")
            for r in c.review_reasons:
                lines.append(f"    ? {r}")
        _write(output, "\n".join(lines) + "\n")


def _read_names(path: str) -> Iterator[str]:
    """The lines of ``path`` (``-``: stdin) one at a time, without their line ends."""
    if path == "-":
        for line in sys.stdin:
            yield line.rstrip("\n").rstrip("\r")
        return
    with open(path, encoding="utf-8-sig", newline="\n") as handle:
        try:
            for line in handle:
                yield line.rstrip("\n").rstrip("\r")
        except UnicodeDecodeError as exc:
            raise click.BadParameter(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _count_lines(path: str) -> int | None:
    """Lines in ``path`` (for the progress bar), read in blocks; None for stdin."""
    if path == "-":
        return None
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


@click.command("resolve")
@click.argument("names_file", type=click.Path(dir_okay=False, allow_dash=True))
@_catalogue_options
@click.option("--country", help="ISO country code of the writer (e.g. SE, NO): favours its language.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "text"]), default="csv", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (default stdout)."
)
@click.pass_context
def resolve_command(
    ctx: click.Context,
    names_file: str,
    catalogues: tuple[str, ...],
    no_bundled: bool,
    overrides: str | None,
    country: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Resolve free-text method names (one per line, UTF-8) onto catalogue entries.

    CSV columns: query,intervention_id,cluster,variant,name,score,reason; one row per input
    line, in order; ``cluster`` is the programme, ``variant`` is filled when the name says
    which (a level, an age band); intervention_id is empty when no name passes the threshold.
    """
    from prevcat.linking.resolve import resolve_stream

    if names_file != "-" and not Path(names_file).is_file():
        raise click.BadParameter(f"{names_file}: no such file", param_hint="NAMES_FILE")
    if names_file != "-":  # an unreadable file is reported before the catalogues are linked
        for _ in _read_names(names_file):
            break
    crosswalk = _crosswalk(ctx, catalogues, no_bundled, overrides)
    total = _count_lines(names_file)
    results = resolve_stream(
        _read_names(names_file), crosswalk=crosswalk, country=country, progress=True, total=total
    )
    stream = _open_out(output)
    try:
        _WRITERS[fmt](stream, results)
    finally:
        if stream is not sys.stdout:
            stream.close()


def _write_resolve_csv(stream: IO[str], results: Iterable[Any]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(RESOLVE_COLUMNS)
    for r in results:
        writer.writerow(
            [
                _cell(r.query),
                r.intervention_id or "",
                r.cluster or "",
                r.variant or "",
                _cell(r.name),
                _score(r.score),
                _cell(r.reason),
            ]
        )


def _write_resolve_json(stream: IO[str], results: Iterable[Any]) -> None:
    """A JSON array written record by record (the same text as one ``json.dumps(indent=2)``)."""
    first = True
    for r in results:
        record = {
            "query": r.query,
            "intervention_id": r.intervention_id,
            "cluster": r.cluster,
            "variant": r.variant,
            "name": r.name,
            "score": r.score,
            "reason": r.reason,
            "ambiguous": r.ambiguous,
            "candidates": [
                {"intervention_id": c.intervention_id, "name": c.name, "cluster": c.cluster, "score": c.score}
                for c in r.candidates
            ],
        }
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        stream.write(("[\n  " if first else ",\n  ") + text)
        first = False
    stream.write("[]\n" if first else "\n]\n")


def _write_resolve_text(stream: IO[str], results: Iterable[Any]) -> None:
    for r in results:
        if r.intervention_id:
            flag = "  [ambiguous]" if r.ambiguous else ""
            where = f"programme {r.cluster}" + (f", variant {r.variant}" if r.variant else "")
            stream.write(
                f"{r.query}\n    -> {r.intervention_id}  {r.name}  ({r.score:.0f}){flag}\n"
                f"    {where}\n    {r.reason}\n"
            )
        else:
            stream.write(f"{r.query}\n    -> (no match)  {r.reason}\n")


_WRITERS = {"csv": _write_resolve_csv, "json": _write_resolve_json, "text": _write_resolve_text}


@click.command("explain")
@click.argument("id1")
@click.argument("id2")
@_catalogue_options
@click.pass_context
def explain_command(
    ctx: click.Context,
    id1: str,
    id2: str,
    catalogues: tuple[str, ...],
    no_bundled: bool,
    overrides: str | None,
) -> None:
    """Print why two interventions are (or are not) linked: every scorer and every reason."""
    crosswalk = _crosswalk(ctx, catalogues, no_bundled, overrides)
    click.echo(str(crosswalk.explain(id1, id2)))


def default_gold() -> Path:
    """The hand-built gold clusters shipped for the bundled catalogues."""
    return Path(__file__).resolve().parent.parent / "linking" / "data" / "gold_clusters.csv"


@click.command("evaluate-links")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False),
    help="Gold: CSV cluster,variant,intervention_id (cluster = programme; variant optional). "
    "Default: the shipped gold file.",
)
@_catalogue_options
@click.pass_context
def evaluate_command(
    ctx: click.Context, gold: str | None, catalogues: tuple[str, ...], no_bundled: bool, overrides: str | None
) -> None:
    """Pairwise precision, recall and F1 against gold programmes and variants; lists false
    merges and misses at both levels (benchmarks/eval_links.py adds leave-one-registry-out)."""
    from prevcat.linking import evaluate

    crosswalk = _crosswalk(ctx, catalogues, no_bundled, overrides)
    click.echo(str(evaluate(crosswalk, gold or default_gold())))


@click.command("review-sheet")
@_catalogue_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (default stdout)."
)
@click.option(
    "--margin", type=float, default=15.0, show_default=True, help="Near misses: this far below the threshold."
)
@click.pass_context
def review_sheet_command(
    ctx: click.Context,
    catalogues: tuple[str, ...],
    no_bundled: bool,
    overrides: str | None,
    output: str | None,
    margin: float,
) -> None:
    """Export scored pairs for curation (Splink labels-table shape, empty decision column).

    Fill in ``decision`` with same / not-same and pass the file back with --overrides.
    """
    from prevcat.linking import review_rows
    from prevcat.linking.review import REVIEW_COLUMNS

    crosswalk = _crosswalk(ctx, catalogues, no_bundled, overrides)
    rows: list[dict[str, object]] = [dict(r) for r in review_rows(crosswalk, margin=margin)]
    _write(output, _csv_text(REVIEW_COLUMNS, rows))
    click.echo(f"{len(rows)} pairs to review", err=True)


COMMANDS: list[click.Command] = [
    link_command,
    resolve_command,
    explain_command,
    evaluate_command,
    review_sheet_command,
]
