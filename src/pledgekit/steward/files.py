"""Which CSV files a steward command works on, with their field types and the district codelist."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..checks.districts import DistrictIndex
from ..errors import PolicyError
from ..io.package import DESCRIPTOR, PackageRef, discover, display_path, open_package
from ..io.tables import RawFile, parse, resource_rows


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    types: dict[str, str]
    districts: DistrictIndex | None


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


def _types(package: PackageRef, relpath: str) -> dict[str, str]:
    for resource in resource_rows(package):
        if resource["path"] == relpath:
            schema = package.schema(resource) or {}
            return {f["name"]: f.get("type", "string") for f in schema.get("fields", []) if isinstance(f, dict)}
    return {}


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
            found.append(Target(path, display_path(path, cwd), _types(package, relpath) if package else {},
                                _districts(package) if package else None))  # fmt: skip
            continue
        for folder in discover(path):
            package = open_package(folder, cwd)
            districts = _districts(package)
            for resource in resource_rows(package):
                file = package.resolve(resource["path"])
                if file.is_file():
                    found.append(
                        Target(file, package.file(resource["path"]), _types(package, resource["path"]), districts)
                    )
    return found
