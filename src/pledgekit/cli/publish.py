"""``pledgekit publish``, ``diff``, ``verify``, ``serve`` and ``catalog rebuild``: thin commands."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ..render import text as text_render
from . import options
from .errors import exit_on_error

Out = Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="The releases folder.")]
EXIT_INTEGRITY = 5


def _created(environ: dict[str, str]) -> str:
    """Release time in UTC: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def publish(
    paths: options.Paths = None,
    out: Out = Path("dist"),
    version: Annotated[
        str | None,
        typer.Option(
            "--version", metavar="X.Y.Z", help="Publish as this version (not lower than the change requires)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan; write nothing.", metavar="")] = False,
    base_url: Annotated[
        str,
        typer.Option("--base-url", metavar="URL", help="Public URL of the releases folder, for absolute portal links."),
    ] = "",
    output_format: options.PlainFormat = options.DataFormat.text,
    standard: options.Standard = None,
    debug: options.Debug = False,
) -> None:
    """Validate, plan and write versioned, immutable, verifiable releases.

    Exit codes: 0 published (or already published), 1 invalid data, 2 usage, 3 refused (version exists,
    lower version, lock held, unsafe path), 4 I/O failure, 5 integrity failure.
    """
    from ..publish import release

    with exit_on_error(debug):
        outcome = release.publish(
            options.targets(paths), out, cwd=Path.cwd(), created=_created(dict(os.environ)), requested=version,
            dry_run=dry_run, base_url=base_url, standard=standard,
        )  # fmt: skip
    if not outcome.report.valid:
        text_render.render(outcome.report, sys.stdout, "en", 50)
        typer.echo("nothing published: the data is invalid", err=True)
        raise typer.Exit(1)
    if outcome.healed:
        typer.echo(
            f"{out}: a release was missing from catalog.json (an earlier publish stopped); index rebuilt", err=True
        )
    if not base_url and any(not plan.unchanged for plan in outcome.plans):
        typer.echo(
            "note: without --base-url the links in dcat.jsonld and ckan.json are relative to the release folder; "
            "a portal needs them absolute (pledgekit push --base-url makes them so)",
            err=True,
        )
    if output_format is options.DataFormat.json:
        typer.echo(json.dumps([p.to_dict() for p in outcome.plans], ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    for plan in outcome.plans:
        if plan.unchanged:
            typer.echo(f"{plan.name} {plan.version}: already published, nothing changed")
            continue
        verb = "would publish" if dry_run else "published"
        typer.echo(f"{plan.name} {plan.version} ({plan.bump or 'first release'}), {verb} to {out / plan.folder}")
        typer.echo(f"  change: {plan.summary()}")
        typer.echo(f"  files: {len(plan.files)}, {sum(len(d) for d in plan.files.values())} bytes")


def diff_command(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="A release folder or a package folder.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="A release folder or a package folder.")],
    output_format: options.PlainFormat = options.DataFormat.text,
    debug: options.Debug = False,
) -> None:
    """Show what changed between two releases, or a release and the working tree."""
    from ..publish import diff, snapshot
    from ..publish.plan import shown_cell

    with exit_on_error(debug):
        change = diff.compare(snapshot.read(old, Path.cwd()), snapshot.read(new, Path.cwd()))
    if output_format is options.DataFormat.json:
        typer.echo(json.dumps(change.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(f"bump: {change.bump() or 'none'}")
    typer.echo(f"summary: {change.summary()}")
    for item in change.schema:
        typer.echo(f"  {item.resource}: {item.detail} ({item.bump})")
    for row in change.rows:
        if row.kind == "changed":
            for field, (before, after) in row.changed_fields().items():
                typer.echo(f"  {row.resource} {row.key} {field}: {shown_cell(before)} -> {shown_cell(after)}")
        else:
            typer.echo(f"  {row.resource} {row.key} {row.kind}")
    for path, kind in change.files:
        typer.echo(f"  {path} {kind}")


def verify_command(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A release folder, a release zip, or a releases folder.")
    ],
    debug: options.Debug = False,
) -> None:
    """Re-hash every file of a release against its checksums; exit 0 intact, 5 on any mismatch."""
    from ..publish import verify

    with exit_on_error(debug):
        problems = verify.verify(path)
    for problem in problems:
        typer.echo(f"FAILED {problem}")
    if problems:
        raise typer.Exit(EXIT_INTEGRITY)
    typer.echo(f"OK {path}")


def serve(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The releases folder to serve.", exists=True, file_okay=False)
    ] = Path("dist"),
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, metavar="N", help="Port on 127.0.0.1 (0: any free port).")
    ] = 8000,
) -> None:
    """Serve a releases folder on 127.0.0.1 for local inspection (Ctrl-C stops it).

    Hidden working files and anything a symbolic link points to outside the folder are not served."""
    from ..publish.serve import server

    with exit_on_error(False):
        httpd = server(directory, port)
    with httpd:
        typer.echo(f"serving {directory} at http://127.0.0.1:{httpd.server_address[1]}/", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


catalog_app = typer.Typer(no_args_is_help=True, cls=options.Group, help="The index of a releases folder.")


@catalog_app.command("rebuild", cls=options.Command)
def catalog_rebuild(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The releases folder.", exists=True, file_okay=False)
    ] = Path("dist"),
    debug: options.Debug = False,
) -> None:
    """Rebuild catalog.json, catalog.jsonld and the index pages from the (verified) releases alone."""
    from ..publish import catalog

    with exit_on_error(debug):
        written = catalog.rebuild(directory)
    for relpath in written:
        typer.echo(f"{directory / relpath}: written")
