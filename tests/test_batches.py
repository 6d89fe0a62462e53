"""Chunks and records: every byte once, whole lines, and exactly the csv module's records for any chunking."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.io.chunks import read_chunks
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
