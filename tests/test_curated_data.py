"""Rules of the curation guide (docs/curation.md) that the curated rows must follow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import BUNDLED, STANDARD, read_rows

UNITS = {u["code"]: u for u in read_rows(STANDARD / "codelists/units.csv")}
INDICATORS = {i["code"]: i for i in read_rows(STANDARD / "codelists/indicators.csv")}
SOURCES = {s["id"]: s for s in read_rows(BUNDLED / "data/sources.csv")}
COMMITMENTS = read_rows(BUNDLED / "data/commitments.csv")
METRICS = read_rows(BUNDLED / "data/metrics.csv")


def _published_year(source_id: str) -> int:
    return int(SOURCES[source_id]["published"][:4])


def test_unit_dimension_equals_indicator_dimension() -> None:
    wrong = [
        (r["id"], r["unit"], r["indicator"])
        for r in COMMITMENTS + METRICS
        if r["indicator"] and UNITS[r["unit"]]["dimension"] != INDICATORS[r["indicator"]]["dimension"]
    ]
    assert wrong == []


def test_completion_pledges_have_no_number_and_all_others_have_one() -> None:
    for row in COMMITMENTS:
        numbered = (row["indicator"], row["target_value"], row["unit"])
        if row["comparator"] == "complete":
            assert numbered == ("", "", ""), row["id"]
        else:
            assert all(numbered), row["id"]
        assert (row["comparator"] == "range") == bool(row["target_value_max"]), row["id"]


def test_shares_are_percentages_between_0_and_100() -> None:
    for row in COMMITMENTS + METRICS:
        if row["indicator"] and INDICATORS[row["indicator"]]["kind"] == "share":
            value = Decimal(row.get("target_value") or row["value"])
            assert row["unit"] == "pct" and 0 <= value <= 100, row["id"]


def test_target_years_are_not_before_publication_and_inside_the_plan_period() -> None:
    for row in COMMITMENTS:
        year = int(row["target_year"])
        assert year >= _published_year(row["source_id"]), row["id"]
        if row["period_start"]:
            assert int(row["period_start"]) <= year <= int(row["period_end"]), row["id"]


def test_metric_years_are_not_after_publication_and_current_year_figures_are_estimates() -> None:
    for row in METRICS:
        year, published = int(row["year"]), _published_year(row["source_id"])
        assert year <= published, row["id"]
        source = SOURCES[row["source_id"]]
        execution_report_of_that_year = source["kind"] == "plan-execution-report" and source["plan_year"] == row["year"]
        if year == published and not execution_report_of_that_year:
            assert row["status"] == "estimate", row["id"]
        if row["period_start"]:
            assert int(row["period_start"]) < year, row["id"]


def test_rows_that_repeat_another_source_agree_with_it() -> None:
    by_id = {r["id"]: r for r in COMMITMENTS + METRICS}
    pairs = [(r, by_id[r["same_as"]]) for r in COMMITMENTS + METRICS if r["same_as"]]
    assert pairs, "source 004 repeats pledges of source 000"
    for row, other in pairs:
        assert row["source_id"] != other["source_id"]
        for field in ("indicator", "target_value", "value", "unit", "target_year", "year"):
            assert row.get(field) == other.get(field), (row["id"], field)


def test_district_is_the_district_of_the_source() -> None:
    for row in COMMITMENTS + METRICS:
        assert row["district_code"] == SOURCES[row["source_id"]]["district_code"], row["id"]


@pytest.mark.parametrize(
    ("quote_part", "value", "unit"),
    [
        ("3450亿元", "3450", "cny-100m"),
        ("1334.8亿元", "1334.8", "cny-100m"),
        ("8940个", "8940", "item"),
        ("56.8万人", "56.8", "person-10k"),
        ("1万亿元", "1", "cny-1t"),
    ],
)
def test_magnitude_words_go_into_the_unit(quote_part: str, value: str, unit: str) -> None:
    rows = [r for r in COMMITMENTS + METRICS if quote_part in r["quote"]]
    assert rows, quote_part
    assert any((r.get("target_value") or r["value"], r["unit"]) == (value, unit) for r in rows)
