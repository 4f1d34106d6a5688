"""The ``prevcat`` command.

Commands live in the modules of this package, each exporting ``COMMANDS`` (a list of
click commands); this module builds the group and turns prevcat's own errors into a
clear message and a non-zero exit, without a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from prevcat import __version__
from prevcat.errors import PrevcatError


class _Group(click.Group):
    """A click group that prints :class:`PrevcatError` as a message and exits with 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PrevcatError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prevcat")
@click.option(
    "--plugins-dir",
    type=click.Path(exists=True, file_okay=False),
    envvar="PREVCAT_PLUGINS_DIR",
    help="Also load one-off plugin modules (*.py) from this folder.",
)
@click.pass_context
def main(ctx: click.Context, plugins_dir: str | None) -> None:
    """prevcat: prevention methods, their evidence, and city portfolios."""
    ctx.ensure_object(dict)
    ctx.obj["plugins_dir"] = plugins_dir


def _add_commands() -> None:
    from prevcat.cli import catalogue, linking, plugins, portfolio

    for module in (catalogue, linking, plugins, portfolio):
        for command in module.COMMANDS:
            main.add_command(command)


_add_commands()
