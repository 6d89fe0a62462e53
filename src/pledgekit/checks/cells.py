"""Cells that frictionless lets through: non-canonical numbers, whitespace, invisible characters,
spreadsheet formulas, oversized cells. Each rule runs on whole columns; only failing cells become issues.

frictionless reads ``２０２５`` (full-width), ``٢٠٢٥``, ``2_025``, ``+2025`` and ``0002025`` as 2025, and
spreadsheets run a cell that starts with ``=``; a published CSV must carry exactly what was validated.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location
from . import numbers
from .numbers import NUMBER_PATTERNS

if TYPE_CHECKING:
    import polars as pl

    from .interface import Batch

TYPE_ZH = {"integer": "整数", "number": "数字", "year": "年份"}
# C0 and C1 controls (tab allowed), zero-width characters, bidirectional controls, a BOM inside text, and
# characters that print as nothing or break a line where no line break may be: soft hyphen, combining
# grapheme joiner, Mongolian vowel separator, line and paragraph separators.
INVISIBLE = (
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u034f\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\u061c\ufeff]"
)
EDGE_SPACE = r"^\s|\s$"  # \s is Unicode-aware: it covers the full-width space U+3000
FORMULA = r"^[=+\-@\t\r]"


# Controls have no name in the Unicode database; the ones a spreadsheet or a copied text leaves in a cell:
CONTROL_NAMES = {"\n": "LINE FEED (a line break in the cell)", "\r": "CARRIAGE RETURN (a line break in the cell)",
                 "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x00": "NULL", "\x1b": "ESCAPE",
                 "\x7f": "DELETE"}  # fmt: skip


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, CONTROL_NAMES.get(char, 'control character'))}"


def _at(table: Table, package: str, row: int, field: str) -> Location:
    return Location(package=package, resource=table.resource, path=table.display, row=row, field=field)


def _masks(field: str, kind: str, cell_bytes: int) -> list[tuple[Code, str, pl.Expr]]:
    import polars as pl

    column = pl.col(field)
    masks = [
        (Code.CELL_TOO_LONG, field, column.str.len_bytes() > cell_bytes),
        (Code.CONTROL_CHARACTER, field, column.str.contains(INVISIBLE)),
        (Code.CELL_WHITESPACE, field, column.str.contains(EDGE_SPACE)),
    ]
    if kind in NUMBER_PATTERNS:
        masks.append((Code.NUMBER_NOT_CANONICAL, field, ~column.str.contains(NUMBER_PATTERNS[kind])))
    elif kind == "string":
        masks.append((Code.FORMULA_INJECTION, field, column.str.contains(FORMULA)))
    return masks


def _suspect(field: str, kind: str, cell_bytes: int) -> pl.Expr:
    """One pass over a column that finds every cell any rule could fail (the rules run on those only)."""
    import polars as pl

    column = pl.col(field)
    rules = [INVISIBLE, EDGE_SPACE, *([FORMULA] if kind == "string" else [])]
    odd = column.str.contains("|".join(f"(?:{rule})" for rule in rules))
    if kind in NUMBER_PATTERNS:
        odd = odd | ~column.str.contains(NUMBER_PATTERNS[kind])
    return (odd | (column.str.len_bytes() > cell_bytes)).fill_null(False)


def check(table: Table, package: str, cell_bytes: int) -> list[Issue]:
    """All rules of all columns: one pass finds the suspect cells, the rules name what is wrong with them."""
    import polars as pl

    types = table.field_types()
    fields = [c for c in table.frame.columns if c != "_row"]
    suspects = table.frame.select([_suspect(f, types.get(f, "string"), cell_bytes).sum().alias(f) for f in fields])
    issues: list[Issue] = []
    for field in [f for f in fields if suspects[f].item()]:
        kind = types.get(field, "string")
        masks = _masks(field, kind, cell_bytes)
        odd = table.frame.filter(_suspect(field, kind, cell_bytes)).select(
            "_row", field, *[mask.fill_null(False).alias(f"m{n}") for n, (_, _, mask) in enumerate(masks)]
        )
        for n, (code, _, _) in enumerate(masks):
            for row, value in odd.filter(pl.col(f"m{n}")).select("_row", field).iter_rows():
                issues.append(_issue(code, table, package, row, field, value, cell_bytes, kind))
    return issues


def _issue(
    code: Code, table: Table, package: str, row: int, field: str, value: str, cell_bytes: int, kind: str
) -> Issue:
    where = _at(table, package, row, field)
    if code is Code.CELL_TOO_LONG:
        return Issue(code, where, value=str(len(value.encode())), context={"limit": cell_bytes})
    if code is Code.CONTROL_CHARACTER:
        found = re.search(INVISIBLE, value)  # the same characters the column scan looked for
        position = found.start() if found else 0
        return Issue(code, where, value=value, context={"char": _char_name(value[position]), "position": position + 1})
    if code is Code.NUMBER_NOT_CANONICAL:
        guess = numbers.suggestion(value)
        canonical = kind in NUMBER_PATTERNS and numbers.is_canonical(guess, kind)
        context = {
            "expected": kind,
            "expected_zh": TYPE_ZH.get(kind, kind),
            "suggestion": guess,
            "write": f"Write {guess!r}" if canonical else "Write the number itself",
            "write_zh": f"请写作 {guess!r}" if canonical else "请只填写数字本身",
        }
        return Issue(code, where, value=value, context=context)
    if code is Code.FORMULA_INJECTION:
        return Issue(code, where, value=value, context={"char": value[0]})
    return Issue(code, where, value=value)


class Cells:
    """The cells layer: every resource."""

    @classmethod
    def start(cls, resource: str) -> Cells:
        return cls()

    def batch(self, batch: Batch) -> list[Issue]:
        return check(batch.table, batch.package.name, batch.cell_bytes)

    def finish(self) -> list[Issue]:
        return []
