"""Numbers must be written in canonical ASCII form.

frictionless reads ``２０２５`` (full-width), ``٢٠٢٥`` (Arabic-Indic), ``2_025``, ``+2025`` and ``0002025``
as the integer 2025; a steward's spreadsheet shows something else, and a published CSV must carry
exactly what was validated. Each integer and number field of every table is checked as a whole column
against an ASCII pattern; only the failing cells become issues, with the NFKC form as a hint.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from ..issues import Issue, Location

if TYPE_CHECKING:
    from ..io.package import PackageRef

PATTERNS = {
    "integer": r"^-?(0|[1-9][0-9]*)$",
    "number": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$",
}


def _suggestion(value: str) -> str:
    """What the cell probably means, for the hint: NFKC turns full-width digits into ASCII."""
    folded = unicodedata.normalize("NFKC", value).strip().replace("_", "").replace(",", "")
    return folded.removeprefix("+").removesuffix("年").removesuffix("%")


def _numeric_fields(schema: Any) -> dict[str, str]:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return {}
    return {f["name"]: f["type"] for f in schema["fields"] if isinstance(f, dict) and f.get("type") in PATTERNS}


def check(package: PackageRef, schemas: dict[str, Any]) -> list[Issue]:
    """``schemas`` maps resource name to its loaded Table Schema."""
    import polars as pl

    from .provenance import read_table

    issues = []
    for name, schema in schemas.items():
        fields = _numeric_fields(schema)
        table = read_table(package, name) if fields else None
        if table is None:
            continue
        for field, kind in fields.items():
            if field not in table.frame.columns:
                continue  # the header check reports it
            bad = table.frame.filter(pl.col(field).is_not_null() & ~pl.col(field).str.contains(PATTERNS[kind]))
            for row, value in bad.select("_row", field).iter_rows():
                where = Location(
                    package=package.name, resource=name, file=package.file(table.relpath), row=row, field=field
                )
                issues.append(
                    Issue(
                        "number-not-canonical",
                        where,
                        value=value,
                        context={"expected": kind, "suggestion": _suggestion(value)},
                    )
                )
    return issues
