"""The copies of the standard a package carries must equal the standard, byte for byte."""

from __future__ import annotations

from pathlib import Path

from ..codes import Code
from ..io.package import PackageRef
from ..issues import Issue, Location
from ..standard import copies


def check(package: PackageRef, standard: Path) -> list[Issue]:
    return [
        Issue(
            Code.STANDARD_DRIFT,
            Location(package=package.name, path=package.file(copy.target)),
            note=f"{copy.source.parent.name}/{copy.source.name}",
        )
        for copy in copies.drift(standard, package.root)
    ]
