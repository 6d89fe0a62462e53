"""The tables in other formats: JSON (typed by the Table Schema) and an XLSX workbook for Excel users.

Numbers are written as numbers and everything else as text; no cell of the workbook is a formula,
whatever it starts with (a cell ``=1+1`` is the text "=1+1").
"""

from __future__ import annotations

import io
import json
from typing import Any

from ..errors import EnvironmentFailure
from ..io.tables import Table
from . import archive

NUMERIC = {"integer", "year"}


def typed_rows(table: Table) -> list[dict[str, Any]]:
    """Rows as dicts with integers and numbers typed by the schema; empty cells are None."""
    types = table.field_types()
    rows = []
    for row in table.frame.drop("_row").iter_rows(named=True):
        out: dict[str, Any] = {}
        for name, value in row.items():
            kind = types.get(name, "string")
            if value is None:
                out[name] = None
            elif kind in NUMERIC:
                out[name] = int(value)
            elif kind == "number":
                number = float(value)
                out[name] = int(number) if number.is_integer() and "." not in value else number
            else:
                out[name] = value
        rows.append(out)
    return rows


def to_json(table: Table) -> bytes:
    return (json.dumps(typed_rows(table), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_xlsx(tables: dict[str, Table], title: str) -> bytes:
    """One sheet per resource; reproducible (fixed document properties)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, table in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        columns = [c for c in table.frame.columns if c != "_row"]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in typed_rows(table):
            sheet.append([row[c] for c in columns])
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
        sheet.freeze_panes = "A2"
    return save_reproducibly(workbook, title)


def save_reproducibly(workbook: Any, title: str) -> bytes:
    """A workbook's bytes with fixed document properties and times: same content, same bytes."""
    from datetime import datetime

    fixed = datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.title = title
    workbook.properties.creator = "pledgekit"
    buffer = io.BytesIO()
    failed: tuple[str, str] | None = None
    try:
        workbook.save(buffer)
    except OSError as exc:  # openpyxl writes each sheet to a temporary file first (disk full, file size limit)
        import tempfile

        failed = (exc.strerror or str(exc), exc.filename or tempfile.gettempdir())
    if failed is not None:
        _collect_quietly()
        raise EnvironmentFailure(
            "io-error",
            f"{failed[0]} while building the workbook {title!r} (openpyxl writes its sheets to temporary files)",
            path=failed[1],
        )
    return _fixed_times(buffer.getvalue())


def _collect_quietly() -> None:
    """After a failed save, openpyxl's half-closed sheet writers fail again when they are collected, which
    Python would print as "Exception ignored": collect them now, with that report silenced."""
    import gc
    import sys

    previous = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous


def _fixed_times(data: bytes) -> bytes:
    """Re-pack a zip (the workbook) in its order with every entry at a fixed time, and openpyxl's save time
    fixed too: same input, same bytes."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    entries = []
    for info in source.infolist():
        content = source.read(info)
        if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
            content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
        entries.append((info.filename, content))
    return archive.pack(entries)
