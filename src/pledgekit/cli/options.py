"""Options shared by several commands, defined once."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from ..config import find_config
from ..errors import PledgekitError
from ..io.package import DESCRIPTOR

if TYPE_CHECKING:
    from typer._click import Context


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    html = "html"


class DataFormat(StrEnum):
    """The formats of the commands whose output is a plan or a change, not a report: text or json."""

    text = "text"
    json = "json"


class Language(StrEnum):
    en = "en"
    zh = "zh"


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Data packages, or folders of packages (default: ./datapackages; inside a package, the package).",
        show_default=False,
    ),
]
Format = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="How the report is written: text for people, json for programs, github annotations, "
        "JUnit XML or one HTML page.",
    ),
]
PlainFormat = Annotated[
    DataFormat, typer.Option("--format", "-f", help="How the result is written: text for people, json for programs.")
]
Lang = Annotated[
    Language | None,
    typer.Option("--lang", help="Language of messages and hints (default: from the locale).", show_default=False),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
MaxPerCode = Annotated[
    int,
    typer.Option("--max-per-code", min=0, metavar="N", help="Show at most this many issues of each code (0: all)."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.", metavar="")]
StepSummary = Annotated[
    Path | None,
    typer.Option(
        "--step-summary",
        envvar="GITHUB_STEP_SUMMARY",
        metavar="FILE",
        help="With --format github: append a Markdown summary to this file (GitHub Actions sets it).",
        show_default=False,
    ),
]
STANDARD_ORIGIN = "pledgekit.standard-origin"  # where --standard's value came from, in the click context's meta


def _standard(ctx: typer.Context, value: Path | None) -> Path | None:
    """--standard, else the ``standard`` of the configuration file found from the working directory (which
    a bad file stops with exit 2, naming the file and the key), else None: the standard pledgekit ships."""
    if value is not None:
        ctx.meta[STANDARD_ORIGIN] = "--standard"
        return value
    try:
        found = find_config(Path.cwd())
    except FileNotFoundError:
        return None  # the working directory is gone: no configuration to find
    except PledgekitError as exc:
        sys.stderr.write(f"error: {exc.describe('zh' if language(None) is Language.zh else 'en')}\n")
        raise typer.Exit(exc.exit_code) from None
    if found is not None and found.standard is not None:
        ctx.meta[STANDARD_ORIGIN] = found.shown
        return found.standard
    return None


def checkout_warning(installed: Path, cwd: Path, lang: str = "en") -> str | None:
    """When the standard in use is the installed one (no --standard, no configuration) while the checkout
    has a ``schemas/`` folder that differs from it: say so, since an edit there would otherwise do nothing."""
    from ..io.package import display_path
    from ..standard import copies, locate

    local = locate.checkout_standard(cwd)
    if local is None or local.resolve() == installed.resolve():
        return None
    changed = copies.differences(installed, local)
    if not changed:
        return None
    shown, files = display_path(local, cwd), f"{', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}"
    if lang == "zh":
        return (
            f"{shown} 与所用的已安装标准不同({files}):如要使用它,请指定 --standard {shown},"
            "或在 pledgekit.toml 或 [tool.pledgekit] 中设置 standard"
        )
    return (
        f"{shown} differs from the installed standard in use ({files}): give --standard {shown}, "
        "or set standard in pledgekit.toml or [tool.pledgekit]"
    )


Standard = Annotated[
    Path | None,
    typer.Option(
        "--standard",
        metavar="DIR",
        help="Folder of the data standard (default: the `standard` of pledgekit.toml, or of the tool.pledgekit "
        "table of pyproject.toml, found from the working directory upward; else the one pledgekit ships).",
        show_default=False,
        callback=_standard,
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", min=1, metavar="N", help="Largest CSV file read, in bytes (checked before reading)."),
]
BatchBytes = Annotated[
    int,
    typer.Option(
        "--batch-bytes",
        min=1,
        metavar="N",
        help="Read files in batches of about this many bytes: bounds memory, never changes the result.",
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected failure.", metavar="")]

DEFAULT_TARGET = Path("datapackages")


def _no_placeholder(option: TyperOption | None) -> TyperOption | None:
    if option is not None:
        option.metavar = ""  # a flag takes no value: typer would show `--help <bool>`
    return option


def _paragraphs(text: str | None) -> str | None:
    """``text`` with each paragraph's line breaks made spaces (typer keeps them after the first paragraph, so a
    docstring's wrapping showed in the help); a paragraph starting with ``\\b`` keeps its lines."""
    if text is None:
        return None
    parts = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split("\n")) for p in parts)


class Command(TyperCommand):
    """A command whose --help lists its own --help flag without a `<bool>` placeholder, and whose help
    paragraphs are wrapped to the terminal rather than at the docstring's line breaks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _paragraphs(self.help)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _no_placeholder(super().get_help_option(ctx))


class Group(TyperGroup):
    """A command group whose --help lists its own --help flag without a `<bool>` placeholder, its help
    paragraphs wrapped as a command's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _paragraphs(self.help)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _no_placeholder(super().get_help_option(ctx))


def targets(paths: list[Path] | None) -> list[Path]:
    """The paths given, else ./datapackages, else (run inside a package folder) the current folder."""
    if paths:
        return paths
    if not DEFAULT_TARGET.exists() and Path(DESCRIPTOR).is_file():
        return [Path()]
    return [DEFAULT_TARGET]


def language(chosen: Language | None, environ: Mapping[str, str] = os.environ) -> Language:
    """The --lang value, or zh when the locale (LC_ALL, LC_MESSAGES, LANG) is a zh_* one."""
    if chosen is not None:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return Language.zh if value.lower().startswith("zh") else Language.en
    return Language.en
