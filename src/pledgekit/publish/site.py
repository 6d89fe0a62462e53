"""The static download site: plain HTML and CSS, no JavaScript, nothing from a CDN.

Every text that comes from the data is escaped (Jinja2 autoescape): a ``<script>`` in a statement
stays text. Version pages live inside their (immutable) release; the package and root pages, which
list versions, are regenerated from the releases. Every label of the site is in Chinese and English
(``LABELS``): the pages are ``zh-Hans`` with the English beside each label, marked ``lang="en"``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .. import templates
from ..io.tables import Table
from . import downloads as recipes
from .portal import Download

PREVIEW_ROWS = 10
# Every label of the site: key -> (Chinese, English); ``{name}`` parts are filled in by the template.
LABELS = {
    "site": ("pledgekit 数据发布", "pledgekit releases"),
    "releases": ("数据发布", "Releases"),
    "package": ("数据包", "Package"),
    "latest": ("最新版本", "Latest version"),
    "released": ("发布时间", "Released"),
    "description": ("简介", "Description"),
    "history": ("版本历史", "Version history"),
    "version": ("版本", "Version"),
    "change": ("变更级别", "Change"),
    "summary": ("变更摘要", "Summary"),
    "first": ("首次发布", "first release"),
    "released_at": ("发布于 {created}。", "Released {created}."),
    "previous": ("上一版本:", "Previous version:"),
    "all_versions": ("全部版本", "All versions"),
    "downloads": ("下载", "Downloads"),
    "file": ("文件", "File"),
    "bytes": ("字节数", "Bytes"),
    "checksum": ("SHA-256 校验值", "SHA-256"),
    "load": ("按字段类型读取", "Load with the right types"),
    "load_intro": (
        "以下脚本按各表的 Table Schema 读取 CSV:代码保持为文本(保留前导零),整数与年份为整数,"
        "数值为浮点数,空单元格为缺失值。",
        "These recipes read the CSV files with the types of their Table Schemas: codes stay text (leading zeros "
        "kept), integers and years are integers, numbers are floats, empty cells are missing.",
    ),
    "changes": ("变更", "Changes"),
    "field": ("字段", "Field"),
    "type": ("类型", "Type"),
    "description_en": ("英文说明", "Description"),
    "description_zh": ("中文说明", "Description in Chinese"),
    "rows": ("共 {count} 行,以下为前 {shown} 行:", "{count} rows; the first {shown}:"),
    "checksums": ("校验值均为 SHA-256,可用以下工具核对下载的文件:", "Checksums are SHA-256; verify a download with"),
}
LOADERS = [(recipes.PANDAS, "pandas"), (recipes.POLARS, "polars"), (recipes.DUCKDB, "DuckDB")]


def label(key: str, **values: object) -> Markup:
    """A label in Chinese, then in English (``lang="en"``); ``values`` are escaped."""
    zh, en = LABELS[key]
    shown = {name: escape(value) for name, value in values.items()}
    return Markup('{} <span lang="en">{}</span>').format(Markup(zh.format(**shown)), Markup(en.format(**shown)))


def stylesheet() -> bytes:
    return templates.stylesheet()


def _render(template: str, **values: Any) -> bytes:
    return templates.environment().get_template(template).render(label=label, **values).encode("utf-8")


def _table(name: str, table: Table) -> dict[str, Any]:
    schema = table.schema or {}
    columns = [c for c in table.frame.columns if c != "_row"]
    return {
        "name": name,
        "description": schema.get("description", ""),
        "description_zh": schema.get("description_zh", ""),
        "fields": [
            {k: f.get(k, "") for k in ("name", "type", "title", "description", "title_zh", "description_zh")}
            for f in schema.get("fields", [])
        ],
        "columns": columns,
        "count": table.frame.height,
        "preview": table.frame.select(columns).head(PREVIEW_ROWS).rows(),
    }


def version_page(
    descriptor: dict[str, Any], version: str, created: str, previous: str | None, summary: str,
    downloads: list[Download], tables: dict[str, Table],
) -> bytes:  # fmt: skip
    return _render(
        "version.html",
        root="../../",
        css="style.css",
        title=descriptor.get("title", descriptor["name"]),
        description=descriptor.get("description", ""),
        description_zh=descriptor.get("description_zh", ""),
        version=version,
        created=created,
        previous=previous,
        summary=summary,
        downloads=downloads,
        loaders=LOADERS,
        tables=[_table(name, table) for name, table in tables.items()],
    )


def package_page(descriptor: dict[str, Any], releases: list[dict[str, Any]]) -> bytes:
    return _render(
        "package.html",
        root="../",
        css="../style.css",
        title=descriptor.get("title", descriptor.get("name", "")),
        description=descriptor.get("description", ""),
        description_zh=descriptor.get("description_zh", ""),
        releases=releases,
    )


def root_page(packages: list[dict[str, Any]]) -> bytes:
    return _render("root.html", root="", css="style.css", packages=packages)
