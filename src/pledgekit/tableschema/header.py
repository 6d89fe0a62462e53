"""A file's header row against its schema's fields, as frictionless's ``Header`` compares them.

``fieldsMatch: exact`` with case-sensitive labels (the default, and the standard's) is compared here;
any other ``fieldsMatch`` or ``headerCase: false`` is given to frictionless's own ``Header``. Either way
the result is the header's issues and the fields each column of the data is read with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LabelIssue:
    code: str
    number: int  # the column (1-based)
    field: str | None
    label: str | None
    note: str = ""


@dataclass(frozen=True)
class Matched:
    issues: list[LabelIssue]
    fields: list[dict[str, Any]]  # the field each column is read with, in the order of the columns


def labels(rows: list[list[str]], join: str) -> list[str]:
    """Labels from the header rows: stripped, and joined down the rows where they differ (headerJoin)."""
    found: list[str] = []
    previous: dict[int, str] = {}
    for cells in rows:
        for index, cell in enumerate("" if c is None else str(c).strip() for c in cells):
            if previous.get(index) == cell:
                continue
            previous[index] = cell
            if len(found) <= index:
                found.append(cell)
            else:
                found[index] = join.join([found[index], cell])
    return found


def _dedupe(names: list[str]) -> list[str]:
    """A later duplicate becomes the first free ``{name}2``, ``{name}3`` … (frictionless's rule)."""
    result: list[str] = []
    used: set[str] = set()
    for name in names:
        candidate, suffix = name, 2
        while candidate in used:
            candidate, suffix = f"{name}{suffix}", suffix + 1
        result.append(candidate)
        used.add(candidate)
    return result


def _exact(found: list[str], fields: list[dict[str, Any]]) -> Matched:
    if not found:
        return Matched([], fields)
    issues = [LabelIssue("extra-label", n, None, label) for n, label in enumerate(found, 1) if n > len(fields)]
    issues += [
        LabelIssue("missing-label", len(found) + offset + 1, f["name"], "")
        for offset, f in enumerate(fields[len(found) :])
    ]
    for number, (field, label) in enumerate(zip(fields, found, strict=False), 1):
        if not label:
            issues.append(LabelIssue("blank-label", number, field["name"], ""))
        current: str | None = label
        if label:
            earlier = [str(n) for n, seen in enumerate(found[: number - 1], 1) if seen == label]
            if earlier:
                issues.append(
                    LabelIssue("duplicate-label", number, field["name"], label, f'at position "{", ".join(earlier)}"')
                )
                current = None
        if current and current != field["name"]:
            issues.append(LabelIssue("incorrect-label", number, field["name"], current))
    names = _dedupe([f["name"] for f in fields[: len(found)]] + found[len(fields) :])
    extra = [{"name": name, "type": "any"} for name in names[len(fields) :]]
    return Matched(issues, fields[: len(found)] + extra)


def match(found: list[str], schema: dict[str, Any], fields: list[dict[str, Any]], case: bool) -> Matched:
    """The header's issues and the fields of the data's columns. ValueError when frictionless cannot
    pair labels with fields at all (duplicate labels matched by name)."""
    mode = schema.get("fieldsMatch", "exact")
    if mode == "exact" and case:
        return _exact(found, fields)
    from frictionless import FrictionlessException, Schema
    from frictionless.table.header import Header

    parsed = Schema.from_descriptor(schema)
    header = Header(found, fields=parsed.fields, row_numbers=[1], ignore_case=not case, fields_match=mode)
    try:
        expected = [f.to_descriptor() for f in header.get_expected_fields()]
    except FrictionlessException as exc:
        raise ValueError(exc.error.note or exc.error.message) from exc
    issues = [
        LabelIssue(
            e.type,
            getattr(e, "field_number", 0),
            getattr(e, "field_name", None) or None,
            getattr(e, "label", None),
            e.note,
        )
        for e in header.errors
    ]
    return Matched(issues, expected)
