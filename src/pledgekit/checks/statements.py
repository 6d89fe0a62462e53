"""A commitment's statements state its target: ``statement_zh`` carries ``target_value`` as the quote does
(as written, as ``value_text``, or equal in base units with its magnitude word: ``2.16万``), and
``statement_en``, when it writes any number, has one equal to the target in base units with its English
magnitude (``345 bn yuan`` for 3450 亿元, ``6.9 million m2`` for 690 万平方米, ``19,000 mu`` for 1.9 万亩,
``8,940``). A statement in
words only (``six schools``) is not read. Both are warnings (``statement-value-missing``): a statement is
a summary a person writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import Code
from ..issues import Issue, Location
from . import base_units, numbers
from .domain import lookup
from .occurrences import magnitude
from .provenance import MAGNITUDES, carried, normalised, written

if TYPE_CHECKING:
    import polars as pl

    from .interface import Batch

ENGLISH_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:[\s-]*(?:trillion|tn|billion|bn|million|mn|thousand)\b)?"
ENGLISH_MAGNITUDES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
                      "thousand": 1e3}  # fmt: skip


def _chinese(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows whose statement_zh does not carry the target."""
    import polars as pl

    rows = frame.filter(pl.col("statement_zh").is_not_null())
    rows = rows.with_columns(normalised(rows, "statement_zh").alias("quote_n"))
    words = pl.col("value_text").is_not_null() & pl.col("quote_n").str.contains(pl.col("value_text"), literal=True)
    rows = rows.filter(~words.fill_null(False) & ~written("target_value"))
    if rows.is_empty():
        return rows
    found = carried(rows, "target_value")
    return rows.with_row_index("_p").filter(~pl.col("_p").is_in(found.implode())).drop("_p")


def _english(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows whose statement_en writes numbers, none of them the target."""
    import polars as pl

    rows = frame.filter(pl.col("statement_en").str.contains(r"[0-9]")).with_row_index("_p")
    numbers_written = (
        rows.select(
            "_p", "_base", "_value", "_magnified", pl.col("statement_en").str.extract_all(ENGLISH_NUMBER).alias("_n")
        )
        .explode("_n")
        .drop_nulls("_n")
        .with_columns(
            pl.col("_n").str.extract(r"^([0-9][0-9,]*(?:\.[0-9]+)?)").str.replace_all(",", "").cast(pl.Float64),
            pl.col("_n")
            .str.extract(r"([a-z]+)$")
            .replace_strict(ENGLISH_MAGNITUDES, default=1.0, return_dtype=pl.Float64)
            .alias("_mag"),
        )
    )
    written_value = pl.col("_n") * pl.col("_mag")
    same = pl.any_horizontal(
        base_units.same(written_value, pl.col(c)).fill_null(False) for c in ("_base", "_value", "_magnified")
    )
    stated = numbers_written.filter(same | base_units.same(pl.col("_n"), pl.col("_value")).fill_null(False))
    return rows.filter(~pl.col("_p").is_in(stated["_p"].implode())).drop("_p")


def check(frame: pl.DataFrame, factors: pl.DataFrame, symbols: pl.LazyFrame, where: dict[str, str]) -> list[Issue]:
    """``symbols``: unit → _symbol (the units codelist's symbol_zh), for the magnitude a unit writes (万亩)."""
    import polars as pl

    needed = {"statement_zh", "statement_en", "target_value", "value_text", "unit"}
    if not needed <= set(frame.columns):
        return []
    rows = (  # one query
        frame.lazy()
        .filter(pl.col("target_value").is_not_null() & pl.col("target_value").str.contains(numbers.DIGITS))
        .join(factors.lazy(), on="unit", how="left", maintain_order="left")
        .join(symbols, on="unit", how="left", maintain_order="left")
        .with_columns(numbers.number("target_value").alias("_value"))
        .with_columns(
            (pl.col("_value") * pl.col("unit_factor")).alias("_base"),
            (pl.col("_value") * magnitude(pl.col("_symbol")).replace_strict(MAGNITUDES, default=1.0)).alias(
                "_magnified"
            ),
        )
        .collect(engine="in-memory")
    )
    issues = []
    for field, missing in (("statement_zh", _chinese(rows)), ("statement_en", _english(rows))):
        for row, value in missing.select("_row", "target_value").iter_rows():
            issues.append(Issue(Code.STATEMENT_VALUE_MISSING, Location(**where, row=row, field=field), value=value))
    return sorted(issues, key=lambda issue: (issue.location.row or 0, issue.location.field or ""))


class Statements:
    """The target in a commitment's statements."""

    @classmethod
    def start(cls, resource: str) -> Statements | None:
        return cls() if resource == "commitments" else None

    def batch(self, batch: Batch) -> list[Issue]:
        table = batch.table
        where = {"package": batch.package.name, "resource": table.resource, "path": table.display}
        symbols = lookup(batch.held, "units", {"code": "unit", "symbol_zh": "_symbol"})
        return check(table.frame, batch.factors, symbols, where)

    def finish(self) -> list[Issue]:
        return []
