"""Chunks and records: every byte once, whole lines, and exactly the csv module's records for any chunking."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.io.chunks import read_chunks
from pledgekit.tableschema.bookmarks import Bookmarks, read_again
from pledgekit.tableschema.dialect import CsvDialect
from pledgekit.tableschema.records import RecordReader

DIALECTS = [
    (CsvDialect(), [*'ab,"\n 区', "\r\n", "\r"]),
    (CsvDialect(delimiter=";", quote_char="'"), [*"a;'\"\n ", "\r\n"]),
    (CsvDialect(escape_char="\\", double_quote=False), list('a,"\\\n')),
    (CsvDialect(skip_initial_space=True), list('a," \n')),
]


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=60).map(lambda b: bytes(b"ab\n\r"[x % 4] for x in b)), size=st.integers(1, 12))
def test_chunks_hold_every_byte_once_and_end_at_a_line_feed(tmp_path_factory, data: bytes, size: int) -> None:
    path = Path(tmp_path_factory.mktemp("c")) / "t.csv"
    path.write_bytes(data)
    chunks = list(read_chunks(path, size))
    assert b"".join(c.data for c in chunks) == data
    assert chunks[0].first and chunks[-1].last and sum(c.last for c in chunks) == 1
    assert all(c.data.endswith(b"\n") for c in chunks[:-1])
    assert [c.newlines_before for c in chunks] == [
        data[: sum(len(x.data) for x in chunks[:n])].count(b"\n") for n in range(len(chunks))
    ]


def _python(text: str, dialect: CsvDialect) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), dialect.python()))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), which=st.integers(0, len(DIALECTS) - 1))
def test_records_are_the_csv_modules_for_any_chunking(data: st.DataObject, which: int) -> None:
    dialect, alphabet = DIALECTS[which]
    text = "".join(data.draw(st.lists(st.sampled_from(alphabet), max_size=40)))
    breaks = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    cuts = sorted(data.draw(st.sets(st.sampled_from(breaks))) if breaks else [])
    reader = RecordReader(dialect)
    records, lines = [], []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        frame = reader.feed(text[start:end].encode("utf-8"), final=end == len(text)).frame
        records += frame["_cells"].to_list()
        lines += frame["_row"].to_list()
    assert records == _python(text, dialect)
    # each record is numbered by the file line it starts on, as the csv module counts lines
    python = csv.reader(io.StringIO(text, newline=""), dialect.python())
    starts = []
    previous = 0
    for _ in python:
        starts.append(previous + 1)
        previous = python.line_num
    assert lines == starts


def test_an_empty_file_is_one_empty_chunk(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"")
    [chunk] = read_chunks(path, 4)
    assert (chunk.data, chunk.first, chunk.last) == (b"", True, True)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), which=st.integers(0, len(DIALECTS) - 1), size=st.integers(1, 16))
def test_rows_read_again_from_bookmarks_are_the_rows_first_read(
    tmp_path_factory, data: st.DataObject, which: int, size: int
) -> None:
    """Reading chosen rows again from the batches that hold them (``tableschema/bookmarks.py``) gives the
    same records, numbered the same, as the first reading of the whole file, for any chunking: a record
    left open at a batch's end is read again from the batch where it started."""
    dialect, alphabet = DIALECTS[which]
    text = "".join(data.draw(st.lists(st.sampled_from(alphabet), max_size=60)))
    path = Path(tmp_path_factory.mktemp("b")) / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    marks, reader, first = Bookmarks(), RecordReader(dialect), []
    offset = 0
    for chunk in read_chunks(path, size):
        first.append(marks.feed(reader, offset, chunk.data, chunk.last))
        offset += len(chunk.data)
    whole = pl.concat(first)
    rows = set(data.draw(st.sets(st.sampled_from(whole["_row"].to_list()))) if whole.height else [])
    spans = marks.spans(rows)
    assert spans is not None
    again = list(read_again(path, dialect, spans, "t.csv"))
    found = pl.concat(again).filter(pl.col("_row").is_in(sorted(rows))) if again else whole.clear()
    assert found.to_dicts() == whole.filter(pl.col("_row").is_in(sorted(rows))).to_dicts()
    assert sum(mark.length for span in spans for mark in span) <= offset  # never more than the file


def test_only_the_batches_holding_the_rows_are_read_again(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"h\n1\n2\n3\n4\n5\n6\n")
    marks, reader = Bookmarks(), RecordReader(CsvDialect())
    offset = 0
    for chunk in read_chunks(path, 2):  # one line per batch
        marks.feed(reader, offset, chunk.data, chunk.last)
        offset += len(chunk.data)
    spans = marks.spans({3, 4, 7})
    assert spans is not None
    assert [[mark.line + 1 for mark in span] for span in spans] == [[3, 4], [7]]
    assert marks.spans({9}) is None  # a row the file does not have: read it all again
