"""The row says what its quote says: each semantic check, both ways, on a tiny package of the test's own
(a made-up source text and rows written here), validated end to end. The contradicting row is reported at
its row and field; the agreeing row is not."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import fixtures
from pledgekit import validate_paths

TEXT = (
    "示例区2024年计划执行情况报告(测试用虚构文本)\n"
    "2024年全区地区生产总值增长5.2%,一般公共预算收入增长5%。专精特新企业达400家以上。"
    "城镇登记失业率控制在4%左右。新增学位2.16万个。单位地区生产总值能耗下降3%。"
    "预计全年社会消费品零售总额增长6%。六大中心揭牌运行。比2020年增长12%。"
    "规上工业增加值占比提高3个百分点。\n"
)
METRIC = {
    "id": "m-000-0001", "district_code": "110115", "indicator": "gdp-growth", "year": "2024", "period_start": "",
    "value": "5.2", "value_text": "", "unit": "pct", "qualifier": "exact", "status": "actual", "source_id": "src-000",
    "quote": "2024年全区地区生产总值增长5.2%", "area_zh": "", "breakdown": "", "same_as": "", "note": "",
}  # fmt: skip
COMMITMENT = {
    "id": "c-000-0001", "district_code": "110115", "source_id": "src-000", "indicator": "registered-unemployment-rate",
    "statement_zh": "城镇登记失业率控制在4%左右", "statement_en": "Registered unemployment at about 4%",
    "quote": "城镇登记失业率控制在4%左右", "comparator": "about", "target_value": "4", "target_value_max": "",
    "value_text": "", "unit": "pct", "target_year": "2025", "baseline_value": "", "baseline_year": "",
    "period_start": "", "period_end": "", "topic": "employment", "area_zh": "", "breakdown": "", "same_as": "",
    "note": "",
}  # fmt: skip
SOURCE = {"kind": "plan-execution-report", "published": "2025", "plan_year": "2024"}


def _package(tmp_path: Path, metrics: list[dict[str, str]], commitments: list[dict[str, str]],
             source: dict[str, str] | None = None) -> Path:  # fmt: skip
    package = fixtures.tiny_package(tmp_path / "pkg")
    (package / fixtures.SOURCE).write_bytes(TEXT.encode("utf-8"))
    header, row = fixtures.SOURCES
    values = dict(zip(header, row, strict=True)) | SOURCE | (source or {})
    values["sha256"] = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    (package / "data/sources.csv").write_bytes(fixtures.csv_bytes([header, [values[h] for h in header]]))
    for name, rows, base in (("metrics", metrics, METRIC), ("commitments", commitments, COMMITMENT)):
        table = [list(base)] + [[{**base, **row}[h] for h in base] for row in rows]
        (package / f"data/{name}.csv").write_bytes(fixtures.csv_bytes(table))
    return package


def _found(package: Path) -> set[tuple[str, int, str, str]]:
    report = validate_paths([package], cwd=package)
    return {
        (r.removesuffix(".csv").split("/")[-1], n, f, c)
        for r, n, f, c in report.flatten(["path", "row", "field", "code"])
    }


def _metric(**cells: str) -> dict[str, str]:
    return {**METRIC, **cells}


CASES: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = [
    # (code, resource, field, the contradicting row, the agreeing row)
    ("qualifier-contradicts-quote", "metrics", "qualifier",
     {"indicator": "enterprises", "breakdown": "little-giant", "value": "400", "unit": "org", "qualifier": "exact",
      "quote": "专精特新企业达400家以上"},
     {"indicator": "enterprises", "breakdown": "little-giant", "value": "400", "unit": "org", "qualifier": "at-least",
      "quote": "专精特新企业达400家以上"}),
    ("qualifier-contradicts-quote", "commitments", "comparator", {"comparator": "at-most"}, {"comparator": "about"}),
    ("direction-contradicts-quote", "metrics", "indicator",
     {"indicator": "gdp-growth", "value": "3", "quote": "单位地区生产总值能耗下降3%"},
     {"indicator": "energy-intensity-reduction", "value": "3", "quote": "单位地区生产总值能耗下降3%"}),
    ("direction-contradicts-quote", "metrics", "indicator",
     {"indicator": "gdp-growth", "value": "-5.2", "quote": "2024年全区地区生产总值增长5.2%"},
     {"indicator": "gdp-growth", "value": "-3", "quote": "单位地区生产总值能耗下降3%"}),
    ("value-negative", "metrics", "value",
     {"indicator": "energy-intensity-reduction", "value": "-3", "quote": "单位地区生产总值能耗下降3%"},
     {"indicator": "gdp-growth", "value": "-3", "quote": "单位地区生产总值能耗下降3%"}),
    ("value-negative", "commitments", "target_value",
     {"target_value": "-4"}, {"indicator": "gdp-growth", "target_value": "-4"}),
    ("value-negative", "commitments", "baseline_value",
     {"baseline_value": "-4", "baseline_year": "2020"},
     {"indicator": "gdp-growth", "baseline_value": "-4", "baseline_year": "2020"}),
    ("unit-contradicts-quote", "metrics", "unit",
     {"indicator": "school-places-added", "value": "2.16", "unit": "item", "quote": "新增学位2.16万个"},
     {"indicator": "school-places-added", "value": "2.16", "unit": "item-10k", "quote": "新增学位2.16万个"}),
    ("unit-contradicts-quote", "metrics", "unit",
     {"value": "3", "unit": "pct", "quote": "规上工业增加值占比提高3个百分点"},
     {"value": "3", "unit": "pp", "quote": "规上工业增加值占比提高3个百分点"}),
    ("value-text-mismatch", "metrics", "value",
     {"indicator": "nmpa-centers-opened", "value": "7", "value_text": "六", "unit": "item",
      "quote": "六大中心揭牌运行"},
     {"indicator": "nmpa-centers-opened", "value": "6", "value_text": "六", "unit": "item",
      "quote": "六大中心揭牌运行"}),
    ("status-contradicts-quote", "metrics", "status",
     {"indicator": "retail-sales-growth", "value": "6", "status": "actual",
      "quote": "预计全年社会消费品零售总额增长6%"},
     {"indicator": "retail-sales-growth", "value": "6", "status": "estimate",
      "quote": "预计全年社会消费品零售总额增长6%"}),
    ("metric-should-be-actual", "metrics", "status", {"status": "estimate"}, {"status": "actual"}),
    ("year-contradicts-quote", "metrics", "year", {"year": "2023"}, {"year": "2024"}),
    ("year-contradicts-source", "metrics", "year",
     {"year": "2023", "quote": "一般公共预算收入增长5%", "value": "5"},
     {"year": "2024", "quote": "一般公共预算收入增长5%", "value": "5"}),
    ("id-source-mismatch", "metrics", "id", {"id": "m-007-0001"}, {}),
    ("quote-cuts-number", "metrics", "quote",
     {"value": "5", "quote": "全区地区生产总值增长5"}, {"value": "5.2", "quote": "全区地区生产总值增长5.2"}),
    ("statement-value-missing", "commitments", "statement_zh",
     {"statement_zh": "城镇登记失业率控制在较低水平"}, {"statement_zh": "城镇登记失业率控制在4%左右"}),
    ("statement-value-missing", "commitments", "statement_en",
     {"statement_en": "Registered unemployment at about 5%"},
     {"statement_en": "Registered unemployment at about four per cent"}),
]  # fmt: skip


def _all(tmp_path: Path, which: int) -> set[tuple[str, int, str, str]]:
    """One package holding the contradicting (which=3) or agreeing (which=4) row of every case, each
    resource's rows in the order of CASES, numbered m-000-0001 … unless the case sets the id."""
    rows: dict[str, list[dict[str, str]]] = {"metrics": [], "commitments": []}
    for case in CASES:
        resource, cells = case[1], case[which]
        prefix = "m" if resource == "metrics" else "c"
        rows[resource].append({"id": f"{prefix}-000-{len(rows[resource]) + 1:04d}", **cells})
    return _found(_package(tmp_path, rows["metrics"], rows["commitments"]))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[Any], set[Any]]:
    return _all(tmp_path_factory.mktemp("wrong"), 3), _all(tmp_path_factory.mktemp("right"), 4)


def _line(index: int) -> int:
    """The file line of case ``index`` in its resource."""
    return 2 + sum(1 for case in CASES[:index] if case[1] == CASES[index][1])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_a_contradiction_is_reported_at_its_row_and_field_and_the_agreeing_row_is_not(
    verdicts: tuple[set[Any], set[Any]], index: int
) -> None:
    code, resource, field, _, _ = CASES[index]
    caught, passed = verdicts
    assert (resource, _line(index), field, code) in caught
    assert not {found for found in passed if found[:2] == (resource, _line(index)) and found[3] == code}


def test_the_same_figure_twice_from_one_quote_is_a_duplicate_but_from_two_sentences_it_is_not(tmp_path: Path) -> None:
    twice = [{}, {"id": "m-000-0002"}]
    assert ("metrics", 3, "id", "figure-duplicate") in _found(_package(tmp_path / "a", twice, [{}]))
    other_sentence = [{}, {"id": "m-000-0002", "quote": "全区地区生产总值增长5.2%"}]
    assert not {f for f in _found(_package(tmp_path / "b", other_sentence, [{}])) if f[3] == "figure-duplicate"}


def test_a_comparison_base_year_is_not_the_figures_year(tmp_path: Path) -> None:
    base = [{"year": "2024", "value": "12", "quote": "比2020年增长12%", "indicator": "gdp-growth"}]
    assert not {f for f in _found(_package(tmp_path, base, [{}])) if f[3] == "year-contradicts-quote"}


def test_the_issues_say_what_the_quote_writes_in_both_languages(tmp_path: Path) -> None:
    wrong = {"indicator": "enterprises", "breakdown": "little-giant", "value": "400", "unit": "org",
             "qualifier": "exact", "quote": "专精特新企业达400家以上"}  # fmt: skip
    report = validate_paths([_package(tmp_path, [wrong], [{}])], cwd=tmp_path)
    issue = next(i for i in report.issues if i.code == "qualifier-contradicts-quote")
    assert "以上" in issue.message("en") and "at-least" in issue.message("en")
    assert "以上" in issue.message("zh")
    document = json.loads(json.dumps(issue.to_dict()))
    assert document["row"] == 2 and document["field"] == "qualifier"


def test_a_fall_of_a_growth_indicator_is_a_negative_value_and_raises_nothing(tmp_path: Path) -> None:
    fall = [{"indicator": "gdp-growth", "value": "-3", "quote": "单位地区生产总值能耗下降3%"}]
    assert {f for f in _found(_package(tmp_path / "a", fall, [{}])) if f[0] == "metrics"} == set()
    as_growth = [{"indicator": "gdp-growth", "value": "3", "quote": "单位地区生产总值能耗下降3%"}]
    found = {f[3] for f in _found(_package(tmp_path / "b", as_growth, [{}])) if f[0] == "metrics"}
    assert found == {"direction-contradicts-quote"}
    as_level = [{"indicator": "gdp", "value": "-3", "unit": "cny-100m", "quote": "单位地区生产总值能耗下降3%"}]
    found = {f[3] for f in _found(_package(tmp_path / "c", as_level, [{}])) if f[0] == "metrics"}
    assert "value-negative" in found
