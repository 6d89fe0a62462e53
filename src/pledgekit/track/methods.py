"""How a commitment is rated from its figures: pure functions of numbers in base units, one per method,
each threshold stated here and in docs/tracking.md.

- **growth** (indicator kinds growth, reduction, change): the figure for the target year (and the target's
  period, for an average over a plan period) meets the target → achieved, else missed; before the
  deadline, the mean of the period's yearly figures meeting the target → on track, else off track.
- **level** (every other kind), deadline passed: the figure for the target year meets the target → achieved,
  else missed; a floor (reach, at-least) met by any earlier figure is achieved too.
- **level**, deadline ahead: a floor already met → achieved; a ceiling (at-most), a band (about, range)
  met by the latest figure → on track, else the path; the **path** from the baseline (or the earliest
  figure) to the target: progress at least ``ON_TRACK_RATIO`` of the straight line to the target by now,
  or the compound annual growth of the figures (≥ 2 figures) projected to the target year meeting the
  target → on track, else off track; with one figure and no baseline → not yet due.
- **cumulative** (a level target over a plan period whose figures add up, ``Target.cumulative``): the
  total of the period so far (a figure over the period from its start, then the yearly figures after it)
  against the target: at the deadline it meets the target → achieved, else missed; before, a floor
  already met → achieved, else at least ``ON_TRACK_RATIO`` of the target's pro-rata share of the years
  covered → on track, else off track. A year of the period without a figure leaves the total unknown:
  no data after the deadline, not yet due before it (unless what is known already decides).

A rating decided by an estimate is provisional.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .statuses import Reason, Status

ON_TRACK_RATIO = 0.95  # progress / expected progress along the straight path, as in Open SDG's "on track"
ABOUT_POINTS = 0.5  # ``about`` a percentage: within half a percentage point
ABOUT_RELATIVE = 0.05  # ``about`` an amount: within 5 %
PERCENT_KINDS = ("growth", "reduction", "change", "share")
GROWTH_KINDS = ("growth", "reduction", "change")
FLOORS = ("reach", "at-least")


@dataclass(frozen=True)
class Figure:
    id: str
    year: int
    base: float  # the value in base units
    estimate: bool = False
    period_start: int | None = None


@dataclass(frozen=True)
class Target:
    id: str
    comparator: str
    kind: str | None
    base: float  # the target in base units
    year: int
    base_max: float | None = None
    baseline: tuple[int, float] | None = None  # (year, value in base units)
    period_start: int | None = None
    cumulative: bool = False  # a total over the plan period from ``period_start`` (its figures add up)

    @property
    def first_year(self) -> int:
        """The first year of the target's plan period (its own year when it has none)."""
        return self.period_start if self.period_start is not None else self.year


@dataclass(frozen=True)
class Rating:
    status: Status
    method: str
    reason: Reason | None = None
    provisional: bool = False
    evidence: tuple[str, ...] = ()
    components: dict[str, float] = field(default_factory=dict)


def meets(value: float, target: Target) -> bool:
    """The figure satisfies the target's comparator (floors and ceilings inclusive)."""
    slack = 1e-9 * max(abs(value), abs(target.base), 1.0)
    if target.comparator in FLOORS:
        return value >= target.base - slack
    if target.comparator == "at-most":
        return value <= target.base + slack
    if target.comparator == "about":
        if target.kind in PERCENT_KINDS:
            return abs(value - target.base) <= ABOUT_POINTS + slack
        return abs(value - target.base) <= ABOUT_RELATIVE * abs(target.base) + slack
    if target.comparator == "range" and target.base_max is not None:
        return target.base - slack <= value <= target.base_max + slack
    return False


def _decided(status: Status, method: str, figures: list[Figure], **components: float) -> Rating:
    return Rating(
        status,
        method,
        provisional=any(f.estimate for f in figures),
        evidence=tuple(f.id for f in figures),
        components=components,
    )


def growth(target: Target, figures: list[Figure], as_of: int) -> Rating:
    """A growth (or reduction, or change) target against the reported figures of its year or period."""
    own = [f for f in figures if target.period_start is None or f.period_start in (None, target.period_start)]
    at_year = [f for f in own if f.year == target.year and f.period_start == target.period_start]
    if at_year:
        figure = at_year[-1]
        status = Status.ACHIEVED if meets(figure.base, target) else Status.MISSED
        return _decided(status, "growth", [figure], value=figure.base, target=target.base)
    if target.year <= as_of:
        return Rating(Status.NO_DATA, "growth", Reason.NO_FIGURE_FOR_YEAR)
    start = target.first_year
    yearly = [f for f in figures if f.period_start is None and start <= f.year <= as_of]
    if not yearly:
        return Rating(Status.NOT_YET_DUE, "growth", Reason.NO_FIGURE_YET)
    mean = sum(f.base for f in yearly) / len(yearly)
    status = Status.ON_TRACK if meets(mean, target) else Status.OFF_TRACK
    return _decided(status, "growth-average", yearly, mean=mean, target=target.base)


def _path(target: Target, figures: list[Figure], as_of: int) -> Rating:
    """Progress along the straight line from the baseline (or the earliest figure) to the target, and the
    compound annual growth of the figures projected to the target year."""
    latest = figures[-1]
    start = target.baseline or ((figures[0].year, figures[0].base) if figures[0].year < latest.year else None)
    if start is None:
        return Rating(Status.NOT_YET_DUE, "path", Reason.NO_PATH, evidence=(latest.id,))
    start_year, start_value = start
    components: dict[str, float] = {"start": start_value, "latest": latest.base, "target": target.base}
    on_track = False
    if target.year > start_year and latest.year > start_year:
        expected = start_value + (target.base - start_value) * (latest.year - start_year) / (target.year - start_year)
        if not math.isclose(expected, start_value):
            ratio = (latest.base - start_value) / (expected - start_value)
            components.update(expected=expected, ratio=ratio)
            on_track = ratio >= ON_TRACK_RATIO
    first = figures[0]
    if len({f.year for f in figures}) >= 2 and first.base > 0 and latest.base > 0:
        cagr = (latest.base / first.base) ** (1 / (latest.year - first.year)) - 1
        projected = latest.base * (1 + cagr) ** (target.year - latest.year)
        components.update(cagr=cagr, projected=projected)
        on_track = on_track or meets(projected, target)
    status = Status.ON_TRACK if on_track else Status.OFF_TRACK
    return _decided(status, "path", figures, **components)


def _due(target: Target, figures: list[Figure], reached: list[Figure]) -> Rating:
    """The deadline has passed: the figure of the target year decides, or a floor met earlier."""
    at_year = [f for f in figures if f.year == target.year]
    if at_year:
        figure = at_year[-1]
        status = Status.ACHIEVED if meets(figure.base, target) else Status.MISSED
        return _decided(status, "level", [figure], value=figure.base, target=target.base)
    if reached:
        return _decided(Status.ACHIEVED, "level-reached-early", [reached[0]], value=reached[0].base)
    return Rating(Status.NO_DATA, "level", Reason.NO_FIGURE_FOR_YEAR, evidence=tuple(f.id for f in figures))


def level(target: Target, figures: list[Figure], as_of: int) -> Rating:
    """An amount, share or rate target against the figures up to ``as_of`` (sorted by year)."""
    if not figures:
        status = Status.NOT_YET_DUE if target.year > as_of else Status.NO_DATA
        return Rating(status, "level", Reason.NO_METRIC)
    floor = target.comparator in FLOORS
    reached = [f for f in figures if floor and meets(f.base, target)]
    if target.year <= as_of:
        return _due(target, figures, reached)
    if reached:
        return _decided(Status.ACHIEVED, "level-reached-early", [reached[0]], value=reached[0].base)
    latest = figures[-1]
    holds = meets(latest.base, target)
    if not floor and (holds or target.comparator == "at-most"):
        status = Status.ON_TRACK if holds else Status.OFF_TRACK
        return _decided(status, "level", [latest], value=latest.base, target=target.base)
    return _path(target, figures, as_of)


def period_total(target: Target, figures: list[Figure]) -> tuple[float, list[Figure], list[int]]:
    """The total of the plan period so far: the latest figure over the period from its first year (a
    total), then the yearly figures of the years after it; with the figures added and the years of the
    period up to the last figure that have none."""
    start = target.first_year
    totals = [f for f in figures if f.period_start == start and f.year <= target.year]
    used = [max(totals, key=lambda f: (f.year, f.id))] if totals else []
    covered = set(range(start, used[0].year + 1)) if used else set()
    for figure in figures:
        if figure.period_start is None and start <= figure.year <= target.year and figure.year not in covered:
            used.append(figure)
            covered.add(figure.year)
    last = max(covered, default=start - 1)
    missing = [year for year in range(start, last + 1) if year not in covered]
    return sum(f.base for f in used), sorted(used, key=lambda f: (f.year, f.id)), missing


def cumulative(target: Target, figures: list[Figure], as_of: int) -> Rating:
    """A total over the plan period against the sum of the period's figures up to ``as_of``."""
    start = target.first_year
    total, used, missing = period_total(target, figures)
    if not used:
        return Rating(Status.NOT_YET_DUE if target.year > as_of else Status.NO_DATA, "cumulative", Reason.NO_METRIC)
    covered = max(f.year for f in used) - start + 1
    share = target.base * covered / (target.year - start + 1)  # the target's pro-rata share of those years
    components = {"total": total, "target": target.base, "share": share, "years": float(covered)}
    if target.comparator in FLOORS and meets(total, target):
        status: Status | None = Status.ACHIEVED
    elif target.year <= as_of:
        complete = not missing and covered == target.year - start + 1
        status = (Status.ACHIEVED if meets(total, target) else Status.MISSED) if complete else None
    elif target.comparator == "at-most":
        status = Status.ON_TRACK if total <= target.base else Status.OFF_TRACK
    else:
        components["ratio"] = total / share if share else 0.0
        on_track = components["ratio"] >= ON_TRACK_RATIO
        status = Status.ON_TRACK if on_track else None if missing else Status.OFF_TRACK
    if status is None:  # the total is not known: a year of the period (or the target year) has no figure
        undecided = Status.NO_DATA if target.year <= as_of else Status.NOT_YET_DUE
        reason = Reason.PERIOD_GAPS if missing else Reason.NO_FIGURE_FOR_YEAR
        return Rating(undecided, "cumulative", reason, evidence=tuple(f.id for f in used), components=components)
    return _decided(status, "cumulative", used, **components)


def delivered(target: Target, rating: Rating, figures: list[Figure]) -> Rating:
    """A count pledge (a floor on a number of things) with its delivered fraction, 5 of 10: ``delivered``
    (the period's total for a cumulative target, else the latest figure its status rests on) and ``of``
    (the target), in base units. Other ratings are returned as they are."""
    if target.comparator not in FLOORS or target.kind in GROWTH_KINDS or not rating.evidence:
        return rating
    if rating.method == "cumulative" and "total" in rating.components:
        done = rating.components["total"]
    else:
        used = [f for f in figures if f.id in rating.evidence]
        if not used:
            return rating
        done = max(used, key=lambda f: (f.year, f.id)).base
    return replace(rating, components={**rating.components, "delivered": done, "of": target.base})


def rate(target: Target, figures: list[Figure], as_of: int) -> Rating:
    """The commitment's status as of the end of ``as_of``, from its figures (any order)."""
    ordered = sorted((f for f in figures if f.year <= as_of), key=lambda f: (f.year, f.id))
    if target.kind in GROWTH_KINDS:
        return growth(target, ordered, as_of)
    # A total over another plan period is no point of this target's series (nor of a single year's): a
    # 2022 target of 11 km is not met by the 2017-2021 total.
    own = [f for f in ordered if f.period_start in (None, target.period_start)]
    if ordered and not own:
        status = Status.NOT_YET_DUE if target.year > as_of else Status.NO_DATA
        return Rating(status, "cumulative" if target.cumulative else "level", Reason.OTHER_PERIOD)
    ordered = own
    if target.cumulative:
        return cumulative(target, ordered, as_of)
    return level(target, ordered, as_of)
