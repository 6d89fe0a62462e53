"""Provenance: every source's stored text matches its sha256, every quote occurs in its source (of
commitments, metrics and assessments), every quote carries the row's number, and no quote begins or
ends inside a number of its source.

Quotes are matched ignoring whitespace and the bracketed pinyin readings that some traditional-script
articles insert after characters (``區(qū)``). A number is carried when the quote writes it exactly
(``1334.8``, not inside ``11334.8`` or ``1334.85``), or when a number of the quote with its magnitude
word equals the row's value in base units (``2.16万个`` carries 21600 个; ``1万亿元`` carries 10000 亿元).
All of it runs on whole columns with polars.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from ..codes import Code
from ..errors import IntegrityError
from ..io.tables import Table
from ..issues import Issue, Location
from ..steward.text import TextProblem, canonical
from . import base_units, numbers, quotes

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef
    from .interface import Batch

PINYIN_READING = r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)"
QUOTED_NUMBER = r"[0-9]+(?:\.[0-9]+)?(?:万亿|亿|万|千)?"
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
# Which columns hold numbers the quote must carry; the first may be written in words (value_text).
VALUE_COLUMNS = {"commitments": ("target_value", "target_value_max", "baseline_value"), "metrics": ("value",)}
# The resources whose quotes must occur in their sources: those with numbers, and the assessments (a quote
# that supports a judgement carries no number of the row).
QUOTED = (*VALUE_COLUMNS, "assessments")


def normalise(expr: pl.Expr) -> pl.Expr:
    """Drop pinyin readings and whitespace: the form quotes and sources are compared in."""
    return expr.str.replace_all(PINYIN_READING, "").str.replace_all(r"\s+", "")


def normalised(frame: pl.DataFrame, column: str) -> pl.Expr:
    """``normalise`` of ``column``, or the column as it is when none of ``frame``'s cells there holds
    whitespace or a parenthesis (most batches: one scan of the column instead of two replacements)."""
    import polars as pl

    if frame.select(pl.col(column).str.contains(r"[\s(]").any()).item():
        return normalise(pl.col(column))
    return pl.col(column)


def source_files(
    package: PackageRef, sources: Table | None, max_bytes: int
) -> tuple[list[Issue], dict[str, tuple[str, str]]]:
    """Check each stored source text against its sha256; return issues and {source_id: (path, sha256)} of
    the texts that match (read one at a time: only the digests are kept). A text over ``max_bytes`` (the
    file limit) is file-too-large and not read."""
    issues: list[Issue] = []
    good: dict[str, tuple[str, str]] = {}
    if sources is not None and {"id", "path", "sha256"} <= set(sources.frame.columns):
        for row in sources.frame.select("_row", "id", "path", "sha256").iter_rows(named=True):
            if row["path"] is None or row["id"] is None:
                continue  # a required cell is empty: the structure check reports it
            where = Location(
                package=package.name, resource="sources", path=sources.display, row=row["_row"], field="path"
            )
            try:
                path = package.resolve(row["path"])  # PolicyError propagates: unsafe paths are refused
                size = path.stat().st_size
                if size > max_bytes:
                    too_large = Location(package=package.name, path=package.file(row["path"]))
                    issues.append(Issue(Code.FILE_TOO_LARGE, too_large, value=str(size), context={"limit": max_bytes}))
                    continue
                data = path.read_bytes()
            except OSError:
                issues.append(Issue(Code.SOURCE_MISSING, where, value=row["id"], note=str(row["path"])))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest != row["sha256"]:
                written = row["sha256"] or ""
                case = "empty" if not written else "upper-case" if written.lower() == digest else "changed"
                if case == "changed" and _resaved(data, written.lower()):
                    case = "resaved"
                issues.append(
                    Issue(Code.SOURCE_HASH_MISMATCH, replace(where, field="sha256"), value=row["id"], note=digest,
                          context={"case": case})
                )  # fmt: skip
                continue
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                issues.append(Issue(Code.SOURCE_NOT_UTF8, where, value=row["id"], note=str(row["path"])))
                continue
            good[row["id"]] = (row["path"], digest)
    return issues, good


def _resaved(data: bytes, written: str) -> bool:
    """Whether ``data`` is the text whose digest is ``written``, saved again in another encoding, with CRLF
    line endings or a BOM (what an editor does on Windows): its words unchanged, only its bytes."""
    try:
        again = canonical(data).data
    except TextProblem:
        return False
    candidates = {again, again[:-1]}  # canonical() ends a text with a newline; a stored text may lack one
    return any(c != data and hashlib.sha256(c).hexdigest() == written for c in candidates)


def load_texts(package: PackageRef, files: dict[str, tuple[str, str]]) -> pl.DataFrame:
    """(source_id, text) of the given source files (path and the sha256 they were checked against),
    normalised for matching; IntegrityError when a file is no longer the text checked (saved again
    during the run)."""
    import polars as pl

    ids = list(files)
    texts = []
    for source in ids:
        path, digest = files[source]
        data = package.resolve(path).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise IntegrityError(
                "changed-during-validation", "changed after its digest was checked", path=package.file(path)
            )
        texts.append(data.decode("utf-8"))
    frame = pl.DataFrame({"source_id": ids, "text": texts}, schema={"source_id": pl.String, "text": pl.String})
    return frame.with_columns(normalise(pl.col("text")))


def carried(frame: pl.DataFrame, column: str) -> pl.Series:
    """Row positions whose quote carries the column's number: a number of the quote written exactly as
    the cell (``5`` is not carried by ``5.2``, nor ``894`` by ``8940``), or equal to the cell in base units
    once its magnitude word is applied (``2.16万`` carries 21600 个). One explode of the quotes' numbers,
    no regular expression per row."""
    import polars as pl

    base = numbers.number(column) * pl.col("unit_factor")
    found = (
        frame.select(
            pl.int_range(pl.len()).alias("_pos"),
            pl.col(column).alias("_cell"),
            base.alias("_base"),
            pl.col("quote_n").str.extract_all(QUOTED_NUMBER).alias("_n"),
        )
        .explode("_n")
        .drop_nulls("_n")
        .with_columns(
            pl.col("_n").str.extract(r"^([0-9.]+)").alias("_text"),
            pl.col("_n")
            .str.extract(r"([万亿千]+)$")
            .replace_strict(MAGNITUDES, default=1.0, return_dtype=pl.Float64)
            .alias("_mag"),
        )
    )
    quoted = pl.col("_text").cast(pl.Float64, strict=False) * pl.col("_mag")
    close = base_units.same(quoted, pl.col("_base"))
    return found.filter((pl.col("_text") == pl.col("_cell")) | close)["_pos"].unique()


def written(column: str) -> pl.Expr:
    """Quotes whose first occurrence of the cell is a whole number of the quote (not inside ``11334.8``
    or ``1334.85``): the common case, found without ``carried``'s explode. Whatever this accepts,
    ``carried`` accepts too (a number of the quote starts there and ends with the cell). The quote is
    cut once at the cell: the text before it must not end with a digit or a point, the text after it must
    not go on with a digit (or a point and a digit)."""
    import polars as pl

    parts = pl.col("quote_n").str.splitn(pl.col(column), 2)
    before, after = parts.struct.field("field_0"), parts.struct.field("field_1")
    clear_before = ~before.str.contains(r"[0-9.]$")
    number_after = after.str.contains(r"^(?:[0-9]|\.[0-9])")
    return (after.is_not_null() & clear_before & ~number_after).fill_null(False)


def check_table(package: PackageRef, table: Table, sources: quotes.Sources, factors: pl.DataFrame) -> list[Issue]:
    import polars as pl

    frame = table.frame
    if not {"quote", "source_id"} <= set(frame.columns):
        return []
    if "unit" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("unit"))
    wanted = ("_row", "source_id", "quote", "unit", "value_text", *VALUE_COLUMNS.get(table.resource, ()))
    joined = (  # one query (joins in the batch's row order), of the columns read here only
        frame.lazy()
        .select([c for c in wanted if c in frame.columns])
        .with_columns(normalised(frame, "quote").alias("quote_n"))
        .join(sources.texts.lazy().select("source_id"), on="source_id", how="inner", maintain_order="left")
        .join(factors.lazy(), on="unit", how="left", maintain_order="left")
        .collect(engine="in-memory")
    )
    issues = []
    where = {"package": package.name, "resource": table.resource, "path": table.display}
    found = sources.found(joined)
    missing = (
        joined.lazy()
        .filter(pl.col("quote_n").is_not_null())
        .join(found.lazy(), on=["source_id", "quote_n"], how="anti", maintain_order="left")
        .select("_row", "source_id")
        .collect(engine="in-memory")
    )
    for row, source in missing.iter_rows():
        issues.append(Issue(Code.QUOTE_NOT_IN_SOURCE, Location(**where, row=row, field="quote"), note=source))
    cuts = quotes.cut(found, sources.texts)  # the quotes found are the distinct pairs of the rows found
    edge = (
        pl.when(pl.col("_side") == "end")
        .then(pl.col("quote_n").str.extract(r"([0-9.]+)$"))
        .otherwise(pl.col("quote_n").str.extract(r"^([0-9.]+)"))
    )
    cut_rows = (
        joined.lazy()
        .join(cuts.lazy(), on=["source_id", "quote_n"], how="inner", maintain_order="left")
        .select("_row", "_side", edge.alias("_edge"))
        .collect(engine="in-memory")
    )
    for row, side, number in cut_rows.iter_rows():
        context = {"side": side, "side_zh": "结尾" if side == "end" else "开头"}
        where_cut = Location(**where, row=row, field="quote")
        issues.append(Issue(Code.QUOTE_CUTS_NUMBER, where_cut, value=number, context=context))
    for position, column in enumerate(VALUE_COLUMNS.get(table.resource, ())):
        if column not in joined.columns:
            continue
        words = (
            pl.col("value_text").is_not_null() if position == 0 and "value_text" in joined.columns else pl.lit(False)
        )
        # A fall (-3.2 for 下降3.2%) is written in the quote without its sign.
        checked = (
            joined.lazy()
            .filter(pl.col("quote_n").is_not_null() & pl.col(column).is_not_null())
            .with_columns(pl.col(column).str.strip_prefix("-"))
        )
        unworded = checked.filter(words & ~pl.col("quote_n").str.contains(pl.col("value_text"), literal=True))
        digits = ~words & pl.col(column).str.contains(numbers.DIGITS)
        kept = ("_row", column, "quote_n", "unit_factor")
        by_words, by_digits = pl.collect_all(
            [unworded.select(kept), checked.filter(digits).filter(~written(column)).select(kept)], engine="in-memory"
        )
        if not by_digits.is_empty():
            found_rows = carried(by_digits, column)
            by_digits = by_digits.with_row_index("_p").filter(~pl.col("_p").is_in(found_rows.implode()))
        for row, value in pl.concat([by_words.select("_row", column), by_digits.select("_row", column)]).iter_rows():
            issues.append(Issue(Code.VALUE_NOT_IN_QUOTE, Location(**where, row=row, field=column), value=value))
    return issues


class Provenance:
    """Quotes in their sources (commitments, metrics, assessments) and numbers in their quotes."""

    @classmethod
    def start(cls, resource: str) -> Provenance | None:
        return cls() if resource in QUOTED else None

    def batch(self, batch: Batch) -> list[Issue]:
        if "sources" not in batch.held:
            return []  # the sources resource is unreadable: its own issues say why
        return check_table(batch.package, batch.table, batch.sources(batch.table), batch.factors)

    def finish(self) -> list[Issue]:
        return []
