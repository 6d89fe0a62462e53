"""Division codes against time and against the source: two joins on whole columns.

- ``district-retired``: the row's year is after the last year its code was listed (``valid_to``): 110228
  (密云县) for 2016, when the district had been 110118 (密云区) since 2015-11. A row's year is a metric's
  ``year``, a source's publication year, a commitment's source's publication year (when it was pledged).
- ``district-outside-source``: a commitment or metric about a division that is neither its source's
  division nor one inside it (the codelist's ``parent`` links, ``DistrictIndex.lineage``): a Miyun report
  speaks for Miyun, not for Daxing; a Beijing municipal report may speak for any district of Beijing.

A code the codelist lacks is left to the foreign-key check, and a row without a usable year or source to the
checks of those fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import Code
from ..issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table
    from .interface import Batch, DistrictLookup

FIELD = "district_code"


def _year(expr: pl.Expr) -> pl.Expr:
    import polars as pl

    return expr.str.slice(0, 4).cast(pl.Int64, strict=False)


def _source_columns(sources: Table | None) -> pl.DataFrame | None:
    """id → (the source's division, its publication year), for joining a commitment or metric to its source."""
    import polars as pl

    if sources is None or not {"id", FIELD, "published"} <= set(sources.frame.columns):
        return None
    return sources.frame.select(
        source_id="id", source_district=pl.col(FIELD), published_year=_year(pl.col("published"))
    ).unique("source_id", keep="first")


def _years(table: Table, sources: pl.DataFrame | None) -> pl.DataFrame | None:
    """(_row, district_code, year) of the rows of ``table`` whose year is known."""
    import polars as pl

    frame = table.frame
    if table.resource == "metrics" and "year" in frame.columns:
        years = frame.select("_row", FIELD, year=_year(pl.col("year")))
    elif table.resource == "sources" and "published" in frame.columns:
        years = frame.select("_row", FIELD, year=_year(pl.col("published")))
    elif sources is not None and "source_id" in frame.columns:
        joined = frame.select("_row", FIELD, "source_id").join(sources, on="source_id", how="left")
        years = joined.select("_row", FIELD, year="published_year")
    else:
        return None
    return years.filter(pl.col("year").is_not_null() & pl.col(FIELD).is_not_null())


def retired(table: Table, index: DistrictLookup, sources: pl.DataFrame | None, package: str) -> list[Issue]:
    import polars as pl

    years = _years(table, sources) if FIELD in table.frame.columns else None
    if years is None or index.retired.is_empty():
        return []
    late = years.join(index.retired, left_on=FIELD, right_on="code").filter(pl.col("year") > pl.col("last_year"))
    return [
        Issue(
            Code.DISTRICT_RETIRED,
            Location(package=package, resource=table.resource, path=table.display, row=row, field=FIELD),
            value=code,
            context={"year": str(year), "valid_to": valid_to},
        )
        for row, code, year, valid_to in late.select("_row", FIELD, "year", "valid_to").sort("_row").iter_rows()
    ]


def outside(table: Table, index: DistrictLookup, sources: pl.DataFrame | None, package: str) -> list[Issue]:
    import polars as pl

    frame = table.frame
    if table.resource == "sources" or sources is None or not {FIELD, "source_id"} <= set(frame.columns):
        return []
    codes = index.known.implode()
    stray = (  # one query
        frame.lazy()
        .select("_row", FIELD, "source_id")
        .join(sources.lazy().select("source_id", "source_district"), on="source_id")
        .filter(pl.col(FIELD).is_in(codes) & pl.col("source_district").is_in(codes))
        .join(index.lineage.lazy(), left_on=[FIELD, "source_district"], right_on=["code", "ancestor"], how="anti")
        .sort("_row")
        .collect(engine="in-memory")
    )
    return [
        Issue(
            Code.DISTRICT_OUTSIDE_SOURCE,
            Location(package=package, resource=table.resource, path=table.display, row=row, field=FIELD),
            value=code,
            context={"source_id": source, "source_district": district},
        )
        for row, code, source, district in stray.select("_row", FIELD, "source_id", "source_district").iter_rows()
    ]


class Divisions:
    """Retired codes and rows outside their source's division (the resources that have a ``district_code``)."""

    RESOURCES = ("sources", "commitments", "metrics")

    @classmethod
    def start(cls, resource: str) -> Divisions | None:
        return cls() if resource in cls.RESOURCES else None

    def batch(self, batch: Batch) -> list[Issue]:
        if batch.districts is None:
            return []
        sources = _source_columns(batch.held.get("sources"))
        name = batch.package.name
        return retired(batch.table, batch.districts, sources, name) + outside(
            batch.table, batch.districts, sources, name
        )

    def finish(self) -> list[Issue]:
        return []
