"""Differential test: the frictionless and the columnar structure engines give the same report,
as (code, path, row, field), on every corpus case and on random mutations of the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import CASES, VALID_VARIANTS, make_small, read, write
from pledgekit import validate_paths
from pledgekit.validate import Settings

SPEC = ["code", "path", "row", "field"]


def _both(package: Path) -> tuple[list[list[object]], list[list[object]]]:
    found = []
    for engine in ("frictionless", "columnar"):
        report = validate_paths([package], cwd=package.parent, settings=Settings(engine=engine))
        found.append(sorted(report.flatten(SPEC), key=str))
    return found[0], found[1]


@pytest.mark.parametrize("case", sorted({**CASES, **VALID_VARIANTS}))
def test_engines_agree_on_the_corpus(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    {**CASES, **VALID_VARIANTS}[case](package)
    reference, columnar = _both(package)
    assert columnar == reference


VALUES = st.sampled_from(
    [
        *("", "x", "2024", "２０２４", "-1", "1e3", "99999", "110115", "pct", "gdp", "src-002"),
        *("m-002-0001", "actual", "nan", "1.5", "0", "about", "石景山區", " 5", "c-000-0001"),
    ]
)


EDITS = st.lists(
    st.tuples(st.sampled_from(["metrics", "commitments"]), st.integers(1, 5), st.integers(0, 14), VALUES),
    min_size=1,
    max_size=4,
)
MUTATIONS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
Edits = list[tuple[str, int, int, str]]


def _mutated(tmp_path_factory: pytest.TempPathFactory, edits: Edits) -> Path:
    """The small package with each (resource, row, column, value) edit applied where the cell exists."""
    package = make_small(tmp_path_factory.mktemp("mut") / "pkg")
    for resource, row, column, value in edits:
        path = package / "data" / f"{resource}.csv"
        rows = read(path)
        if row < len(rows) and column < len(rows[row]):
            rows[row][column] = value
        write(path, rows)
    return package


@MUTATIONS
@given(EDITS)
def test_engines_agree_on_random_mutations(tmp_path_factory: pytest.TempPathFactory, edits: Edits) -> None:
    package = _mutated(tmp_path_factory, edits)
    reference, columnar = _both(package)
    assert columnar == reference


def _whole_and_batched(package: Path) -> tuple[list[list[object]], list[list[object]]]:
    found = []
    for batch_bytes in (10**9, 200):
        settings = Settings(engine="columnar", batch_bytes=batch_bytes)
        report = validate_paths([package], cwd=package.parent, settings=settings)
        found.append(sorted(report.flatten([*SPEC, "value"]), key=str))
    return found[0], found[1]


@pytest.mark.parametrize("case", sorted({**CASES, **VALID_VARIANTS}))
def test_batches_agree_with_whole_files_on_the_corpus(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    {**CASES, **VALID_VARIANTS}[case](package)
    whole, batched = _whole_and_batched(package)
    assert batched == whole


@MUTATIONS
@given(EDITS)
def test_batches_agree_with_whole_files_on_random_mutations(
    tmp_path_factory: pytest.TempPathFactory, edits: Edits
) -> None:
    package = _mutated(tmp_path_factory, edits)
    whole, batched = _whole_and_batched(package)
    assert batched == whole
