"""``pledgekit source add``: store a report's text in a package and add its sources row."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..codes import Lang
from ..render import text as text_render
from . import options
from .errors import exit_on_error

if TYPE_CHECKING:
    from ..steward.sources import SourcePlan

app = typer.Typer(no_args_is_help=True, cls=options.Group, help="The source documents of a package.")


def _encoding(value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {value!r} (e.g. gb18030, big5, utf-16)") from None
    return value


def _show(plan: SourcePlan, written: bool) -> None:
    package = plan.package
    typer.echo(f"{package.file(plan.path)}: {plan.source_id}, sha256 {plan.sha256}")
    typer.echo(f"  text: {len(plan.text.data)} bytes of UTF-8" + "".join(f"; {c}" for c in plan.text.changes))
    typer.echo(f"  {package.file(plan.inputs.sources_path)}:{plan.line}: a new row")
    for name, value in plan.row.items():
        if value:
            typer.echo(f"    {name}: {value}")
    typer.echo(f"  {package.file('datapackage.json')}: sources lists {plan.row['title_zh']!r}")
    typer.echo(
        ("written" if written else "would write") + f": {plan.path}, {plan.inputs.sources_path}, datapackage.json"
    )


@app.command("add", cls=options.Command)
def add(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The report as plain text.", exists=True, dir_okay=False)
    ],
    district: Annotated[str, typer.Option("--district", metavar="CODE", help="GB/T 2260 code of the government.")],
    kind: Annotated[str, typer.Option("--kind", metavar="KIND", help="Kind of document (the sources schema's list).")],
    published: Annotated[
        str, typer.Option("--published", metavar="DATE", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ],
    title_zh: Annotated[str, typer.Option("--title-zh", metavar="TITLE", help="Title in Chinese.")],
    publisher: Annotated[str, typer.Option("--publisher", metavar="NAME", help="Body that issued it.")],
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            metavar="DIR",
            help="The package (default: the current folder if it is one, else the one under datapackages/).",
            show_default=False,
        ),
    ] = None,
    title_en: Annotated[str, typer.Option("--title-en", metavar="TITLE", help="Title in English.")] = "",
    plan_year: Annotated[
        str, typer.Option("--plan-year", metavar="YEAR", help="For a plan execution report: the year it reports.")
    ] = "",
    language: Annotated[
        str, typer.Option("--language", metavar="TAG", help="Script of the text: zh-Hans or zh-Hant.")
    ] = "zh-Hans",
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Curator's note.")] = "",
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            callback=_encoding,
            help="The text's encoding, when it is neither UTF-8, UTF-16 with a BOM nor GB18030 (e.g. big5).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan and check it; write nothing.", metavar="")
    ] = False,
    standard: options.Standard = None,
    lang: options.Lang = None,
    debug: options.Debug = False,
) -> None:
    """Store a report's text in a package as UTF-8 and add its row to the sources table.

    The text is converted (GBK/GB18030 or UTF-16 to UTF-8, BOM removed, LF line endings, a final newline),
    named sources/NNN_<sha256>.txt with the next source number, hashed, listed in sources.csv and in the
    descriptor's sources. The change is validated on a temporary copy first: if the new row or text is
    wrong, the issues are shown and nothing is written (exit 1)."""
    from ..errors import LoadError
    from ..io.package import open_package
    from ..steward import sources
    from ..steward.text import TextProblem, canonical

    language_: Lang = "zh" if options.language(lang) is options.Language.zh else "en"
    cwd = Path.cwd()
    details = sources.Details(
        district_code=district, kind=kind, published=published, title_zh=title_zh, publisher=publisher,
        title_en=title_en, plan_year=plan_year, language=language, note=note,
    )  # fmt: skip
    with exit_on_error(debug):
        package = open_package(sources.find_package(into, cwd), cwd)
        size = file.stat().st_size
        if size > package.limits.file_bytes:
            raise LoadError("source-unreadable", f"{size} bytes, over the {package.limits.file_bytes}-byte limit")
        try:
            text = canonical(file.read_bytes(), encoding)
        except TextProblem as exc:
            raise LoadError("source-unreadable", str(exc), path=str(file)) from None
        plan = sources.plan(sources.read(package), text, details)
        report = sources.check(plan, cwd, standard)
        if not report.valid:
            text_render.render(report, sys.stdout, language_, None)
            typer.echo("nothing written: correct the options and add the source again", err=True)
            raise typer.Exit(1)
        if report.issues:
            text_render.render(report, sys.stdout, language_, None)
        if not dry_run:
            sources.write(plan)
        for warning in plan.warnings:
            typer.echo(f"warning: {warning}", err=True)
    _show(plan, written=not dry_run)
