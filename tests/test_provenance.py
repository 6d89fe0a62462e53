"""Every quote occurs in its source and carries its number; broken provenance is caught."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, FIXTURE, edit_cell, read_rows
from pledgekit import validate_paths
from pledgekit.checks import provenance

PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", PINYIN.sub("", text))


SOURCES = {
    row["id"]: _norm((BUNDLED / row["path"]).read_text(encoding="utf-8"))
    for row in read_rows(BUNDLED / "data/sources.csv")
}
ROWS = [(name, row) for name in ("commitments", "metrics") for row in read_rows(BUNDLED / "data" / f"{name}.csv")]


def _carries(quote: str, number: str) -> bool:
    """An independent (pure Python) reading of 'the quote contains the number as written'."""
    return re.search(rf"(?<![0-9.]){re.escape(number)}(?![0-9]|\.[0-9])", _norm(quote)) is not None


@pytest.mark.parametrize(("resource", "row"), ROWS, ids=[row["id"] for _, row in ROWS])
def test_quote_occurs_in_source_and_carries_the_number(resource: str, row: dict[str, str]) -> None:
    assert _norm(row["quote"]) in SOURCES[row["source_id"]]
    value = row["target_value"] if resource == "commitments" else row["value"]
    if row["value_text"]:
        assert row["value_text"] in _norm(row["quote"])
    elif value:
        assert _carries(row["quote"], value)


def test_the_data_holds_several_hundred_rows_from_all_five_sources() -> None:
    assert len(ROWS) >= 400
    assert {row["source_id"] for _, row in ROWS} == set(SOURCES)


def test_traditional_quote_matches_despite_pinyin_readings() -> None:
    quoted = [row for _, row in ROWS if row["source_id"] == "src-004"]
    raw = (FIXTURE / "sources/004_5b15a4c597be09c2.txt").read_text(encoding="utf-8")
    assert quoted
    assert any(row["quote"] not in raw for row in quoted)  # written without the readings, still matched


@pytest.mark.parametrize(
    ("quote", "number", "expected"),
    [
        ("增长5.2%", "5.2", True),
        ("增长5.2%", "5", False),
        ("增长5.2%", "2", False),
        ("15所学校", "5", False),
        ("建成6所学校", "6", True),
        ("2.16万个", "2.16", True),
        ("达到3450億元", "3450", True),
        ("1334.8亿元", "1334", False),
    ],
)
def test_number_boundaries(quote: str, number: str, expected: bool) -> None:
    assert _carries(quote, number) is expected


def _issues(package: Path) -> list[list[object]]:
    report = validate_paths([package], cwd=package.parent)
    return report.flatten(["resource", "row", "field", "code"])


def test_a_quote_that_is_not_in_the_source_is_caught(package_copy: Path) -> None:
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0015", "quote", "地区生产总值总量完成了1334.8亿元")
    assert _issues(package_copy) == [["metrics", line, "quote", "quote-not-in-source"]]


def test_a_value_that_the_quote_does_not_carry_is_caught(package_copy: Path) -> None:
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0015", "value", "1334")
    assert _issues(package_copy) == [["metrics", line, "value", "value-not-in-quote"]]


def test_a_commitment_target_that_is_a_prefix_of_the_written_number_is_caught(package_copy: Path) -> None:
    rows = read_rows(package_copy / "data/commitments.csv")
    row = next(r for r in rows if r["target_value"] == "8940")
    line = edit_cell(package_copy / "data/commitments.csv", row["id"], "target_value", "894")
    found = [i for i in _issues(package_copy) if i[3] != "statement-value-missing"]  # the statements say 8940 too
    assert found == [["commitments", line, "target_value", "value-not-in-quote"]]


def test_a_changed_source_text_fails_its_hash(package_copy: Path) -> None:
    path = package_copy / "sources/000_bb1cc55d9bb06840.txt"
    path.write_bytes(path.read_bytes().replace(b"3450", b"3451"))
    found = _issues(package_copy)
    assert found[0] == ["sources", 2, "sha256", "source-hash-mismatch"]
    # the quotes of the unverifiable source are not checked against tampered text
    assert {code for *_, code in found} == {"source-hash-mismatch"}


def test_a_missing_source_text_is_reported(package_copy: Path) -> None:
    (package_copy / "sources/001_5a3d939f8459527b.txt").unlink()
    assert _issues(package_copy) == [["sources", 3, "path", "source-missing"]]


@settings(max_examples=300, deadline=None)
@given(
    quote=st.lists(st.sampled_from(["1", "5", "0", ".", "2", "万", "亿", "达到", "%", "，"]), max_size=10).map("".join),
    cell=st.from_regex(r"\A[0-9]{1,3}(\.[0-9]{1,2})?\Z"),
)
def test_the_quick_reading_of_a_written_number_never_accepts_what_the_full_one_rejects(quote: str, cell: str) -> None:
    frame = pl.DataFrame({"quote_n": [quote], "value": [cell], "unit_factor": [1.0]})
    quick = frame.select(provenance.written("value").alias("quick"))["quick"].item()
    full = not provenance.carried(frame, "value").is_empty()
    assert not quick or full


def test_a_source_text_over_the_file_limit_is_not_read(tmp_path: Path) -> None:
    """Source texts had no size limit: one over the file limit is file-too-large, named by its path."""
    from conftest import fixture_package
    from pledgekit import Limits, Settings, validate_paths

    package = fixture_package(tmp_path / "pkg")
    texts = sorted((package / "sources").glob("*.txt"), key=lambda p: p.stat().st_size)
    limit = texts[0].stat().st_size  # the smallest text fits, every larger one does not
    report = validate_paths([package], cwd=tmp_path, settings=Settings(limits=Limits(file_bytes=max(limit, 4_000))))
    too_large = {i.location.path for i in report.issues if i.code == "file-too-large"}
    for text in texts:
        shown = f"pkg/sources/{text.name}"
        assert (shown in too_large) is (text.stat().st_size > max(limit, 4_000)), shown


@pytest.mark.parametrize(
    "cells",
    [
        ["增长5.2%", "区(qū)增长", None],  # a pinyin reading in one cell: every cell normalised
        ["增长 5.2%", "新建学校6所"],  # whitespace in one cell
        ["增长5.2%", "新建学校6所", None],  # nothing to drop: the column as it is
        ["区（全角括号）增长"],  # a full-width parenthesis is text, kept
    ],
)
def test_a_column_is_normalised_as_each_cell_would_be(cells: list[str | None]) -> None:
    frame = pl.DataFrame({"quote": cells}, schema={"quote": pl.String})
    expected = frame.select(provenance.normalise(pl.col("quote")))["quote"].to_list()
    assert frame.select(provenance.normalised(frame, "quote"))["quote"].to_list() == expected
