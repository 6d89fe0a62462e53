"""Consistency across rows and sources.

- The same figure (district, indicator, breakdown, year, period, area, status) reported twice agrees, in base
  units: two figures of one indicator with different breakdowns (hydrogen and listed enterprises) are two figures.
- The same pledge (district, indicator, breakdown, target year, area) from two sources with different targets is
  a warning.
- A row marked ``same_as`` another agrees with it on indicator, breakdown, value, unit and year.
- The same figure (its key, value and unit) from the same quote of the same source is one row, not two.
- Ids are unique across the resources of a package.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location
from . import base_units, numbers
from .base_units import VALUE, YEAR
from .structure import repeated

if TYPE_CHECKING:
    import polars as pl

    from .interface import Batch

# A key's optional columns (a package's table may lack them: a missing one is empty in every row).
OPTIONAL = frozenset({"breakdown"})
FIGURE_KEY = ("district_code", "indicator", "breakdown", "year", "period_start", "area_zh", "status")
PLEDGE_KEY = ("district_code", "indicator", "breakdown", "target_year", "area_zh")
# A figure recorded twice: the figure key with its value and unit, from one quote of one source.
DUPLICATE_KEY = (*FIGURE_KEY, "value", "unit", "source_id", "quote")
SAME_AS_FIELDS = {
    "commitments": ("indicator", "breakdown", "target_value", "unit", "target_year"),
    "metrics": ("indicator", "breakdown", "value", "unit", "year"),
}


def with_base(table: Table, factors: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    value = VALUE[table.resource]
    return table.frame.join(factors, on="unit", how="left").with_columns(
        (numbers.number(value) * pl.col("unit_factor")).alias("_base")
    )


def differs_from(value: pl.Expr, first: pl.Expr) -> pl.Expr:
    """A value in base units that differs from the first of its key."""
    return ~base_units.same(value, first)


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
        pl.col("_row").first().alias("_first_row"),
        pl.col(YEAR[table.resource]).first().alias("_first_year"),
    )
    joined = candidates.join(first, on=columns, how="inner", nulls_equal=True)
    differs = differs_from(pl.col("_base"), pl.col("_first_base"))
    if across_sources:
        differs = differs & (pl.col("source_id") != pl.col("_first_source"))
    issues = []
    value, named = VALUE[table.resource], set()
    for row in joined.filter(differs).iter_rows(named=True):
        where = Location(package=package, resource=table.resource, path=table.display, row=row["_row"], field=value)
        context = {
            "indicator": _labelled(row),
            "year": row[YEAR[table.resource]],
            "other": row["_first_id"],
            "other_value": row["_first_value"],
        }
        issues.append(Issue(code, where, value=row[value], context=context))
        if row["_first_row"] not in named:  # the first row too, naming a row it disagrees with: either may be wrong
            named.add(row["_first_row"])
            at_first = replace(where, row=row["_first_row"])
            context = {**context, "year": row["_first_year"], "other": row["id"], "other_value": row[value]}
            issues.append(Issue(code, at_first, value=row["_first_value"], context=context))
    return sorted(issues, key=lambda issue: issue.location.row or 0)


def _labelled(row: dict[str, object]) -> object:
    """The indicator as a message names it: with its breakdown, when the row has one."""
    breakdown = row.get("breakdown")
    return f"{row['indicator']} ({breakdown})" if breakdown else row["indicator"]


def _duplicates(table: Table, package: str) -> list[Issue]:
    """Rows recording the figure of an earlier row again, from the same quote of the same source."""
    import polars as pl

    key = [c for c in DUPLICATE_KEY if c in table.frame.columns]
    if not {c for c in DUPLICATE_KEY if c not in OPTIONAL} | {"id"} <= set(table.frame.columns):
        return []
    frame = table.frame.filter(pl.col("value").is_not_null() & pl.col("indicator").is_not_null()).sort("_row")
    first = frame.group_by(key, maintain_order=True).agg(pl.col("id").first().alias("_first_id"))
    repeats = frame.join(first, on=key, how="inner", nulls_equal=True).filter(pl.col("id") != pl.col("_first_id"))
    return [
        Issue(
            Code.FIGURE_DUPLICATE,
            Location(package=package, resource=table.resource, path=table.display, row=row["_row"], field="id"),
            value=row["id"],
            context={"other": row["_first_id"]},
        )
        for row in repeats.select("_row", "id", "_first_id").iter_rows(named=True)
    ]


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
            if row[f] != row[f"_t_{f}"]
            and not (f == VALUE[table.resource] and base_units.close(row["_base"], row["_t_base"]))
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


def _row32() -> pl.Expr:
    """Row numbers kept for the whole resource: 32 bits are plenty (a file of two billion lines is refused
    long before, by its size)."""
    import polars as pl

    return pl.col("_row").cast(pl.Int32)


# The figure key whose rows must agree, and whether only rows of other sources count.
KEYS = {"metrics": (FIGURE_KEY, False), "commitments": (PLEDGE_KEY, True)}


class Figures:
    """What consistency keeps of each batch of one resource: a hash of each row's figure key with its
    value in base units (the ids and ``same_as`` links come from the structure layer's key hashes)."""

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.figures: list[pl.DataFrame] = []

    @classmethod
    def start(cls, resource: str) -> Figures | None:
        return cls(resource) if resource in KEYS else None

    def batch(self, batch: Batch) -> list[Issue]:
        """Keeps the batch's figure hashes; what they show is decided across resources at the end of the
        package (``candidates``, then ``exact`` on the rows read again)."""
        self.keep(batch.table, batch.factors)
        return []

    def finish(self) -> list[Issue]:
        return []

    def keep(self, table: Table, factors: pl.DataFrame | None) -> None:
        import polars as pl

        frame = table.frame
        key, across = KEYS[self.resource]
        columns = [c for c in key if c in frame.columns]
        if factors is None or not {"indicator", "id", "source_id", "unit"} <= set(frame.columns) or len(columns) < 3:
            return
        based = with_base(table, factors)
        duplicate = [c for c in DUPLICATE_KEY if c in frame.columns] if self.resource == "metrics" else []
        self.figures.append(
            based.filter(pl.col("_base").is_not_null() & pl.col("indicator").is_not_null()).select(
                _row32(),
                pl.struct(columns).hash(seed=5).alias("_key"),
                "_base",
                *([pl.col("source_id").hash(seed=5).alias("_source")] if across else []),
                (pl.struct(duplicate).hash(seed=7) if duplicate else pl.lit(None, dtype=pl.UInt64)).alias("_dup"),
            )
        )

    def conflicting(self) -> set[int]:
        """Rows whose value differs from the first row of their figure key, and those first rows; and rows
        that record one figure twice. Worked out batch by batch on what was kept of each (the first row of
        each key in each batch, then of all), so that no step copies every row: at ten million rows a sort
        and a join of them all took 700 MB more than the rest of the run."""
        import polars as pl

        if not self.figures:
            return set()
        figures = pl.concat(self.figures, rechunk=False)
        _, across = KEYS[self.resource]
        duplicated = figures.filter(pl.col("_dup").is_in(repeated(figures["_dup"].drop_nulls()).implode()))
        twice = repeated(figures["_key"]).implode()  # a figure reported once agrees with itself
        carried = {"_base": "_f_base", **({"_source": "_f_source"} if across else {})}  # column -> its first's

        def earliest(row: str, columns: dict[str, str]) -> list[pl.Expr]:
            """The lowest ``row`` of each key as ``_first``, and ``columns`` of that row."""
            first = pl.col(row).arg_min()
            return [pl.col(row).min().alias("_first"), *[pl.col(c).get(first).alias(a) for c, a in columns.items()]]

        per_batch = [
            part.filter(pl.col("_key").is_in(twice)).group_by("_key").agg(earliest("_row", carried))
            for part in self.figures
        ]
        firsts = {name: name for name in carried.values()}  # the per-batch firsts already carry the names
        first = pl.concat(per_batch).group_by("_key").agg(earliest("_first", firsts))
        differs = differs_from(pl.col("_base"), pl.col("_f_base"))
        if across:
            differs = differs & (pl.col("_source") != pl.col("_f_source"))
        rows = set(duplicated["_row"].to_list())
        for part in self.figures:
            conflicting = part.join(first, on="_key", how="inner").filter(differs)
            rows |= set(conflicting["_row"].to_list()) | set(conflicting["_first"].to_list())
        return rows


Hashes = dict[str, "pl.DataFrame | None"]  # resource → (_row, h): the structure layer's key hashes


def candidates(figures: dict[str, Figures], ids: Hashes, links: Hashes) -> dict[str, set[int]]:
    """For each resource, the rows the exact consistency checks must see in full: figures that disagree
    with the first of their key, rows with a ``same_as`` and the rows whose id one names, and ids that
    another resource uses too. ``ids`` and ``links`` hash the ids and the ``same_as`` cells alike."""
    import polars as pl

    wanted = {name: f.conflicting() for name, f in figures.items()}
    for name in wanted:
        own, linked = ids.get(name), links.get(name)
        if linked is not None and linked.height:
            wanted[name] |= set(linked["_row"].to_list())
            if own is not None:
                wanted[name] |= set(own.filter(pl.col("h").is_in(linked["h"].implode()))["_row"].to_list())
    for name, rows in _shared(ids).items():
        wanted[name] |= rows
    return wanted


def _shared(ids: Hashes) -> dict[str, set[int]]:
    """For each resource, the rows whose id hash another resource has too. Of each pair, the larger is
    looked up in the smaller's hashes, then the smaller in the few hashes found: no hash table of the
    largest resource is ever built."""
    import itertools

    import polars as pl

    frames = sorted(((f, n) for n, f in ids.items() if f is not None), key=lambda pair: pair[0].height)
    shared: dict[str, set[int]] = {name: set() for _, name in frames}
    for (small, a), (large, b) in itertools.combinations(frames, 2):
        hits = large.filter(pl.col("h").is_in(small["h"].implode()))
        shared[b] |= set(hits["_row"].to_list())
        shared[a] |= set(small.filter(pl.col("h").is_in(hits["h"].implode()))["_row"].to_list())
    return shared


def exact(tables: dict[str, Table], units: Table | None, package: str) -> list[Issue]:
    """Figure and pledge conflicts, ``same_as`` and ids across resources, on the rows read again in full."""
    factors = base_units.factors(units)
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
        if name == "metrics":
            issues += _duplicates(table, package)
    return issues + duplicate_ids(tables, package)
