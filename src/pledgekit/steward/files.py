"""Which CSV files a steward command works on, with their field types and the district codelist."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.districts import DistrictIndex
from ..errors import PolicyError
from ..io.package import DESCRIPTOR, PackageRef, discover, display_path, open_package
from ..io.tables import RawFile, parse, resource_rows
from ..tableschema import texts


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    types: dict[str, str]
    districts: DistrictIndex | None
    declared: dict[str, Any] | None = None  # the dialect the resource declares
    tab: bool = False  # a TSV resource


def _districts(package: PackageRef) -> DistrictIndex | None:
    resource = package.resource("districts")
    if resource is None:
        return None
    path = package.resolve(resource["path"])
    table = (
        parse(RawFile("districts", resource["path"], str(path), path.read_bytes(), None)) if path.is_file() else None
    )
    return DistrictIndex(table) if table is not None else None


def _package_of(path: Path) -> Path | None:
    for folder in path.resolve().parents:
        if (folder / DESCRIPTOR).is_file():
            return folder
    return None


def _target(
    path: Path, display: str, package: PackageRef | None, relpath: str, districts: DistrictIndex | None
) -> Target:
    """A file to fix with its field types and dialect, when a resource of ``package`` is at ``relpath``."""
    if package is not None:
        for resource in resource_rows(package):
            if resource["path"] == relpath:
                schema = package.schema(resource) or {}
                types = {f["name"]: f.get("type", "string") for f in schema.get("fields", []) if isinstance(f, dict)}
                declared = texts.dialect_of(package, resource)
                return Target(path, display, types, districts, declared, texts.tsv(resource))
    return Target(path, display, {}, districts, None, relpath.endswith(".tsv"))


def targets(paths: list[Path], cwd: Path) -> list[Target]:
    """CSV files named directly, or every tabular resource of the packages found at ``paths``."""
    found: list[Target] = []
    for path in paths:
        if path.is_symlink():  # fix would read the target and replace the link with a file
            raise PolicyError("path-symlink", "a symbolic link: name the file itself", path=display_path(path, cwd))
        if path.is_file():
            root = _package_of(path)
            package = open_package(root, cwd) if root else None
            relpath = os.path.relpath(path.resolve(), root).replace(os.sep, "/") if root else ""
            districts = _districts(package) if package else None
            found.append(_target(path, display_path(path, cwd), package, relpath, districts))
            continue
        for folder in discover(path):
            package = open_package(folder, cwd)
            districts = _districts(package)
            for resource in resource_rows(package):
                file = package.resolve(resource["path"])
                if file.is_file():
                    found.append(_target(file, package.file(resource["path"]), package, resource["path"], districts))
    return found
