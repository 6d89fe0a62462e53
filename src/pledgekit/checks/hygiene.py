"""Bytes before any parser: size, strict UTF-8, BOM, line endings, the final newline, column count.

A GBK/GB18030 file is never guessed at: it is an error that says which encoding it looks like and
how to convert it. Sizes are checked from ``stat()`` before a file is read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from ..io.tables import BOM, RawFile
from ..issues import Issue, Location


@dataclass(frozen=True)
class Limits:
    """Caps checked before parsing (threat model C4-C5)."""

    file_bytes: int = 50_000_000
    cell_bytes: int = 32_768
    columns: int = 200


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check(raw: RawFile, package: str, limits: Limits) -> list[Issue]:
    """Issues of one file's bytes; an ``encoding-not-utf8`` file must not be parsed further."""
    data = raw.data
    at = Location(package=package, resource=raw.resource, path=raw.display)
    issues: list[Issue] = []
    if not data:
        return [Issue("file-empty", at)]
    if data.startswith(BOM):
        issues.append(Issue("utf8-bom", Location(package=package, resource=raw.resource, path=raw.display, row=1)))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess(data)
        row = _line_of(data, exc.start)
        where = Location(
            package=package, resource=raw.resource, path=raw.display, row=row, field=_field_at(data, exc.start)
        )
        issues.append(Issue("encoding-not-utf8", where, note=str(exc.start), context={"guess": guess}))
        return issues
    crlf, lone_lf, lone_cr = line_endings(data)
    if lone_cr or (crlf and lone_lf):
        first = first_deviation(data, crlf >= lone_lf) or 0
        where = Location(package=package, resource=raw.resource, path=raw.display, row=_line_of(data, first))
        issues.append(Issue("line-endings-mixed", where, context={"crlf": crlf, "lf": lone_lf, "cr": lone_cr}))
    if not data.endswith(b"\n"):
        where = Location(package=package, resource=raw.resource, path=raw.display, row=_line_of(data, len(data)))
        issues.append(Issue("final-newline-missing", where))
    elif data.endswith((b"\n\n", b"\n\r\n")):
        last = len(data.rstrip(b"\r\n")) + 1  # offset of the first line ending after the last content
        where = Location(package=package, resource=raw.resource, path=raw.display, row=_line_of(data, last))
        issues.append(Issue("trailing-blank-line", where))
    header = data.removeprefix(BOM).split(b"\n", 1)[0]
    columns = header.count(b",") + 1  # an upper bound: quoted commas in a header are themselves suspicious
    if columns > limits.columns:
        where = Location(package=package, resource=raw.resource, path=raw.display, row=1)
        issues.append(Issue("too-many-columns", where, value=str(columns), context={"limit": limits.columns}))
    return issues


def _field_at(data: bytes, offset: int) -> str | None:
    """The header name of the column holding byte ``offset`` (its line read up to there as CSV)."""
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")]), [])
    start = data.rfind(b"\n", 0, offset) + 1
    before = data[start:offset].decode("utf-8", "replace")
    column = len(next(csv.reader([before]), [""])) - 1 if before else 0
    return header[column] if 0 <= column < len(header) else None


def _guess(data: bytes) -> str:
    """Name the legacy encoding the bytes decode in, for the hint; never used to read the data."""
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name.upper()
    return "unknown"


def line_endings(data: bytes) -> tuple[int, int, int]:
    """Counts of CRLF, lone LF and lone CR line endings."""
    crlf = data.count(b"\r\n")
    return crlf, data.count(b"\n") - crlf, data.count(b"\r") - crlf


def first_deviation(data: bytes, crlf_style: bool) -> int | None:
    """Offset of the first line ending that differs from the file's main style (or a lone CR)."""
    odd = rb"\r(?!\n)|(?<!\r)\n" if crlf_style else rb"\r"
    found = re.search(odd, data)
    return found.start() if found else None
