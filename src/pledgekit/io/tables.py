"""Read each tabular resource once: its bytes (for the hygiene checks) and its cells as strings.

Cells are never converted: every column is read as text (``0012`` stays ``0012``, ``NA`` stays
``NA``), an empty cell is null, and ``_row`` is the line a steward sees (the header is line 1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

    from .package import PackageRef

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class RawFile:
    """A resource's bytes, read once, before any parser sees them."""

    resource: str
    relpath: str
    display: str
    data: bytes
    schema: dict[str, Any] | None


@dataclass(frozen=True)
class Table:
    """A parsed resource: all cells as strings plus ``_row``."""

    resource: str
    relpath: str
    display: str
    frame: pl.DataFrame
    schema: dict[str, Any] | None
    lines: list[int] | None = None  # line where each record starts, when that is not record + 1
    first_record: int = 2  # ``_row`` of the first record (a batch of a large file starts further on)

    def line_of(self, row: int) -> int:
        """Line in the file of the record numbered ``row`` (header = 1), as frictionless numbers rows."""
        if self.lines is None or not self.first_record <= row < len(self.lines) + self.first_record:
            return row
        return self.lines[row - self.first_record]

    def field_types(self) -> dict[str, str]:
        fields = self.schema.get("fields") if isinstance(self.schema, dict) else None
        if not isinstance(fields, list):
            return {}
        return {f["name"]: str(f.get("type", "string")) for f in fields if isinstance(f, dict) and "name" in f}


def line_numbers(data: bytes, records: int) -> list[int] | None:
    """The line each record starts on, when a quoted cell spans lines; None when record n is on line n + 1."""
    if data.count(b"\n") <= records + 1 and b"\r" not in data.replace(b"\r\n", b""):
        return None
    import csv

    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts = []
    next(reader, None)
    previous_end = reader.line_num
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def parse(raw: RawFile, records_before: int = 0, line_shift: int = 0) -> Table | None:
    """Parse UTF-8 bytes into a string table; None when the bytes cannot be parsed at all.

    For a batch of a large file (its header line, then some of its records), ``records_before`` and
    ``line_shift`` number its records and lines on from the batches before it."""
    import polars as pl

    data = raw.data.removeprefix(BOM)
    if b"\r" in data:  # a lone CR ends a line for csv readers (and frictionless); the bytes layer reports it
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        frame = pl.read_csv(io.BytesIO(data), infer_schema=False, encoding="utf8")
    except pl.exceptions.PolarsError:
        return None  # the structure check reports why
    starts = line_numbers(raw.data, frame.height)
    first = 2 + records_before
    frame = frame.with_columns(pl.int_range(first, frame.height + first, dtype=pl.Int64).alias("_row"))
    lines = starts if starts is not None and len(starts) == frame.height else None
    if lines is not None and line_shift:
        lines = [line + line_shift for line in lines]
    return Table(raw.resource, raw.relpath, raw.display, frame, raw.schema, lines, first)


def resource_rows(package: PackageRef) -> list[dict[str, Any]]:
    """The tabular resources of a package (those with a CSV path)."""
    return [r for r in package.resources() if isinstance(r.get("path"), str) and r.get("type", "table") == "table"]
