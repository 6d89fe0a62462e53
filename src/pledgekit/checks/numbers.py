"""Reading numbers from text cells: only canonical ASCII numbers count (``NaN``, ``1e999``, ``２０２４``
and ``1,334`` stay null, and the cells layer reports them), so rules never compute with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

CANONICAL = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"


def number(column: str) -> pl.Expr:
    """The column as Float64 where it holds a canonical number, null elsewhere."""
    import polars as pl

    return pl.when(pl.col(column).str.contains(CANONICAL)).then(pl.col(column).cast(pl.Float64, strict=False))


def integer(column: str) -> pl.Expr:
    """The column as Int64 where it holds a canonical integer, null elsewhere."""
    import polars as pl

    return pl.when(pl.col(column).str.contains(r"^-?(0|[1-9][0-9]*)$")).then(
        pl.col(column).cast(pl.Int64, strict=False)
    )
