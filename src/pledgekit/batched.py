"""Validate a resource too large to hold at once, one batch of records at a time (``io/batches.py``).

Memory holds one batch, the small tables (codelists, sources) and a few narrow columns of the large
resource: its key columns, and for consistency a hash of each row's figure key with its value in base
units. The same layers run as for a whole file, with the same codes and coordinates:

1. bytes: the hygiene checks on each batch, line endings counted over the whole file, the declared
   ``bytes`` and ``hash`` from a running digest;
2. each batch: structure (columnar engine), cells, districts, domain rules and provenance (with only
   the source texts the batch cites);
3. what needs every row: ``unique`` fields, primary keys and references into the resource itself on
   the key columns; consistency on the rows the hashed key columns single out, read again in full.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import rows
from .checks import cells, columnar, consistency, districts, domain, hygiene, provenance, quotes
from .io.batches import Batch, read_batches
from .io.package import PackageRef
from .io.tables import RawFile, Table, parse
from .issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

    from .validate import Settings

# The figure key whose rows must agree, and whether only rows of other sources count (consistency.py).
KEYS = {"metrics": (consistency.FIGURE_KEY, False), "commitments": (consistency.PLEDGE_KEY, True)}
_ONLY_FIRST = {"utf8-bom", "too-many-columns"}
_ONLY_LAST = {"final-newline-missing", "trailing-blank-line"}


@dataclass(frozen=True)
class LargeFile:
    resource: str
    relpath: str
    display: str
    path: Path
    size: int
    schema: dict[str, Any] | None


@dataclass
class Outcome:
    """What the batches of one large resource found, and the columns kept for the checks that follow."""

    issues: list[Issue] = field(default_factory=list)
    excerpts: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    rows: int = 0
    broken: bool = False
    keys: pl.DataFrame | None = None  # _row and a hash of each key (``_key_columns``) of every row
    refs: pl.DataFrame | None = None  # _row and the hashed reference of rows pointing into the resource
    columns: KeyColumns | None = None
    figures: pl.DataFrame | None = None  # _row, _key (hash), _base, _source (hash) of rows with a value


def _shift(issue: Issue, by: int) -> Issue:
    row = issue.location.row
    return issue if row is None or row < 2 else replace(issue, location=replace(issue.location, row=row + by))


def _deviations(batch: Batch) -> dict[bool, int | None]:
    """For each line-ending style (CRLF: True), the file line of the batch's first line ending that breaks it."""
    part, before = (batch.data, 0) if batch.first else (batch.body, batch.newlines_before)
    found = {style: hygiene.first_deviation(part, style) for style in (True, False)}
    return {style: None if at is None else before + part.count(b"\n", 0, at) + 1 for style, at in found.items()}


def _parsed(large: LargeFile, batch_bytes: int) -> Iterator[tuple[Batch, RawFile, Table]]:
    """Each batch of the file, its bytes and its cells, records numbered on across batches (a batch
    that cannot be parsed is left out: the structure layer has reported why)."""
    records = 0
    for batch in read_batches(large.path, batch_bytes):
        raw = RawFile(large.resource, large.relpath, large.display, batch.data, large.schema)
        table = parse(raw, records, batch.line_shift)
        if table is not None:
            records += table.frame.height
            yield batch, raw, table


def bytes_pass(package: PackageRef, large: LargeFile, resource: dict[str, Any], settings: Settings) -> list[Issue]:
    """The hygiene layer over every batch, and the declared size and hash."""
    issues: list[Issue] = []
    digest = hashlib.sha256()
    crlf = lf = cr = 0
    first_deviation: dict[bool, int | None] = {True: None, False: None}
    for batch in read_batches(large.path, settings.batch_bytes):
        part = batch.data if batch.first else batch.body
        digest.update(part)
        raw = RawFile(large.resource, large.relpath, large.display, batch.data, large.schema)
        for issue in hygiene.check(raw, package.name, settings.limits):
            if issue.code == "line-endings-mixed" or (issue.code in _ONLY_FIRST and not batch.first):
                continue
            if issue.code in _ONLY_LAST and not batch.last:
                continue
            issues.append(_shift(issue, batch.newline_shift))
            if issue.code == "encoding-not-utf8":
                return issues
        counts = hygiene.line_endings(part)
        crlf, lf, cr = crlf + counts[0], lf + counts[1], cr + counts[2]
        for style, line in _deviations(batch).items():
            first_deviation[style] = first_deviation[style] or line
    where = Location(package=package.name, resource=large.resource, path=large.display)
    if cr or (crlf and lf):
        line = first_deviation[crlf >= lf] or 1
        issues.append(Issue("line-endings-mixed", replace(where, row=line), context={"crlf": crlf, "lf": lf, "cr": cr}))
    return issues + columnar.declared_values(resource, where, large.size, digest.hexdigest())


def _figures(table: Table, factors: pl.DataFrame) -> pl.DataFrame | None:
    """_row, a hash of the figure key, the value in base units and a hash of the source, for the rows
    consistency compares (those with a value and an indicator)."""
    import polars as pl

    key, across = KEYS[table.resource]
    frame = consistency.with_base(table, factors) if "unit" in table.frame.columns else None
    columns = [c for c in key if frame is not None and c in frame.columns]
    if frame is None or not {"indicator", "id", "source_id"} <= set(frame.columns) or len(columns) < 3:
        return None
    return frame.filter(pl.col("_base").is_not_null() & pl.col("indicator").is_not_null()).select(
        "_row",
        pl.struct(columns).hash().alias("_key"),
        "_base",
        *([pl.col("source_id").hash().alias("_source")] if across else []),
    )


def _hash(fields: list[str]) -> pl.Expr:
    """One 64-bit hash of a row's cells in ``fields``, the same for the same cells in other columns."""
    import polars as pl

    if len(fields) == 1:
        return pl.col(fields[0]).hash()
    return pl.struct([pl.col(f).alias(f"f{n}") for n, f in enumerate(fields)]).hash()


def _listed(fields: Any) -> list[str]:
    return fields if isinstance(fields, list) else [fields]


def _key_groups(table: Table) -> tuple[list[list[str]], list[tuple[list[str], list[str]]]]:
    """The keys that must be unique (``unique`` fields, the primary key) and the foreign keys into
    the resource itself as (fields, referenced fields), limited to columns the table has."""
    schema = table.schema or {}
    columns = set(table.frame.columns)
    groups = [[f["name"]] for f in columnar._fields(schema) if f.get("constraints", {}).get("unique")]
    groups.append(columnar._primary(schema))
    own = [
        (_listed(fk["fields"]), _listed(fk["reference"]["fields"]))
        for fk in schema.get("foreignKeys", [])
        if fk.get("reference", {}).get("resource") in ("", None, table.resource)
    ]
    return (
        [g for g in groups if g and set(g) <= columns],
        [(f, r) for f, r in own if set(f) <= columns and set(r) <= columns],
    )


@dataclass(frozen=True)
class KeyColumns:
    """Which hash column of ``Outcome.keys`` holds what: each distinct set of fields is hashed once."""

    unique: tuple[str, ...]  # keys that must be unique
    targets: tuple[tuple[int, str], ...]  # (own foreign key number, column of the fields it points at)
    id: str | None


def _keys(table: Table) -> tuple[pl.DataFrame, pl.DataFrame, KeyColumns]:
    """Hashes of every key of each row, and of the references of the rows that point into the resource."""
    import polars as pl

    groups, own = _key_groups(table)
    wanted = [*groups, *(r for _, r in own), *([["id"]] if "id" in table.frame.columns else [])]
    names = {fields: f"_h{n}" for n, fields in enumerate(dict.fromkeys(tuple(g) for g in wanted))}
    keys = table.frame.select("_row", *[_hash(list(fields)).alias(name) for fields, name in names.items()])
    refs = [
        table.frame.filter(pl.all_horizontal(pl.col(f).is_not_null() for f in fields)).select(
            "_row", pl.lit(n, pl.Int32).alias("_fk"), _hash(fields).alias("_ref")
        )
        for n, (fields, _) in enumerate(own)
    ]
    empty = pl.DataFrame(schema={"_row": pl.Int64, "_fk": pl.Int32, "_ref": pl.UInt64})
    columns = KeyColumns(
        tuple(names[tuple(g)] for g in groups),
        tuple((n, names[tuple(r)]) for n, (_, r) in enumerate(own)),
        names.get(("id",)),
    )
    return keys, pl.concat([empty, *refs]), columns


class Context:
    """The small tables and what is derived from them once, shared by every batch."""

    def __init__(
        self, package: PackageRef, tables: dict[str, Table], settings: Settings, source_files: dict[str, str]
    ) -> None:
        self.package, self.tables, self.settings = package, tables, settings
        self.source_files = source_files  # {source_id: path} of the texts whose sha256 matched
        self.index = districts.DistrictIndex(tables["districts"]) if "districts" in tables else None
        self.factors = provenance.unit_factors(tables)

    def sources(self, table: Table) -> quotes.Sources:
        """The texts of the sources a batch cites, and only those."""
        cited = (
            set(table.frame["source_id"].drop_nulls().unique().to_list())
            if "source_id" in table.frame.columns
            else set()
        )
        files = {i: p for i, p in self.source_files.items() if i in cited}
        return quotes.Sources(provenance.load_texts(self.package, files))


def _later_layers(table: Table, context: Context) -> list[Issue]:
    """cells, districts, domain rules and provenance of one batch."""
    name, package = table.resource, context.package.name
    issues = cells.check(table, package, context.settings.limits.cell_bytes)
    if context.index is not None and name in ("sources", "commitments", "metrics"):
        issues += districts.check(table, context.index, package)
    issues += domain.check(table, {**context.tables, name: table}, package)
    if "sources" in context.tables and {"quote", "source_id"} <= set(table.frame.columns):
        issues += provenance.check_table(context.package, table, context.sources(table), context.factors)
    return issues


def tables_pass(large: LargeFile, context: Context, unparsable: set[str]) -> Outcome:
    """Every batch through the structure and later layers; the key and figure columns kept."""
    import polars as pl

    outcome, later = Outcome(), []
    package = context.package.name
    key_frames, ref_frames, figure_frames = [], [], []
    for batch, raw, table in _parsed(large, context.settings.batch_bytes):
        outcome.rows += table.frame.height
        found = columnar.header(raw, table, package) if batch.first else []
        found += columnar.shape(raw, table, package)
        content = columnar.without_blank_rows(table)
        found += columnar.cells(content, package, uniqueness=False)
        found += columnar.keys(content, {**context.tables, large.resource: content}, package, uniqueness=False)
        outcome.broken = outcome.broken or any(i.code in unparsable for i in found)
        batch_later = [] if outcome.broken else _later_layers(table, context)
        later += rows.to_lines(batch_later, {large.resource: table})
        outcome.issues += rows.to_lines(found, {large.resource: table})
        outcome.excerpts.update(rows.excerpts(found + batch_later, {large.resource: table}))
        keys, refs, outcome.columns = _keys(content)
        key_frames.append(keys)
        ref_frames.append(refs)
        figures = _figures(table, context.factors) if large.resource in KEYS else None
        if figures is not None:
            figure_frames.append(figures)
    if not outcome.broken:
        outcome.issues += later
    if key_frames:
        outcome.keys = pl.concat(key_frames, rechunk=True)
        outcome.refs = pl.concat(ref_frames, rechunk=True)
    if figure_frames:
        outcome.figures = pl.concat(figure_frames, rechunk=True)
    return outcome


def _involved(outcome: Outcome, resource: str, others: pl.Series | None) -> set[int]:
    """Rows the exact checks must see in full, found on the hashes: rows sharing a key hash, rows that
    point into the resource and the rows whose key they point at, rows whose id hash another resource
    also has (``others``), and for consistency rows whose value differs from the first row of their
    figure key, with the first rows of the figure keys of all of them."""
    import polars as pl

    keys, refs, columns = outcome.keys, outcome.refs, outcome.columns
    if keys is None or refs is None or columns is None:
        return set()
    masks = [pl.col(c).is_duplicated() for c in columns.unique]
    for number, column in columns.targets:
        masks.append(pl.col(column).is_in(refs.filter(pl.col("_fk") == number)["_ref"].implode()))
    if others is not None and columns.id is not None:
        masks.append(pl.col(columns.id).is_in(others.implode()))
    wanted = set(keys.filter(pl.any_horizontal(masks))["_row"].to_list()) if masks else set()
    wanted |= set(refs["_row"].to_list())
    figures = outcome.figures
    if figures is None or resource not in KEYS or outcome.broken:
        return wanted
    _, across = KEYS[resource]
    figures = figures.filter(pl.col("_key").is_duplicated())  # a figure reported once agrees with itself
    first = figures.group_by("_key", maintain_order=True).agg(
        pl.col("_row").first().alias("_first"),
        pl.col("_base").first().alias("_fb"),
        *([pl.col("_source").first().alias("_fs")] if across else []),
    )
    joined = figures.join(first, on="_key", how="inner")
    differs = consistency.differs_from(pl.col("_base"), pl.col("_fb"))
    if across:
        differs = differs & (pl.col("_source") != pl.col("_fs"))
    conflicting = joined.filter(differs)
    wanted |= set(conflicting["_row"].to_list()) | set(conflicting["_first"].to_list())
    firsts = joined.filter(pl.col("_row").is_in(pl.Series(sorted(wanted), dtype=pl.Int64).implode()))["_first"]
    return wanted | set(firsts.to_list())


def _rows_in_full(large: LargeFile, settings: Settings, wanted: set[int]) -> tuple[Table, dict[int, int]] | None:
    """The rows numbered ``wanted`` with all their cells, read again batch by batch, and the file line
    of each."""
    import polars as pl

    if not wanted:
        return None
    frames, lines = [], {}
    chosen = pl.Series(sorted(wanted), dtype=pl.Int64).implode()
    for _, _, table in _parsed(large, settings.batch_bytes):
        picked = table.frame.filter(pl.col("_row").is_in(chosen))
        frames.append(picked)
        lines.update({r: table.line_of(r) for r in picked["_row"].to_list()})
    if not frames:
        return None
    frame = pl.concat(frames, how="diagonal_relaxed")
    return Table(large.resource, large.relpath, large.display, frame, large.schema), lines


def _on_lines(issues: list[Issue], lines: dict[int, int]) -> list[Issue]:
    return [
        replace(i, location=replace(i.location, row=lines.get(i.location.row, i.location.row)))
        if i.location.row is not None
        else i
        for i in issues
    ]


def _excerpts(table: Table, lines: dict[int, int]) -> dict[tuple[str, int], dict[str, str]]:
    found = {}
    for row in table.frame.iter_rows(named=True):
        record = row.pop("_row")
        found[(table.display, lines.get(record, record))] = {k: "" if v is None else str(v) for k, v in row.items()}
    return found


def _id_hashes(name: str, tables: dict[str, Table], outcomes: dict[str, Outcome]) -> pl.Series | None:
    """Hashes of the ids of ``name``, whether it was read whole or in batches."""
    import polars as pl

    if name in outcomes:
        keys, columns = outcomes[name].keys, outcomes[name].columns
        if keys is None or columns is None or columns.id is None or outcomes[name].broken:
            return None
        return keys[columns.id]
    table = tables.get(name)
    if table is None or "id" not in table.frame.columns:
        return None
    return table.frame.select(pl.col("id").hash())["id"]  # the same hash as ``_keys`` gives


def whole_resource(
    package: PackageRef,
    large: list[LargeFile],
    outcomes: dict[str, Outcome],
    tables: dict[str, Table],
    settings: Settings,
) -> tuple[list[Issue], dict[tuple[str, int], dict[str, str]]]:
    """The checks that need every row, exact, on the rows the hashed key columns single out (read again
    in full): uniqueness and references into the resource itself, consistency, and ids across resources."""
    import polars as pl

    issues: list[Issue] = []
    excerpts: dict[tuple[str, int], dict[str, str]] = {}
    by_name = {f.resource: f for f in large}
    minis: dict[str, Table] = {}
    lines: dict[str, dict[int, int]] = {}
    for name, outcome in outcomes.items():
        other = [h for n in KEYS if n != name and (h := _id_hashes(n, tables, outcomes)) is not None]
        others = pl.concat(other) if other and name in KEYS and not outcome.broken else None
        read = _rows_in_full(by_name[name], settings, _involved(outcome, name, others))
        if read is None:
            continue
        full, lines[name] = read
        mine = columnar.uniqueness(full, package.name)
        if name in KEYS and not outcome.broken:
            units = {n: t for n, t in tables.items() if n == "units"}
            mine += consistency.check({**units, name: full}, package.name, ids=False)
            minis[name] = full
        issues += _on_lines(mine, lines[name])
        excerpts.update(_excerpts(full, lines[name]))
    ids = {n: t for n, t in tables.items() if n in KEYS} | minis
    for issue in consistency.duplicate_ids(ids, package.name):
        issues += _on_lines([issue], lines.get(issue.location.resource or "", {}))
    return issues, excerpts
