"""The command line: thin commands over the library."""

from __future__ import annotations

from typing import Annotated

import typer

from . import fix, importer, init, options, publish, push, source, standard, track
from .validate import validate

app = typer.Typer(
    name="pledgekit",
    no_args_is_help=True,
    add_completion=False,
    cls=options.Group,
    help="Validate and publish government commitments and metrics as open data.",
)


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


def main() -> None:
    app()
