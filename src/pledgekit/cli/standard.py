"""``pledgekit standard sync``: write the standard's copies into packages."""

from __future__ import annotations

from pathlib import Path

import typer

from ..io.package import discover, display_path
from ..standard import copies, reference
from ..standard.locate import standard_dir
from . import options
from .errors import exit_on_error

app = typer.Typer(no_args_is_help=True, cls=options.Group, help="The data standard: schemas and codelists.")


@app.command(cls=options.Command)
def sync(
    paths: options.Paths = None,
    standard: options.Standard = None,
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a copy is stale.", metavar=""),
    debug: options.Debug = False,
) -> None:
    """Copy the standard's schemas and codelists into each package (they are generated, never edited)."""
    cwd = Path.cwd()
    stale_found = False
    with exit_on_error(debug):
        root = standard_dir(standard)
        for folder in [f for target in options.targets(paths) for f in discover(target)]:
            shown = display_path(folder, cwd)
            if check:
                stale = [c.target for c in copies.drift(root, folder)]
                stale_found |= bool(stale)
                for target in stale:
                    typer.echo(f"{shown}/{target}: stale copy of the standard")
            else:
                for target in copies.sync(root, folder):
                    typer.echo(f"{shown}/{target}: written")
    raise typer.Exit(1 if stale_found else 0)


@app.command(cls=options.Command)
def docs(standard: options.Standard = None, debug: options.Debug = False) -> None:
    """Print the Markdown reference of every resource and field of the standard."""
    with exit_on_error(debug):
        typer.echo(reference.render(standard_dir(standard)), nl=False)
