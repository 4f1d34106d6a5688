"""Helpers shared by command modules: loading the library with plugin warnings, reading files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import click

from prevcat.catalogue import Library
from prevcat.importers.base import ImportResult
from prevcat.plugins import LoadedLibrary, PluginProblem, get_scales, load_catalogues

__all__ = [
    "load_catalogues_for_cli",
    "load_library_for_cli",
    "plugins_dir_of",
    "read_catalogue_file",
    "warn_problems",
]


def plugins_dir_of(ctx: click.Context | None) -> str | None:
    """The ``--plugins-dir`` given to the ``prevcat`` group (or ``PREVCAT_PLUGINS_DIR``), if any."""
    while ctx is not None:
        if isinstance(ctx.obj, dict) and ctx.obj.get("plugins_dir"):
            return str(ctx.obj["plugins_dir"])
        ctx = ctx.parent
    return None


def warn_problems(problems: Iterable[PluginProblem]) -> None:
    """One warning line on stderr per plugin problem."""
    for problem in problems:
        click.echo(f"Warning: {problem}", err=True)


def load_catalogues_for_cli(ctx: click.Context | None) -> LoadedLibrary:
    """Every bundled catalogue, warning on stderr about each plugin problem.

    In strict mode (``PREVCAT_STRICT_PLUGINS=1``) a problem raises
    :class:`~prevcat.errors.PluginError`, which the CLI prints as an error.
    """
    loaded = load_catalogues(plugins_dir=plugins_dir_of(ctx))
    warn_problems(loaded.problems)
    return loaded


def load_library_for_cli(ctx: click.Context | None) -> Library:
    """The library of every bundled catalogue, for commands; see :func:`load_catalogues_for_cli`."""
    return load_catalogues_for_cli(ctx).library


def read_catalogue_file(
    path: str | Path,
    *,
    source: str | None = None,
    mapping: Mapping[str, str] | None = None,
    plugins_dir: str | Path | None = None,
) -> ImportResult:
    """Read a prevcat JSON catalogue or any file the generic importer reads.

    ``source`` is the source key (default: the file's stem), ``mapping`` maps standard
    column names to the file's headers.  Raises :class:`~prevcat.errors.DataError` for a
    file that cannot be read at all; bad rows are in the result's report.
    """
    from prevcat.importers.generic import GenericImporter

    scales = get_scales(plugins_dir=plugins_dir)
    return GenericImporter(source, mapping, scales=scales).read(Path(path))
