"""Generated copies of the standard inside a package, so that a package is self-contained.

A package never keeps hand-made copies: ``pledgekit standard sync`` writes them, and
``drift`` (run by ``validate`` and by the tests) reports every copy that differs from the standard.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..io import atomic, paths
from .locate import PROFILE


@dataclass(frozen=True)
class Copy:
    source: Path  # inside the standard
    target: str  # relative path inside the package


def plan(standard: Path) -> list[Copy]:
    """Every file of the standard and where its copy lives in a package."""
    copies = [Copy(standard / PROFILE, f"schemas/{PROFILE}")]
    copies += [Copy(p, f"schemas/{p.name}") for p in sorted((standard / "table").glob("*.schema.json"))]
    copies += [Copy(p, f"codelists/{p.name}") for p in sorted((standard / "codelists").glob("*.csv"))]
    return copies


def drift(standard: Path, package_dir: Path) -> list[Copy]:
    """The copies in ``package_dir`` that are missing or differ byte for byte from the standard."""
    return [copy for copy in plan(standard) if not _same(package_dir / copy.target, copy.source)]


def _same(target: Path, source: Path) -> bool:
    """Whether ``target`` holds the bytes of ``source``: a regular file (a symlink is never a copy) of the
    same size, then the same bytes; a file of another size (a 2 GB sparse one) is never read."""
    try:
        info = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != source.stat().st_size:
        return False
    return target.read_bytes() == source.read_bytes()


def sync(standard: Path, package_dir: Path) -> list[str]:
    """Write every stale copy atomically (temp file + rename); return the paths written."""
    written = []
    for copy in drift(standard, package_dir):
        paths.resolve(package_dir, copy.target, origin=f"{package_dir.name}/{copy.target}")  # no symlink on the way
        target = package_dir / copy.target
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.replace(target, copy.source.read_bytes())
        written.append(copy.target)
    return written


def differences(one: Path, other: Path) -> list[str]:
    """The files of the standard (profile, Table Schemas, codelists) that differ between two standard
    folders or that only one has, relative to the folder."""
    mine = {copy.source.relative_to(one).as_posix(): copy.source for copy in plan(one)}
    theirs = {copy.source.relative_to(other).as_posix(): copy.source for copy in plan(other)}
    return sorted(
        name
        for name in mine.keys() | theirs.keys()
        if name not in mine or name not in theirs or not _same(theirs[name], mine[name])
    )
