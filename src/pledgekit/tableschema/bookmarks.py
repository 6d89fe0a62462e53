"""Where each batch of a file was read from, so that chosen rows can be read again without the whole file.

The end checks read again the rows the key hashes single out (a repeated key, a reference not found, a
figure that disagrees). The first reading notes, for every batch fed to the record reader, the bytes it
fed and the reader's state before them: lines and records read so far, and whether a record was left open
(carried over from the batch before). Reading again starts a fresh reader at a batch where nothing was left
open, with the same counts, and feeds it the same bytes: it gives the same records with the same numbers.
Only the batches that hold a wanted row are read, with the ones before them back to a clean start.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IntegrityError
from .dialect import CsvDialect
from .records import RecordReader

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Mark:
    """One batch as the record reader was fed it."""

    offset: int  # where its bytes start in the file
    length: int  # how many bytes were fed
    final: bool  # fed as the last bytes of the file
    line: int  # the reader's lines read before it
    record: int  # the reader's records read before it
    clean: bool  # no record was left open before it
    crc: int  # CRC-32 of its bytes: a file changed since is refused, not misread


@dataclass
class Bookmarks:
    """The marks of one reading of a file, in order (``usable`` False once a batch was fed anything else
    than the file's bytes as they are, such as the lines before a byte that is not UTF-8)."""

    marks: list[Mark] = field(default_factory=list)
    lines: int = 0  # the reader's lines read after the last batch
    usable: bool = True

    def feed(self, reader: RecordReader, offset: int, data: bytes, final: bool) -> pl.DataFrame:
        """``reader``'s records of ``data`` (read at ``offset``), noting where they were read from."""
        self.marks.append(
            Mark(offset, len(data), final, reader.line, reader.record, not reader.carry, zlib.crc32(data))
        )
        frame = reader.feed(data, final=final).frame
        self.lines = reader.line
        return frame

    def spans(self, rows: set[int]) -> list[list[Mark]] | None:
        """The runs of consecutive batches to read again for the records starting on ``rows`` (file lines),
        each beginning where nothing was left open; None when the marks cannot say (read it all again)."""
        if not self.usable or not self.marks or not self.marks[0].clean:
            return None
        starts = [mark.line for mark in self.marks]
        needed: set[int] = set()
        for row in rows:
            if not starts[0] < row <= self.lines:
                return None
            index = bisect.bisect_left(starts, row) - 1  # the batch whose reading gave the record
            while index not in needed:  # and back to a clean start (each batch walked once)
                needed.add(index)
                if self.marks[index].clean:
                    break
                index -= 1
        spans: list[list[int]] = []
        for index in sorted(needed):
            if spans and index == spans[-1][-1] + 1:
                spans[-1].append(index)
            else:
                spans.append([index])
        return [[self.marks[index] for index in span] for span in spans]


def read_again(path: Path, dialect: CsvDialect, spans: list[list[Mark]], shown: str) -> Iterator[pl.DataFrame]:
    """The records of each span's batches, as the first reading gave them; IntegrityError when the bytes
    there are no longer those first read (the file changed during the run; ``shown`` names it)."""
    with path.open("rb") as stream:
        for span in spans:
            reader = RecordReader(dialect)
            reader.line, reader.record = span[0].line, span[0].record
            for mark in span:
                stream.seek(mark.offset)
                data = stream.read(mark.length)
                if len(data) != mark.length or zlib.crc32(data) != mark.crc:
                    at = f"bytes {mark.offset}-{mark.offset + mark.length} changed after they were read"
                    raise IntegrityError("changed-during-validation", at, path=shown)
                yield reader.feed(data, final=mark.final).frame
