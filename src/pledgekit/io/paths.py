"""Resolve a path written in a descriptor to a file inside the package, or refuse.

frictionless only checks paths as strings: it follows symlinks out of the package and accepts
backslashes, ``%2e%2e`` and hidden folders. Here a path must match a strict ASCII pattern, every
component is checked with ``lstat`` (no symlinks), the target is a regular file, and its real path
stays under the package's real path.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import PolicyError

_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9_.-]*"
SAFE_PATH = re.compile(rf"{_SEGMENT}(/{_SEGMENT})*")
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def resolve(root: Path, relpath: object, *, origin: str) -> Path:
    """Return the absolute path of ``relpath`` inside ``root``; raise PolicyError otherwise."""
    if not isinstance(relpath, str):
        raise PolicyError("path-invalid", f"path must be a string, not {type(relpath).__name__}", path=origin)
    drive = re.match(r"^[A-Za-z]:", relpath) is not None  # C:/x, not a URL scheme
    if not drive and (_REMOTE.match(relpath) or relpath.startswith("//")):
        raise PolicyError(
            "path-remote", f"remote path {relpath!r} is not allowed: data must be inside the package", path=origin
        )
    if drive or relpath.startswith(("/", "\\")):
        raise PolicyError("path-absolute", f"absolute path {relpath!r} is not allowed", path=origin)
    if ".." in relpath.replace("\\", "/").split("/") or "%2e" in relpath.lower():
        raise PolicyError("path-traversal", f"path {relpath!r} leaves the package", path=origin)
    if not SAFE_PATH.fullmatch(relpath) or any(part.startswith(".") for part in relpath.split("/")):
        raise PolicyError(
            "path-invalid",
            f"path {relpath!r} must be relative, use '/' and only ASCII letters, digits, '_', '-', '.', "
            "with no hidden parts",
            path=origin,
        )
    real_root = Path(os.path.realpath(root))
    current = root
    for part in relpath.split("/"):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return current  # missing files are reported by the checks, not refused
        if stat.S_ISLNK(mode):
            raise PolicyError("path-symlink", f"{relpath!r} goes through a symbolic link ({part})", path=origin)
    info = os.lstat(current)
    if not stat.S_ISREG(info.st_mode):
        raise PolicyError("path-not-file", f"{relpath!r} is not a regular file", path=origin)
    if info.st_nlink > 1:
        raise PolicyError("path-hardlink", f"{relpath!r} is a hard link shared with another file", path=origin)
    real = Path(os.path.realpath(current))
    if os.path.commonpath([real_root, real]) != str(real_root):
        raise PolicyError("path-traversal", f"path {relpath!r} leaves the package", path=origin)
    return current
