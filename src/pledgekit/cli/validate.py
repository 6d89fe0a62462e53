"""``pledgekit validate``: parse, call validate_paths, render, exit 0 (valid) or 1 (invalid)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..codes import Lang
from ..config import Limits
from ..io import atomic
from ..io.package import discover
from ..render import github, html, json, junit, text
from ..standard.locate import standard_dir
from ..validation import Settings, validate_paths
from . import options, progress
from .errors import exit_on_error

RENDERERS = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "junit": junit.render,
    "html": html.render,
}


def refuse_output_inside_packages(output: Path, targets: list[Path]) -> None:
    resolved = output.resolve()
    for target in targets:
        for folder in discover(target):
            if resolved.is_relative_to(folder.resolve()):
                raise typer.BadParameter(f"{output} is inside the package {folder}: pledgekit never writes into data")


def validate(
    paths: options.Paths = None,
    output_format: options.Format = options.OutputFormat.text,
    lang: options.Lang = None,
    output: options.Output = None,
    max_per_code: options.MaxPerCode = 50,
    strict: options.Strict = False,
    step_summary: options.StepSummary = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="A git ref: issues already there at REF are marked as such; only new errors fail.",
            show_default=False,
        ),
    ] = None,
    max_bytes: options.MaxBytes = 50_000_000,
    batch_bytes: options.BatchBytes = 8_000_000,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Validate data packages: bytes, structure, cells, domain rules, provenance and consistency.

    Exit codes: 0 valid, 1 invalid, 2 usage, 3 refused by policy (unsafe path), 4 I/O failure, 5 a file
    changed while it was being validated.
    """
    language: Lang = "zh" if options.language(lang) is options.Language.zh else "en"
    targets = options.targets(paths)
    with exit_on_error(debug):
        if output is not None:
            refuse_output_inside_packages(output, targets)
        machine = output_format is not options.OutputFormat.text or output is not None
        count = sum(len(discover(t)) for t in targets)
        with progress.bar(progress.wanted(machine), count) as on_step:
            limits = Limits(file_bytes=max_bytes)
            settings = Settings(limits=limits, on_step=on_step, batch_bytes=batch_bytes)
            report = validate_paths(targets, cwd=Path.cwd(), standard_root=standard, settings=settings)
        if changed_since is not None:
            from .. import baseline  # git and the snapshot of REF: only for this option

            report = baseline.compare(report, targets, changed_since, cwd=Path.cwd(), standard=standard)
        if standard is None:
            warning = options.checkout_warning(standard_dir(), Path.cwd(), language)
            if warning is not None:
                typer.echo(("警告:" if language == "zh" else "warning: ") + warning, err=True)
        render = RENDERERS[output_format.value]
        if output is None:
            render(report, sys.stdout, language, max_per_code or None)
        else:
            buffer = io.StringIO()
            render(report, buffer, language, max_per_code or None)
            atomic.replace(output, buffer.getvalue().encode("utf-8"))
        if step_summary is not None and output_format is options.OutputFormat.github:
            with step_summary.open("a", encoding="utf-8") as handle:
                handle.write(github.summary(report, language))
    raise typer.Exit(0 if report.passes(strict=strict) else 1)
