"""The command line: thin commands over the library."""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer

from . import fix, importer, init, options, publish, push, source, standard, track
from .validate import validate


def _typer() -> typer.Typer:
    return typer.Typer(
        name="pledgekit",
        no_args_is_help=True,
        add_completion=False,
        cls=options.Group,
        help="Validate and publish government commitments and metrics as open data.",
    )


app = _typer()


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"pledgekit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.", metavar="")
    ] = False,
) -> None:
    """Validate and publish government commitments and metrics as open data."""


app.command(cls=options.Command)(validate)
app.command(cls=options.Command)(fix.fix)
app.command("import", cls=options.Command)(importer.import_command)
app.command(cls=options.Command)(publish.publish)
app.command("diff", cls=options.Command)(publish.diff_command)
app.command("verify", cls=options.Command)(publish.verify_command)
app.command(cls=options.Command)(publish.serve)
app.command(cls=options.Command)(track.track)
app.command(cls=options.Command)(push.push)
app.add_typer(publish.catalog_app, name="catalog")
app.add_typer(standard.app, name="standard")
app.add_typer(source.app, name="source")
app.command("init", cls=options.Command)(init.init)


def _name(command: typer.models.CommandInfo) -> str:
    """A command's name as typer gives it: the one declared, else its function's (``_`` as ``-``)."""
    function = getattr(command.callback, "__name__", "")
    return command.name or typer.main.get_command_name(function)


def for_arguments(arguments: list[str]) -> typer.Typer:
    """The app to run ``arguments`` with: only the command or group they name first, when they name one
    (typer builds every command's parameters before it runs any, 15-20 ms of every run), else the whole
    app (its help, ``--version``, an unknown command and the commands it might mean)."""
    name = arguments[0] if arguments else ""
    commands = [c for c in app.registered_commands if _name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    only = _typer()
    only.registered_callback = app.registered_callback
    only.registered_commands, only.registered_groups = commands, groups
    return only


def main() -> None:
    """The ``pledgekit`` command. Once it has run (its output written and flushed by the command), the
    objects it made are frozen out of the garbage collector: the interpreter's exit still runs every exit
    handler and closes every file, but no longer walks every object once more (~45 ms of each run)."""
    try:
        for_arguments(sys.argv[1:])()
    finally:
        gc.freeze()
