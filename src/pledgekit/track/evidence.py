"""Each commitment with the figures that show whether it was kept: the metrics of its indicator and
breakdown, for its division and area, in a unit of the same dimension, all in base units (one join of the two resources
with the units and indicators codelists)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .methods import Figure, Rating, Target, delivered, rate
from .statuses import Reason, Status

if TYPE_CHECKING:
    import polars as pl

KEY = ("district_code", "indicator", "breakdown", "area_zh")


def keyed(frame: pl.DataFrame) -> pl.DataFrame:
    """The table with every column of ``KEY``: a table without ``breakdown`` (optional) is about the
    whole of each indicator."""
    import polars as pl

    missing = [pl.lit(None, dtype=pl.String).alias(c) for c in KEY if c not in frame.columns]
    return frame.with_columns(missing) if missing else frame


@dataclass(frozen=True)
class Assessment:
    """A curated judgement of one commitment's status as of the end of a year (the assessments resource)."""

    commitment_id: str
    as_of: int
    status: Status
    rationale_zh: str
    quote: str
    source_id: str
    assessor: str
    assessed_on: str
    rationale_en: str | None = None
    row: int | None = None  # the line of the assessments file, when read from a package


@dataclass(frozen=True)
class Progress:
    """One commitment's status as of a year, with what it rests on. ``rating`` is the status in the end;
    when an assessment applies, ``computed`` keeps the rating computed from the figures."""

    id: str
    district_code: str
    topic: str | None
    indicator: str | None
    statement_zh: str
    statement_en: str | None
    target: str | None  # the target as written, with its unit
    target_year: int
    as_of: int
    rating: Rating
    computed: Rating | None = None  # the computed rating, when an assessment applies (else ``rating``)
    assessment: Assessment | None = None  # the latest assessment up to ``as_of``

    @property
    def computed_rating(self) -> Rating:
        """The rating computed from the figures, whatever an assessment says."""
        return self.rating if self.computed is None else self.computed


def _based(frame: pl.DataFrame, value: str, units: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    return frame.join(units, on="unit", how="left").with_columns(
        (pl.col(value).cast(pl.Float64, strict=False) * pl.col("_factor")).alias("_base")
    )


def _int(value: object) -> int | None:
    return int(str(value)) if value not in (None, "") else None


def progress(
    commitments: pl.DataFrame, metrics: pl.DataFrame, units: pl.DataFrame, indicators: pl.DataFrame, as_of: int
) -> list[Progress]:
    """The progress of every commitment (tables as read from the package, all cells text)."""
    import polars as pl

    unit_table = units.select(
        pl.col("code").alias("unit"),
        pl.col("factor").cast(pl.Float64, strict=False).alias("_factor"),
        pl.col("dimension").alias("_dimension"),
    )
    measure = pl.col("measure") if "measure" in indicators.columns else pl.lit(None, pl.String)
    kinds = indicators.select(
        pl.col("code").alias("indicator"), pl.col("kind").alias("_kind"), measure.alias("_measure")
    )
    pledges = _based(keyed(commitments), "target_value", unit_table).join(kinds, on="indicator", how="left")
    pledges = pledges.with_columns(
        (pl.col("target_value_max").cast(pl.Float64, strict=False) * pl.col("_factor")).alias("_base_max"),
        (pl.col("baseline_value").cast(pl.Float64, strict=False) * pl.col("_factor")).alias("_baseline"),
    )
    figures = _based(keyed(metrics), "value", unit_table).select(
        *KEY,
        pl.col("id").alias("_m_id"),
        pl.col("year").cast(pl.Int64, strict=False).alias("_m_year"),
        pl.col("period_start").cast(pl.Int64, strict=False).alias("_m_ps"),
        pl.col("_base").alias("_m_base"),
        pl.col("_dimension").alias("_m_dimension"),
        (pl.col("status") == "estimate").alias("_m_estimate"),
    )
    grouped = figures.group_by(KEY).agg(pl.all())
    joined = pledges.join(grouped, on=list(KEY), how="left", nulls_equal=True)
    return [_one(row, as_of) for row in joined.sort("id").iter_rows(named=True)]


def _one(row: dict[str, Any], as_of: int) -> Progress:
    target_year = _int(row["target_year"]) or as_of
    written = f"{row['target_value']} {row['unit']}" if row.get("target_value") not in (None, "") else None
    ids, years = row.get("_m_id") or [], row.get("_m_year") or []
    columns = ("_m_ps", "_m_base", "_m_dimension", "_m_estimate")
    found = [
        (i, y, *rest)
        for i, y, *rest in zip(ids, years, *[row[c] or [] for c in columns], strict=True)
        if y is not None and rest[1] is not None
    ]
    rating = _rating(row, found, target_year, as_of)
    return Progress(
        id=str(row["id"]),
        district_code=str(row["district_code"]),
        topic=row.get("topic"),
        indicator=row.get("indicator"),
        statement_zh=str(row.get("statement_zh") or ""),
        statement_en=row.get("statement_en"),
        target=written,
        target_year=target_year,
        as_of=as_of,
        rating=rating,
    )


# The words that make a plan-period target a total of its years (十四五期间累计新增就业5万人); without one, a
# target of a flow (高精尖产业实现收入3450亿元) names its amount in the target year.
TOTAL_WORDS = ("累计", "累积", "共计", "合计", "总计", "期间")


def _adds_up(row: dict[str, Any], same: list[Any]) -> bool:
    """A level target over a plan period is a total of the period when its indicator is a flow (what is
    added or done within a year: the ``measure`` of the indicators codelist) and its quote says it is a
    total (``TOTAL_WORDS``), never when it is a stock; when the codelist does not say, when the data reports
    the indicator as a total over a period (a metric with a ``period_start``), which by the standard only an
    amount added up over the years is."""
    if row.get("_kind") != "level" or _int(row.get("period_start")) is None:
        return False
    measure = row.get("_measure")
    if measure == "flow":
        said = f"{row.get('quote') or ''} {row.get('statement_zh') or ''}"
        return any(word in said for word in TOTAL_WORDS)
    if measure == "stock":
        return False
    return any(f[2] is not None for f in same)


def _rating(row: dict[str, Any], found: list[Any], target_year: int, as_of: int) -> Rating:
    if row["comparator"] == "complete":
        return Rating(Status.NO_DATA, "completion", Reason.COMPLETION)
    if row.get("indicator") in (None, ""):
        return Rating(Status.UNRATEABLE, "none", Reason.NO_INDICATOR)
    if row.get("_base") is None:
        return Rating(Status.UNRATEABLE, "none", Reason.NOT_COMPARABLE)
    if not found:
        status = Status.NOT_YET_DUE if target_year > as_of else Status.NO_DATA
        return Rating(status, "none", Reason.NO_METRIC)
    same = [f for f in found if f[4] == row["_dimension"]]
    if not same:
        return Rating(Status.UNRATEABLE, "none", Reason.OTHER_DIMENSION, evidence=tuple(str(f[0]) for f in found))
    baseline_year = _int(row.get("baseline_year"))
    baseline = (baseline_year, float(row["_baseline"])) if baseline_year and row.get("_baseline") is not None else None
    target = Target(
        id=str(row["id"]),
        comparator=str(row["comparator"]),
        kind=row.get("_kind"),
        base=float(row["_base"]),
        year=target_year,
        base_max=row.get("_base_max"),
        baseline=baseline,
        period_start=_int(row.get("period_start")),
        cumulative=_adds_up(row, same),
    )
    figures = [
        Figure(id=str(i), year=int(y), base=float(b), estimate=bool(e), period_start=ps) for i, y, ps, b, _, e in same
    ]
    rating = rate(target, figures, as_of)
    return delivered(target, rating, figures) if str(row["_dimension"]).startswith("count") else rating
