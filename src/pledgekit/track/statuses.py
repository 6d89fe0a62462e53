"""The status vocabulary of pledge tracking: what each status means, in both languages. The rule that
gives each is in ``methods.py`` and docs/tracking.md."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    MISSED = "missed"
    NOT_YET_DUE = "not-yet-due"
    NO_DATA = "no-data"
    UNRATEABLE = "unrateable"


LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("achieved", "已完成"),
    Status.ON_TRACK: ("on track", "进度正常"),
    Status.OFF_TRACK: ("off track", "进度滞后"),
    Status.MISSED: ("missed", "未完成"),
    Status.NOT_YET_DUE: ("not yet due", "尚未到期"),
    Status.NO_DATA: ("no data", "暂无数据"),
    Status.UNRATEABLE: ("unrateable", "无法评估"),
}


class Reason(StrEnum):
    """Why a commitment has no computed status (no-data, unrateable, not-yet-due)."""

    COMPLETION = "completion-pledge"  # no number: needs an assessment of completion
    NO_INDICATOR = "no-indicator"
    NO_METRIC = "no-metric"  # no figure of its indicator for its division and area
    OTHER_DIMENSION = "unit-other-dimension"
    NO_FIGURE_FOR_YEAR = "no-figure-for-target-year"
    NO_PATH = "no-path"  # one figure and no baseline: progress cannot be measured yet
    NOT_COMPARABLE = "not-comparable"  # the target and the figures cannot be compared (a range of growth …)
    PERIOD_GAPS = "period-years-missing"  # a cumulative target: a year of the period has no figure
    NO_FIGURE_YET = "no-figure-yet"  # a growth target before its deadline: no figure of its year or period yet
    OTHER_PERIOD = "other-period-only"  # the only figures are totals over another plan period


REASONS: dict[Reason, tuple[str, str]] = {
    Reason.COMPLETION: ("a completion pledge: rated only by an assessment", "完成类承诺:需人工评估"),
    Reason.NO_INDICATOR: ("the commitment has no indicator", "承诺未设指标"),
    Reason.NO_METRIC: ("no figure of its indicator for its division and area", "该区域暂无该指标的数据"),
    Reason.OTHER_DIMENSION: ("the figures are in a unit of another dimension", "数据单位的量纲与目标不同"),
    Reason.NO_FIGURE_FOR_YEAR: ("no figure for the target year", "暂无目标年份的数据"),
    Reason.NO_PATH: ("one figure and no baseline: progress cannot be measured", "仅有一个数据且无基期值,无法测算进度"),
    Reason.NOT_COMPARABLE: ("the target and the figures cannot be compared", "目标与数据无法比较"),
    Reason.PERIOD_GAPS: (
        "a year of the plan period has no figure: the total is unknown",
        "规划期内有年份缺少数据,累计值未知",
    ),
    Reason.NO_FIGURE_YET: ("no figure of the target's year or plan period yet", "目标年份或规划期内尚无数据"),
    Reason.OTHER_PERIOD: ("only totals over another plan period", "仅有其他规划期的累计数据"),
}
