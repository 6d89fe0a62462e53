"""``pledgekit fix``: show and apply safe normalisations; ``--check`` only tells (for pre-commit)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..io import atomic
from ..io import backup as backups
from ..io.package import display_path

if TYPE_CHECKING:
    from ..steward.fix import FixResult
from . import options
from .errors import exit_on_error


def _show(result: FixResult) -> None:
    for change in result.changes:
        where = f"{result.path}:{change.line} [{change.field}]" if change.line else result.path
        detail = f" {change.before!r} → {change.after!r}" if change.line else ""
        typer.echo(f"{where}{detail}: {change.what}")
    for change in result.ambiguous:
        typer.echo(
            f"{result.path}:{change.line} [{change.field}] {change.before!r}: ambiguous, not rewritten (fix it by hand)"
        )
    if result.changed:
        before = (
            result.original.decode("utf-8", errors="replace")
            if not any(c.what == "encoding converted" for c in result.changes)
            else result.original.decode("gb18030")
        )
        diff = difflib.unified_diff(
            before.splitlines(),
            result.fixed.decode("utf-8").splitlines(),
            f"a/{result.path}",
            f"b/{result.path}",
            lineterm="",
            n=0,
        )
        for line in diff:
            typer.echo(line)


def fix(
    paths: options.Paths = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.", metavar="")
    ] = False,
    backup: Annotated[
        bool, typer.Option("--backup/--no-backup", help="Keep the original bytes in .pledgekit-backup/.", metavar="")
    ] = True,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when a file was changed (for pre-commit).", metavar="")
    ] = False,
    debug: options.Debug = False,
) -> None:
    """Apply safe, lossless normalisations to CSV files and show what changed.

    Encoding, line endings, full-width digits, whitespace and district names are normalised; ambiguous cells
    are reported, never rewritten."""
    from ..steward import files
    from ..steward.fix import plan_fix

    cwd = Path.cwd()
    run = backups.stamp()
    changed = refused = 0
    with exit_on_error(debug):
        for target in files.targets(options.targets(paths), cwd):
            data = target.path.read_bytes()
            result = plan_fix(target.display, data, target.types, target.districts, target.declared, tab=target.tab)
            if result.refused:
                refused += 1
                typer.echo(f"{target.display}: cannot fix: {result.refused}", err=True)
                continue
            _show(result)
            if not result.changed:
                continue
            changed += 1
            if check:
                continue
            if backup:
                saved = backups.save(cwd, run, target.display, result.original)
                typer.echo(f"{target.display}: the original is kept in {display_path(saved, cwd)}", err=True)
            atomic.replace(target.path, result.fixed)
    verb = "would change" if check else "changed"
    typer.echo(f"{changed} file(s) {verb}" + (f", {refused} refused" if refused else ""), err=True)
    if refused or (changed and (check or exit_code)):
        raise typer.Exit(1)
