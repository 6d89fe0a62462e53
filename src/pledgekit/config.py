"""Settings of a validation run, passed down explicitly (no module-level state)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .io.jsonfile import MAX_DEPTH, MAX_JSON_BYTES

# The steps a package goes through; the CLI's progress bar advances one tick per step.
STEPS = ("descriptor", "tables", "keys and consistency", "files")


@dataclass(frozen=True)
class Limits:
    """Caps checked before the work they bound (docs/threat-model.md C4-C5, F1): each refuses an input
    before it is read or parsed, never after."""

    file_bytes: int = 50_000_000  # a CSV resource or a source text
    cell_bytes: int = 32_768  # one cell
    columns: int = 200  # a header
    json_bytes: int = MAX_JSON_BYTES  # a descriptor, Table Schema or dialect file
    json_depth: int = MAX_DEPTH  # objects and arrays inside each other in a JSON file
    workbook_bytes: int = 50_000_000  # a workbook to import
    workbook_unpacked_bytes: int = 200_000_000  # its parts once decompressed (a 1.5 MB file can hold 1.5 GB)


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    # called as (package, step) before each step: the CLI draws a progress bar from it on a terminal
    on_step: Callable[[str, str], None] | None = None
    # files are read in batches of about this many bytes; a smaller file is one batch, and so is a resource
    # held whole for lookups (codelists, sources). The verdict and every issue are the same for any batch
    # size: it only bounds memory.
    batch_bytes: int = 8_000_000
    # batches checked at once, on threads (the reading and parsing of the file stays in order)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)

    def step(self, package: str, name: str) -> None:
        if self.on_step is not None:
            self.on_step(package, name)
