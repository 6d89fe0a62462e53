"""The Chinese catalogue record (政务信息资源目录) of a release: ``catalogue.json`` and ``catalogue.xlsx``.

The core elements of GB/T 21063.3 and the 政务信息资源目录编制指南, filled from the descriptor, its
optional ``catalogue`` block (``documents.CatalogueSettings``, whose defaults docs/publishing.md lists)
and the Table Schemas: one 信息项 per field of every table, with the guide's data type. The record is
built through its model (``documents.CatalogueRecord``, docs/schemas/catalogue.schema.json), so a release
never holds a record that does not meet its schema. The workbook holds the same content in the two sheets
a catalogue's 填报模板 has (the resource, its information items), with fixed document times.
"""

from __future__ import annotations

from typing import Any

from ..documents import CatalogueRecord, CatalogueSettings
from ..io.tables import Table
from . import formats

# Table Schema type -> the guide's data type (name, code); a type not listed is 字符型 C.
DATA_TYPES = {
    "string": ("字符型", "C"),
    "integer": ("整型", "I"),
    "year": ("整型", "I"),
    "number": ("数值型", "N"),
    "boolean": ("逻辑型", "L"),
    "date": ("日期型", "D"),
    "datetime": ("日期时间型", "T"),
}
TEXT_TYPE = ("字符型", "C")
FORMATS = {".csv": "CSV", ".xlsx": "XLSX", ".json": "JSON"}
SHEETS = ("信息资源", "信息项")
LIST_JOIN = "、"


def data_type(kind: str) -> tuple[str, str]:
    return DATA_TYPES.get(kind, TEXT_TYPE)


def _items(tables: dict[str, Table]) -> list[dict[str, str]]:
    items = []
    for resource, table in tables.items():
        for field in (table.schema or {}).get("fields", []):
            if not isinstance(field, dict) or "name" not in field:
                continue
            name, code = data_type(str(field.get("type", "any")))
            title = field.get("title_zh") or field.get("title") or field["name"]
            items.append({"所属数据表": resource, "字段名": str(field["name"]), "信息项名称": str(title),
                          "数据类型": name, "数据类型代码": code})  # fmt: skip
    return items


def _publisher(descriptor: dict[str, Any]) -> str:
    contributors = [c for c in descriptor.get("contributors") or [] if isinstance(c, dict)] or [{"title": "unknown"}]
    chosen = next((c for c in contributors if "publisher" in c.get("roles", [])), contributors[0])
    return str(chosen.get("title") or "unknown")


def record(
    descriptor: dict[str, Any], tables: dict[str, Table], version: str, created: str, paths: list[str]
) -> CatalogueRecord:
    """The catalogue record of one release; ``paths`` are the release's files (for 信息资源格式)."""
    settings = CatalogueSettings.model_validate(descriptor.get("catalogue") or {})
    kinds = sorted({FORMATS[p[p.rfind(".") :]] for p in paths if p[p.rfind(".") :] in FORMATS})
    return CatalogueRecord.model_validate(
        {
            "信息资源分类": {"代码": settings.category_code, "名称": settings.category},
            "信息资源名称": descriptor.get("title_zh") or descriptor.get("title") or descriptor["name"],
            "信息资源代码": settings.code,
            "信息资源提供方": settings.provider or _publisher(descriptor),
            "信息资源提供方代码": settings.provider_code,
            "信息资源摘要": descriptor.get("description_zh") or descriptor.get("description") or descriptor["name"],
            "信息资源格式": {"分类": "电子表格", "类型": kinds or ["CSV"]},
            "信息项": _items(tables),
            "共享属性": {
                "共享类型": settings.share_type,
                "共享条件": settings.share_condition,
                "共享方式": settings.share_method,
            },
            "开放属性": {
                "是否向社会开放": settings.open_type != "不予开放",
                "开放类型": settings.open_type,
                "开放条件": settings.open_condition,
            },
            "更新周期": settings.update_cycle,
            "发布日期": created[:10],
            "关联资源代码": settings.related,
            "版本": version,
        }
    )


def to_json(entry: CatalogueRecord) -> dict[str, Any]:
    return entry.model_dump(mode="json", by_alias=True)


def resource_row(document: dict[str, Any]) -> dict[str, Any]:
    """The resource's elements as one spreadsheet row: nested elements as ``element/part``, lists joined
    with ``、``, a missing value as an empty cell; the 信息项 are the other sheet."""
    row: dict[str, Any] = {}
    for key, value in document.items():
        if key == "信息项":
            continue
        parts = value.items() if isinstance(value, dict) else [("", value)]
        for part, item in parts:
            cell = LIST_JOIN.join(item) if isinstance(item, list) else item
            row[f"{key}/{part}" if part else key] = "" if cell is None else cell
    return row


def to_xlsx(document: dict[str, Any], title: str) -> bytes:
    """The record as a workbook: sheet 信息资源 (a header and one row), sheet 信息项 (one row per field)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    workbook.remove(workbook.active)
    row = resource_row(document)
    items = document["信息项"]
    for sheet_name, header, rows in (
        (SHEETS[0], list(row), [list(row.values())]),
        (SHEETS[1], list(items[0]), [list(item.values()) for item in items]),
    ):
        sheet = workbook.create_sheet(title=sheet_name)
        sheet.append(header)
        for values in rows:
            sheet.append(values)
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
        sheet.freeze_panes = "A2"
    return formats.save_reproducibly(workbook, title)
