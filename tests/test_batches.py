"""Batches of a large file: whole records, every byte once, the header in front of each."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.io.batches import read_batches

CELL = st.text(st.sampled_from(list('ab,"\n 区')), max_size=6)


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=2, max_size=2), min_size=1, max_size=30), size=st.integers(1, 40))
def test_batches_hold_whole_records_and_every_byte_once(tmp_path_factory, rows: list[list[str]], size: int) -> None:
    path = Path(tmp_path_factory.mktemp("b")) / "t.csv"
    data = b"\xef\xbb\xbf" + _csv([["h1", "h2"], *rows])
    path.write_bytes(data)
    batches = list(read_batches(path, size))
    assert batches[0].first and batches[-1].last and sum(b.last for b in batches) == 1
    header = batches[0].data[: batches[0].header_bytes]
    assert header + b"".join(b.body for b in batches) == data
    records = []
    for batch in batches:
        parsed = list(csv.reader(io.StringIO(batch.data.decode("utf-8-sig"), newline="")))
        assert parsed[0] == ["h1", "h2"]
        records += parsed[1:]
        assert batch.newlines_before == data[
            : len(header) + sum(len(b.body) for b in batches[: batches.index(batch)])
        ].count(b"\n")
    assert records == rows


def test_a_file_with_only_a_header_is_one_batch(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n")
    [batch] = read_batches(path, 2)
    assert (batch.data, batch.body, batch.first, batch.last) == (b"a,b\n", b"", True, True)
