"""Values in base units on whole columns: the one place the checks read the units codelist's factors and
compare converted values (the domain rules, provenance and consistency all come here).

``units.UnitTable`` converts one value exactly, in decimal arithmetic, and is the reference. The checks
convert millions of values at once, in binary floating point, and call two values the same when they
differ by less than one part in 10¹² (``RELATIVE``): a product of two doubles is off by a few parts in
10¹⁶ at most, so every pair the exact conversion calls equal is the same here, and for figures of up to
eleven significant digits every pair that differs in a written digit differs here (``tests/test_units.py``
checks both directions against ``UnitTable`` on the codelist's units).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table

# The column that holds each resource's figure, and its year.
VALUE = {"commitments": "target_value", "metrics": "value"}
YEAR = {"commitments": "target_year", "metrics": "year"}
RELATIVE = 1e-12  # two values in base units are the same below this relative difference
WHOLE = 1e-6  # a count in base units is whole when it is this close to an integer


def factors(units: Table | None) -> pl.DataFrame:
    """(unit, unit_factor) from the units codelist; empty when it is missing or broken."""
    import polars as pl

    if units is None or not {"code", "factor"} <= set(units.frame.columns):
        return pl.DataFrame({"unit": [], "unit_factor": []}, schema={"unit": pl.String, "unit_factor": pl.Float64})
    return units.frame.select(
        pl.col("code").alias("unit"), pl.col("factor").cast(pl.Float64, strict=False).alias("unit_factor")
    ).unique(subset="unit")


def same(value: pl.Expr, other: pl.Expr) -> pl.Expr:
    """Two values in base units are the same figure (relative to the larger of 1 and ``other``)."""
    import polars as pl

    return (value - other).abs() < RELATIVE * pl.max_horizontal(pl.lit(1.0), other.abs())


def close(value: float | None, other: float | None) -> bool:
    """``same`` for two single values (both missing counts as the same)."""
    if value is None or other is None:
        return value is other
    return abs(value - other) < RELATIVE * max(1.0, abs(other))


def whole(value: pl.Expr) -> pl.Expr:
    """A value in base units that is a whole number (a count of things)."""
    return (value - value.round(0)).abs() < WHOLE
