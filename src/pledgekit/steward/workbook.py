"""Read a steward's workbook sheet into a resource's canonical CSV, cell by cell, remembering where
each value came from so that every issue names the workbook's own sheet and cell (``Sheet1!C7``).

Handled explicitly, never silently: formula cells, merged cells and dates (Excel turns ``2025`` into
a date when a column is formatted as one) are issues and stop the import; full-width digits and
surrounding whitespace are normalised as ``fix`` does, and reported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..checks import numbers
from ..checks.numbers import NUMBER_PATTERNS
from ..codes import Code
from ..issues import Issue, Location


@dataclass
class Imported:
    csv: bytes = b""
    rows: list[int] = field(default_factory=list)  # sheet row of each CSV record
    columns: dict[str, str] = field(default_factory=dict)  # field -> column letter
    sheet: str = ""
    issues: list[Issue] = field(default_factory=list)  # stop the import
    notes: list[str] = field(default_factory=list)  # normalisations applied


def _default_sheet(workbook: Any, resource: str) -> Any:
    """The sheet named after the resource (``metrics``, in any case), else the first sheet."""
    for sheet in workbook.worksheets:
        if sheet.title.strip().lower() == resource.lower():
            return sheet
    return workbook.worksheets[0]


def ref(sheet: str, column: str, row: int) -> str:
    return f"{sheet}!{column}{row}"


def _text(value: Any, kind: str) -> tuple[str, str | None]:
    """The cell as CSV text, and a note when it was normalised."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    text = str(value)
    stripped = text.strip()
    note = "whitespace trimmed" if stripped != text else None
    if kind in NUMBER_PATTERNS and not numbers.is_canonical(stripped, kind):
        ascii_form = numbers.folded(stripped, kind)
        if ascii_form is not None:
            return ascii_form, "full-width number → ASCII"
    return stripped, note


def read(
    path: Path,
    display: str,
    sheet_name: str | None,
    fields: list[str],
    types: dict[str, str],
    package: str,
    resource: str,
) -> Imported:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    out = Imported()
    # from bytes in memory: openpyxl leaves its file open when a damaged workbook stops it
    workbook = load_workbook(io.BytesIO(path.read_bytes()), data_only=False)
    try:
        sheet = workbook[sheet_name] if sheet_name else _default_sheet(workbook, resource)
    except KeyError:
        out.issues.append(
            Issue(
                Code.XLSX_SHEET_MISSING,
                Location(package=package, resource=resource, path=display),
                value=sheet_name,
                context={"sheets": ", ".join(repr(name) for name in workbook.sheetnames)},
            )
        )
        return out
    out.sheet = sheet.title

    def at(row: int, column: int, name: str | None) -> Location:
        return Location(
            package=package,
            resource=resource,
            path=display,
            row=row,
            field=name,
            ref=ref(sheet.title, get_column_letter(column), row),
        )

    header = [(c.value if c.value is None else str(c.value).strip()) for c in sheet[1]]
    positions = {name: index for index, name in enumerate(header, start=1) if name}
    for name in fields:
        if name not in positions:
            out.issues.append(
                Issue(
                    Code.XLSX_HEADER,
                    Location(
                        package=package, resource=resource, path=display, row=1, field=name, ref=f"{sheet.title}!1:1"
                    ),
                    value=name,
                    note="missing",
                )
            )
    for name, column in positions.items():
        if name not in fields:
            out.issues.append(
                Issue(Code.XLSX_HEADER, at(1, column, name), value=name, note="not a field of the resource")
            )
    out.columns = {name: get_column_letter(column) for name, column in positions.items() if name in fields}
    for merged in sheet.merged_cells.ranges:
        out.issues.append(
            Issue(
                Code.XLSX_MERGED_CELLS,
                at(
                    merged.min_row,
                    merged.min_col,
                    header[merged.min_col - 1] if merged.min_col <= len(header) else None,
                ),
                value=str(merged.coord),
            )
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for cells in sheet.iter_rows(min_row=2):
        values = {
            name: cells[column - 1] for name, column in positions.items() if name in fields and column <= len(cells)
        }
        if all(cell.value in (None, "") for cell in values.values()):
            continue
        row_number = cells[0].row
        line = []
        for name in fields:
            cell = values.get(name)
            value = cell.value if cell is not None else None
            if cell is not None and cell.data_type == "f":
                out.issues.append(Issue(Code.XLSX_FORMULA, at(row_number, cell.column, name), value=str(value)))
            elif cell is not None and isinstance(value, (datetime, date, time)):
                out.issues.append(
                    Issue(
                        Code.XLSX_DATE,
                        at(row_number, cell.column, name),
                        value=str(value),
                        context={"expected": types.get(name, "string")},
                    )
                )
            text, note = _text(value, types.get(name, "string"))
            if note and cell is not None:
                where = ref(sheet.title, get_column_letter(cell.column), row_number)
                out.notes.append(f"{display}:{where} [{name}] {str(value)!r} → {text!r}: {note}")
            line.append(text)
        writer.writerow(line)
        out.rows.append(row_number)
    out.csv = buffer.getvalue().encode("utf-8")
    return out
