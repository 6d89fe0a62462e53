"""The rows the consistency layer sends to the exact checks: the same, whatever the batches and the order
the worker threads kept them in (``Figures.conflicting`` against a plain reading of its rule)."""

from __future__ import annotations

import itertools

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.checks.consistency import Figures

# (key, value in base units, source, duplicate hash or None) of each row; rows are numbered from 2
ROW = st.tuples(
    st.integers(0, 3), st.sampled_from([1.0, 2.0, 1000.0]), st.integers(0, 1), st.none() | st.integers(0, 2)
)


def _expected(rows: list[tuple[int, float, int, int | None]], *, across: bool) -> set[int]:
    numbered = [(n + 2, *row) for n, row in enumerate(rows)]
    found = set()
    for key in {row[1] for row in numbered}:
        group = [row for row in numbered if row[1] == key]
        first = min(group)
        for row in group:
            if row[2] != first[2] and (not across or row[3] != first[3]):
                found |= {row[0], first[0]}
    duplicates = [row[4] for row in numbered if row[4] is not None]
    found |= {row[0] for row in numbered if row[4] is not None and duplicates.count(row[4]) > 1}
    return found


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(ROW, max_size=30), cuts=st.lists(st.integers(0, 30), max_size=4), order=st.randoms())
def test_candidates_do_not_depend_on_batches_or_their_order(
    rows: list[tuple[int, float, int, int | None]], cuts: list[int], order: object
) -> None:
    frame = pl.DataFrame(
        {
            "_row": pl.Series([n + 2 for n in range(len(rows))], dtype=pl.Int32),
            "_key": pl.Series([r[0] for r in rows], dtype=pl.UInt64),
            "_base": pl.Series([r[1] for r in rows], dtype=pl.Float64),
            "_source": pl.Series([r[2] for r in rows], dtype=pl.UInt64),
            "_dup": pl.Series([r[3] for r in rows], dtype=pl.UInt64),
        }
    )
    bounds = sorted({0, len(rows), *[min(c, len(rows)) for c in cuts]})
    parts = [frame.slice(a, b - a) for a, b in itertools.pairwise(bounds)]
    order.shuffle(parts)  # type: ignore[attr-defined]  # threads keep batches in any order
    for resource, across in (("metrics", False), ("commitments", True)):
        figures = Figures(resource)
        figures.figures = parts if across else [p.drop("_source") for p in parts]
        assert figures.conflicting() == _expected(rows, across=across)
