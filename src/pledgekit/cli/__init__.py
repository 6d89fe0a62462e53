"""The command line: thin commands over the library."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import fix, importer, publish, standard
from .validate import validate

app = typer.Typer(
    name="pledgekit",
    no_args_is_help=True,
    add_completion=False,
    help="Validate and publish government commitments and metrics as open data.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledgekit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.", metavar="")
    ] = False,
) -> None:
    """Validate and publish government commitments and metrics as open data."""


app.command()(validate)
app.command()(fix.fix)
app.command("import")(importer.import_command)
app.command()(publish.publish)
app.command("diff")(publish.diff_command)
app.command("verify")(publish.verify_command)
app.command()(publish.serve)
app.add_typer(publish.catalog_app, name="catalog")
app.add_typer(standard.app, name="standard")


def main() -> None:
    app()
