"""The domain rules are written once: run on columns by the validator, or as a pandera schema, they flag
the same rows."""

from __future__ import annotations

from pathlib import Path

import pandera.errors
import polars as pl
import pytest

from corpus import CASES, make_small
from pledgekit.checks import domain
from pledgekit.checks.rules import RULES
from pledgekit.io.tables import Table

DOMAIN_CASES = ["growth-recorded-as-level", "unit-of-other-dimension", "past-target-year", "target-outside-period",
                "share-over-100", "count-not-whole", "completion-pledge-with-value", "future-metric-year",
                "actual-in-publication-year", "range-without-maximum", "period-start-after-year"]  # fmt: skip


def _table(package: Path, name: str) -> Table:
    folder = "codelists" if name in ("districts", "units", "indicators") else "data"
    frame = pl.read_csv(package / folder / f"{name}.csv", infer_schema=False)
    frame = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias("_row"))
    return Table(name, f"{folder}/{name}.csv", f"{folder}/{name}.csv", frame, None)


@pytest.mark.parametrize("case", DOMAIN_CASES)
def test_pandera_and_the_validator_flag_the_same_rows(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    CASES[case](package)
    tables = {name: _table(package, name) for name in ("units", "indicators", "sources", "commitments", "metrics")}
    flagged = 0
    for name in ("commitments", "metrics"):
        frame = domain.prepare(tables[name], tables)
        ours = {(position, RULES[name][number].code) for position, number in domain.failing(RULES[name], frame)}
        try:
            domain.schema(name).validate(frame, lazy=True)
            theirs: set[tuple[int, str]] = set()
        except pandera.errors.SchemaErrors as failed:
            cases = failed.failure_cases.select("check", "index").drop_nulls().iter_rows()
            theirs = {(int(index), str(check)) for check, index in cases}
        assert ours == theirs
        flagged += len(ours)
    assert flagged, f"{case} breaks no domain rule"
