"""The change between two snapshots: schema changes and rows added, removed or changed, keyed by
each resource's primary key, with old and new values; and the version bump it requires.

Versioning follows the Data Package recipe for data versioning: MAJOR when a field is removed,
renamed or retyped, a key changes, a resource or a row is removed (consumers joining on it break);
MINOR when fields, rows, resources or files are added; PATCH for corrections of existing values,
files and metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .snapshot import Snapshot

Bump = Literal["major", "minor", "patch"]
ORDER: dict[Bump, int] = {"patch": 0, "minor": 1, "major": 2}


def _rank(bump: Bump) -> int:
    return ORDER[bump]


@dataclass(frozen=True)
class SchemaChange:
    resource: str
    kind: str  # field-added, field-removed, field-retyped, field-renamed, key-changed, resource-added, resource-removed
    detail: str
    bump: Bump


@dataclass(frozen=True)
class RowChange:
    resource: str
    key: str
    kind: Literal["added", "removed", "changed"]
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        if self.old is None or self.new is None:
            return {}
        return {k: (self.old.get(k), self.new.get(k)) for k in self.new if self.old.get(k) != self.new.get(k)}


@dataclass
class Diff:
    schema: list[SchemaChange] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (relpath, added|removed|changed) outside tables
    metadata: list[str] = field(default_factory=list)  # descriptor properties that changed

    @property
    def empty(self) -> bool:
        return not (self.schema or self.rows or self.files or self.metadata)

    def bump(self) -> Bump | None:
        """The smallest version bump this change requires; None when nothing changed."""
        bumps: list[Bump] = [c.bump for c in self.schema]
        bumps += ["major" if r.kind == "removed" else "minor" if r.kind == "added" else "patch" for r in self.rows]
        bumps += ["major" if kind == "removed" else "minor" if kind == "added" else "patch" for _, kind in self.files]
        bumps += ["patch" for _ in self.metadata]
        if not bumps:
            return None
        return max(bumps, key=_rank)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for row in self.rows:
            per = out.setdefault(row.resource, {"added": 0, "removed": 0, "changed": 0})
            per[row.kind] += 1
        return out

    def summary(self) -> str:
        parts = [f"{c.resource}: {c.detail}" for c in self.schema]
        for resource, counts in sorted(self.counts().items()):
            done = [f"{n} row(s) {kind}" for kind, n in counts.items() if n]
            parts.append(f"{resource}: {', '.join(done)}")
        parts += [f"{path} {kind}" for path, kind in self.files]
        if self.metadata:
            parts.append("metadata: " + ", ".join(self.metadata))
        return "; ".join(parts) if parts else "no change"

    def to_dict(self) -> dict[str, Any]:
        return {
            "bump": self.bump(),
            "summary": self.summary(),
            "schema": [c.__dict__ for c in self.schema],
            "rows": [
                {"resource": r.resource, "key": r.key, "kind": r.kind, "old": r.old, "new": r.new} for r in self.rows
            ],
            "files": [{"path": p, "kind": k} for p, k in self.files],
            "metadata": self.metadata,
        }


def _fields(schema: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["name"], f.get("type", "string")) for f in schema.get("fields", []) if isinstance(f, dict)]


def _schema_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    changes = []
    old_fields, new_fields = _fields(old), _fields(new)
    old_types, new_types = dict(old_fields), dict(new_fields)
    removed = [f for f, _ in old_fields if f not in new_types]
    added = [f for f, _ in new_fields if f not in old_types]
    for position, (fname, ftype) in enumerate(old_fields):
        if fname in removed and position < len(new_fields) and new_fields[position][0] in added:
            renamed_to, new_type = new_fields[position]
            if new_type == ftype:
                changes.append(SchemaChange(name, "field-renamed", f"field {fname} renamed to {renamed_to}", "major"))
                removed.remove(fname)
                added.remove(renamed_to)
    changes += [SchemaChange(name, "field-removed", f"field {f} removed", "major") for f in removed]
    changes += [SchemaChange(name, "field-added", f"field {f} added", "minor") for f in added]
    for fname, ftype in new_fields:
        if fname in old_types and old_types[fname] != ftype:
            changes.append(SchemaChange(name, "field-retyped", f"field {fname} {old_types[fname]} → {ftype}", "major"))
    for key in ("primaryKey", "foreignKeys"):
        if old.get(key) != new.get(key):
            changes.append(SchemaChange(name, "key-changed", f"{key} changed", "major"))
    return changes


def _row_changes(name: str, old: Snapshot, new: Snapshot) -> list[RowChange]:
    old_table, new_table = old.tables.get(name), new.tables.get(name)
    if old_table is None or new_table is None:
        return []
    key = new.schema(name).get("primaryKey") or []
    key = [key] if isinstance(key, str) else list(key)
    columns = [c for c in new_table.frame.columns if c != "_row"]
    if not key or not set(key) <= set(columns) or not set(key) <= set(old_table.frame.columns):
        return []
    before = {tuple(r[k] for k in key): r for r in old_table.frame.drop("_row").iter_rows(named=True)}
    after = {tuple(r[k] for k in key): r for r in new_table.frame.drop("_row").iter_rows(named=True)}
    label = "|".join
    changes = [
        RowChange(name, label(str(k) for k in ids), "removed", old=before[ids]) for ids in before if ids not in after
    ]
    for ids, row in after.items():
        if ids not in before:
            changes.append(RowChange(name, label(str(k) for k in ids), "added", new=row))
        elif {c: before[ids].get(c) for c in columns} != row:
            changes.append(RowChange(name, label(str(k) for k in ids), "changed", old=before[ids], new=row))
    return changes


IGNORED_METADATA = {"resources", "version", "created", "standard_version"}  # set by the release writer


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """What changed from ``old`` to ``new``."""
    diff = Diff()
    old_names = {str(r.get("name")) for r in old.package.resources()}
    new_names = {str(r.get("name")) for r in new.package.resources()}
    diff.schema += [
        SchemaChange(n, "resource-removed", "resource removed", "major") for n in sorted(old_names - new_names)
    ]
    diff.schema += [SchemaChange(n, "resource-added", "resource added", "minor") for n in sorted(new_names - old_names)]
    for name in sorted(old_names & new_names):
        diff.schema += _schema_changes(name, old.schema(name), new.schema(name))
        diff.rows += _row_changes(name, old, new)
    table_files = {t.relpath for t in [*old.tables.values(), *new.tables.values()]}
    for relpath in sorted(set(old.files) | set(new.files)):
        if relpath in table_files or relpath.endswith(".schema.json"):
            continue  # tables and schemas are compared above
        if relpath not in new.files:
            diff.files.append((relpath, "removed"))
        elif relpath not in old.files:
            diff.files.append((relpath, "added"))
        elif old.files[relpath] != new.files[relpath]:
            diff.files.append((relpath, "changed"))
    keys = (set(old.descriptor) | set(new.descriptor)) - IGNORED_METADATA
    diff.metadata = sorted(
        k for k in keys if old.descriptor.get(k) != new.descriptor.get(k) and not k.startswith("pledgekit:")
    )
    return diff
