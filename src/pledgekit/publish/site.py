"""The static download site: plain HTML and CSS, no JavaScript, nothing from a CDN.

Every text that comes from the data is escaped (Jinja2 autoescape): a ``<script>`` in a statement
stays text. Version pages live inside their (immutable) release; the package and root pages, which
list versions, are regenerated from the releases. Every label of the site is in Chinese and English
(``LABELS``): the pages are ``zh-Hans`` with the English beside each label, marked ``lang="en"``.
A release's scorecard (``scorecard.py``) is one more page of the site, with the same labels; its filters
are CSS.
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
    # the scorecard (scorecard.html)
    "scorecard": ("承诺记分卡", "Scorecard"),
    "scorecard_link": (
        "承诺记分卡:每项承诺的进展及其依据",
        "Scorecard: the progress of every commitment and its evidence",
    ),
    "scorecard_intro": (
        "截至 {as_of} 年底每项承诺的状态,由本版本的数据计算得出(与 progress.csv 相同);规则见 docs/tracking.md。",
        "The status of every commitment as of the end of {as_of}, computed from this version's data (as in "
        "progress.csv); the rules are in docs/tracking.md.",
    ),
    "scorecard_intro_track": (
        "截至 {as_of} 年底每项承诺的状态,由 pledgekit track 从数据计算得出;规则见 docs/tracking.md。",
        "The status of every commitment as of the end of {as_of}, computed from the data by pledgekit track; "
        "the rules are in docs/tracking.md.",
    ),
    "scorecard_key": (
        "“暂定”:由预计数决定的状态。图中圆点为各年数据(空心为预计数),虚线为目标路径,方点为目标。",
        "Provisional: a status an estimate decides. The chart shows the figures (hollow: estimates), the target "
        "path (dashed) and the target (square).",
    ),
    "version_page": ("本版本", "This version"),
    "by_division": ("按区统计", "By division"),
    "by_topic": ("按领域统计", "By topic"),
    "division": ("区", "Division"),
    "topic": ("领域", "Topic"),
    "status": ("状态", "Status"),
    "total": ("合计", "Total"),
    "all": ("全部", "All"),
    "filters": ("筛选", "Filter"),
    "commitments": ("承诺", "Commitments"),
    "quote": ("原文", "Quote"),
    "target": ("目标", "Target"),
    "deadline": ("期限", "Deadline"),
    "baseline": ("基期", "Baseline"),
    "method": ("方法", "Method"),
    "reason": ("原因", "Reason"),
    "computation": ("计算", "Computation"),
    "evidence": ("依据", "Evidence"),
    "no_evidence": ("无", "none"),
    "provisional": ("暂定", "provisional"),
    "computed_status": ("计算状态", "Computed status"),
    "assessed_status": ("评估状态", "Assessed status"),
    "assessed_by": (
        "{assessor},截至 {as_of} 年底,评估于 {on}",
        "by {assessor}, as of the end of {as_of}, assessed {on}",
    ),
    "rationale": ("评估理由", "Rationale"),
    "assessment_quote": ("评估依据", "Assessment's quote"),
    "disagrees": ("计算状态与评估状态不一致", "The computed and the assessed status disagree"),
    "estimate": ("预计数", "estimate"),
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
    downloads: list[Download], tables: dict[str, Table], *, scorecard: bool = False,
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
        scorecard=scorecard,
    )


def scorecard_page(*, standalone: bool = False, **values: Any) -> bytes:
    """The release's scorecard (``scorecard.py`` prepares the values); ``standalone``: one file with its
    stylesheet inline and no links to the rest of a release (``pledgekit track --format html``)."""
    if standalone:
        css = Markup(stylesheet().decode("utf-8"))  # the site's own stylesheet: no data in it
        return _render("scorecard.html", root=None, css=None, inline_css=css, standalone=True, **values)
    return _render("scorecard.html", root="../../", css="style.css", standalone=False, **values)


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
