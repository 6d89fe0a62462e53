"""Assessments: the curated judgement of a commitment's status, validated like any resource, applied by
``pledgekit track`` beside the computed status, and reported when it disagrees with the figures; and
cumulative targets over a plan period, on constructed series (both sides of each threshold)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import fixtures
from conftest import run_cli
from pledgekit.track.assessments import applies, latest
from pledgekit.track.evidence import Assessment
from pledgekit.track.methods import ON_TRACK_RATIO, Figure, Rating, Target, rate
from pledgekit.track.statuses import Reason, Status

HEADER = ["commitment_id", "as_of", "status", "rationale_zh", "rationale_en", "quote", "source_id", "assessor",
          "assessed_on", "note"]  # fmt: skip
SCHOOLS = ["c-000-0002", "2024", "on-track", "报告列明2025年新建学校6所", "The 2025 plan lists the 6 schools",
           "新建学校6所", "src-000", "示例评估组", "2025-03-01", ""]  # fmt: skip
# The 2025 figure that decides c-000-0001 (地区生产总值增长5%左右): 5 is within half a point of 5.
GDP_2025 = "m-000-0004,110115,gdp-growth,2025,,5,,pct,about,estimate,src-000,地区生产总值增长5%左右,,,,\n"


def _with_assessments(tmp_path: Path, *rows: list[str]) -> Path:
    package = fixtures.tiny_package(tmp_path / "datapackages" / "example")
    (package / "data" / "assessments.csv").write_bytes(fixtures.csv_bytes([HEADER, *rows]))
    fixtures.declare(package, "assessments")
    return package


def _issues(tmp_path: Path) -> list[tuple[str | None, int | None, str | None, str]]:
    result = run_cli("validate", "--format", "json", cwd=tmp_path)
    document = json.loads(result.stdout)
    return sorted((i["resource"], i["row"], i["field"], i["code"]) for i in document["issues"])


def _add_2025_figure(package: Path) -> None:
    with (package / "data/metrics.csv").open("a", encoding="utf-8") as metrics:
        metrics.write(GDP_2025)


def test_a_package_with_well_supported_assessments_is_valid(tmp_path: Path) -> None:
    _with_assessments(tmp_path, SCHOOLS)
    assert _issues(tmp_path) == []
    assert run_cli("validate", cwd=tmp_path).returncode == 0


def test_assessments_are_checked_like_any_resource(tmp_path: Path) -> None:
    unknown = ["c-000-0009", *SCHOOLS[1:]]  # no such commitment
    made_up = [SCHOOLS[0], "2023", *SCHOOLS[2:5], "新建学校7所", *SCHOOLS[6:]]  # not in the source
    bad_status = [SCHOOLS[0], "2022", "kept", *SCHOOLS[3:]]
    no_source = [SCHOOLS[0], "2021", *SCHOOLS[2:6], "src-009", *SCHOOLS[7:]]
    _with_assessments(tmp_path, SCHOOLS, SCHOOLS, unknown, made_up, bad_status, no_source)
    assert _issues(tmp_path) == [
        ("assessments", 3, "commitment_id,as_of", "primary-key"),  # a second assessment for one year
        ("assessments", 4, "commitment_id", "foreign-key"),
        ("assessments", 5, "quote", "quote-not-in-source"),
        ("assessments", 6, "status", "constraint-error"),
        ("assessments", 7, "source_id", "foreign-key"),
    ]


def test_an_assessment_that_disagrees_with_the_figures_is_a_warning_of_validate(tmp_path: Path) -> None:
    missed = ["c-000-0001", "2025", "missed", "评估认为未达到", "", "地区生产总值增长5%左右", "src-000", "示例评估组",
              "2026-01-10", ""]  # fmt: skip
    package = _with_assessments(tmp_path, SCHOOLS, missed)
    assert _issues(tmp_path) == []  # as of 2025 there is no 2025 figure: nothing to disagree with
    _add_2025_figure(package)
    result = run_cli("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0  # a warning
    [issue] = json.loads(result.stdout)["issues"]
    assert issue["code"] == "assessment-disagrees" and issue["severity"] == "warning"
    assert (issue["resource"], issue["row"], issue["field"], issue["value"]) == ("assessments", 3, "status", "missed")
    assert "achieved" in issue["message"]
    zh = json.loads(run_cli("validate", "--format", "json", "--lang", "zh", cwd=tmp_path).stdout)["issues"][0]
    assert "c-000-0001" in zh["message"] and "计算" in zh["message"]


def test_no_disagreement_is_computed_from_invalid_data(tmp_path: Path) -> None:
    missed = ["c-000-0001", "2025", "missed", "未达到", "", "地区生产总值增长5%左右", "src-000", "示例评估组",
              "2026-01-10", ""]  # fmt: skip
    package = _with_assessments(tmp_path, missed)
    _add_2025_figure(package)
    with (package / "data/metrics.csv").open("a", encoding="utf-8") as metrics:
        metrics.write("m-000-0005,110115,gdp,2024,,1334.8,,no-such-unit,exact,actual,src-000,总量达到1334.8亿元,,,,\n")
    codes = {code for *_, code in _issues(tmp_path)}
    assert "foreign-key" in codes and "assessment-disagrees" not in codes


def test_track_keeps_the_computed_and_the_assessed_status(tmp_path: Path) -> None:
    _with_assessments(tmp_path, SCHOOLS)
    document = json.loads(run_cli("track", "--as-of", "2024", "--format", "json", cwd=tmp_path).stdout)
    schools = next(p for p in document["progress"] if p["id"] == "c-000-0002")
    assert (schools["status"], schools["method"], schools["computed_status"], schools["computed_reason"]) == (
        "on-track", "assessment", "not-yet-due", "no-metric",
    )  # fmt: skip
    assert (schools["assessed_status"], schools["assessed_by"], schools["assessed_as_of"]) == (
        "on-track",
        "示例评估组",
        2024,
    )
    assert schools["assessment_quote"] == "新建学校6所" and schools["assessment_source_id"] == "src-000"
    gdp = next(p for p in document["progress"] if p["id"] == "c-000-0001")
    assert gdp["assessed_status"] is None and gdp["status"] == gdp["computed_status"]
    assert document["counts"]["on-track"] == 1

    rows = list(
        csv.DictReader(io.StringIO(run_cli("track", "--as-of", "2024", "--format", "csv", cwd=tmp_path).stdout))
    )
    assert [(r["id"], r["status"], r["computed_status"], r["assessed_status"]) for r in rows] == [
        ("c-000-0001", "not-yet-due", "not-yet-due", ""),
        ("c-000-0002", "on-track", "not-yet-due", "on-track"),
    ]
    text = run_cli("track", "--as-of", "2024", cwd=tmp_path).stdout
    assert "c-000-0002 on track (assessed on track by 示例评估组 as of 2024; computed not yet due)" in text
    assert (
        "(评估:进度正常,示例评估组,截至2024年;计算:尚未到期)" in run_cli("track", "--lang", "zh", cwd=tmp_path).stdout
    )


def test_an_assessment_for_a_later_year_is_not_seen(tmp_path: Path) -> None:
    later = [SCHOOLS[0], "2025", "achieved", *SCHOOLS[3:]]
    _with_assessments(tmp_path, later)
    document = json.loads(run_cli("track", "--as-of", "2024", "--format", "json", cwd=tmp_path).stdout)
    schools = next(p for p in document["progress"] if p["id"] == "c-000-0002")
    assert (schools["status"], schools["assessed_status"]) == ("not-yet-due", None)


def test_a_release_carries_both_statuses(tmp_path: Path) -> None:
    _with_assessments(tmp_path, SCHOOLS)
    assert run_cli("publish", "--out", "dist", cwd=tmp_path).returncode == 0
    release = tmp_path / "dist" / "example-pledges" / "1.0.0"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((release / "progress.csv").read_text(encoding="utf-8")))}
    schools = rows["c-000-0002"]
    assert (schools["status"], schools["computed_status"], schools["assessed_status"], schools["assessed_by"]) == (
        "on-track", "not-yet-due", "on-track", "示例评估组",
    )  # fmt: skip
    assert schools["assessment_rationale_zh"] == "报告列明2025年新建学校6所"
    schema = json.loads((release / "progress.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == list(schools)
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert (types["assessed_as_of"], types["assessed_on"]) == ("integer", "date")
    assert "data/assessments.csv" in (release / "SHA256SUMS").read_text(encoding="utf-8")
    assert run_cli("verify", "dist", cwd=tmp_path).returncode == 0


def _assessment(as_of: int, status: Status) -> Assessment:
    return Assessment("c", as_of, status, "理由", "引文", "src-000", "评估组", "2025-01-01")


def test_the_latest_assessment_up_to_the_year_is_chosen() -> None:
    found = [_assessment(2022, Status.ON_TRACK), _assessment(2024, Status.OFF_TRACK), _assessment(2026, Status.MISSED)]
    assert latest(found, 2025)["c"].as_of == 2024
    assert latest(found, 2021) == {}


@pytest.mark.parametrize(
    ("assessed_year", "assessed", "computed", "expected"),
    [
        (2024, Status.ON_TRACK, Status.OFF_TRACK, True),  # for the year tracked: it decides
        (2023, Status.ON_TRACK, Status.OFF_TRACK, False),  # older, and the figures decide now
        (2023, Status.ON_TRACK, Status.NO_DATA, True),  # older, and the figures decide nothing
        (2023, Status.ACHIEVED, Status.OFF_TRACK, True),  # a pledge kept stays kept
    ],
)
def test_an_older_assessment_fills_in_but_never_hides_newer_figures(
    assessed_year: int, assessed: Status, computed: Status, expected: bool
) -> None:
    assert applies(_assessment(assessed_year, assessed), Rating(computed, "level"), 2024) is expected


# Cumulative targets: 100 items added over 2021-2025, so 20 a year is the pro-rata path.


def _plan(comparator: str = "at-least", base: float = 100.0) -> Target:
    return Target(id="c", comparator=comparator, kind="level", base=base, year=2025, period_start=2021, cumulative=True)


def _y(year: int, base: float, period_start: int | None = None) -> Figure:
    return Figure(id=f"m{year}{period_start or ''}", year=year, base=base, period_start=period_start)


@pytest.mark.parametrize(("second", "status"), [(18.0, Status.ON_TRACK), (17.9, Status.OFF_TRACK)])
def test_a_cumulative_target_is_on_track_at_the_stated_share_of_its_pro_rata_path(
    second: float, status: Status
) -> None:
    """By 2022 the pro-rata share is 40; 0.95 of it is 38 = 20 + 18."""
    rating = rate(_plan(), [_y(2021, 20.0), _y(2022, second)], 2022)
    assert (rating.status, rating.method) == (status, "cumulative")
    assert rating.components["share"] == pytest.approx(40)
    assert (rating.components["ratio"] >= ON_TRACK_RATIO) is (status is Status.ON_TRACK)
    assert rating.evidence == ("m2021", "m2022")


@pytest.mark.parametrize(("last", "status"), [(20.0, Status.ACHIEVED), (19.9, Status.MISSED)])
def test_a_cumulative_target_at_its_deadline_is_the_sum_of_its_years(last: float, status: Status) -> None:
    figures = [_y(year, 20.0) for year in range(2021, 2025)] + [_y(2025, last)]
    rating = rate(_plan(), figures, 2025)
    assert rating.status is status and rating.components["total"] == pytest.approx(80 + last)


def test_a_cumulative_floor_met_early_is_achieved() -> None:
    assert rate(_plan(), [_y(2021, 60.0), _y(2022, 40.0)], 2022).status is Status.ACHIEVED
    assert rate(_plan(), [_y(2021, 60.0), _y(2022, 39.9)], 2022).status is Status.ON_TRACK


def test_a_period_total_counts_the_years_it_covers_and_later_years_add_to_it() -> None:
    """A figure for 2021-2023 (a total) and the yearly figure of 2024: the total of four years."""
    figures = [_y(2023, 55.0, period_start=2021), _y(2022, 30.0), _y(2024, 25.0)]
    rating = rate(_plan(), figures, 2024)
    assert rating.components["total"] == pytest.approx(80)  # 2022's own figure is inside the total
    assert rating.evidence == ("m20232021", "m2024")
    assert (rating.status, rating.components["share"]) == (Status.ON_TRACK, pytest.approx(80))


def test_a_year_without_a_figure_leaves_the_total_unknown() -> None:
    gap = rate(_plan(), [_y(2021, 10.0), _y(2023, 10.0)], 2023)  # 2022 is missing: 20 is a lower bound
    assert (gap.status, gap.reason) == (Status.NOT_YET_DUE, Reason.PERIOD_GAPS)
    enough = rate(_plan(), [_y(2021, 40.0), _y(2023, 30.0)], 2023)  # the lower bound is on the path already
    assert enough.status is Status.ON_TRACK
    late = rate(_plan(), [_y(2021, 20.0), _y(2022, 20.0)], 2026)
    assert (late.status, late.reason) == (Status.NO_DATA, Reason.NO_FIGURE_FOR_YEAR)


def test_a_cumulative_ceiling_holds_while_the_total_stays_under_it() -> None:
    assert rate(_plan("at-most", 50.0), [_y(2021, 30.0), _y(2022, 20.0)], 2022).status is Status.ON_TRACK
    assert rate(_plan("at-most", 50.0), [_y(2021, 30.0), _y(2022, 20.1)], 2022).status is Status.OFF_TRACK


_PLEDGE = {"id": "c-1", "district_code": "110115", "indicator": "schools-added", "area_zh": None,
           "comparator": "reach", "target_value": "10", "target_value_max": None, "unit": "school",
           "target_year": "2025", "baseline_value": None, "baseline_year": None, "period_start": "2021",
           "topic": "education", "statement_zh": "新建学校10所", "statement_en": None,
           "quote": "十四五期间累计新建学校10所"}  # fmt: skip
_UNITS = {"code": ["school"], "factor": ["1"], "dimension": ["count-school"]}


def _rated(
    measure: str | None, figures: list[tuple[str, str | None, str]], as_of: int = 2023, quote: str | None = None
) -> tuple[str, str]:
    """The method and status of a five-year target of 10 schools from the figures (year, period_start,
    value), with the indicator's ``measure`` (None: the codelist has no such column) and the pledge's quote
    (default: a total, 十四五期间累计新建学校10所)."""
    import polars as pl

    from pledgekit.track.evidence import progress

    indicators = {"code": ["schools-added"], "kind": ["level"]} | ({} if measure is None else {"measure": [measure]})
    metrics = {
        "id": [f"m-{i}" for i in range(len(figures))], "district_code": ["110115"] * len(figures),
        "indicator": ["schools-added"] * len(figures), "area_zh": [None] * len(figures),
        "year": [y for y, _, _ in figures], "period_start": [p for _, p, _ in figures],
        "value": [v for _, _, v in figures], "unit": ["school"] * len(figures), "status": ["actual"] * len(figures),
    }  # fmt: skip
    pledge = _PLEDGE | ({} if quote is None else {"quote": quote, "statement_zh": quote})
    frames = [pl.DataFrame(d, schema=dict.fromkeys(d, pl.String)) for d in ({k: [v] for k, v in pledge.items()},
              metrics, _UNITS, indicators)]  # fmt: skip
    [found] = progress(*frames, as_of)
    return found.rating.method, str(found.rating.status)


YEARLY = [("2021", None, "2"), ("2022", None, "2"), ("2023", None, "2")]  # 6 of 10 by 2023: the share is 6


@pytest.mark.parametrize(
    ("measure", "figures", "expected"),
    [
        ("flow", YEARLY, ("cumulative", "on-track")),  # a flow adds up: 6 of a pro-rata share of 6
        ("flow", [*YEARLY[:2], ("2023", None, "1.6")], ("cumulative", "off-track")),  # 5.6 < 0.95 × 6
        ("stock", YEARLY, ("path", "off-track")),  # a stock does not: 2 schools is not on the way to 10
        ("stock", [("2023", "2021", "6")], ("path", "not-yet-due")),  # never a total: one figure is no path
        (None, YEARLY, ("path", "off-track")),  # unknown: yearly figures alone are a level series
        (None, [("2023", "2021", "6")], ("cumulative", "on-track")),  # unknown: a figure over the period adds up
        ("", [("2023", "2021", "6")], ("cumulative", "on-track")),  # an empty cell is unknown too
    ],
)
def test_a_plan_period_target_adds_up_when_its_indicator_is_a_flow(
    measure: str | None, figures: list[tuple[str, str | None, str]], expected: tuple[str, str]
) -> None:
    assert _rated(measure, figures) == expected


def test_a_flow_target_whose_quote_names_no_total_is_the_amount_of_its_target_year() -> None:
    """高精尖产业实现收入3450亿元 (2021-2025) is the revenue of 2025, not five years of revenue added up."""
    assert _rated("flow", YEARLY, quote="新建学校10所") == ("path", "off-track")
    assert _rated("flow", YEARLY, quote="到2025年新建学校10所") == ("path", "off-track")
    assert _rated("flow", YEARLY, quote="五年内共计新建学校10所") == ("cumulative", "on-track")


def test_a_flow_target_at_its_deadline_is_the_sum_of_its_five_years() -> None:
    years = [(str(y), None, "2") for y in range(2021, 2026)]
    assert _rated("flow", years, 2025) == ("cumulative", "achieved")
    assert _rated("flow", [*years[:4], ("2025", None, "1.9")], 2025) == ("cumulative", "missed")
    assert _rated("stock", years, 2025) == ("level", "missed")  # a stock of 2 is not 10


def test_a_package_without_metrics_is_tracked_from_its_assessments(tmp_path: Path) -> None:
    """No figure yet (the metrics resource has its header only): the assessments alone give statuses."""
    package = _with_assessments(tmp_path, SCHOOLS)
    metrics = package / "data/metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert _issues(tmp_path) == []
    result = run_cli("track", "--as-of", "2024", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    statuses = {p["id"]: (p["status"], p["computed_status"]) for p in json.loads(result.stdout)["progress"]}
    assert statuses == {"c-000-0001": ("not-yet-due", "not-yet-due"), "c-000-0002": ("on-track", "not-yet-due")}
