"""Provenance: every source's stored text matches its sha256, every quote occurs in its source,
and every quote carries the row's number as written.

Quotes are matched ignoring whitespace and the bracketed pinyin readings that some traditional-script
articles insert after characters (``區(qū)``). The checks run on whole columns with polars.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef

PINYIN_READING = r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)"
WHITESPACE = r"\s+"
CANONICAL_NUMBER = r"^[0-9]+(\.[0-9]+)?$"
# Which columns hold numbers that the quote must carry; the first one may be written as value_text.
VALUE_COLUMNS = {
    "commitments": ("target_value", "target_value_max", "baseline_value"),
    "metrics": ("value",),
}


@dataclass(frozen=True)
class Table:
    name: str
    relpath: str
    frame: pl.DataFrame


def normalise(expr: pl.Expr) -> pl.Expr:
    """Drop pinyin readings and whitespace: the form quotes and sources are compared in."""
    return expr.str.replace_all(PINYIN_READING, "").str.replace_all(WHITESPACE, "")


def read_table(package: PackageRef, name: str) -> Table | None:
    """All cells as strings with a ``_row`` column (header = row 1); None if absent or unparsable."""
    import polars as pl

    resource = package.resource(name)
    if resource is None or not isinstance(resource.get("path"), str):
        return None
    path = package.resolve(resource["path"])
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except (OSError, pl.exceptions.PolarsError):
        return None  # the structure check reports why the file cannot be read
    frame = frame.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))
    return Table(name, resource["path"], frame)


def _source_texts(package: PackageRef, sources: Table) -> tuple[list[Issue], pl.DataFrame]:
    """Check each stored source text against its sha256; return issues and (source_id, text)."""
    import polars as pl

    issues: list[Issue] = []
    ids, texts = [], []
    needed = {"id", "path", "sha256"}
    if not needed <= set(sources.frame.columns):
        return issues, pl.DataFrame({"source_id": [], "text": []}, schema={"source_id": pl.String, "text": pl.String})
    for row in sources.frame.select("_row", "id", "path", "sha256").iter_rows(named=True):
        where = Location(
            package=package.name, resource="sources", file=package.file(sources.relpath), row=row["_row"], field="path"
        )
        if row["path"] is None or row["id"] is None:
            continue  # a required cell is empty: the structure check reports it
        try:
            data = package.resolve(row["path"]).read_bytes()  # PolicyError propagates: unsafe paths are refused
        except OSError:
            issues.append(Issue("source-missing", where, value=row["id"], note=str(row["path"])))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != row["sha256"]:
            issues.append(Issue("source-hash-mismatch", replace(where, field="sha256"), value=row["id"], note=digest))
            continue
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            issues.append(Issue("source-missing", where, value=row["id"], note=f"{row['path']} (not UTF-8)"))
            continue
        ids.append(row["id"])
    frame = pl.DataFrame({"source_id": ids, "text": texts}, schema={"source_id": pl.String, "text": pl.String})
    return issues, frame.with_columns(normalise(pl.col("text")))


def _number_in_quote(column: str) -> pl.Expr:
    """True where the normalised quote holds the column's number, not as part of a longer number."""
    import polars as pl

    escaped = pl.col(column).str.replace_all(r"\.", r"\.", literal=False)
    pattern = pl.lit(r"(?:^|[^0-9.])") + escaped + pl.lit(r"(?:$|[^0-9.]|\.(?:$|[^0-9]))")
    return pl.col("quote_n").str.contains(pattern)


def _check_rows(package: PackageRef, table: Table, texts: pl.DataFrame) -> list[Issue]:
    import polars as pl

    frame = table.frame
    if not {"quote", "source_id"} <= set(frame.columns):
        return []
    file = package.file(table.relpath)
    joined = frame.with_columns(normalise(pl.col("quote")).alias("quote_n")).join(texts, on="source_id", how="inner")
    issues = []
    missing = joined.filter(
        pl.col("quote_n").is_not_null() & ~pl.col("text").str.contains(pl.col("quote_n"), literal=True)
    )
    for row in missing.select("_row", "source_id").iter_rows(named=True):
        where = Location(package=package.name, resource=table.name, file=file, row=row["_row"], field="quote")
        issues.append(Issue("quote-not-in-source", where, note=row["source_id"]))
    for position, column in enumerate(VALUE_COLUMNS.get(table.name, ())):
        if column not in frame.columns:
            continue
        has_text = (
            pl.col("value_text").is_not_null() if (position == 0 and "value_text" in frame.columns) else pl.lit(False)
        )
        written_as_text = has_text & ~pl.col("quote_n").str.contains(pl.col("value_text"), literal=True)
        written_as_digits = ~has_text & pl.col(column).str.contains(CANONICAL_NUMBER) & ~_number_in_quote(column)
        absent = joined.filter(pl.col("quote_n").is_not_null() & (written_as_text | written_as_digits))
        for row in absent.select("_row", column).iter_rows(named=True):
            where = Location(package=package.name, resource=table.name, file=file, row=row["_row"], field=column)
            issues.append(Issue("value-not-in-quote", where, value=row[column]))
    return issues


def check(package: PackageRef) -> list[Issue]:
    sources = read_table(package, "sources")
    if sources is None:
        return []
    issues, texts = _source_texts(package, sources)
    for name in ("commitments", "metrics"):
        table = read_table(package, name)
        if table is not None:
            issues += _check_rows(package, table, texts)
    return issues
