"""Structural validation with frictionless: header, types, required, enum, min/max, pattern, keys.

frictionless errors become Issues with the same code (``type-error``, ``foreign-key``, …) and a
location a steward can act on: the file, the row as a spreadsheet shows it (header = row 1) and
the field.
"""

from __future__ import annotations

import re
from typing import Any

from ..codes import CATALOGUE
from ..io.package import DESCRIPTOR, PackageRef
from ..issues import Issue, Location

LIMIT_ERRORS = 100_000
_TYPE = re.compile(r'type is "([a-z]+)')
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)


def _context(error: Any) -> dict[str, str]:
    if getattr(error, "reference_name", None) is not None:  # foreign-key
        return {"reference": f"{error.reference_name}.{','.join(error.reference_field_names)}"}
    note = str(getattr(error, "note", ""))
    found = _TYPE.search(note)
    if found:
        return {"expected": found.group(1)}
    found = _CONSTRAINT.search(note)
    if found:
        return {"constraint": found.group(1), "expected": found.group(2)}
    return {}


def _issue(package: PackageRef, resource: str | None, path: str | None, error: Any, keys: dict[str, Any]) -> Issue:
    code = error.type if error.type in CATALOGUE else "table-error"
    field = getattr(error, "field_name", None)
    value = getattr(error, "cell", None)
    if code == "primary-key" and resource in keys:  # name the key's fields and the duplicated value
        schema = keys[resource]
        positions = [schema.field_names.index(name) for name in schema.primary_key]
        cells = error.cells
        field = ",".join(schema.primary_key)
        value = ",".join(str(cells[i]) if i < len(cells) else "" for i in positions)
    if field is None and getattr(error, "field_names", None):  # foreign-key errors name several fields
        field = ",".join(error.field_names)
        value = ",".join(str(c) for c in getattr(error, "field_cells", []) or [])
    if getattr(error, "label", None) is not None:  # header errors: the label found is the value
        value = error.label
    row = getattr(error, "row_number", None)
    location = Location(
        package=package.name,
        resource=resource,
        path=package.file(path) if path else package.file(DESCRIPTOR),
        row=1 if row is None and hasattr(error, "label") else row,
        field=field or None,
    )
    note = error.note if code != "table-error" else error.message
    return Issue(code, location, value=None if value is None else str(value), note=note, context=_context(error))


def check(package: PackageRef) -> tuple[list[Issue], int]:
    """Validate the package with frictionless; return issues and the number of rows read."""
    from frictionless import Package  # heavy import, only when a package is actually validated

    fl_package = Package(package.descriptor, basepath=str(package.root))
    report = fl_package.validate(limit_errors=LIMIT_ERRORS)
    keys = {}
    for resource in fl_package.resources:
        try:
            keys[resource.name] = resource.schema
        except Exception:  # a schema frictionless cannot load is reported by validate itself
            continue
    issues = [_issue(package, None, None, e, keys) for e in report.errors]
    rows = 0
    for task in report.tasks:
        rows += task.stats.get("rows") or 0
        for error in task.errors:
            issues.append(_issue(package, task.name, task.place, error, keys))
    return dedupe(issues), rows


def dedupe(issues: list[Issue]) -> list[Issue]:
    """A cell that breaks its type or a constraint is not also reported as a missing foreign key,
    and a blank row is not also a duplicate (empty) primary key."""
    broken = {i.location.cell for i in issues if i.code in ("type-error", "constraint-error")}
    blank = {(i.location.path, i.location.row) for i in issues if i.code == "blank-row"}
    return [
        i
        for i in issues
        if not (i.code == "foreign-key" and i.location.cell in broken)
        and not (i.code == "primary-key" and (i.location.path, i.location.row) in blank)
    ]
