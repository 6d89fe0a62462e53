"""The structure layer: a resource's header, then each batch's rows against its Table Schema.

Row shape (blank rows of any shape, every missing and every extra cell), types and constraints are found
batch by batch on whole columns (``tableschema/``). What needs every row at once, ``unique`` fields, the
primary key and foreign keys, is decided at the end from a 64-bit hash of each row's typed key
(``Ledger``): a foreign key whose hash no row of the target has is missing for certain; rows whose hashes
repeat are read again and compared exactly. Codes and coordinates are frictionless's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..codes import Code
from ..issues import Issue, Location
from ..messages import constraints
from ..tableschema import fields as compiled
from ..tableschema.fields import FieldPlan, Reader
from ..tableschema.header import Matched
from ..tableschema.spec import Keys

if TYPE_CHECKING:
    import polars as pl

# Header problems after which a column may not hold the field it is read as: later layers skip the file.
MISALIGNED = {Code.INCORRECT_LABEL, Code.MISSING_LABEL, Code.DUPLICATE_LABEL, Code.BLANK_LABEL, Code.BLANK_HEADER,
              Code.UNMATCHED_HEADER}  # fmt: skip
ALL_NULL, SOME_NULL = 2, 1


def repeated(hashes: pl.Series) -> pl.Series:
    """The values that occur more than once: by sorting (memory: one copy of the column), not by a hash
    table of every value, which costs several times the column at ten million rows."""

    ordered = hashes.drop_nulls().sort()
    again = ordered.slice(1).filter(ordered.slice(1) == ordered.slice(0, max(ordered.len() - 1, 0)))
    if again.is_empty():  # the common case, in Series operations alone (no query)
        return again.rename(hashes.name or "h").cast(hashes.dtype)
    return again.unique().rename(hashes.name or "h").cast(hashes.dtype)


def group_hash(keys: list[str]) -> pl.Expr:
    """One 64-bit hash of a row's canonical key texts in ``keys`` (the same texts in other columns, or in
    another resource, hash alike)."""
    import polars as pl

    return pl.struct([pl.col(k).alias(f"k{n}") for n, k in enumerate(keys)]).hash(seed=7)


def nulls(keys: list[str]) -> pl.Expr:
    import polars as pl

    count = pl.sum_horizontal([pl.col(k).is_null().cast(pl.UInt8) for k in keys])
    return pl.when(count == len(keys)).then(ALL_NULL).when(count > 0).then(SOME_NULL).otherwise(0).cast(pl.UInt8)


@dataclass
class Ledger:
    """For each key group of one resource, the typed-key hash of every row whose key is not all empty
    (a row with an empty key is never a duplicate, a reference or a target): ``_row`` (32 bits), ``h``
    (the hash) and ``n`` (0: no empty cell, 1: some)."""

    groups: list[tuple[str, ...]]
    frames: dict[tuple[str, ...], list[pl.DataFrame]] = field(default_factory=dict)
    _whole: dict[tuple[str, ...], pl.DataFrame] = field(default_factory=dict)

    def add(self, group: tuple[str, ...], frame: pl.DataFrame) -> None:
        self.frames.setdefault(group, []).append(frame)

    def whole(self, group: tuple[str, ...]) -> pl.DataFrame:
        import polars as pl

        if group not in self._whole:
            empty = pl.DataFrame(schema={"_row": pl.Int32, "h": pl.UInt64, "n": pl.UInt8})
            self._whole[group] = pl.concat([empty, *self.frames.pop(group, [])], rechunk=False)
        return self._whole[group]


class Structure:
    """The structure layer of one resource."""

    def __init__(
        self, where: Location, schema: dict[str, Any], keys: Keys, referenced: list[tuple[str, ...]],
        readers: Callable[[FieldPlan], Reader],
    ) -> None:  # fmt: skip
        self.where, self.schema, self.keys, self.readers = where, schema, keys, readers
        self.plans: list[FieldPlan] = []
        self.aligned = True
        self.referenced = referenced
        # foreign keys into resources read before this one: number → (the target's key hashes, its name)
        self.resolved: dict[int, tuple[pl.Series, str]] = {}
        self.ledger = Ledger(self._groups())

    def _groups(self) -> list[tuple[str, ...]]:
        """The key groups kept for the end: all but those of foreign keys checked batch by batch."""
        keys = self.keys
        deferred = [fk.fields for n, fk in enumerate(keys.foreign) if n not in self.resolved]
        groups = [*keys.unique, *([keys.primary] if keys.primary else []), *deferred, *self.referenced]
        return list(dict.fromkeys(groups))

    def resolve(self, number: int, present: pl.Series, reference: str) -> None:
        """Foreign key ``number`` points into a resource already read whole (``present``: the hashes of its
        keys): each batch is checked against it as it comes, and no hash of it is kept."""
        self.resolved[number] = (present, reference)
        self.ledger.groups = self._groups()

    def _at(self, row: int | None, field: str | None) -> Location:
        return replace(self.where, row=row, field=field)

    def present(self, group: tuple[str, ...]) -> pl.Series:
        """The hashes of the keys of ``group`` of every row (not all empty): what a foreign key may match."""

        return self.ledger.whole(group)["h"]

    def header(self, matched: Matched, plans: list[FieldPlan], row: int, records: pl.DataFrame) -> list[Issue]:
        """The header's issues (``records``: its lines, ``_row`` and ``_cells``, as read)."""
        self.plans = plans
        issues = [
            Issue(
                Code(i.code),
                self._at(row, i.field),
                value=i.label if i.code != Code.MISSING_LABEL else None,
                note=i.note,
            )
            for i in matched.issues
        ]
        issues += self._padded(records, [f["name"] for f in matched.fields])
        self.aligned = not any(i.code in MISALIGNED for i in matched.issues)
        names = {p.name for p in plans}
        self.ledger.groups = [g for g in self.ledger.groups if set(g) <= names]
        return issues

    def _padded(self, records: pl.DataFrame, names: list[str]) -> list[Issue]:
        """``cell-whitespace`` for each header cell with whitespace at an edge, named for the field its column
        is read as. Labels are read stripped, as frictionless reads them, so ``district_code `` matches its
        field; but a reader of the published file gets a column named ``"district_code "``."""
        return [
            Issue(Code.CELL_WHITESPACE, self._at(line, names[n] if n < len(names) else cell.strip()), value=cell)
            for line, cells in records.select("_row", "_cells").iter_rows()
            for n, cell in enumerate(cells)
            if cell and cell != cell.strip()
        ]

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.plans]

    def _index(self, name: str) -> int:
        return self.names.index(name)

    def _keyed(self) -> set[int]:
        """The fields whose canonical keys some key needs."""
        groups = [*self.ledger.groups, *(self.keys.foreign[n].fields for n in self.resolved)]
        return {self._index(name) for group in groups for name in group if name in self.names}

    def key(self, name: str) -> str:
        """The column of the wide frame holding field ``name``'s canonical key."""
        return f"k{self._index(name)}"

    def values(self, wide: pl.DataFrame) -> pl.DataFrame:
        """``_row`` and each field's cell by its name (null when missing), for the later layers."""
        return wide.select(self.value_columns())

    def value_columns(self) -> list[pl.Expr]:
        """The expressions of ``values``: ``_row`` and each field's cell, null when missing."""
        import polars as pl

        cells = [pl.when(~pl.col(f"m{n}")).then(pl.col(f"f{n}")).alias(name) for n, name in enumerate(self.names)]
        return [pl.col("_row"), *cells]

    def cells(self, content: pl.DataFrame) -> pl.DataFrame:
        """``content`` as the cells of ``evaluate``'s wide frame only (``_row``, ``_width``, ``_blank``, each
        field's cell ``f<n>`` and whether it is missing ``m<n>``): what ``values`` reads, for rows read again
        whose types and keys are already checked."""
        import polars as pl

        missing = [compiled.missing_cells(plan, pl.col(f"f{n}")).alias(f"m{n}") for n, plan in enumerate(self.plans)]
        return self._raw(content).with_columns(missing).with_columns(self._blank())

    def _raw(self, content: pl.DataFrame) -> pl.DataFrame:
        """``_row``, ``_width`` and each field's cell ``f<n>`` of ``content``'s records."""
        import polars as pl

        cells = pl.col("_cells")
        return content.select(
            "_row",
            cells.list.len().cast(pl.Int64).alias("_width"),
            *[cells.list.get(n, null_on_oob=True).alias(f"f{n}") for n in range(len(self.plans))],
        )

    def _blank(self) -> pl.Expr:
        """``_blank``: every field's cell missing."""
        import polars as pl

        blank = pl.all_horizontal([pl.col(f"m{n}") for n in range(len(self.plans))]) if self.plans else pl.lit(True)
        return blank.alias("_blank")

    def evaluate(self, content: pl.DataFrame) -> pl.DataFrame:
        """``content`` (``_row``, ``_cells``) as one wide frame: ``_row``, ``_width``, ``_blank``, and for
        field n its cell ``f<n>`` with the checks of ``fields.columns`` (one select for all fields)."""
        keyed = self._keyed()
        exprs = [e for n, plan in enumerate(self.plans) for e in compiled.columns(plan, n, f"f{n}", keyed=n in keyed)]
        wide = self._raw(content).with_columns(exprs)
        for n, plan in enumerate(self.plans):
            reader = functools.partial(self.readers, plan)
            wide = compiled.settle(plan, n, f"f{n}", wide, reader, keyed=n in keyed)
        return wide.with_columns(self._blank())

    def batch(self, content: pl.DataFrame) -> tuple[list[Issue], pl.DataFrame]:
        """The issues of one batch's rows, and the batch as a wide frame (``evaluate``)."""
        import polars as pl

        wide = self.evaluate(content)
        issues: list[Issue] = []
        n = len(self.plans)
        blank, width = wide["_blank"], wide["_width"]  # Series operations: most batches have none of these
        if blank.any():
            for row in wide["_row"].filter(blank).to_list():
                issues.append(Issue(Code.BLANK_ROW, self._at(row, None)))
        short, long = ~blank & (width < n), ~blank & (width > n)
        if short.any():
            for row, cells in zip(wide["_row"].filter(short).to_list(), width.filter(short).to_list(), strict=True):
                issues += [Issue(Code.MISSING_CELL, self._at(row, name)) for name in self.names[cells:]]
        extra_cells = content.filter(long).select("_row", pl.col("_cells").list.slice(n)) if long.any() else None
        for row, extra in extra_cells.iter_rows() if extra_cells is not None else ():
            issues += [
                Issue(Code.EXTRA_CELL, self._at(row, None), value=cell, note=f"column {n + k + 1}: {cell!r}")
                for k, cell in enumerate(extra)
            ]
        issues += self._cells(wide)
        issues += self._empty_primary(wide)
        issues += self._references(wide)
        self._hashes(wide)
        return issues, wide

    def _references(self, wide: pl.DataFrame) -> list[Issue]:
        """The foreign keys into resources read before this one, on this batch."""
        import polars as pl

        issues = []
        for number, (present, reference) in self.resolved.items():
            fields = self.keys.foreign[number].fields
            if not set(fields) <= set(self.names):
                continue  # the header lacks the column: missing-label says so
            keys = [self.key(name) for name in fields]
            unknown = (nulls(keys) < ALL_NULL) & ~group_hash(keys).is_in(present.implode())
            rows = wide.select(pl.col("_row").filter(unknown))["_row"]
            if rows.len():
                issues += reference_issues(self, number, set(rows.to_list()), wide, reference)
        return issues

    def _cells(self, wide: pl.DataFrame) -> list[Issue]:
        """Type and constraint errors: only the failing rows are looked at in Python."""
        import polars as pl

        flags = [f"t{n}" for n in range(len(self.plans))]
        flags += [f"c{n}_{name}" for n, plan in enumerate(self.plans) for name in plan.checked]
        if not flags:
            return []
        bad = wide.filter(~pl.col("_blank") & pl.any_horizontal([pl.col(f) for f in flags]))
        issues = []
        for row in bad.iter_rows(named=True):
            for n, plan in enumerate(self.plans):
                where = self._at(row["_row"], plan.name)
                if row[f"t{n}"]:
                    expected = f"{plan.kind}/{plan.descriptor.get('format', 'default')}"
                    issues.append(Issue(Code.TYPE_ERROR, where, value=row[f"f{n}"], context={"expected": expected}))
                    continue
                for name in plan.checked:
                    if row[f"c{n}_{name}"]:
                        expected = plan.constraints[name]
                        context = {"constraint": name, "expected": str(expected), **constraints.rule(name, expected)}
                        issues.append(Issue(Code.CONSTRAINT_ERROR, where, value=row[f"f{n}"], context=context))
        return issues

    def _empty_primary(self, wide: pl.DataFrame) -> list[Issue]:
        """A row whose primary key cells are all empty (a blank row is reported as blank only)."""
        import polars as pl

        key = list(self.keys.primary)
        if not key or not set(key) <= set(self.names):
            return []
        empty = wide.filter(~pl.col("_blank") & pl.all_horizontal(pl.col(self.key(k)).is_null() for k in key))
        note = 'cells composing the primary keys are all "None"'
        return [Issue(Code.PRIMARY_KEY, self._at(r, ",".join(key)), value="", note=note) for r in empty["_row"]]

    def _hashes(self, wide: pl.DataFrame) -> None:
        """Keep the batch's key hashes (row numbers in 32 bits: a file of two billion lines is refused long
        before, by its size)."""
        import polars as pl

        for group in self.ledger.groups:
            keys = [self.key(name) for name in group]
            frame = wide.lazy().select(
                pl.col("_row").cast(pl.Int32), group_hash(keys).alias("h"), nulls(keys).alias("n")
            )
            self.ledger.add(group, frame.filter(pl.col("n") < ALL_NULL).collect(engine="in-memory"))

    def duplicates(self, wide: pl.DataFrame) -> list[Issue]:
        """``unique`` and primary key errors among rows read again in full (``wide``): a row whose typed
        key an earlier row already has."""
        import polars as pl

        issues = []
        checks = [(g, Code.UNIQUE_ERROR, 0) for g in self.keys.unique] + (
            [(self.keys.primary, Code.PRIMARY_KEY, SOME_NULL)] if self.keys.primary else []
        )
        for group, code, allowed in checks:
            if not set(group) <= set(self.names):
                continue
            keys = [self.key(name) for name in group]
            rows = wide.filter(~pl.col("_blank")).with_columns(nulls(keys).alias("_n")).filter(pl.col("_n") <= allowed)
            rows = (
                rows.sort("_row")
                .with_columns(pl.col("_row").min().over(pl.struct(keys)).alias("_first"))
                .filter(pl.col("_row") != pl.col("_first"))
            )
            for record in rows.iter_rows(named=True):
                value = ",".join(_cell(record, self._index(name)) for name in group)
                note = f"the same as in the row at line {record['_first']}"
                issues.append(Issue(code, self._at(record["_row"], ",".join(group)), value=value, note=note))
        return issues

    def candidates(self) -> set[int]:
        """Rows whose key hash repeats in a ``unique`` field or the primary key."""

        wanted: set[int] = set()
        checks = [(g, 0) for g in self.keys.unique] + ([(self.keys.primary, SOME_NULL)] if self.keys.primary else [])
        for group, allowed in checks:
            if group not in self.ledger.groups:
                continue
            whole = self.ledger.whole(group)
            kept = whole["n"] <= allowed
            twice = repeated(whole["h"].filter(kept))
            if twice.is_empty():
                continue
            rows = whole.filter(kept & whole["h"].is_in(twice.implode()))
            wanted |= set(rows["_row"].to_list())
        return wanted


def missing_references(source: Structure, target: Structure, fk_number: int) -> set[int]:
    """Rows of ``source`` whose foreign key ``fk_number`` (not all empty) no row of ``target`` has: a hash
    that no target row has means the value is missing for certain."""
    import polars as pl

    fk = source.keys.foreign[fk_number]
    if (
        fk_number in source.resolved
        or fk.fields not in source.ledger.groups
        or fk.reference not in target.ledger.groups
    ):
        return set()
    present = target.present(fk.reference)
    rows = source.ledger.whole(fk.fields).filter(~pl.col("h").is_in(present.implode()))
    return set(rows["_row"].to_list())


def reference_issues(
    source: Structure, fk_number: int, rows: set[int], wide: pl.DataFrame, reference: str
) -> list[Issue]:
    """A foreign-key issue for each of ``rows`` (found by ``missing_references``), read again in ``wide``."""
    import polars as pl

    fk = source.keys.foreign[fk_number]
    picked = wide.filter(pl.col("_row").is_in(sorted(rows))).sort("_row")
    issues = []
    for record in picked.iter_rows(named=True):
        value = ",".join(_cell(record, source._index(f)) for f in fk.fields)
        where = source._at(record["_row"], ",".join(fk.fields))
        issues.append(Issue(Code.FOREIGN_KEY, where, value=value, context={"reference": reference}))
    return issues


def _cell(record: dict[str, Any], n: int) -> str:
    """Field n's cell in a row of the wide frame, as written ("" when missing)."""
    return "" if record[f"m{n}"] or record[f"f{n}"] is None else str(record[f"f{n}"])


def dedupe(issues: list[Issue]) -> list[Issue]:
    """A cell that breaks its type or a constraint is not also reported as a missing foreign key."""
    broken = {i.location.cell for i in issues if i.code in (Code.TYPE_ERROR, Code.CONSTRAINT_ERROR)}
    return [i for i in issues if not (i.code is Code.FOREIGN_KEY and i.location.cell in broken)]
