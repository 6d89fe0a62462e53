"""A tabular resource made ready to read: its Table Schema checked (or inferred), its dialect, its keys.

A schema frictionless finds invalid, a key naming a field the schema lacks, a foreign key to a resource
the package does not have, a constraint that is not of its field's type, an unusable dialect: each is a
``schema-error`` of the resource (``SchemaError`` here), never a crash. The standard's own schemas are
checked by the test suite, so a resource that uses one unchanged is not checked again at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import fields
from .fields import FieldPlan, Reader, SchemaProblem

TABLESCHEMA_V2 = "https://datapackage.org/profiles/2.0/tableschema.json"
V2_PACKAGE = "https://datapackage.org/profiles/2.0/datapackage.json"
SAMPLE_ROWS = 100


class SchemaError(ValueError):
    """The resource's schema or dialect cannot be used; the message says why."""


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # "" for the resource itself
    reference: tuple[str, ...]


@dataclass
class Keys:
    """The key groups of a resource: each a tuple of field names."""

    unique: list[tuple[str, ...]] = field(default_factory=list)
    primary: tuple[str, ...] = ()
    foreign: list[ForeignKey] = field(default_factory=list)


def _names(value: Any, what: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise SchemaError(f"{what} must name one or more fields, not {value!r}")
    return tuple(names)


def keys(schema: dict[str, Any]) -> Keys:
    """Primary, unique and foreign keys, checked against the schema's fields."""
    known = {f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)}
    found = Keys()
    for item in schema.get("fields", []):
        if isinstance(item, dict) and isinstance(item.get("constraints"), dict) and item["constraints"].get("unique"):
            found.unique.append((str(item["name"]),))
    if schema.get("primaryKey") not in (None, [], ""):
        found.primary = _names(schema["primaryKey"], "primaryKey")
    for group in schema.get("uniqueKeys") or []:
        found.unique.append(_names(group, "uniqueKeys"))
    foreign = schema.get("foreignKeys") or []
    if not isinstance(foreign, list):
        raise SchemaError("foreignKeys must be a list")
    for fk in foreign:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            raise SchemaError(f"foreign key {fk!r} has no reference")
        own = _names(fk.get("fields"), "a foreign key")
        reference = _names(fk["reference"].get("fields"), "a foreign key's reference")
        if len(own) != len(reference):
            raise SchemaError(f"foreign key fields {list(own)} do not match the reference fields {list(reference)}")
        if fk["reference"].get("package") is not None:  # frictionless would fetch it: never done here
            raise SchemaError(f"foreign key into another package ({fk['reference']['package']!r}) is not supported")
        target = fk["reference"].get("resource") or ""
        if not isinstance(target, str):
            raise SchemaError(f"foreign key reference resource {target!r} is not a name")
        found.foreign.append(ForeignKey(own, target, reference))
    for group in [found.primary, *found.unique, *(fk.fields for fk in found.foreign)]:
        missing = [name for name in group if name not in known]
        if missing:
            raise SchemaError(f"key field {missing[0]!r} is not a field of the schema")
    return found


def frictionless_check(schema: dict[str, Any], v2: bool) -> None:
    """frictionless's own verdict on a Table Schema; SchemaError with its message when invalid."""
    from frictionless import FrictionlessException, Schema

    descriptor = {**schema, "$schema": TABLESCHEMA_V2} if v2 and "$schema" not in schema else schema
    try:
        Schema.from_descriptor(descriptor)
    except FrictionlessException as exc:
        reasons = "; ".join(reason.message for reason in exc.reasons) or exc.error.message
        raise SchemaError(reasons) from exc
    except Exception as exc:  # frictionless has no answer for some malformed schemas: the schema is at fault
        raise SchemaError(f"{type(exc).__name__}: {exc}") from exc


def plans(schema: dict[str, Any], columns: list[dict[str, Any]]) -> list[FieldPlan]:
    """The fields the data's columns are read with, compiled."""
    missing = schema.get("missingValues", [""])
    missing = [m["value"] if isinstance(m, dict) else m for m in missing] if isinstance(missing, list) else [""]
    try:
        return [fields.plan(column, missing) for column in columns]
    except SchemaProblem as exc:
        raise SchemaError(str(exc)) from exc


def infer(labels: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """The schema frictionless infers from the first rows of a resource that declares none."""
    from frictionless import Detector

    return dict(Detector().detect_schema(rows, labels=labels).to_descriptor())


def frictionless_readers(schema: dict[str, Any] | None, v2: bool) -> Callable[[FieldPlan], Reader]:
    """frictionless's own cell reader for each field of ``schema``, built on first use (frictionless is
    imported only then); a reader that fails on a value is the schema's fault (SchemaError)."""
    cache: dict[str, Reader] = {}

    def reader(plan: FieldPlan) -> Reader:
        if plan.name not in cache:
            from frictionless import Field, Schema

            descriptor = dict(schema or {"fields": []})
            if v2 and "$schema" not in descriptor:
                descriptor["$schema"] = TABLESCHEMA_V2
            try:
                parsed = Schema.from_descriptor(descriptor)
                found = (
                    parsed.get_field(plan.name)
                    if parsed.has_field(plan.name)
                    else Field.from_descriptor(plan.descriptor)
                )
                cell_reader = found.create_cell_reader()
            except Exception as exc:  # frictionless cannot read the field's descriptor: the schema is at fault
                raise SchemaError(f'field "{plan.name}": {type(exc).__name__}: {exc}') from exc

            def guarded(cell: str) -> tuple[Any, dict[str, str] | None]:
                try:
                    return cell_reader(cell)
                except Exception as exc:  # frictionless fails on some schemas only when it reads a value
                    raise SchemaError(f'field "{plan.name}" cannot read {cell!r}: {type(exc).__name__}: {exc}') from exc

            cache[plan.name] = guarded
        return cache[plan.name]

    return reader
