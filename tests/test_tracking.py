"""Pledge tracking: each method's thresholds on constructed series (both sides of each), and
``pledgekit track`` on a tiny package of the test's own."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import fixtures
from conftest import run_cli
from pledgekit.track.methods import ON_TRACK_RATIO, Figure, Target, delivered, meets, rate
from pledgekit.track.statuses import Reason, Status


def _target(comparator: str = "at-least", base: float = 200.0, year: int = 2025, **more: object) -> Target:
    return Target(id="c", comparator=comparator, kind=more.pop("kind", "level"), base=base, year=year, **more)  # type: ignore[arg-type]


def _f(year: int, base: float, *, estimate: bool = False, period_start: int | None = None) -> Figure:
    return Figure(id=f"m{year}", year=year, base=base, estimate=estimate, period_start=period_start)


@pytest.mark.parametrize(
    ("comparator", "kind", "target", "value", "expected"),
    [
        ("at-least", "level", 200, 200, True), ("at-least", "level", 200, 199.99, False),
        ("reach", "level", 200, 201, True), ("at-most", "level", 200, 200, True),
        ("at-most", "level", 200, 200.01, False),
        ("about", "growth", 6, 6.5, True), ("about", "growth", 6, 6.51, False),  # half a percentage point
        ("about", "level", 200, 210, True), ("about", "level", 200, 210.1, False),  # 5 %
    ],
)  # fmt: skip
def test_a_figure_meets_its_target_by_the_comparator(
    comparator: str, kind: str, target: float, value: float, expected: bool
) -> None:
    assert meets(value, _target(comparator, target, kind=kind)) is expected


def test_a_range_is_inclusive_at_both_ends() -> None:
    band = _target("range", 5, base_max=6, kind="growth")
    assert [meets(v, band) for v in (4.99, 5, 6, 6.01)] == [False, True, True, False]


def test_a_growth_target_is_rated_on_the_figure_of_its_year() -> None:
    target = _target("at-least", 5, 2024, kind="growth")
    assert rate(target, [_f(2024, 5.0)], 2024).status is Status.ACHIEVED
    assert rate(target, [_f(2024, 4.9)], 2024).status is Status.MISSED
    provisional = rate(target, [_f(2024, 5.2, estimate=True)], 2024)
    assert provisional.status is Status.ACHIEVED and provisional.provisional
    missing = rate(target, [_f(2023, 7.0)], 2024)
    assert (missing.status, missing.reason) == (Status.NO_DATA, Reason.NO_FIGURE_FOR_YEAR)


def test_a_period_growth_target_is_on_track_while_the_mean_of_its_years_meets_it() -> None:
    target = _target("at-least", 6, 2025, kind="growth", period_start=2021)
    on = rate(target, [_f(2021, 7.0), _f(2022, 5.0)], 2022)
    assert (on.status, on.method, on.evidence) == (Status.ON_TRACK, "growth-average", ("m2021", "m2022"))
    assert rate(target, [_f(2021, 6.0), _f(2022, 5.9)], 2022).status is Status.OFF_TRACK
    assert rate(target, [_f(2025, 6.1, period_start=2021)], 2025).status is Status.ACHIEVED


def test_a_level_target_after_its_deadline_is_achieved_or_missed() -> None:
    assert rate(_target(), [_f(2025, 200)], 2025).status is Status.ACHIEVED
    assert rate(_target(), [_f(2025, 199)], 2025).status is Status.MISSED
    early = rate(_target(), [_f(2023, 205), _f(2025, 199)], 2025)
    assert early.status is Status.MISSED  # the figure of the target year decides
    reached = rate(_target(), [_f(2023, 205)], 2026)
    assert (reached.status, reached.method) == (Status.ACHIEVED, "level-reached-early")


def test_a_ceiling_before_its_deadline_is_on_track_while_it_holds() -> None:
    ceiling = _target("at-most", 56.8)
    assert rate(ceiling, [_f(2022, 56.0)], 2022).status is Status.ON_TRACK
    assert rate(ceiling, [_f(2022, 57.0)], 2022).status is Status.OFF_TRACK


@pytest.mark.parametrize(("latest", "status"), [(157.0, Status.ON_TRACK), (156.9, Status.OFF_TRACK)])
def test_the_path_from_the_baseline_puts_the_threshold_at_the_stated_ratio(latest: float, status: Status) -> None:
    """Baseline 100 in 2020, target 200 in 2025: by 2023 the straight path is at 160, so 157 is exactly
    ON_TRACK_RATIO of the way there."""
    target = _target(baseline=(2020, 100.0))
    rating = rate(target, [_f(2023, latest)], 2023)
    assert rating.status is status
    assert rating.components["expected"] == pytest.approx(160)
    assert (rating.components["ratio"] >= ON_TRACK_RATIO) is (status is Status.ON_TRACK)


@pytest.mark.parametrize(("goal", "status"), [(146.0, Status.ON_TRACK), (147.0, Status.OFF_TRACK)])
def test_two_figures_are_projected_at_their_compound_growth_to_the_target_year(goal: float, status: Status) -> None:
    """100 in 2021 and 121 in 2023 grow 10 % a year: 146.41 by 2025."""
    rating = rate(_target(base=goal), [_f(2021, 100.0), _f(2023, 121.0)], 2023)
    assert rating.status is status
    assert rating.components["projected"] == pytest.approx(146.41)
    assert rating.components["ratio"] < ON_TRACK_RATIO  # the straight path alone would say off track


def test_one_figure_and_no_baseline_cannot_show_progress() -> None:
    rating = rate(_target(), [_f(2022, 150.0)], 2022)
    assert (rating.status, rating.reason, rating.evidence) == (Status.NOT_YET_DUE, Reason.NO_PATH, ("m2022",))


def test_figures_after_the_as_of_year_are_not_seen() -> None:
    assert rate(_target(), [_f(2025, 250.0)], 2024).status is Status.NOT_YET_DUE


def test_track_rates_every_commitment_of_a_package(tmp_path: Path) -> None:
    fixtures.tiny_package(tmp_path / "datapackages" / "example")
    result = run_cli("track", "--as-of", "2024", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    by_id = {p["id"]: p for p in document["progress"]}
    assert set(by_id) == {"c-000-0001", "c-000-0002"}
    assert (by_id["c-000-0001"]["status"], by_id["c-000-0001"]["method"], by_id["c-000-0001"]["reason"]) == (
        "not-yet-due", "growth", "no-figure-yet",
    )  # fmt: skip
    assert (by_id["c-000-0002"]["status"], by_id["c-000-0002"]["reason"]) == ("not-yet-due", "no-metric")
    assert document["as_of"] == 2024 and sum(document["counts"].values()) == 2

    after = json.loads(run_cli("track", "--as-of", "2025", "--format", "json", cwd=tmp_path).stdout)
    first = next(p for p in after["progress"] if p["id"] == "c-000-0001")
    assert (first["status"], first["reason"]) == ("no-data", "no-figure-for-target-year")


def test_track_writes_csv_and_chinese_text(tmp_path: Path) -> None:
    fixtures.tiny_package(tmp_path / "datapackages" / "example")
    rows = list(csv.DictReader(io.StringIO(run_cli("track", "--format", "csv", cwd=tmp_path).stdout)))
    assert [r["id"] for r in rows] == ["c-000-0001", "c-000-0002"] and rows[0]["as_of"] == "2024"
    text = run_cli("track", "--lang", "zh", cwd=tmp_path).stdout
    assert text.startswith("截至 2024:") and "尚未到期" in text
    assert "c-000-0002 尚未到期 — 该区域暂无该指标的数据: 新建学校6所 · 教育\n" in text  # the topic by its name
    assert ": Build 6 schools · Education\n" in run_cli("track", "--lang", "en", cwd=tmp_path).stdout


def test_every_topic_of_the_standard_has_a_name_in_both_languages() -> None:
    from pledgekit.io import jsonfile
    from pledgekit.standard.labels import categories

    schema = jsonfile.load(fixtures.STANDARD / "table" / "commitments.schema.json")
    [topic] = [f for f in schema["fields"] if f["name"] == "topic"]
    names = categories(schema, "topic")
    assert list(names) == topic["constraints"]["enum"]  # one name per code, in the same order
    assert all(zh != en and zh and en for zh, en in names.values())
    assert names["urban-renewal"] == ("城市更新", "Urban renewal")


def test_the_status_vocabulary_is_declared_in_the_standard_with_the_names_track_shows() -> None:
    """The assessments' status field names every status in both languages, as track and the scorecard do."""
    from pledgekit.io import jsonfile
    from pledgekit.standard.labels import categories
    from pledgekit.track.statuses import LABELS

    schema = jsonfile.load(fixtures.STANDARD / "table" / "assessments.schema.json")
    [status] = [f for f in schema["fields"] if f["name"] == "status"]
    assert status["constraints"]["enum"] == [str(s) for s in Status]
    assert categories(schema, "status") == {str(s): (zh, en) for s, (en, zh) in LABELS.items()}


def test_invalid_data_is_not_tracked(tmp_path: Path) -> None:
    package = fixtures.tiny_package(tmp_path / "datapackages" / "example")
    path = package / "data/metrics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",5.2,", ",5.3,", 1), encoding="utf-8")
    result = run_cli("track", cwd=tmp_path)
    assert result.returncode == 1 and "nothing tracked: the data is invalid" in result.stderr
    assert "value-not-in-quote" in result.stdout


def test_without_metrics_the_year_is_the_latest_publication(tmp_path: Path) -> None:
    package = fixtures.tiny_package(tmp_path / "datapackages" / "example")
    path = package / "data/metrics.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    document = json.loads(run_cli("track", "--format", "json", cwd=tmp_path).stdout)
    assert document["as_of"] == 2025  # the fixture's source is published in 2025
    assert {p["id"]: p["status"] for p in document["progress"]} == {"c-000-0001": "no-data", "c-000-0002": "no-data"}


def test_a_release_carries_progress_and_its_changelog_names_status_changes(tmp_path: Path) -> None:
    package = fixtures.tiny_package(tmp_path / "datapackages" / "example")
    assert run_cli("publish", "--out", "dist", cwd=tmp_path).returncode == 0
    first = tmp_path / "dist" / "example-pledges" / "1.0.0"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((first / "progress.csv").read_text(encoding="utf-8")))}
    assert rows["c-000-0001"]["status"] == "not-yet-due" and rows["c-000-0001"]["as_of"] == "2024"
    schema = json.loads((first / "progress.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == list(next(iter(rows.values())))
    assert "progress.csv" in (first / "SHA256SUMS").read_text(encoding="utf-8")

    with (package / "data/metrics.csv").open("a", encoding="utf-8") as metrics:  # the 2025 figure arrives
        metrics.write("m-000-0004,110115,gdp-growth,2025,,5,,pct,about,estimate,src-000,地区生产总值增长5%左右,,,,\n")
    assert run_cli("publish", "--out", "dist", cwd=tmp_path).returncode == 0
    second = tmp_path / "dist" / "example-pledges" / "1.1.0"
    changelog = (second / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "- c-000-0001: not-yet-due → achieved" in changelog
    assert "- c-000-0002: not-yet-due → no-data" in changelog
    assert run_cli("verify", "dist", cwd=tmp_path).returncode == 0


def test_a_total_over_another_period_does_not_rate_a_target() -> None:
    """A 2022 target of 11 km against the 2017-2021 total of 50 km: not a figure of the target's year."""
    single = _target("reach", 11, 2022)
    other = [_f(2021, 50.0, period_start=2017)]
    assert (rate(single, other, 2024).status, rate(single, other, 2024).reason) == (
        Status.NO_DATA, Reason.OTHER_PERIOD,
    )  # fmt: skip
    assert rate(single, other, 2021).status is Status.NOT_YET_DUE
    assert rate(single, [*other, _f(2022, 11.0)], 2024).status is Status.ACHIEVED  # its own year decides
    plan = _target("reach", 60, 2025, period_start=2021)
    assert rate(plan, [_f(2021, 50.0, period_start=2017), _f(2024, 70.0, period_start=2021)], 2024).status is (
        Status.ACHIEVED
    )  # a figure over the target's own period counts


def test_a_count_pledge_says_how_many_of_its_target_are_delivered() -> None:
    """10 schools by 2025, 6 built by 2023: 6 of 10, from the latest figure its status rests on."""
    target = _target("reach", 10, period_start=2021)
    figures = [_f(2022, 4), _f(2023, 6)]
    rating = delivered(target, rate(target, figures, 2023), figures)
    assert (rating.components["delivered"], rating.components["of"]) == (6, 10)
    total = _target("reach", 10, period_start=2021, cumulative=True)
    yearly = [_f(2021, 2), _f(2022, 2), _f(2023, 2)]
    rating = delivered(total, rate(total, yearly, 2023), yearly)
    assert (rating.method, rating.components["delivered"], rating.components["of"]) == ("cumulative", 6, 10)


@pytest.mark.parametrize(
    ("target", "figures"),
    [
        (_target("at-most", 10), [_f(2023, 6)]),  # a ceiling is not delivered
        (_target("reach", 6, kind="growth"), [_f(2025, 6)]),  # a rate is not a count
        (_target("reach", 10), []),  # nothing rests on a figure
    ],
)
def test_only_a_floor_on_a_count_with_figures_has_a_delivered_fraction(target: Target, figures: list[Figure]) -> None:
    assert "delivered" not in delivered(target, rate(target, figures, 2023), figures).components


def test_track_text_shows_the_delivered_fraction_of_a_count_pledge(tmp_path: Path) -> None:
    package = fixtures.tiny_package(tmp_path / "datapackages" / "example")
    metrics = package / "data" / "metrics.csv"
    line = "m-000-0009,110115,schools-added,2024,,6,,school,exact,actual,src-000,新建学校6所,,,,\n"
    metrics.write_text(metrics.read_text(encoding="utf-8") + line, encoding="utf-8")
    result = run_cli("track", "--as-of", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[m-000-0009] 6 of 6" in next(x for x in result.stdout.splitlines() if x.startswith("c-000-0002"))
