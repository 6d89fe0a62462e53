"""``pledgekit import``: read a workbook sheet into a resource, then validate it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..codes import Lang
from ..render import json as json_render
from ..render import text as text_render
from . import options
from .errors import exit_on_error


def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="The workbook.", exists=True, dir_okay=False)],
    resource: Annotated[
        str, typer.Option("--resource", metavar="NAME", help="The resource the sheet holds (e.g. metrics).")
    ],
    into: Annotated[
        Path, typer.Option("--into", metavar="DIR", help="The package folder.", exists=True, file_okay=False)
    ],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", metavar="NAME", help="The sheet (default: the one named after the resource, else the first)."
        ),
    ] = None,
    backup: Annotated[
        bool, typer.Option("--backup/--no-backup", help="Keep the replaced CSV in .pledgekit-backup/.", metavar="")
    ] = True,
    output_format: options.PlainFormat = options.DataFormat.text,
    lang: options.Lang = None,
    debug: options.Debug = False,
) -> None:
    """Import a workbook sheet into a resource's CSV in canonical form and validate it.

    Issues name the workbook's sheet and cell. Formula cells, merged cells and dates stop the import (nothing
    is written)."""
    language: Lang = "zh" if options.language(lang) is options.Language.zh else "en"
    from ..steward.importer import import_workbook  # the validator: loaded by the command that needs it

    with exit_on_error(debug):
        outcome = import_workbook(source, resource, into, sheet=sheet, cwd=Path.cwd(), backup=backup)
    for note in outcome.imported.notes:
        typer.echo(note, err=True)
    render = json_render.render if output_format is options.DataFormat.json else text_render.render
    render(outcome.report, sys.stdout, language, None)
    if outcome.written is not None:
        typer.echo(f"{len(outcome.imported.rows)} row(s) written to {outcome.written}", err=True)
    else:
        typer.echo("nothing written: fix the workbook and import again", err=True)
    raise typer.Exit(0 if outcome.report.valid and outcome.written is not None else 1)
