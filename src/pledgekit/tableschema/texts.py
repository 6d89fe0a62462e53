"""A resource's bytes as a table of text cells, read as validation reads them.

Publishing, diffs and tracking work on the rows validation checked: the same dialect (what the resource
declares, the rest sniffed), the same records and header labels. A file read with defaults it does not
follow (a ``;`` file read on commas) would give other columns than the ones validated, or none at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import LoadError
from ..io.tables import BOM, RawFile, Table
from . import dialect as dialects
from .dialect import CsvDialect
from .header import labels
from .records import RecordReader, content, uncommented

if TYPE_CHECKING:
    from ..io.package import PackageRef


def dialect_of(package: PackageRef, resource: dict[str, Any]) -> dict[str, Any] | None:
    """The dialect a resource declares, inline or from its path; None when it declares none, or none that
    can be read (validation reports why)."""
    declared = resource.get("dialect")
    if isinstance(declared, str):
        try:
            declared = package.json(declared)
        except LoadError:
            return None
    return declared if isinstance(declared, dict) else None


def tsv(resource: dict[str, Any]) -> bool:
    """Whether a resource is tab-separated by its format or its path's extension."""
    path = resource.get("path")
    return resource.get("format") == "tsv" or (isinstance(path, str) and path.endswith(".tsv"))


def dialect(raw: RawFile, declared: dict[str, Any] | None = None, *, tab: bool = False) -> CsvDialect | None:
    """The dialect validation reads ``raw`` with: ``declared`` completed by sniffing the file's first
    lines; None when the bytes are not UTF-8 or the dialect is unusable (validation reports why)."""
    try:
        sample = dialects.sample_lines(raw.data.removeprefix(BOM).decode("utf-8"))
        return dialects.resolve(declared, sample, tsv=tab)
    except (UnicodeDecodeError, dialects.DialectError):
        return None


def of_resource(package: PackageRef, resource: dict[str, Any], raw: RawFile) -> CsvDialect | None:
    """``dialect`` of a resource's bytes ``raw``: what it declares, the rest sniffed."""
    return dialect(raw, dialect_of(package, resource), tab=tsv(resource))


def read(raw: RawFile, found: CsvDialect) -> Table:
    """``raw`` read with ``found`` (``dialect``) as text cells under its header labels (empty cells null),
    numbered from 2 as data rows, with the line each starts on."""
    import polars as pl

    records = RecordReader(found).feed(raw.data.removeprefix(BOM), final=True).frame
    head = uncommented(records.filter(pl.col("_record").is_in(list(found.header_rows))), found)
    names = labels([list(c) for c in head["_cells"].to_list()], found.header_join) if found.header else []
    rows = content(records, found)
    width = max([len(names), *rows["_cells"].list.len().to_list()])
    schema = [f["name"] for f in (raw.schema or {}).get("fields", []) if isinstance(f, dict) and "name" in f]
    given = names or schema
    columns = _unique([given[n] if n < len(given) and given[n] else f"field{n + 1}" for n in range(width)])
    cells = [pl.col("_cells").list.get(n, null_on_oob=True) for n in range(width)]
    frame = rows.select(
        *[pl.when(cell != "").then(cell).alias(name) for cell, name in zip(cells, columns, strict=True)],
        pl.int_range(2, pl.len() + 2, dtype=pl.Int64).alias("_row"),
    )
    lines = rows["_row"].to_list()
    contiguous = lines == list(range(2, len(lines) + 2))
    return Table(raw.resource, raw.relpath, raw.display, frame, raw.schema, None if contiguous else lines)


def _unique(names: list[str]) -> list[str]:
    """Column names as polars reads a header: a repeated name gets ``_duplicated_<n>``."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        if name in seen:
            result.append(f"{name}_duplicated_{seen[name]}")
            seen[name] += 1
        else:
            seen[name] = 0
            result.append(name)
    return result
