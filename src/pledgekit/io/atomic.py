"""Writing files so that an interruption never leaves a half-written one (threat model G4).

``create`` writes a new file (it must not exist) and flushes it to disk; ``replace`` writes a temporary
file beside the target, flushes it, then renames it over the target, so the original stays intact until
the new bytes are complete; ``fsync_dir`` makes a rename or a creation in a folder durable.
"""

from __future__ import annotations

import os
from pathlib import Path


def create(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:  # a failed write (disk full, file size limit) names no file: name it
        if exc.filename is None:
            exc.filename = str(path)
        raise


def replace(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically: a temporary file beside it, fsynced, then renamed over it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.unlink(missing_ok=True)
        create(temporary, data)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
