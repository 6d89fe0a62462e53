"""Read a large CSV file in batches of whole records, so that memory holds one batch at a time.

A batch ends at a line break outside any quoted cell (the count of quote characters before it is
even: a doubled quote inside a cell adds two). Each batch is given the file's header line in front,
so that it parses as a CSV file of its own, and knows how many records and lines came before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .tables import BOM


@dataclass(frozen=True)
class Batch:
    data: bytes  # the header line, then this batch's records
    header_bytes: int  # length of the header line at the front of ``data``
    lines_before: int  # lines of the file before this batch's first record, the header included
    newlines_before: int  # LF bytes of the file before this batch's first record (what the bytes layer counts)
    first: bool
    last: bool

    @property
    def body(self) -> bytes:
        return self.data[self.header_bytes :]

    @property
    def newline_shift(self) -> int:
        """What to add to a line number counted in LF bytes within ``data`` for the file's."""
        return self.newlines_before - self.data.count(b"\n", 0, self.header_bytes)

    @property
    def line_shift(self) -> int:
        """What to add to a line number within ``data`` to make it a line number of the file."""
        return self.lines_before - line_breaks(self.data[: self.header_bytes])


def line_breaks(data: bytes) -> int:
    """Line breaks as csv readers count them: CRLF, a lone CR and a lone LF each end a line."""
    if b"\r" not in data:
        return data.count(b"\n")
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _cut(chunk: bytes) -> int:
    """Offset just after the last line break of ``chunk`` that lies outside quotes; 0 if there is none."""
    end = chunk.rfind(b"\n")
    while end >= 0:
        if chunk.count(b'"', 0, end) % 2 == 0:
            return end + 1
        end = chunk.rfind(b"\n", 0, end)
    return 0


def _first_end(chunk: bytes) -> int:
    """Offset just after the first line break (CRLF, CR or LF) of ``chunk`` outside quotes; -1 if there
    is none, or if the chunk ends in a CR that may be the first half of a CRLF."""
    for found in re.finditer(rb"\r\n|\r|\n", chunk):
        if chunk.count(b'"', 0, found.start()) % 2 == 0:
            return -1 if found.end() == len(chunk) and found.group() == b"\r" else found.end()
    return -1


def read_batches(path: Path, batch_bytes: int) -> Iterator[Batch]:
    """The file's records in batches of about ``batch_bytes`` (a batch grows until a record ends)."""
    with path.open("rb") as stream:
        pending, eof = b"", False
        end = -1
        while end < 0:  # the header: up to the first line break outside quotes
            more = stream.read(batch_bytes)
            eof = not more
            pending += more
            end = _first_end(pending)
            if eof:
                end = len(pending) if end < 0 else end
        header, pending = pending[:end], pending[end:]
        clean = header.removeprefix(BOM)
        lines, newlines, first = line_breaks(header), header.count(b"\n"), True
        while True:
            while not eof and len(pending) < batch_bytes:
                more = stream.read(batch_bytes)
                eof = not more
                pending += more
            cut = len(pending) if eof else _cut(pending)
            while cut == 0 and not eof:  # no record ends in what was read: read on
                more = stream.read(batch_bytes)
                eof = not more
                pending += more
                cut = len(pending) if eof else _cut(pending)
            body, pending = pending[:cut], pending[cut:]
            if not pending and not eof:  # know whether this is the last batch before handing it out
                pending = stream.read(batch_bytes)
                eof = not pending
            front = header if first else clean
            last = eof and not pending
            yield Batch(front + body, len(front), lines, newlines, first, last)
            lines += line_breaks(body)
            newlines += body.count(b"\n")
            first = False
            if last:
                return
