"""Consistency across rows and sources.

- The same figure (district, indicator, year, period, area, status) reported twice agrees, in base units.
- The same pledge (district, indicator, target year, area) from two sources with different targets is a warning.
- A row marked ``same_as`` another agrees with it on indicator, value, unit and year.
- Ids are unique across the resources of a package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location
from . import numbers

if TYPE_CHECKING:
    import polars as pl

FIGURE_KEY = ("district_code", "indicator", "year", "period_start", "area_zh", "status")
PLEDGE_KEY = ("district_code", "indicator", "target_year", "area_zh")
SAME_AS_FIELDS = {
    "commitments": ("indicator", "target_value", "unit", "target_year"),
    "metrics": ("indicator", "value", "unit", "year"),
}
VALUE = {"commitments": "target_value", "metrics": "value"}
YEAR = {"commitments": "target_year", "metrics": "year"}


def with_base(table: Table, factors: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    value = VALUE[table.resource]
    return table.frame.join(factors, on="unit", how="left").with_columns(
        (numbers.number(value) * pl.col("unit_factor")).alias("_base")
    )


def differs_from(value: pl.Expr, first: pl.Expr) -> pl.Expr:
    """A value in base units that differs from the first of its key (beyond float rounding)."""
    import polars as pl

    return (value - first).abs() > 1e-9 * pl.max_horizontal(pl.lit(1.0), first.abs())


def _conflicts(
    table: Table, frame: pl.DataFrame, key: tuple[str, ...], code: Code, package: str, *, across_sources: bool
) -> list[Issue]:
    """Rows whose base value differs from the first row of their key group."""
    import polars as pl

    columns = [c for c in key if c in frame.columns]
    if not {"indicator", "id"} <= set(frame.columns) or len(columns) < 3:
        return []
    candidates = frame.filter(pl.col("_base").is_not_null() & pl.col("indicator").is_not_null()).sort("_row")
    first = candidates.group_by(columns, maintain_order=True).agg(
        pl.col("_base").first().alias("_first_base"),
        pl.col("id").first().alias("_first_id"),
        pl.col(VALUE[table.resource]).first().alias("_first_value"),
        pl.col("source_id").first().alias("_first_source"),
    )
    joined = candidates.join(first, on=columns, how="inner", nulls_equal=True)
    differs = differs_from(pl.col("_base"), pl.col("_first_base"))
    if across_sources:
        differs = differs & (pl.col("source_id") != pl.col("_first_source"))
    issues = []
    for row in joined.filter(differs).iter_rows(named=True):
        where = Location(
            package=package, resource=table.resource, path=table.display, row=row["_row"], field=VALUE[table.resource]
        )
        context = {
            "indicator": row["indicator"],
            "year": row[YEAR[table.resource]],
            "other": row["_first_id"],
            "other_value": row["_first_value"],
        }
        issues.append(Issue(code, where, value=row[VALUE[table.resource]], context=context))
    return issues


def _same_as(table: Table, frame: pl.DataFrame, package: str) -> list[Issue]:
    import polars as pl

    fields = [f for f in SAME_AS_FIELDS[table.resource] if f in frame.columns]
    if "same_as" not in frame.columns or not fields:
        return []
    targets = frame.select(
        pl.col("id").alias("same_as"), pl.col("_base").alias("_t_base"), *[pl.col(f).alias(f"_t_{f}") for f in fields]
    )
    linked = frame.filter(pl.col("same_as").is_not_null()).join(targets, on="same_as", how="inner")
    issues = []
    for row in linked.iter_rows(named=True):
        differing = [
            f
            for f in fields
            if row[f] != row[f"_t_{f}"] and not (f == VALUE[table.resource] and row["_base"] == row["_t_base"])
        ]
        if differing:
            where = Location(
                package=package, resource=table.resource, path=table.display, row=row["_row"], field="same_as"
            )
            issues.append(Issue(Code.SAME_AS_MISMATCH, where, value=row["same_as"], note=", ".join(differing)))
    return issues


def duplicate_ids(tables: dict[str, Table], package: str) -> list[Issue]:
    """An id used by rows of two different resources (duplicates within one are primary-key errors)."""
    import polars as pl

    frames = [
        tables[name].frame.select(
            pl.lit(name).alias("_resource"), pl.lit(tables[name].display).alias("_path"), "_row", "id"
        )
        for name in ("commitments", "metrics")
        if name in tables and "id" in tables[name].frame.columns
    ]
    if len(frames) < 2:
        return []
    ids = pl.concat(frames).drop_nulls("id")
    first = ids.group_by("id", maintain_order=True).agg(
        pl.col("_resource").first().alias("_first"),
        pl.col("_path").first().alias("_fp"),
        pl.col("_row").first().alias("_fr"),
    )
    clashes = ids.join(first, on="id").filter(pl.col("_resource") != pl.col("_first"))
    issues = []
    for row in clashes.iter_rows(named=True):
        where = Location(package=package, resource=row["_resource"], path=row["_path"], row=row["_row"], field="id")
        issues.append(Issue(Code.ID_DUPLICATE, where, value=row["id"], context={"other": f"{row['_fp']}:{row['_fr']}"}))
    return issues


def _factors(units: Table | None) -> pl.DataFrame:
    import polars as pl

    if units is None or not {"code", "factor"} <= set(units.frame.columns):
        return pl.DataFrame({"unit": [], "unit_factor": []}, schema={"unit": pl.String, "unit_factor": pl.Float64})
    return units.frame.select(
        pl.col("code").alias("unit"), pl.col("factor").cast(pl.Float64, strict=False).alias("unit_factor")
    ).unique(subset="unit")


# The figure key whose rows must agree, and whether only rows of other sources count.
KEYS = {"metrics": (FIGURE_KEY, False), "commitments": (PLEDGE_KEY, True)}


class Figures:
    """What consistency keeps of each batch of one resource: a hash of each row's figure key with its
    value in base units, of its id, and of the id its ``same_as`` names."""

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.figures: list[pl.DataFrame] = []
        self.ids: list[pl.DataFrame] = []
        self.links: list[pl.DataFrame] = []

    def batch(self, table: Table, factors: pl.DataFrame | None) -> None:
        import polars as pl

        frame = table.frame
        if "id" in frame.columns:
            ids = frame.filter(pl.col("id").is_not_null())
            self.ids.append(ids.select("_row", pl.col("id").hash(seed=3).alias("_id")))
        if "same_as" in frame.columns:
            links = frame.filter(pl.col("same_as").is_not_null())
            self.links.append(links.select("_row", pl.col("same_as").hash(seed=3).alias("_to")))
        key, across = KEYS[self.resource]
        columns = [c for c in key if c in frame.columns]
        if factors is None or not {"indicator", "id", "source_id", "unit"} <= set(frame.columns) or len(columns) < 3:
            return
        based = with_base(table, factors)
        self.figures.append(
            based.filter(pl.col("_base").is_not_null() & pl.col("indicator").is_not_null()).select(
                "_row",
                pl.struct(columns).hash(seed=5).alias("_key"),
                "_base",
                *([pl.col("source_id").hash(seed=5).alias("_source")] if across else []),
            )
        )

    def _whole(self, frames: list[pl.DataFrame]) -> pl.DataFrame | None:
        import polars as pl

        return pl.concat(frames, rechunk=True) if frames else None

    def conflicting(self) -> set[int]:
        """Rows whose value differs from the first row of their figure key, and those first rows."""
        import polars as pl

        figures = self._whole(self.figures)
        if figures is None:
            return set()
        _, across = KEYS[self.resource]
        figures = figures.filter(pl.col("_key").is_duplicated())  # a figure reported once agrees with itself
        first = (
            figures.sort("_row")
            .group_by("_key", maintain_order=True)
            .agg(
                pl.col("_row").first().alias("_first"),
                pl.col("_base").first().alias("_fb"),
                *([pl.col("_source").first().alias("_fs")] if across else []),
            )
        )
        joined = figures.join(first, on="_key", how="inner")
        differs = differs_from(pl.col("_base"), pl.col("_fb"))
        if across:
            differs = differs & (pl.col("_source") != pl.col("_fs"))
        conflicting = joined.filter(differs)
        return set(conflicting["_row"].to_list()) | set(conflicting["_first"].to_list())

    def linked(self) -> set[int]:
        """Rows with a ``same_as``, and the rows whose id one names."""
        import polars as pl

        links, ids = self._whole(self.links), self._whole(self.ids)
        if links is None:
            return set()
        rows = set(links["_row"].to_list())
        if ids is not None:
            rows |= set(ids.filter(pl.col("_id").is_in(links["_to"].implode()))["_row"].to_list())
        return rows


def candidates(figures: dict[str, Figures]) -> dict[str, set[int]]:
    """For each resource, the rows the exact consistency checks must see in full."""
    import polars as pl

    wanted = {name: f.conflicting() | f.linked() for name, f in figures.items()}
    ids = {name: f._whole(f.ids) for name, f in figures.items()}
    for name, frame in ids.items():
        others = [other for n, other in ids.items() if n != name and other is not None]
        if frame is None or not others:
            continue
        clash = frame.filter(pl.col("_id").is_in(pl.concat(others)["_id"].implode()))
        wanted[name] |= set(clash["_row"].to_list())
    return wanted


def exact(tables: dict[str, Table], units: Table | None, package: str) -> list[Issue]:
    """Figure and pledge conflicts, ``same_as`` and ids across resources, on the rows read again in full."""
    factors = _factors(units)
    issues = []
    for name, key, code, across in (
        ("metrics", FIGURE_KEY, Code.FIGURE_CONFLICT, False),
        ("commitments", PLEDGE_KEY, Code.PLEDGE_CONFLICT, True),
    ):
        table = tables.get(name)
        if table is None or not {"unit", "source_id"} <= set(table.frame.columns):
            continue
        frame = with_base(table, factors)
        issues += _conflicts(table, frame, key, code, package, across_sources=across)
        issues += _same_as(table, frame, package)
    return issues + duplicate_ids(tables, package)
