"""Cells that frictionless lets through: non-canonical numbers, whitespace, invisible characters,
spreadsheet formulas, oversized cells. Each rule runs on whole columns; only failing cells become issues.

frictionless reads ``２０２５`` (full-width), ``٢٠٢٥``, ``2_025``, ``+2025`` and ``0002025`` as 2025, and
spreadsheets run a cell that starts with ``=``; a published CSV must carry exactly what was validated.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..io.tables import Table
from ..issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

NUMBER_PATTERNS = {
    "integer": r"^-?(0|[1-9][0-9]*)$",
    "number": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$",
    "year": r"^-?(0|[1-9][0-9]*)$",
}
# C0 and C1 controls (tab allowed), zero-width characters, bidirectional controls, and a BOM inside text.
INVISIBLE = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]"
EDGE_SPACE = r"^\s|\s$"  # \s is Unicode-aware: it covers the full-width space U+3000
FORMULA = r"^[=+\-@\t\r]"


def _suggestion(value: str) -> str:
    """What the cell probably means, for the hint: NFKC turns full-width digits into ASCII."""
    folded = unicodedata.normalize("NFKC", value).strip().replace("_", "").replace(",", "")
    folded = folded.removeprefix("+").removesuffix("年").removesuffix("%")
    if folded.endswith(".0"):
        folded = folded[:-2]
    return (folded.lstrip("0") or "0") if folded.isdigit() else folded


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def _at(table: Table, package: str, row: int, field: str) -> Location:
    return Location(package=package, resource=table.resource, path=table.display, row=row, field=field)


def _bad(table: Table, field: str, condition: pl.Expr) -> pl.DataFrame:
    import polars as pl

    return table.frame.filter(pl.col(field).is_not_null() & condition).select("_row", field)


def check(table: Table, package: str, cell_bytes: int) -> list[Issue]:
    import polars as pl

    issues: list[Issue] = []
    types = table.field_types()
    for field in (c for c in table.frame.columns if c != "_row"):
        column = pl.col(field)
        kind = types.get(field, "string")
        for row, value in _bad(table, field, column.str.len_bytes() > cell_bytes).iter_rows():
            issues.append(Issue("cell-too-long", _at(table, package, row, field), value=str(len(value.encode())),
                                context={"limit": cell_bytes}))  # fmt: skip
        invisible = _bad(table, field, column.str.contains(INVISIBLE))
        for row, value in invisible.iter_rows():
            position = next(i for i, ch in enumerate(value) if unicodedata.category(ch) in ("Cc", "Cf"))
            context = {"char": _char_name(value[position]), "position": position + 1}
            issues.append(Issue("control-character", _at(table, package, row, field), value=value, context=context))
        for row, value in _bad(table, field, column.str.contains(EDGE_SPACE)).iter_rows():
            issues.append(Issue("cell-whitespace", _at(table, package, row, field), value=value))
        if kind in NUMBER_PATTERNS:
            wrong = _bad(table, field, ~column.str.contains(NUMBER_PATTERNS[kind]))
            for row, value in wrong.iter_rows():
                context = {"expected": kind, "suggestion": _suggestion(value)}
                issues.append(
                    Issue("number-not-canonical", _at(table, package, row, field), value=value, context=context)
                )
        elif kind == "string":
            for row, value in _bad(table, field, column.str.contains(FORMULA)).iter_rows():
                issues.append(Issue("formula-injection", _at(table, package, row, field), value=value,
                                    context={"char": value[0]}))  # fmt: skip
    return issues
