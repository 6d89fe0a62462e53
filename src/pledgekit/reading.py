"""A resource's file as batches of records, and its records read again at the end.

Each chunk of the file goes through the bytes layer; the dialect is resolved from the first lines; the
record reader turns the bytes into records numbered by the file line they start on. ``pipeline.py`` checks
what this reads. At the end, records are read again from memory (a file that was one batch) or from where
each batch was first read (``tableschema/bookmarks.py``), else from the whole file once more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .checks.hygiene import BytesCheck
from .codes import Code
from .config import Limits
from .io.chunks import head, read_chunks
from .io.tables import BOM
from .issues import Issue, Location
from .resources import HELD, Resource
from .tableschema import bookmarks
from .tableschema import dialect as dialects
from .tableschema.bookmarks import Bookmarks
from .tableschema.records import RecordReader

if TYPE_CHECKING:
    import polars as pl


@dataclass
class FileReading:
    """One resource's file being read: the dialect found, whether its rows can be checked at all, and what
    it takes to read records again."""

    resource: Resource
    where: Location
    limits: Limits
    batch_bytes: int
    dialect: dialects.CsvDialect | None = None
    failed: bool = False  # no more rows are checked (a header over the column limit, an unusable dialect or schema)
    records: pl.DataFrame | None = None  # the file's records, kept when it was one batch (read again from here)
    bookmarks: Bookmarks = field(default_factory=Bookmarks)  # else where each batch was read from

    def batches(self, *, first: bool = True) -> Iterator[tuple[list[Issue], pl.DataFrame | None]]:
        """Each batch's bytes issues and its records (None once the bytes cannot be parsed); the first
        reading notes where each batch's records were read from."""
        resource, marks = self.resource, self.bookmarks if first else Bookmarks()
        check = BytesCheck(self.where, self.limits, resource.descriptor)
        reader: RecordReader | None = None
        # a resource held whole for lookups (codelists, sources) is in memory anyway: it is read as one batch
        size = self.limits.file_bytes if resource.name in HELD else self.batch_bytes
        for chunk in read_chunks(resource.path, size):
            found = check.batch(chunk)
            if any(issue.code is Code.TOO_MANY_COLUMNS for issue in found):
                self.failed = True  # a header over the column limit: its rows are not parsed (bounded work)
            data = chunk.data
            marks.usable = marks.usable and not check.broken  # else the reader is fed the lines before a bad byte
            if check.broken and found and found[-1].code is Code.ENCODING_NOT_UTF8:
                cut = int(found[-1].note) - (check.size - len(data))
                data, last = data[: data.rfind(b"\n", 0, cut) + 1], True  # the lines before the bad byte
            elif check.broken:
                yield found, None
                continue
            else:
                last = chunk.last
            if chunk.first:
                data = data.removeprefix(BOM)
                try:
                    self.dialect = self._dialect()
                except dialects.DialectError as exc:
                    self.failed = True
                    yield [*found, Issue(Code.SCHEMA_ERROR, self.where, note=str(exc))], None
                    continue
                reader = RecordReader(self.dialect)
                en, zh = self.dialect.described()
                if en:  # read as frictionless reads it, but not plain CSV
                    found = [*found, Issue(Code.DIALECT_NOT_PLAIN, self.where, context={"what": en, "what_zh": zh})]
            if reader is None:
                yield found, None
                continue
            records = marks.feed(reader, check.size - len(data), data, last)  # the bytes after a BOM
            if chunk.first and chunk.last and not check.broken and len(data) <= self.batch_bytes:
                self.records = records
            yield found, records
            if last and not chunk.last:
                reader = None  # the rest of the file is not UTF-8
        yield check.finish(), None

    def _dialect(self) -> dialects.CsvDialect:
        """The resource's dialect, with what it leaves out sniffed from the file's first lines."""
        first = head(self.resource.path, dialects.SAMPLE_LINES, self.batch_bytes)
        sample = dialects.sample_lines(first.decode("utf-8", "replace").removeprefix(BOM.decode()))
        return dialects.resolve(self.resource.dialect, sample, tsv=self.resource.tsv)

    def again(self, rows: set[int] | None = None) -> Iterator[pl.DataFrame]:
        """The records read again: from memory when the file was one batch, else from the file (the same
        reader, the same numbering); with ``rows`` (file lines), only the batches that hold them."""
        if self.records is not None:
            yield self.records
            return
        spans = self.bookmarks.spans(rows) if rows is not None else None
        if spans is not None and self.dialect is not None:
            yield from bookmarks.read_again(self.resource.path, self.dialect, spans, self.resource.display)
            return
        for _, records in self.batches(first=False):
            if records is not None:
                yield records
