"""``pledgekit validate``: parse, call validate_paths, render, exit 0 (valid) or 1 (invalid)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..render import json as json_render
from ..render import text as text_render
from ..validate import validate_paths
from . import options
from .errors import exit_on_error


def validate(
    paths: options.Paths = None,
    output: options.Format = options.OutputFormat.text,
    lang: options.Lang = options.Language.en,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Validate data packages: structure, codelists, descriptor profile and provenance.

    Exit codes: 0 valid, 1 invalid, 2 usage, 3 refused by policy (unsafe path), 4 I/O failure.
    """
    with exit_on_error(debug):
        report = validate_paths(options.targets(paths), cwd=Path.cwd(), standard_root=standard)
        renderer = json_render if output is options.OutputFormat.json else text_render
        renderer.render(report, sys.stdout, lang.value)
    raise typer.Exit(0 if report.valid else 1)
