"""CSV text into records, exactly as Python's csv module (which frictionless uses) reads it.

A line without the quote character is its cells split at the delimiter: that is what the csv module
does with it, so those lines are split on whole columns with polars. A line holding a quote is read by
the csv module itself, with as many following lines as its quoted cells span. Records are numbered as
frictionless numbers rows (the header record is 1) and located by the file line they start on; a
ragged record keeps all its cells. Text comes in chunks that end at a line break: a record still open
at the end of a chunk is read again with the next one, so any chunking gives the same records.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dialect import CsvDialect

if TYPE_CHECKING:
    import polars as pl

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def lift_field_limit() -> None:
    """frictionless lifts the csv module's field limit for the whole process; the cells layer has its own
    limit (``cell-too-long``), so a long cell is read and reported, never an error of the reader."""
    if csv.field_size_limit() < sys.maxsize // 4:
        csv.field_size_limit(sys.maxsize // 4)


def split_lines(text: str) -> tuple[list[str], list[str]] | None:
    """Lines and their line breaks as a text stream opened with ``newline=""`` yields them; None when
    the text holds only LF (or only CRLF) breaks, which polars splits itself."""
    if "\r" not in text or text.count("\r") == text.count("\r\n") == text.count("\n"):
        return None
    lines, ends = [], []
    for found in _LINE.finditer(text):
        if not found.group(1) and not found.group(2):
            if found.start() == len(text):
                break
            continue
        lines.append(found.group(1))
        ends.append(found.group(2))
    return lines, ends


def _lines(data: bytes) -> tuple[pl.Series, list[str] | str]:
    """The lines of ``data`` and their line breaks (one for all, or one each)."""
    import polars as pl

    crlf = b"\r" in data
    split = split_lines(data.decode("utf-8")) if crlf else None
    if split is not None:
        return pl.Series("line", split[0], dtype=pl.String), split[1]
    if b"\x00" in data or not data:
        text = data.decode("utf-8")
        lines = pl.Series("line", [text]).str.split("\r\n" if crlf else "\n").explode()
        lines = lines.slice(0, lines.len() - 1) if text.endswith("\n") or not text else lines
    else:  # one column of lines, read by polars (a NUL byte, its separator here, is in no line)
        frame = pl.read_csv(io.BytesIO(data), has_header=False, quote_char=None, separator="\x00",
                            infer_schema=False, new_columns=["line"])  # fmt: skip
        lines = frame["line"].fill_null("")
    if data.endswith(b"\n"):
        return lines, "\r\n" if crlf else "\n"
    return lines, ["\r\n" if crlf else "\n"] * (lines.len() - 1) + [""]  # the last line has no line break


@dataclass
class Chunk:
    """The records read from one chunk: ``frame`` holds ``_row`` (file line of the record's start),
    ``_record`` (record number, header = 1) and ``_cells`` (list of strings)."""

    frame: pl.DataFrame
    lines: int  # lines of the file consumed


class RecordReader:
    """Reads a file's records chunk by chunk, carrying a record left open at a chunk's end."""

    def __init__(self, dialect: CsvDialect) -> None:
        self.dialect = dialect
        self.python = dialect.python()
        self.line = 0  # lines of the file read so far
        self.record = 0  # records read so far
        self.carry = b""
        lift_field_limit()

    def feed(self, data: bytes, *, final: bool) -> Chunk:
        """The records of ``data`` (UTF-8, ending at a line break unless ``final``)."""
        import polars as pl

        data = self.carry + data
        self.carry = b""
        lines, ends = _lines(data)
        count = lines.len()
        if self.dialect.native:
            special = lines.str.contains(self.dialect.quote_char, literal=True)
        else:
            special = pl.Series([True] * count, dtype=pl.Boolean)
        python_rows, consumed, stop = self._python_records(lines, ends, special, final)
        if stop is not None:
            kept = lines.slice(stop).to_list()
            tails = ends[stop:] if isinstance(ends, list) else [ends] * len(kept)
            self.carry = "".join(line + end for line, end in zip(kept, tails, strict=True)).encode("utf-8")
            count = stop
        plain = pl.DataFrame({"_at": pl.int_range(0, count, dtype=pl.Int64, eager=True), "line": lines.slice(0, count)})
        if any(consumed[:count]):  # lines read by the csv module (quoted records) are not split here
            plain = plain.filter(~pl.Series(consumed[:count], dtype=pl.Boolean))
        records = plain.lazy().select(
            "_at",
            pl.when(pl.col("line") == "")
            .then(pl.lit([], dtype=pl.List(pl.String)))
            .otherwise(pl.col("line").str.split(self.dialect.delimiter))
            .alias("_cells"),
        )
        if python_rows:
            quoted = pl.DataFrame(python_rows, schema={"_at": pl.Int64, "_cells": pl.List(pl.String)}, orient="row")
            records = pl.concat([records, quoted.lazy()]).sort("_at")
        frame = records.select(  # one query for the chunk's records
            (pl.col("_at") + self.line + 1).alias("_row"),
            pl.int_range(self.record + 1, self.record + 1 + pl.len(), dtype=pl.Int64).alias("_record"),
            "_cells",
        ).collect(engine="in-memory")
        self.line += count
        self.record += frame.height
        return Chunk(frame, count)

    def _python_records(
        self, lines: pl.Series, ends: list[str] | str, special: pl.Series, final: bool
    ) -> tuple[list[tuple[int, list[str]]], list[bool], int | None]:
        """The records starting on lines that need the csv module: (line index, cells) of each, which
        lines they consumed, and the line from which the chunk must be read again with the next one."""
        starts = special.arg_true().to_list()
        if not starts:
            return [], [], None
        count = lines.len()
        texts = lines.to_list()
        consumed = [False] * count
        records: list[tuple[int, list[str]]] = []
        position = 0
        for start in starts:
            if start < position:
                continue  # a line of a record already read
            taken = [start]

            def feed(first: int = start, taken: list[int] = taken) -> Iterator[str]:
                index = first
                while index < count:
                    taken[0] = index
                    yield texts[index] + (ends[index] if isinstance(ends, list) else ends)
                    index += 1

            reader = csv.reader(feed(), self.python)
            cells = next(reader, [])
            last = taken[0]
            if last == count - 1 and not final:
                return records, consumed, start
            for index in range(start, last + 1):
                consumed[index] = True
            records.append((start, cells))
            position = last + 1
        return records, consumed, None


def uncommented(records: pl.DataFrame, dialect: CsvDialect) -> pl.DataFrame:
    """The records that are not comment rows (``commentChar``, ``commentRows``)."""
    import polars as pl

    if dialect.comment_char is None and not dialect.comment_rows:
        return records  # most dialects: nothing to leave out, no query
    keep = pl.lit(True)
    if dialect.comment_char is not None:
        keep = keep & ~pl.col("_cells").list.first().fill_null("").str.starts_with(dialect.comment_char)
    if dialect.comment_rows:
        keep = keep & ~pl.col("_record").is_in(sorted(dialect.comment_rows))
    return records.filter(keep)


def content(records: pl.DataFrame, dialect: CsvDialect) -> pl.DataFrame:
    """The records that hold data: not header or comment rows (nor blank ones, if the dialect skips them)."""
    import polars as pl

    records = uncommented(records, dialect)
    keep = pl.col("_record") >= dialect.first_content_row
    if dialect.skip_blank_rows:
        keep = keep & ~(pl.col("_cells").list.eval(pl.element() == "").list.all() | (pl.col("_cells").list.len() == 0))
    return records.filter(keep)
