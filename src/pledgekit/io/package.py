"""Find data packages and read their descriptors, with every path checked before it is opened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Limits
from ..errors import LoadError, PolicyError
from . import jsonfile, paths

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class PackageRef:
    """A package on disk: its folder, its parsed descriptor and how to name it in messages."""

    root: Path
    descriptor: dict[str, Any]
    display: str  # the folder as the user sees it (relative to the working directory when possible)
    limits: Limits = field(default_factory=Limits)  # the JSON files it names are read within these

    def json(self, relpath: str) -> Any:
        """A JSON file the descriptor names (a schema, a dialect), read within the limits."""
        return jsonfile.load(
            self.resolve(relpath),
            origin=self.file(relpath),
            max_bytes=self.limits.json_bytes,
            max_depth=self.limits.json_depth,
        )

    @property
    def name(self) -> str:
        name = self.descriptor.get("name")
        return name if isinstance(name, str) else self.root.name

    def file(self, relpath: str) -> str:
        """How to show a file of this package in a message."""
        return f"{self.display}/{relpath}"

    def resources(self) -> list[dict[str, Any]]:
        found = self.descriptor.get("resources")
        return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []

    def resource(self, name: str) -> dict[str, Any] | None:
        return next((r for r in self.resources() if r.get("name") == name), None)

    def schema(self, resource: dict[str, Any]) -> dict[str, Any] | None:
        """The resource's Table Schema, inline or read strictly from its path; None if it has none."""
        schema = resource.get("schema")
        if isinstance(schema, str):
            loaded = self.json(schema)
            return loaded if isinstance(loaded, dict) else None
        return schema if isinstance(schema, dict) else None

    def resolve(self, relpath: object) -> Path:
        """Absolute path of a file named in the descriptor; PolicyError if it would leave the package."""
        return paths.resolve(self.root, relpath, origin=self.file(DESCRIPTOR))


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def discover(target: Path) -> list[Path]:
    """Package folders at ``target``: itself if it holds a descriptor, the package holding it if it is one of
    a package's files, else its sub-folders that hold a descriptor."""
    try:
        target.stat()
    except FileNotFoundError:
        raise LoadError("path-missing", "no such package or folder", path=str(target)) from None
    except OSError as exc:  # a name too long, a loop of links, a component that is a file
        raise PolicyError("path-invalid", f"the path cannot be used: {exc.strerror}", path=str(target)[:200]) from None
    if target.is_file() and target.name == DESCRIPTOR:
        return [target.parent]
    if target.is_file():  # a file of a package (data/metrics.csv): the package that holds it
        for folder in [*target.parents, *target.resolve().parents]:
            if (folder / DESCRIPTOR).is_file():
                return [folder]
        raise LoadError("no-packages", f"no {DESCRIPTOR} in the folders above this file", path=str(target))
    if not target.is_dir():
        raise LoadError("path-missing", "no such package or folder", path=str(target))
    if (target / DESCRIPTOR).is_file():
        return [target]
    found = sorted(p.parent for p in target.glob(f"*/{DESCRIPTOR}") if not p.parent.name.startswith("."))
    if not found:
        raise LoadError("no-packages", f"no {DESCRIPTOR} in this folder or its sub-folders", path=str(target))
    return found


def open_package(root: Path, cwd: Path, limits: Limits | None = None) -> PackageRef:
    """Read a package's descriptor strictly, within ``limits``; LoadError when it cannot be parsed."""
    limits = limits or Limits()
    display = display_path(root, cwd)
    if (root / DESCRIPTOR).is_symlink():  # the package is what its folder holds, never a file elsewhere
        raise PolicyError("path-symlink", f"{DESCRIPTOR} is a symbolic link", path=f"{display}/{DESCRIPTOR}")
    descriptor = jsonfile.load(
        root / DESCRIPTOR, origin=f"{display}/{DESCRIPTOR}", max_bytes=limits.json_bytes, max_depth=limits.json_depth
    )
    if not isinstance(descriptor, dict):
        raise LoadError("descriptor-not-object", "descriptor must be a JSON object", path=f"{display}/{DESCRIPTOR}")
    return PackageRef(root=root, descriptor=descriptor, display=display, limits=limits)
