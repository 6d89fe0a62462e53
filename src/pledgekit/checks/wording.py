"""The row says what its quote says: the words the quote writes around the row's number, read against the
row (``occurrences.py`` finds them, on whole columns).

- ``qualifier-contradicts-quote``: every occurrence of the number carries a qualifying word (以上, 不到,
  左右 …) and none means the row's ``qualifier`` (metrics) or ``comparator`` (commitments other than
  ``range`` and ``complete``);
- ``direction-contradicts-quote``: a word of decrease (下降, 减少 …) before the positive number of a growth
  indicator, a word of increase before its negative number (a fall is recorded as -3.2 with 下降3.2%), or a
  word of increase before the number of a reduction indicator;
- ``unit-contradicts-quote``: no occurrence is written with the unit's magnitude and unit word (``2.16万个``
  recorded as 2.16 个, ``3个百分点`` recorded as 3 %);
- ``status-contradicts-quote``: a metric marked ``actual`` whose number the quote gives after 预计;
- ``value-text-mismatch``: ``value_text`` read as a number (六, 四成, 翻一番, 千) is not the value.

A number the quote carries only in other units (21600 for ``2.16万``) has no occurrence and is left to
``value-not-in-quote``; a row whose number stands bare in the quote is never told it needs a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import Code
from ..issues import Issue, Location
from . import base_units, numbers, numerals
from .domain import lookup
from .occurrences import TRADITIONAL, magnitude, occurrences, simplified, unit_class
from .provenance import VALUE_COLUMNS, normalised

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table
    from .interface import Batch

QUALIFIER = {"commitments": "comparator", "metrics": "qualifier"}
UNRATED = ("range", "complete")  # comparators whose words are not one qualifier
_SIMPLIFIED = str.maketrans(TRADITIONAL)


def prepare(table: Table, held: dict[str, Table]) -> pl.DataFrame:
    """The rows with a number and a quote: ``_token`` (value_text, else the cell as written), the unit's
    magnitude and unit word, the indicator's kind."""
    import polars as pl

    frame = table.frame
    value = VALUE_COLUMNS[table.resource][0]
    for column in (value, "value_text", "quote", "unit", "indicator", "status", QUALIFIER[table.resource]):
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    units = lookup(held, "units", {"code": "unit", "symbol_zh": "_symbol"}).with_columns(
        magnitude(pl.col("_symbol")).alias("_unit_magnitude"), unit_class(pl.col("_symbol")).alias("_unit_word")
    )  # read on the codelist, not on every row
    kinds = lookup(held, "indicators", {"code": "indicator", "kind": "_kind"})
    quote = normalised(frame, "quote")
    return (  # one query
        frame.lazy()
        .filter(pl.col(value).is_not_null() & pl.col("quote").is_not_null())
        .join(units, on="unit", how="left", maintain_order="left")
        .join(kinds, on="indicator", how="left", maintain_order="left")
        .with_columns(
            pl.int_range(pl.len()).alias("_pos"),
            simplified(quote).alias("quote_n"),
            simplified(pl.coalesce("value_text", pl.col(value).str.strip_prefix("-"))).alias("_token"),
            pl.col(value).str.starts_with("-").alias("_negative"),
            pl.col("value_text").is_null().alias("_digits"),
            pl.col("_unit_magnitude").fill_null(""),  # a unit the codelist lacks, as a unit with no magnitude
        )
        .collect(engine="in-memory")
    )


def _flags(frame: pl.DataFrame, resource: str) -> pl.DataFrame:
    """One row per row with an occurrence, with a boolean column per contradiction."""
    import polars as pl

    found = occurrences(frame).join(frame.select("_pos", "_unit_magnitude", "_unit_word"), on="_pos")
    agrees = (pl.col("_magnitude") == pl.col("_unit_magnitude")) & (
        pl.col("_written").is_null() | (pl.col("_written") == pl.col("_unit_word").fill_null(""))
    )
    per_row = found.group_by("_pos").agg(
        pl.col("_word").is_not_null().all().alias("_all_worded"),
        pl.col("_word").drop_nulls().alias("_words"),
        pl.col("_said").drop_nulls().first().alias("_said"),
        pl.col("_verb").drop_nulls().alias("_verbs"),
        pl.col("_verb_said").drop_nulls().first().alias("_verb_said"),
        agrees.any().alias("_unit_ok"),
        pl.col("_estimated").all().alias("_estimated"),
        pl.col("_magnitude").first().alias("_written_magnitude"),
        pl.col("_written").drop_nulls().first().alias("_written_word"),
    )
    rows = frame.join(per_row, on="_pos", how="inner")
    qualifier = pl.col(QUALIFIER[resource])
    verbs = pl.col("_verbs")
    return rows.with_columns(
        (pl.col("_all_worded") & ~qualifier.is_in(UNRATED) & ~pl.col("_words").list.contains(qualifier)).alias(
            "_qualifier"
        ),
        (
            (
                (pl.col("_kind") == "growth")
                & pl.when(pl.col("_negative"))
                .then(verbs.list.contains("up") & ~verbs.list.contains("down"))
                .otherwise(verbs.list.contains("down") & ~verbs.list.contains("up"))
            )
            | ((pl.col("_kind") == "reduction") & verbs.list.contains("up") & ~verbs.list.contains("down"))
        ).alias("_direction"),
        (pl.col("_symbol").is_not_null() & ~pl.col("_unit_ok")).alias("_unit"),
        (pl.col("_estimated") & (pl.col("status") == "actual")).alias("_status"),
    )


def _value_text(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Rows whose value_text, read as a number, is not the value (texts that cannot be read are left)."""
    import polars as pl

    texts = frame.select(pl.col("value_text").drop_nulls().unique())["value_text"].to_list()
    read = pl.DataFrame(
        {"value_text": texts, "_read": [numerals.value(t.translate(_SIMPLIFIED)) for t in texts]},
        schema={"value_text": pl.String, "_read": pl.Float64},
    )
    joined = frame.join(read, on="value_text", how="inner").filter(pl.col("_read").is_not_null())
    return joined.filter(~base_units.same(numbers.number(value), pl.col("_read")).fill_null(True))


def check(table: Table, held: dict[str, Table], package: str) -> list[Issue]:
    import polars as pl

    frame = prepare(table, held)
    if frame.is_empty():
        return []
    value = VALUE_COLUMNS[table.resource][0]
    where = {"package": package, "resource": table.resource, "path": table.display}
    issues: list[Issue] = []
    for row in _value_text(frame, value).select("_row", value, "value_text", "_read").iter_rows(named=True):
        issues.append(
            Issue(
                Code.VALUE_TEXT_MISMATCH,
                Location(**where, row=row["_row"], field=value),
                value=row[value],
                context={"value_text": row["value_text"], "read": f"{row['_read']:g}"},
            )
        )
    flags = _flags(frame, table.resource)
    field = QUALIFIER[table.resource]
    columns = ("_row", field, "indicator", "unit", "_symbol", "_kind", "_said", "_words", "_verb_said",
               "_written_magnitude", "_written_word")  # fmt: skip
    for row in flags.filter(pl.col("_qualifier")).select(columns).iter_rows(named=True):
        issues.append(
            Issue(
                Code.QUALIFIER_CONTRADICTS_QUOTE,
                Location(**where, row=row["_row"], field=field),
                value=row[field],
                context={"written": row["_said"], "meaning": row["_words"][0]},
            )
        )
    for row in flags.filter(pl.col("_direction")).select(columns).iter_rows(named=True):
        issues.append(
            Issue(
                Code.DIRECTION_CONTRADICTS_QUOTE,
                Location(**where, row=row["_row"], field="indicator"),
                value=row["indicator"],
                context={"written": row["_verb_said"], "kind": row["_kind"]},
            )
        )
    for row in flags.filter(pl.col("_unit")).select(columns).iter_rows(named=True):
        written = (row["_written_magnitude"] or "") + (row["_written_word"] or "")
        issues.append(
            Issue(
                Code.UNIT_CONTRADICTS_QUOTE,
                Location(**where, row=row["_row"], field="unit"),
                value=row["unit"],
                context={"written": written or "∅", "symbol": row["_symbol"]},
            )
        )
    for row in flags.filter(pl.col("_status")).select("_row").iter_rows(named=True):
        issues.append(Issue(Code.STATUS_CONTRADICTS_QUOTE, Location(**where, row=row["_row"], field="status")))
    return sorted(issues, key=lambda issue: (issue.location.row or 0, issue.location.field or ""))


class Wording:
    """What the quote writes around the row's number (commitments and metrics)."""

    def __init__(self, resource: str) -> None:
        self.resource = resource

    @classmethod
    def start(cls, resource: str) -> Wording | None:
        return cls(resource) if resource in QUALIFIER else None

    def batch(self, batch: Batch) -> list[Issue]:
        return check(batch.table, dict(batch.held), batch.package.name)

    def finish(self) -> list[Issue]:
        return []
