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
TYPE_ZH = {"integer": "整数", "number": "数字", "year": "年份"}
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


def check(table: Table, package: str, cell_bytes: int) -> list[Issue]:
    """All rules of all columns in one pass over the table; only failing cells are looked at again."""
    import polars as pl

    types = table.field_types()
    fields = [c for c in table.frame.columns if c != "_row"]
    masks: list[tuple[str, str, pl.Expr]] = []
    for field in fields:
        column = pl.col(field)
        kind = types.get(field, "string")
        masks.append(("cell-too-long", field, column.str.len_bytes() > cell_bytes))
        masks.append(("control-character", field, column.str.contains(INVISIBLE)))
        masks.append(("cell-whitespace", field, column.str.contains(EDGE_SPACE)))
        if kind in NUMBER_PATTERNS:
            masks.append(("number-not-canonical", field, ~column.str.contains(NUMBER_PATTERNS[kind])))
        elif kind == "string":
            masks.append(("formula-injection", field, column.str.contains(FORMULA)))
    flags = table.frame.select(
        pl.col("_row"), *[mask.fill_null(False).alias(f"{n}") for n, (_, _, mask) in enumerate(masks)]
    )
    hit = [n for n, total in enumerate(flags.drop("_row").sum().row(0)) if total]
    issues: list[Issue] = []
    for n in hit:
        code, field, _ = masks[n]
        failing = table.frame.filter(flags[str(n)]).select("_row", field)
        for row, value in failing.iter_rows():
            issues.append(_issue(code, table, package, row, field, value, cell_bytes, types.get(field, "string")))
    return issues


def _issue(
    code: str, table: Table, package: str, row: int, field: str, value: str, cell_bytes: int, kind: str
) -> Issue:
    where = _at(table, package, row, field)
    if code == "cell-too-long":
        return Issue(code, where, value=str(len(value.encode())), context={"limit": cell_bytes})
    if code == "control-character":
        position = next(i for i, ch in enumerate(value) if unicodedata.category(ch) in ("Cc", "Cf"))
        return Issue(code, where, value=value, context={"char": _char_name(value[position]), "position": position + 1})
    if code == "number-not-canonical":
        context = {"expected": kind, "expected_zh": TYPE_ZH.get(kind, kind), "suggestion": _suggestion(value)}
        return Issue(code, where, value=value, context=context)
    if code == "formula-injection":
        return Issue(code, where, value=value, context={"char": value[0]})
    return Issue(code, where, value=value)
