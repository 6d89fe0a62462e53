"""Breakdowns: one indicator for one measure, and a row's ``breakdown`` for the part of its whole it is
about (the disaggregation of SDMX and Open SDG). Two figures of one indicator with different breakdowns
are two figures; a commitment's evidence is the metrics of its indicator and breakdown."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

import fixtures
from pledgekit import validate_paths
from pledgekit.track.evidence import progress
from pledgekit.track.statuses import Reason, Status

TEXT = (
    "示例区2024年计划执行情况报告(测试用虚构文本)\n"
    "2024年全区氢能企业达到80家,上市企业达到12家。到2025年氢能企业达到100家。建成氢能产业园。\n"
)
METRIC = dict.fromkeys(fixtures.METRICS[0], "") | {
    "district_code": "110115", "indicator": "enterprises", "year": "2024", "unit": "org", "qualifier": "exact",
    "status": "actual", "source_id": "src-000",
}  # fmt: skip
HYDROGEN = METRIC | {"id": "m-000-0001", "breakdown": "hydrogen", "value": "80", "quote": "氢能企业达到80家"}
LISTED = METRIC | {"id": "m-000-0002", "breakdown": "listed-companies", "value": "12", "quote": "上市企业达到12家"}
PLEDGE = dict.fromkeys(fixtures.COMMITMENTS[0], "") | {
    "id": "c-000-0001", "district_code": "110115", "source_id": "src-000", "indicator": "enterprises",
    "breakdown": "hydrogen", "statement_zh": "氢能企业达到100家", "statement_en": "100 hydrogen enterprises",
    "quote": "到2025年氢能企业达到100家", "comparator": "reach", "target_value": "100", "unit": "org",
    "target_year": "2025", "topic": "industry",
}  # fmt: skip


def _package(tmp_path: Path, metrics: list[dict[str, str]], pledges: tuple[dict[str, str], ...] = (PLEDGE,)) -> Path:
    package = fixtures.tiny_package(tmp_path / "pkg")
    (package / fixtures.SOURCE).write_bytes(TEXT.encode("utf-8"))
    header, row = fixtures.SOURCES
    source = dict(zip(header, row, strict=True)) | {"kind": "plan-execution-report", "plan_year": "2024"}
    source["sha256"] = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    (package / "data/sources.csv").write_bytes(fixtures.csv_bytes([header, [source[h] for h in header]]))
    for name, rows in (("metrics", metrics), ("commitments", pledges)):
        columns = list(rows[0])  # every row has the same columns
        (package / f"data/{name}.csv").write_bytes(fixtures.csv_bytes([columns] + [list(r.values()) for r in rows]))
    return package


def _issues(package: Path) -> list[list[object]]:
    report = validate_paths([package], cwd=package)
    return report.flatten(["resource", "row", "field", "code"])


def test_two_figures_of_one_indicator_with_different_breakdowns_are_no_conflict(tmp_path: Path) -> None:
    assert _issues(_package(tmp_path, [HYDROGEN, LISTED])) == []


def test_two_figures_of_one_indicator_and_breakdown_still_conflict(tmp_path: Path) -> None:
    package = _package(tmp_path, [HYDROGEN, LISTED | {"breakdown": "hydrogen"}])
    report = validate_paths([package], cwd=package)
    assert report.flatten(["resource", "row", "field", "code"]) == [
        ["metrics", 2, "value", "figure-conflict"],
        ["metrics", 3, "value", "figure-conflict"],
    ]
    assert {i.context["indicator"] for i in report.issues} == {"enterprises (hydrogen)"}


def test_a_breakdown_is_a_short_kebab_case_code(tmp_path: Path) -> None:
    found = _issues(_package(tmp_path, [HYDROGEN | {"breakdown": "Hydrogen Enterprises"}, LISTED]))
    assert found == [["metrics", 2, "breakdown", "constraint-error"]]


def test_a_breakdown_needs_an_indicator(tmp_path: Path) -> None:
    park = PLEDGE | {"id": "c-000-0002", "indicator": "", "target_value": "", "unit": "", "comparator": "complete",
                     "statement_zh": "建成氢能产业园", "statement_en": "Complete the hydrogen park",
                     "quote": "建成氢能产业园"}  # fmt: skip
    found = _issues(_package(tmp_path, [HYDROGEN, LISTED], (PLEDGE, park)))
    assert found == [["commitments", 3, "breakdown", "breakdown-without-indicator"]]
    assert _issues(_package(tmp_path / "whole", [HYDROGEN, LISTED], (PLEDGE, park | {"breakdown": ""}))) == []


def _frames(metrics: list[dict[str, str]], pledges: list[dict[str, str]]) -> tuple[pl.DataFrame, ...]:
    units = pl.DataFrame({"code": ["org"], "factor": ["1"], "dimension": ["count-org"]})
    indicators = pl.DataFrame({"code": ["enterprises"], "kind": ["level"]})
    return pl.DataFrame(pledges), pl.DataFrame(metrics), units, indicators


@pytest.mark.parametrize(
    ("breakdown", "status", "evidence"),
    [("hydrogen", Status.ACHIEVED, ("m-000-0001",)), ("listed-companies", Status.MISSED, ("m-000-0002",))],
)
def test_a_commitment_is_rated_on_the_figures_of_its_breakdown_only(
    breakdown: str, status: Status, evidence: tuple[str, ...]
) -> None:
    pledge = PLEDGE | {"breakdown": breakdown, "comparator": "at-least", "target_value": "50", "target_year": "2024"}
    (found,) = progress(*_frames([HYDROGEN, LISTED], [pledge]), as_of=2024)
    assert (found.rating.status, found.rating.evidence) == (status, evidence)


def test_a_commitment_for_the_whole_does_not_take_the_figure_of_a_part() -> None:
    whole = PLEDGE | {"breakdown": "", "target_year": "2024"}
    (found,) = progress(*_frames([HYDROGEN, LISTED], [whole]), as_of=2024)
    assert (found.rating.status, found.rating.reason) == (Status.NO_DATA, Reason.NO_METRIC)


def test_tables_without_a_breakdown_column_join_on_the_whole() -> None:
    pledge = PLEDGE | {"target_year": "2024", "comparator": "at-least", "target_value": "50"}
    pledge = {k: v for k, v in pledge.items() if k != "breakdown"}
    metric = {k: v for k, v in HYDROGEN.items() if k != "breakdown"}
    (found,) = progress(*_frames([metric], [pledge]), as_of=2024)
    assert (found.rating.status, found.rating.evidence) == (Status.ACHIEVED, ("m-000-0001",))
