"""A progress bar on stderr for long runs, only on a terminal and never in CI or machine output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..validation import STEPS


def wanted(machine_output: bool) -> bool:
    return sys.stderr.isatty() and not machine_output and not os.environ.get("CI")


@contextmanager
def bar(enabled: bool, packages: int) -> Iterator[Callable[[str, str], None] | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("validating", total=packages * len(STEPS))

        def step(package: str, name: str) -> None:
            progress.update(task, advance=1, description=f"{package}: {name}")
            progress.refresh()

        yield step
