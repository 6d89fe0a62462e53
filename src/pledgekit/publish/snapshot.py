"""A package as files and tables: the working tree or a release folder, read once, hashed.

A snapshot holds every file a release carries (the descriptor's resources, their schemas, the source
texts, the standard's copies), as bytes with their sha256, and the tables parsed from those bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.package import DESCRIPTOR, PackageRef, open_package
from ..io.tables import RawFile, Table, resource_rows
from ..standard import copies
from ..tableschema import texts
from ..tableschema.dialect import CsvDialect


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Snapshot:
    package: PackageRef
    files: dict[str, bytes]  # relpath -> bytes, excluding the descriptor
    tables: dict[str, Table] = field(default_factory=dict)
    dialects: dict[str, CsvDialect] = field(default_factory=dict)  # what each table was read with

    @property
    def descriptor(self) -> dict[str, Any]:
        return self.package.descriptor

    def digests(self) -> dict[str, str]:
        return {path: sha256(data) for path, data in self.files.items()}

    def schema(self, resource: str) -> dict[str, Any]:
        table = self.tables.get(resource)
        return table.schema if table is not None and table.schema else {}


def _listed(package: PackageRef, standard: Path | None) -> list[str]:
    names: list[str] = []
    for resource in package.resources():
        names += [resource[k] for k in ("path", "schema", "dialect") if isinstance(resource.get(k), str)]
    if standard is not None:
        names += [c.target for c in copies.plan(standard) if (package.root / c.target).is_file()]
    return names


def read(root: Path, cwd: Path, standard: Path | None = None) -> Snapshot:
    """Read a package folder (working tree or release) into a snapshot; every path is policy-checked."""
    package = open_package(root, cwd)
    files: dict[str, bytes] = {}
    for relpath in _listed(package, standard):
        files[relpath] = package.resolve(relpath).read_bytes()
    snapshot = Snapshot(package, files)
    for resource in resource_rows(package):
        relpath = resource["path"]
        schema = package.schema(resource)
        raw = RawFile(str(resource.get("name")), relpath, package.file(relpath), files[relpath], schema)
        found = texts.of_resource(package, resource, raw)
        if found is not None:
            snapshot.tables[raw.resource] = texts.read(raw, found)
            snapshot.dialects[raw.resource] = found
    sources = snapshot.tables.get("sources")
    if sources is not None and "path" in sources.frame.columns:
        for relpath in sources.frame["path"].drop_nulls().to_list():
            files[relpath] = package.resolve(relpath).read_bytes()
    files.pop(DESCRIPTOR, None)
    return snapshot
