"""``pledgekit track``: a thin command over ``pledgekit.track``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..render import text as text_render
from . import options
from .errors import exit_on_error


class TrackFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


def track(
    paths: options.Paths = None,
    as_of: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            min=1949,
            max=2100,
            help="Rate as of the end of this year (default: the latest year a metric reports).",
        ),
    ] = None,
    output_format: Annotated[
        TrackFormat, typer.Option("--format", "-f", help="text (a line per commitment), json or csv.")
    ] = TrackFormat.text,
    lang: options.Lang = None,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Tell for every commitment whether it was kept, as of a year, with the figures that show it.

    Statuses: achieved, on-track, off-track, missed, not-yet-due, no-data, unrateable (the rules are in
    docs/tracking.md). A package's assessments (the assessments resource) fill in or override the computed
    status; both are shown. Exit codes: 0 tracked, 1 invalid data (nothing tracked), 2 usage.
    """
    from ..track import render
    from ..track import track as run

    with exit_on_error(debug):
        tracking = run(options.targets(paths), cwd=Path.cwd(), as_of=as_of, standard=standard)
    if not tracking.report.valid:
        text_render.render(tracking.report, sys.stdout, "en", 50)
        typer.echo("nothing tracked: the data is invalid", err=True)
        raise typer.Exit(1)
    if output_format is TrackFormat.json:
        render.to_json(tracking, sys.stdout)
    elif output_format is TrackFormat.csv:
        render.to_csv(tracking, sys.stdout)
    else:
        render.to_text(tracking, sys.stdout, "zh" if options.language(lang) is options.Language.zh else "en")
