"""The structure layer on whole columns: a Table Schema compiled into polars expressions.

It reports what frictionless reports, with the same codes and coordinates, but column by column:
header labels, row shape (missing and extra cells, blank rows), types, ``required``, ``enum``,
``minimum``/``maximum``, ``pattern``, ``minLength``/``maxLength``, ``unique``, primary keys (as joins
and group counts) and foreign keys (as anti-joins against the referenced tables), and the declared
``bytes``/``hash``. ``validate`` uses it for large tables (or when asked), frictionless otherwise; a
differential test keeps the two in agreement.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ..io.tables import RawFile, Table
from ..issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef

# What frictionless accepts as each type (its own parsers are more lenient than ours; the cells layer
# reports the rest as number-not-canonical, which replaces a type error on the same cell).
TYPE_PATTERNS = {
    "integer": r"^[+-]?[0-9]+$",
    "number": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$|^(?i:nan|inf|-inf|infinity|-infinity)$",
    "year": r"^[0-9]{4}$",
    "boolean": r"^(?i:true|false|yes|no|1|0)$",
}
SPECIAL = {"pattern", "enum", "minimum", "maximum", "minLength", "maxLength", "required", "unique"}


def _issue(
    code: str,
    table: Table,
    package: str,
    row: int | None,
    field: str | None,
    value: Any,
    note: str = "",
    **context: str,
) -> Issue:
    where = Location(package=package, resource=table.resource, path=table.display, row=row, field=field)
    return Issue(code, where, value=None if value is None else str(value), note=note, context=context)


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in schema.get("fields", []) if isinstance(f, dict) and "name" in f]


def header(raw: RawFile, table: Table, package: str) -> list[Issue]:
    """Header labels against the schema's field names, read from the bytes (polars renames duplicates)."""
    import csv
    import io

    fields = [f["name"] for f in _fields(table.schema or {})]
    text = io.TextIOWrapper(io.BytesIO(raw.data), encoding="utf-8-sig", errors="replace", newline="")
    labels = next(csv.reader(text), [])  # reads only as far as the end of the first record
    issues = []
    seen: set[str] = set()
    for position, expected in enumerate(fields):
        if position >= len(labels):
            issues.append(_issue("missing-label", table, package, 1, expected, None))
            continue
        label = labels[position]
        if label in seen:
            issues.append(_issue("duplicate-label", table, package, 1, expected, label))
        elif label == "":
            issues.append(_issue("blank-label", table, package, 1, expected, label))
        elif label != expected:
            issues.append(_issue("incorrect-label", table, package, 1, expected, label))
        seen.add(label)
    for label in labels[len(fields) :]:
        issues.append(_issue("extra-label", table, package, 1, None, label))
    return issues


def _typed(column: str, kind: str) -> pl.Expr:
    import polars as pl

    if kind in ("integer", "year"):
        return pl.col(column).cast(pl.Int64, strict=False)
    if kind == "number":
        return pl.col(column).cast(pl.Float64, strict=False)
    return pl.col(column)


def _constraints(
    column: pl.Expr, typed: pl.Expr, valid: pl.Expr, constraints: dict[str, Any]
) -> list[tuple[str, pl.Expr, str, str]]:
    """(code, failing mask, constraint, expected) for each constraint a field declares."""
    checks = []
    if "enum" in constraints:
        checks.append(
            ("constraint-error", valid & ~column.is_in(constraints["enum"]), "enum", str(constraints["enum"]))
        )
    if "pattern" in constraints:
        pattern = f"^(?:{constraints['pattern']})$"
        checks.append(("constraint-error", valid & ~column.str.contains(pattern), "pattern", constraints["pattern"]))
    for name, compare in (("minLength", column.str.len_chars() < constraints.get("minLength", 0)),
                          ("maxLength", column.str.len_chars() > constraints.get("maxLength", 0)),
                          ("minimum", ~(typed >= constraints.get("minimum", 0)).fill_null(False)),
                          ("maximum", ~(typed <= constraints.get("maximum", 0)).fill_null(False))):  # fmt: skip
        if name in constraints:
            checks.append(("constraint-error", valid & compare, name, str(constraints[name])))
    return checks


def cells(table: Table, package: str, *, uniqueness: bool = True) -> list[Issue]:
    """Type and constraint errors of every cell, one column at a time; only failing cells become issues.
    ``unique`` is left to ``uniqueness`` when the table is one batch of a larger file."""
    import polars as pl

    issues: list[Issue] = []
    frame = table.frame
    for field in _fields(table.schema or {}):
        name, kind = field["name"], field.get("type", "string")
        if name not in frame.columns:
            continue
        column = pl.col(name)
        constraints = field.get("constraints", {})
        present = column.is_not_null()
        type_ok = column.str.contains(TYPE_PATTERNS[kind]) if kind in TYPE_PATTERNS else pl.lit(True)
        checks: list[tuple[str, pl.Expr, str, str]] = [
            ("type-error", present & ~type_ok, "", f'type is "{kind}/default"')
        ]
        if constraints.get("required"):
            checks.append(("constraint-error", ~present, "required", "True"))
        checks += _constraints(column, _typed(name, kind), present & type_ok, constraints)
        flags = frame.select(
            pl.col("_row"),
            pl.col(name),
            *[expr.fill_null(False).alias(f"c{n}") for n, (_, expr, _, _) in enumerate(checks)],
        )
        typed_bad = set(flags.filter(pl.col("c0"))["_row"].to_list())
        for number, (code, _, constraint, expected) in enumerate(checks):
            for row, value in flags.filter(pl.col(f"c{number}")).select("_row", name).iter_rows():
                if number and row in typed_bad:
                    continue  # frictionless checks constraints only on cells of the right type
                context = (
                    {"expected": kind} if code == "type-error" else {"constraint": constraint, "expected": expected}
                )
                issues.append(_issue(code, table, package, row, name, value, **context))
        if uniqueness and constraints.get("unique"):
            issues += _duplicates(table, package, [name], "unique-error", field=name)
    return issues


def uniqueness(table: Table, package: str) -> list[Issue]:
    """What needs every row of a resource at once: ``unique`` fields, primary key duplicates and foreign
    keys into the resource itself. For a file read in batches ``table`` holds just those columns."""
    issues = []
    for field in _fields(table.schema or {}):
        if field.get("constraints", {}).get("unique"):
            issues += _duplicates(table, package, [field["name"]], "unique-error", field=field["name"])
    primary = _primary(table.schema or {})
    if primary:
        issues += _duplicates(table, package, primary, "primary-key", ",".join(primary))
    return issues + _foreign(table, {table.resource: table}, package, own=True)


def _primary(schema: dict[str, Any]) -> list[str]:
    primary = schema.get("primaryKey") or []
    return [primary] if isinstance(primary, str) else list(primary)


def _duplicates(table: Table, package: str, key: list[str], code: str, field: str) -> list[Issue]:
    """Rows whose key was already used by an earlier row (the first occurrence is not an error)."""
    import polars as pl

    frame = table.frame
    if not set(key) <= set(frame.columns):
        return []
    rows = frame.select("_row", *key)
    if code == "unique-error":
        rows = rows.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    first = pl.struct(key).is_first_distinct() if len(key) > 1 else pl.col(key[0]).is_first_distinct()
    repeated = rows.filter(~first)
    if repeated.is_empty():
        return []
    earliest = rows.join(repeated.select(key).unique(), on=key, how="semi", nulls_equal=True)
    ranked = repeated.join(
        earliest.group_by(key).agg(pl.col("_row").min().alias("_first")), on=key, how="left", nulls_equal=True
    )
    issues = []
    for row in ranked.sort("_row").iter_rows(named=True):
        value = ",".join("" if row[k] is None else str(row[k]) for k in key)
        issues.append(
            _issue(
                code,
                table,
                package,
                row["_row"],
                field,
                value,
                note=f"the same as in the row at position {row['_first']}",
            )
        )
    return issues


def without_blank_rows(table: Table) -> Table:
    """The table without its blank rows: frictionless reports a blank row once, as blank-row."""
    import dataclasses

    import polars as pl

    names = [c for c in table.frame.columns if c != "_row"]
    if not names:
        return table
    return dataclasses.replace(table, frame=table.frame.filter(~pl.all_horizontal(pl.col(n).is_null() for n in names)))


def keys(table: Table, tables: dict[str, Table], package: str, *, uniqueness: bool = True) -> list[Issue]:
    """Primary keys and foreign keys. For one batch of a larger file (``uniqueness`` false) only what a
    batch can tell: empty primary keys and references into other resources."""
    import polars as pl

    issues: list[Issue] = []
    primary = _primary(table.schema or {})
    if primary:
        if uniqueness:
            issues += _duplicates(table, package, primary, "primary-key", ",".join(primary))
        if set(primary) <= set(table.frame.columns):
            empty = table.frame.filter(pl.all_horizontal(pl.col(k).is_null() for k in primary))
            issues += [
                _issue(
                    "primary-key",
                    table,
                    package,
                    r,
                    ",".join(primary),
                    "",
                    note='cells composing the primary keys are all "None"',
                )
                for r in empty["_row"].to_list()
            ]
    return issues + _foreign(table, tables, package, own=None if uniqueness else False)


def _foreign(table: Table, tables: dict[str, Table], package: str, own: bool | None) -> list[Issue]:
    """Foreign keys as anti-joins: all of them (``own`` None), or only those into the resource itself
    (True) or only those into other resources (False)."""
    import polars as pl

    issues: list[Issue] = []
    schema = table.schema or {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        if own is not None and own != (ref.get("resource") in ("", None, table.resource)):
            continue
        target = tables.get(ref.get("resource") or table.resource)
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if (
            target is None
            or not set(fields) <= set(table.frame.columns)
            or not set(ref_fields) <= set(target.frame.columns)
        ):
            continue
        lookup = target.frame.select([pl.col(r).alias(f) for r, f in zip(ref_fields, fields, strict=True)]).unique()
        candidates = table.frame.filter(pl.all_horizontal(pl.col(f).is_not_null() for f in fields))
        missing = candidates.join(lookup, on=fields, how="anti")
        reference = f"{ref.get('resource') or table.resource}.{','.join(ref_fields)}"
        for row in missing.select("_row", *fields).iter_rows(named=True):
            value = ",".join(str(row[f]) for f in fields)
            issues.append(
                _issue("foreign-key", table, package, row["_row"], ",".join(fields), value, reference=reference)
            )
    return issues


def _widths_by_lines(data: bytes) -> pl.Series | None:
    """Cells per record, counted on whole columns of lines: the delimiters of each line plus one (a blank
    line has none). Lines holding a quote character are read by the csv module, one line each; None when
    a record spans lines (or the bytes are not UTF-8), and the caller reads the whole file instead."""
    import csv
    import io

    import polars as pl

    data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:  # one column of lines (a blank line is null); a unit separator in the data splits it: read it whole
        frame = pl.read_csv(io.BytesIO(data), has_header=False, separator="\x1f", quote_char=None,
                            new_columns=["line"], infer_schema=False)  # fmt: skip
    except pl.exceptions.PolarsError:
        return None
    if frame.width != 1:
        return None
    lines = frame["line"].fill_null("")
    lines = lines.slice(1)  # the header
    quoted = lines.str.contains('"', literal=True)
    widths = pl.select(
        pl.when(lines == "").then(0).otherwise(lines.str.count_matches(",", literal=True) + 1).cast(pl.Int64)
    ).to_series()
    if quoted.any():
        positions = quoted.arg_true()
        counted = []
        for line in lines.gather(positions).to_list():
            try:
                records = list(csv.reader([line], strict=True))
            except csv.Error:
                return None
            if len(records) != 1:
                return None
            counted.append(len(records[0]))
        widths = widths.scatter(positions, counted)
    return widths


def _widths_by_reader(data: bytes) -> pl.Series:
    import csv
    import io

    import polars as pl

    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    return pl.Series([len(record) for record in csv.reader(io.StringIO(text, newline=""))][1:], dtype=pl.Int64)


def shape(raw: RawFile, table: Table, package: str) -> list[Issue]:
    """Missing and extra cells and blank rows. polars pads a short row silently, so the record widths
    are counted from the bytes (a scan, like the hygiene layer's)."""
    import polars as pl

    names = [c for c in table.frame.columns if c != "_row"]
    widths = _widths_by_lines(raw.data) if table.lines is None else None
    if widths is None:
        widths = _widths_by_reader(raw.data)
    rows = pl.DataFrame({"width": widths}).with_row_index("_row", offset=table.first_record)
    issues = [
        _issue("blank-row", table, package, r, None, None) for r in rows.filter(pl.col("width") == 0)["_row"].to_list()
    ]
    short = rows.filter((pl.col("width") > 0) & (pl.col("width") < len(names)))
    issues += [_issue("missing-cell", table, package, r, names[w], None) for r, w in short.iter_rows()]
    issues += [
        _issue("extra-cell", table, package, r, None, None)
        for r in rows.filter(pl.col("width") > len(names))["_row"].to_list()
    ]
    return issues


def declared(package: PackageRef, resource: dict[str, Any], raw: RawFile) -> list[Issue]:
    where = Location(package=package.name, resource=raw.resource, path=raw.display)
    return declared_values(resource, where, len(raw.data), hashlib.sha256(raw.data).hexdigest())


def declared_values(resource: dict[str, Any], where: Location, size: int, sha256: str) -> list[Issue]:
    """The descriptor's ``bytes`` and ``hash`` of a resource against its file's size and digest."""
    issues = []
    if isinstance(resource.get("bytes"), int) and resource["bytes"] != size:
        issues.append(Issue("byte-count", where, note=f'expected is "{resource["bytes"]}" and actual is "{size}"'))
    declared_hash = str(resource.get("hash", "")).removeprefix("sha256:")
    if declared_hash and declared_hash != sha256:
        issues.append(Issue("hash-count", where, note=f'expected is "{declared_hash}"'))
    return issues
