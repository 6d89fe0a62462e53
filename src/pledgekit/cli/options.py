"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class Language(StrEnum):
    en = "en"
    zh = "zh"


Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Data packages, or folders of packages. Default: ./datapackages", show_default=False),
]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
Lang = Annotated[Language, typer.Option("--lang", help="Language of messages: en or zh.")]
Standard = Annotated[
    Path | None,
    typer.Option(
        "--standard", help="Folder of the data standard (default: the one pledgekit ships).", show_default=False
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected failure.")]

DEFAULT_TARGET = Path("datapackages")


def targets(paths: list[Path] | None) -> list[Path]:
    return paths or [DEFAULT_TARGET]
