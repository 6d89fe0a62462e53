"""``pledgekit standard sync``: write the standard's copies into packages."""

from __future__ import annotations

from pathlib import Path

import typer

from ..io.package import discover, display_path
from ..standard import copies, locate, reference
from ..standard.locate import standard_dir
from . import options
from .errors import exit_on_error

app = typer.Typer(no_args_is_help=True, cls=options.Group, help="The data standard: schemas and codelists.")


def _announce(root: Path, origin: str, cwd: Path) -> None:
    """Say on stderr which standard the copies come from, and warn when it is the installed one while the
    checkout has a ``schemas/`` folder that differs from it (an edit there would otherwise do nothing)."""
    shown = display_path(root, cwd)
    typer.echo(f"standard {locate.version(root) or '(no version)'} from {shown} ({origin})", err=True)
    if origin == "installed":
        warning = options.checkout_warning(root, cwd)
        if warning is not None:
            typer.echo(f"warning: {warning}", err=True)


@app.command(cls=options.Command)
def sync(
    ctx: typer.Context,
    paths: options.Paths = None,
    standard: options.Standard = None,
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a copy is stale.", metavar=""),
    debug: options.Debug = False,
) -> None:
    """Copy the standard's schemas and codelists into each package (they are generated, never edited;
    extensions are never touched). Says which standard it copies from, and warns when that is the installed
    one while the checkout's schemas/ differs from it."""
    cwd = Path.cwd()
    stale_found = False
    with exit_on_error(debug):
        root = standard_dir(standard)
        _announce(root, ctx.meta.get(options.STANDARD_ORIGIN, "installed"), cwd)
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
