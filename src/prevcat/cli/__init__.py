"""The ``prevcat`` command.

Commands live in the modules of this package, each exporting ``COMMANDS`` (a list of
click commands); this module builds the group and turns prevcat's own errors into a
clear message and a non-zero exit (1), without a traceback.  Ctrl-C prints which plugin was
running, if one was, and exits with 130 as interrupted programs do.
"""

from __future__ import annotations

from typing import Any

import click

from prevcat import __version__
from prevcat.cli.formatting import terminal_text
from prevcat.errors import PrevcatError


class _Group(click.Group):
    """A click group that prints :class:`PrevcatError` as a message and exits with 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PrevcatError as exc:
            click.echo(f"Error: {terminal_text(str(exc), keep_lines=True)}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt as exc:
            where = f" while {exc}" if str(exc) else ""
            click.echo(f"Interrupted{terminal_text(where)}.", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prevcat")
@click.option(
    "--plugins-dir",
    type=click.Path(exists=True, file_okay=False),
    envvar="PREVCAT_PLUGINS_DIR",
    help="Also load one-off plugin modules (*.py) from this folder.",
)
@click.option(
    "--plugin-timeout",
    type=click.FloatRange(min=0),
    envvar="PREVCAT_PLUGIN_TIMEOUT",
    metavar="SECONDS",
    help="Stop any plugin call (a hook, reading a snapshot) that runs longer, and name the plugin "
    "in a warning (default: no limit).",
)
@click.pass_context
def main(ctx: click.Context, plugins_dir: str | None, plugin_timeout: float | None) -> None:
    """prevcat: prevention methods, their evidence, and city portfolios."""
    from prevcat.plugins.manager import set_plugin_timeout

    ctx.ensure_object(dict)
    ctx.obj["plugins_dir"] = plugins_dir
    set_plugin_timeout(plugin_timeout)


def _add_commands() -> None:
    from prevcat.cli import catalogue, linking, plugins, portfolio

    for module in (catalogue, linking, plugins, portfolio):
        for command in module.COMMANDS:
            main.add_command(command)


_add_commands()
