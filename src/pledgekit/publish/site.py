"""The static download site: plain HTML and CSS, no JavaScript, nothing from a CDN.

Every text that comes from the data is escaped (Jinja2 autoescape): a ``<script>`` in a statement
stays text. Version pages live inside their (immutable) release; the package and root pages, which
list versions, are regenerated from the releases.
"""

from __future__ import annotations

from typing import Any

from .. import templates
from ..io.tables import Table
from .portal import Download

PREVIEW_ROWS = 10


def stylesheet() -> bytes:
    return templates.stylesheet()


def _render(template: str, **values: Any) -> bytes:
    return templates.environment().get_template(template).render(**values).encode("utf-8")


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
