"""The package and the standard it is checked against: its copies of the standard must equal the standard,
byte for byte, and the standard it says it follows must have the same MAJOR version."""

from __future__ import annotations

from pathlib import Path

from ..codes import Code
from ..io.package import DESCRIPTOR, PackageRef
from ..issues import Issue, Location
from ..standard import copies, locate

DECLARED = "standard_version"  # the descriptor property naming the version of the standard a package follows


def check(package: PackageRef, standard: Path) -> list[Issue]:
    return [
        Issue(
            Code.STANDARD_DRIFT,
            Location(package=package.name, path=package.file(copy.target)),
            note=f"{copy.source.parent.name}/{copy.source.name}",
        )
        for copy in copies.drift(standard, package.root)
    ]


def major(package: PackageRef, standard: Path) -> list[Issue]:
    """``standard-major-mismatch`` when the package declares a version of another MAJOR than the standard's
    (a package that declares none is checked against the standard as it is; the profile checks the form)."""
    declared = package.descriptor.get(DECLARED)
    if not isinstance(declared, str) or locate.major(declared) is None:
        return []
    current = locate.version(standard)
    if current is None or locate.major(declared) == locate.major(current):
        return []  # a standard that names no version cannot be compared
    where = Location(package=package.name, path=package.file(DESCRIPTOR), json_path=f"$.{DECLARED}")
    return [Issue(Code.STANDARD_MAJOR_MISMATCH, where, value=declared, context={"standard": current})]
