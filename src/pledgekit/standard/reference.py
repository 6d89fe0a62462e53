"""A Markdown reference of the standard's resources and fields, generated from the Table Schemas.

``docs/standard.md`` embeds it between markers; a test fails when the two differ, and
``pledgekit standard docs`` prints it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..io import jsonfile

ORDER = ("sources", "commitments", "metrics", "assessments", "areas", "districts", "units", "indicators")


def _constraints(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c or "maximum" in c:
        parts.append(f"{c.get('minimum', '')}–{c.get('maximum', '')}")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "maxLength" in c:
        parts.append(f"≤ {c['maxLength']} chars")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(standard: Path) -> str:
    lines: list[str] = []
    for name in ORDER:
        schema = jsonfile.load(standard / "table" / f"{name}.schema.json")
        lines += [f"### `{name}`", "", f"{schema['description']}", "", f"{schema['description_zh']}", ""]
        lines += [f"Primary key: `{', '.join(schema['primaryKey'])}`."]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            fields = ", ".join(fk["fields"])
            lines.append(f"Foreign key: `{fields}` → `{target}.{', '.join(fk['reference']['fields'])}`.")
        lines += ["", "| field | type | constraints | description | 说明 |", "| --- | --- | --- | --- | --- |"]
        for field in schema["fields"]:
            lines.append(
                f"| `{field['name']}` | {field['type']} | {_cell(_constraints(field))} "
                f"| **{field['title']}**: {_cell(field['description'])} "
                f"| **{field['title_zh']}**:{_cell(field['description_zh'])} |"
            )
        lines.append("")
    return "\n".join(lines)
