"""Run the domain rules (``rules.py``) on each resource joined with its codelists.

The rules are polars expressions evaluated on whole columns in one select; ``pledgekit.models`` gives
the same rules as pandera schemas for other programs (pandera is not imported on the validator's path).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..io.tables import Table
from ..issues import Issue, Location
from . import numbers
from .base_units import VALUE, YEAR
from .rules import RULES, Rule, named_years

if TYPE_CHECKING:
    import polars as pl

    from .interface import Batch


def _number(name: str, frame: pl.DataFrame) -> pl.Expr:
    import polars as pl

    return numbers.number(name) if name in frame.columns else pl.lit(None, dtype=pl.Float64)


def _year(name: str, frame: pl.DataFrame) -> pl.Expr:
    """A year as an integer, null outside 1949-2100 (the structure check reports those)."""
    import polars as pl

    if name not in frame.columns:
        return pl.lit(None, dtype=pl.Int64)
    year = numbers.integer(name)
    return pl.when(year.is_between(1949, 2100)).then(year)


def prepare(table: Table, tables: dict[str, Table]) -> pl.DataFrame:
    """The resource with numbers parsed and the unit, indicator and source columns the rules read."""
    import polars as pl

    frame = table.frame
    for column in ("id", "quote", "indicator", "breakdown", "unit", "source_id", "comparator", "status",
                   "target_value_max", "baseline_value", "baseline_year", "period_start", "period_end"):  # fmt: skip
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    numbers = (
        _number(VALUE[table.resource], frame).alias("_value"),
        _number("target_value_max", frame).alias("_max"),
        _number("baseline_value", frame).alias("_bv"),
        _year(YEAR[table.resource], frame).alias("_year"),
        _year("period_start", frame).alias("_ps"),
        _year("period_end", frame).alias("_pe"),
        _year("baseline_year", frame).alias("_by"),
    )
    units = lookup(tables, "units", {"code": "unit", "dimension": "unit_dimension", "factor": "unit_factor"})
    indicators = lookup(
        tables, "indicators", {"code": "indicator", "dimension": "indicator_dimension", "kind": "indicator_kind"}
    )
    sources = lookup(tables, "sources", {"id": "source_id", "published": "published", "kind": "source_kind",
                                          "plan_year": "plan_year"})  # fmt: skip
    return (  # one query: on a batch of a few rows, each step's own query would cost more than its work
        frame.lazy()
        .with_columns(numbers)
        .join(units, on="unit", how="left", maintain_order="left")
        .join(indicators, on="indicator", how="left", maintain_order="left")
        .join(sources, on="source_id", how="left", maintain_order="left")
        .with_columns(
            named_years().alias("_named_years"),
            pl.col("unit_factor").cast(pl.Float64, strict=False),
            pl.col("published").str.slice(0, 4).cast(pl.Int64, strict=False),
            pl.col("plan_year").cast(pl.Int64, strict=False),
        )
        .with_columns(pl.col("_named_years").cast(pl.List(pl.String)).list.join(", ").alias("named_years"))
        .collect(engine="in-memory")
    )


def lookup(tables: Mapping[str, Table], name: str, columns: dict[str, str]) -> pl.LazyFrame:
    """A codelist's columns renamed for the join, one row per key; empty (all null) if absent."""
    import polars as pl

    table = tables.get(name)
    if table is None or not set(columns) <= set(table.frame.columns):
        return pl.LazyFrame({new: [] for new in columns.values()}, schema=dict.fromkeys(columns.values(), pl.String))
    key = next(iter(columns.values()))
    renamed = table.frame.lazy().select([pl.col(old).alias(new) for old, new in columns.items()])
    return renamed.unique(subset=key, keep="first", maintain_order=True)


def failing(rules: tuple[Rule, ...], frame: pl.DataFrame) -> list[tuple[int, int]]:
    """(row position, rule number) of every rule a row of ``frame`` breaks, in row order: the rules on
    whole columns, in one select."""
    import polars as pl

    flags = frame.lazy().select([(~rule.ok().fill_null(True)).alias(str(n)) for n, rule in enumerate(rules)])
    flags = flags.with_row_index("_p").filter(pl.any_horizontal(pl.exclude("_p")))  # most rows break none
    hits = flags.unpivot(index="_p").filter(pl.col("value")).select("_p", "variable").collect(engine="in-memory")
    return sorted((p, int(n)) for p, n in hits.iter_rows())


def check(table: Table, tables: dict[str, Table], package: str) -> list[Issue]:
    rules = RULES.get(table.resource)
    if not rules or table.frame.is_empty():
        return []
    frame = prepare(table, tables)
    issues = []
    for position, number in failing(rules, frame):
        rule = rules[number]
        row = frame.row(position, named=True)
        value = row.get(rule.field)
        where = Location(
            package=package, resource=table.resource, path=table.display, row=row["_row"], field=rule.field
        )
        context = {name: row.get(name) for name in rule.context}
        issues.append(
            Issue(rule.code, where, value=None if value is None else str(value), note=rule.note, context=context)
        )
    return issues


class Domain:
    """The domain rules of the standard's resources."""

    def __init__(self, resource: str) -> None:
        self.resource = resource

    @classmethod
    def start(cls, resource: str) -> Domain | None:
        return cls(resource) if RULES.get(resource) else None

    def batch(self, batch: Batch) -> list[Issue]:
        return check(batch.table, {**batch.held, self.resource: batch.table}, batch.package.name)

    def finish(self) -> list[Issue]:
        return []
