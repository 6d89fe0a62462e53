"""The names of a field's values, as the standard declares them: a Table Schema field's ``categories``
(Data Package v2), each ``{"value", "label", "label_zh"}`` — the commitments' ``topic`` names its policy
areas so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def categories(schema: Mapping[str, Any] | None, name: str) -> dict[str, tuple[str, str]]:
    """Each value of the field ``name`` → its (Chinese, English) name; values without a name are left out.

    >>> categories({"fields": [{"name": "topic", "categories": [
    ...     {"value": "water", "label": "Water", "label_zh": "水务"}]}]}, "topic")
    {'water': ('水务', 'Water')}
    """
    fields = (schema or {}).get("fields")
    field = (
        next((f for f in fields if isinstance(f, dict) and f.get("name") == name), {})
        if isinstance(fields, list)
        else {}
    )
    found: dict[str, tuple[str, str]] = {}
    for item in field.get("categories") or []:
        if isinstance(item, dict) and isinstance(item.get("value"), str):
            label = str(item.get("label") or item["value"])
            found[item["value"]] = (str(item.get("label_zh") or label), label)
    return found
