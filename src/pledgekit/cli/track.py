"""``pledgekit track``: a thin command over ``pledgekit.track``."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..io import atomic
from ..render import text as text_render
from . import options
from .errors import exit_on_error
from .validate import refuse_output_inside_packages


class TrackFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


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
        TrackFormat,
        typer.Option(
            "--format", "-f", help="text (a line per commitment), json, csv, or html (the release's scorecard page)."
        ),
    ] = TrackFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    lang: options.Lang = None,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Tell for every commitment whether it was kept, as of a year, with the figures that show it.

    Statuses: achieved, on-track, off-track, missed, not-yet-due, no-data, unrateable (the rules are in
    docs/tracking.md). A package's assessments (the assessments resource) fill in or override the computed
    status; both are shown. html is the scorecard page of a release, as one file. Exit codes: 0 tracked,
    1 invalid data (nothing tracked), 2 usage.
    """
    from ..publish import scorecard
    from ..track import render
    from ..track import track as run

    targets = options.targets(paths)
    with exit_on_error(debug):
        if output is not None:
            refuse_output_inside_packages(output, targets)
        tracking = run(targets, cwd=Path.cwd(), as_of=as_of, standard=standard)
    if not tracking.report.valid:
        text_render.render(tracking.report, sys.stdout, "en", 50)
        typer.echo("nothing tracked: the data is invalid", err=True)
        raise typer.Exit(1)
    buffer = io.StringIO()
    if output_format is TrackFormat.html:
        buffer.write(scorecard.of_tracking(tracking).decode("utf-8"))
    elif output_format is TrackFormat.json:
        render.to_json(tracking, buffer)
    elif output_format is TrackFormat.csv:
        render.to_csv(tracking, buffer)
    else:
        render.to_text(tracking, buffer, "zh" if options.language(lang) is options.Language.zh else "en")
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        with exit_on_error(debug):
            atomic.replace(output, buffer.getvalue().encode("utf-8"))
