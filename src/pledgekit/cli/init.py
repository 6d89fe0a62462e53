"""``pledgekit init``: a new data repository for another government."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import options
from .errors import exit_on_error


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder.")],
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help="The package's name (default: the folder's name).", show_default=False
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TITLE", help="The package's title (default: its name).", show_default=False),
    ] = None,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Create a data repository: an empty package of the standard, a steward's README, a GitHub workflow and a
    pre-commit configuration.

    It validates as it is. Exit codes: 0 created, 2 usage (an invalid name), 3 refused (DIR is not empty:
    nothing is written), 4 I/O failure."""
    from ..standard.locate import standard_dir
    from ..steward import skeleton

    with exit_on_error(debug):
        root = standard_dir(standard)
        package = name if name is not None else folder.resolve().name.lower()
        files = skeleton.plan(package, title or package, root)
        written = skeleton.create(folder, files, root)
    for relpath in written:
        typer.echo(f"{folder / relpath}: written")
    typer.echo(f"next: cd {folder} && pledgekit source add REPORT.txt --district CODE …", err=True)
