"""The scorecard's small chart: a commitment's figures against its target path, as inline SVG made on the
server (no script, no font or file from elsewhere). Pure: numbers in, escaped markup out.

The target path is the straight line from the start (the baseline, else the earliest figure) to the target
in the target year, for a floor (``reach``, ``at-least``) on a level indicator, as pledge tracking's path
method draws it (docs/tracking.md); for every other target it is the target's level (a band for a range)
up to the target year. Figures are dots joined by a line; an estimate is a hollow dot and a figure the
status rests on is marked ``evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 10, 22  # margins: the value labels left, the years below


@dataclass(frozen=True)
class Point:
    """A figure of the chart, in the target's unit."""

    year: int
    value: float
    id: str = ""
    estimate: bool = False
    evidence: bool = False


@dataclass(frozen=True)
class Goal:
    """The target, in its own unit; ``start`` (year, value) makes it a path, else a level."""

    year: int
    value: float
    value_max: float | None = None
    start: tuple[int, float] | None = None


@dataclass(frozen=True)
class Box:
    """The plot area and the ranges it shows; ``x`` and ``y`` place a year and a value in it."""

    years: tuple[int, int]
    values: tuple[float, float]

    def x(self, year: float) -> float:
        low, high = self.years
        return LEFT + (year - low) / (high - low) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        low, high = self.values
        return HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - TOP - BOTTOM)


def number(value: float) -> str:
    """A value as a label: at most four significant digits, no exponent for the usual magnitudes."""
    shown = f"{value:.4g}"
    return f"{value:.0f}" if "e" in shown and abs(value) < 1e15 else shown


def box(points: list[Point], goal: Goal) -> Box:
    """The ranges of the plot: every figure, the start and the target, with a margin of a tenth."""
    years = [p.year for p in points] + [goal.year] + ([goal.start[0]] if goal.start else [])
    values = [p.value for p in points] + [goal.value]
    values += [v for v in (goal.value_max, goal.start[1] if goal.start else None) if v is not None]
    low_year, high_year = min(years), max(years)
    if low_year == high_year:
        low_year, high_year = low_year - 1, high_year + 1
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high > low else max(abs(high) / 10, 1.0)
    return Box((low_year, high_year), (low - pad, high + pad))


def _f(value: float) -> str:
    return f"{value:.1f}"


def _target(goal: Goal, frame: Box) -> list[Markup]:
    shapes: list[Markup] = []
    if goal.value_max is not None:
        top, bottom = frame.y(goal.value_max), frame.y(goal.value)
        shapes.append(
            Markup('<rect class="target-band" x="{}" y="{}" width="{}" height="{}"/>').format(
                _f(LEFT), _f(top), _f(frame.x(goal.year) - LEFT), _f(bottom - top)
            )
        )
    start = goal.start or (frame.years[0], goal.value)
    shapes.append(
        Markup('<line class="target" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
            _f(frame.x(start[0])), _f(frame.y(start[1])), _f(frame.x(goal.year)), _f(frame.y(goal.value))
        )
    )
    shapes.append(
        Markup('<rect class="goal" x="{}" y="{}" width="8" height="8"><title>{}: {}</title></rect>').format(
            _f(frame.x(goal.year) - 4), _f(frame.y(goal.value) - 4), goal.year, number(goal.value)
        )
    )
    return shapes


def _figures(points: list[Point], frame: Box) -> list[Markup]:
    shapes: list[Markup] = []
    if len(points) > 1:
        line = " ".join(f"{_f(frame.x(p.year))},{_f(frame.y(p.value))}" for p in points)
        shapes.append(Markup('<polyline class="series" points="{}"/>').format(line))
    dot = Markup(
        '<circle class="{}" cx="{}" cy="{}" r="3" data-id="{}" data-year="{}" data-value="{}">'
        "<title>{} {}: {}</title></circle>"
    )
    for p in points:
        kind = " ".join(["figure", *(["estimate"] if p.estimate else []), *(["evidence"] if p.evidence else [])])
        x, y = _f(frame.x(p.year)), _f(frame.y(p.value))
        shapes.append(dot.format(kind, x, y, p.id, p.year, repr(p.value), p.id, p.year, number(p.value)))
    return shapes


def _axes(frame: Box) -> list[Markup]:
    (first, last), (low, high) = frame.years, frame.values
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    text = '<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>'
    return [
        Markup('<rect class="frame" x="{}" y="{}" width="{}" height="{}"/>').format(
            LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        ),
        Markup(text).format("year", LEFT, HEIGHT - 6, "start", first),
        Markup(text).format("year", right, HEIGHT - 6, "end", last),
        Markup(text).format("value", LEFT - 4, TOP + 8, "end", number(high)),
        Markup(text).format("value", LEFT - 4, bottom, "end", number(low)),
    ]


def svg(points: list[Point], goal: Goal | None, caption: str) -> Markup | None:
    """The chart of ``points`` against ``goal``, or None when there is no figure or no target to draw.

    >>> str(svg([], Goal(2025, 90.0), "none"))
    'None'
    """
    if not points or goal is None:
        return None
    ordered = sorted(points, key=lambda p: (p.year, p.id))
    frame = box(ordered, goal)
    shapes = [*_axes(frame), *_target(goal, frame), *_figures(ordered, frame)]
    return Markup(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-label="{}"><title>{}</title>{}</svg>'
    ).format(WIDTH, HEIGHT, WIDTH, HEIGHT, caption, escape(caption), Markup("").join(shapes))
