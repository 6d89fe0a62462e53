"""A file read in chunks that end at a line feed, so that memory holds one chunk at a time.

A chunk is at least ``size`` bytes (the last may be shorter) and ends just after an LF byte (or at the end
of the file). An LF byte never occurs inside a multi-byte UTF-8 character, and a CRLF pair is never cut.
A record whose quoted cell spans the cut is read again with the next chunk by the record reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Chunk:
    data: bytes
    first: bool
    last: bool
    newlines_before: int  # LF bytes of the file before this chunk


def read_chunks(path: Path, size: int) -> Iterator[Chunk]:
    """The file's bytes in chunks of about ``size``; an empty file is one empty chunk."""
    size = max(size, 1)
    with path.open("rb") as stream:
        buffer, eof, newlines, first = b"", False, 0, True
        while True:
            while not eof and (len(buffer) < size or b"\n" not in buffer):
                more = stream.read(size)
                eof = not more
                buffer += more
            cut = len(buffer) if eof else buffer.rfind(b"\n") + 1
            chunk, buffer = buffer[:cut], buffer[cut:]
            if not eof and not buffer:  # know whether this chunk is the last before handing it out
                buffer = stream.read(size)
                eof = not buffer
            last = eof and not buffer
            yield Chunk(chunk, first, last, newlines)
            if last:
                return
            newlines += chunk.count(b"\n")
            first = False


def head(path: Path, lines: int, size: int) -> bytes:
    """The file's first ``lines`` lines (LF-terminated), read ``size`` bytes at a time."""
    found = b""
    with path.open("rb") as stream:
        while found.count(b"\n") < lines:
            more = stream.read(size)
            if not more:
                break
            found += more
    end = -1
    for _ in range(lines):
        end = found.find(b"\n", end + 1)
        if end < 0:
            return found
    return found[: end + 1]
