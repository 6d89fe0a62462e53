"""Files in a package folder that nothing refers to (threat model A9): a warning, since a release
publishes only what the descriptor lists and a stray file is usually a forgotten edit or a backup."""

from __future__ import annotations

from pathlib import Path

from ..codes import Code
from ..io.package import DESCRIPTOR, PackageRef
from ..io.tables import Table
from ..issues import Issue, Location
from ..standard import copies


def referenced(package: PackageRef, standard: Path, tables: dict[str, Table]) -> set[str]:
    names = {DESCRIPTOR} | {copy.target for copy in copies.plan(standard)}
    for resource in package.resources():
        names |= {resource[key] for key in ("path", "schema", "dialect") if isinstance(resource.get(key), str)}
    sources = tables.get("sources")
    if sources is not None and "path" in sources.frame.columns:
        names |= set(sources.frame["path"].drop_nulls().to_list())
    return names


def check(package: PackageRef, standard: Path, tables: dict[str, Table]) -> list[Issue]:
    known = referenced(package, standard, tables)
    issues = []
    for path in sorted(package.root.rglob("*")):
        relpath = path.relative_to(package.root).as_posix()
        if path.is_file() and relpath not in known:
            issues.append(
                Issue(Code.FILE_NOT_LISTED, Location(package=package.name, path=package.file(relpath)), value=relpath)
            )
    return issues
