"""Where issues point: record numbers turned into file lines, and the cells of each row pointed at."""

from __future__ import annotations

from dataclasses import replace

from .codes import Layer, info
from .io.tables import Table
from .issues import Issue


def to_lines(issues: list[Issue], tables: dict[str, Table]) -> list[Issue]:
    """Turn record numbers into file lines where a quoted cell spans lines."""
    by_path = {t.display: t for t in tables.values() if t.lines is not None}
    if not by_path:
        return issues
    mapped = []
    for issue in issues:
        table = by_path.get(issue.location.path or "")
        row = issue.location.row
        if table is not None and row is not None and info(issue.code).layer is not Layer.BYTES:
            mapped.append(replace(issue, location=replace(issue.location, row=table.line_of(row))))
        else:
            mapped.append(issue)
    return mapped


def excerpts(issues: list[Issue], tables: dict[str, Table]) -> dict[tuple[str, int], dict[str, str]]:
    """The cells of every row an issue points at, keyed by (path, line)."""
    by_path = {t.display: t for t in tables.values()}
    wanted: dict[str, set[int]] = {}
    for issue in issues:
        if issue.location.path in by_path and issue.location.row and issue.location.row >= 2:
            wanted.setdefault(issue.location.path, set()).add(issue.location.row)
    excerpts = {}
    for path, rows in wanted.items():
        table = by_path[path]
        frame = table.frame.filter(table.frame["_row"].is_in(sorted(rows)))
        for row in frame.iter_rows(named=True):
            record = row.pop("_row")
            excerpts[(path, table.line_of(record))] = {k: "" if v is None else str(v) for k, v in row.items()}
    return excerpts
