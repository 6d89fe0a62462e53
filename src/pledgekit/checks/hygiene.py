"""Bytes before any parser: strict UTF-8, BOM, line endings, the final newline, column count, and the
``bytes`` and ``hash`` the descriptor declares.

A GBK/GB18030 file is never guessed at: it is an error that says which encoding it looks like and
how to convert it. The file comes chunk by chunk (``io/chunks.py``); what needs the whole file (line
ending counts, size, digest) is kept as running totals, so every chunking gives the same issues.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import replace
from typing import Any

from ..codes import Code
from ..config import Limits
from ..io.chunks import Chunk
from ..io.tables import BOM
from ..issues import Issue, Location

HASHES = ("md5", "sha1", "sha256", "sha512")
CAST_LIMIT = 1 << 30  # bytes validated by polars at once; a raised --batch-bytes may ask for more


def line_endings(data: bytes) -> tuple[int, int, int]:
    """Counts of CRLF, lone LF and lone CR line endings."""
    if b"\r" not in data:
        return 0, data.count(b"\n"), 0
    crlf = data.count(b"\r\n")
    return crlf, data.count(b"\n") - crlf, data.count(b"\r") - crlf


def first_deviation(data: bytes, crlf_style: bool) -> int | None:
    """Offset of the first line ending that differs from the file's main style (or a lone CR)."""
    if b"\r" not in data:
        return data.find(b"\n") if crlf_style and b"\n" in data else None
    odd = rb"\r(?!\n)|(?<!\r)\n" if crlf_style else rb"\r"
    found = re.search(odd, data)
    return found.start() if found else None


def declared_hash(value: Any) -> tuple[str, str] | None:
    """(algorithm, hex digest) of a descriptor's ``hash``: ``sha256:…``, or md5 without a prefix (the
    Data Package standard's default)."""
    if not isinstance(value, str) or not value:
        return None
    algorithm, _, digest = value.rpartition(":")
    return (algorithm or "md5"), digest


def utf8_error(data: bytes, *, cast_limit: int = CAST_LIMIT) -> UnicodeDecodeError | None:
    """Why ``data`` is not strict UTF-8, or None when it is. Up to ``cast_limit`` bytes are validated by
    polars' cast to text (no Python string is built: a tenth of the time of ``bytes.decode`` on a batch);
    larger ones (a polars value's length has 32 bits) and invalid ones are decoded by Python, which names
    the first bad byte."""
    import polars as pl

    if len(data) <= cast_limit:
        try:
            pl.Series([data], dtype=pl.Binary).cast(pl.String)
        except pl.exceptions.ComputeError:
            pass
        else:
            return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc
    return None


def _guess(data: bytes) -> str:
    """Name the legacy encoding the bytes decode in, for the hint; never used to read the data."""
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name.upper()
    return "unknown"


class BytesCheck:
    """The bytes layer of one file, fed its chunks in order."""

    def __init__(self, where: Location, limits: Limits, resource: dict[str, Any]) -> None:
        self.where, self.limits, self.resource = where, limits, resource
        wanted = declared_hash(resource.get("hash"))
        self.algorithm = wanted[0] if wanted and wanted[0] in HASHES else None
        self.digest = hashlib.new(self.algorithm) if self.algorithm else None
        self.size = 0
        self.counts = [0, 0, 0]
        self.deviation: dict[bool, int | None] = {True: None, False: None}
        self.header = b""
        self.tail = b""
        self.broken = False  # not UTF-8: nothing after the first bad byte is read

    def _at(self, row: int | None, field: str | None = None) -> Location:
        return replace(self.where, row=row, field=field)

    def batch(self, chunk: Chunk) -> list[Issue]:
        data, before = chunk.data, chunk.newlines_before
        self.size += len(data)
        if self.digest is not None:
            self.digest.update(data)
        if self.broken:
            return []
        issues: list[Issue] = []
        if chunk.first:
            if chunk.last and not data:
                self.broken = True
                return [Issue(Code.FILE_EMPTY, self.where)]
            if data.startswith(BOM):
                issues.append(Issue(Code.UTF8_BOM, self._at(1)))
            self.header = data.removeprefix(BOM).split(b"\n", 1)[0]
            columns = self.header.count(b",") + 1  # an upper bound: quoted commas in a header are suspicious
            if columns > self.limits.columns:
                where = self._at(1)
                issues.append(
                    Issue(Code.TOO_MANY_COLUMNS, where, value=str(columns), context={"limit": self.limits.columns})
                )
        exc = utf8_error(data)
        if exc is not None:
            self.broken = True
            row = before + data.count(b"\n", 0, exc.start) + 1
            where = self._at(row, self._field_at(data, exc.start))
            offset = self.size - len(data) + exc.start
            return [*issues, Issue(Code.ENCODING_NOT_UTF8, where, note=str(offset), context={"guess": _guess(data)})]
        counts = line_endings(data)  # a chunk ends at an LF: a CRLF is never cut
        self.counts = [total + n for total, n in zip(self.counts, counts, strict=True)]
        for style in (True, False):
            if self.deviation[style] is None:
                found = first_deviation(data, style)
                self.deviation[style] = None if found is None else before + data.count(b"\n", 0, found) + 1
        if chunk.last:
            issues += self._end(self.tail + data, before - self.tail.count(b"\n"))
        self.tail = data[-2:]
        return issues

    def _end(self, data: bytes, before: int) -> list[Issue]:
        if not data.endswith(b"\n"):
            return [Issue(Code.FINAL_NEWLINE_MISSING, self._at(before + data.count(b"\n") + 1))]
        if data.endswith((b"\n\n", b"\n\r\n")):
            last = len(data.rstrip(b"\r\n")) + 1  # the first line ending after the last content
            return [Issue(Code.TRAILING_BLANK_LINE, self._at(before + data.count(b"\n", 0, last) + 1))]
        return []

    def _field_at(self, data: bytes, offset: int) -> str | None:
        """The header name of the column holding byte ``offset`` (its line read up to there as CSV)."""
        header = next(csv.reader([self.header.decode("utf-8", "replace").rstrip("\r")]), [])
        start = data.rfind(b"\n", 0, offset) + 1
        before = data[start:offset].decode("utf-8", "replace")
        column = len(next(csv.reader([before]), [""])) - 1 if before else 0
        return header[column] if 0 <= column < len(header) else None

    def finish(self) -> list[Issue]:
        issues: list[Issue] = []
        crlf, lf, cr = self.counts
        if not self.broken and (cr or (crlf and lf)):
            line = self.deviation[crlf >= lf] or 1
            issues.append(Issue(Code.LINE_ENDINGS_MIXED, self._at(line), context={"crlf": crlf, "lf": lf, "cr": cr}))
        declared = self.resource.get("bytes")
        if isinstance(declared, int) and not isinstance(declared, bool) and declared != self.size:
            issues.append(
                Issue(Code.BYTE_COUNT, self.where, note=f'expected is "{declared}" and actual is "{self.size}"')
            )
        wanted = declared_hash(self.resource.get("hash"))
        if wanted is not None:
            algorithm, expected = wanted
            actual = self.digest.hexdigest() if self.digest is not None else None
            if actual != expected:
                note = f'{algorithm} expected is "{expected}" and actual is "{actual}"'
                issues.append(Issue(Code.HASH_COUNT, self.where, note=note, context={"algorithm": algorithm}))
        return issues
