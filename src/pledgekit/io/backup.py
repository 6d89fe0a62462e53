"""Backups before a file is replaced (``fix``, ``import``): the original bytes under
``.pledgekit-backup/<UTC time>/<path as shown>`` in the working folder, written atomically."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from . import atomic

FOLDER = Path(".pledgekit-backup")


def stamp(moment: datetime | None = None) -> str:
    """The folder name of one run's backups: UTC to the second."""
    return (moment or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def save(cwd: Path, run: str, shown: str, data: bytes) -> Path:
    """Keep ``data`` (a file's bytes before it is replaced) as ``shown`` in the run's backup folder."""
    inside = [part for part in PurePosixPath(shown.replace("\\", "/")).parts if part not in ("/", ".", "..")]
    saved = cwd.joinpath(FOLDER, run, *inside)  # a file shown outside the working folder is kept inside it
    atomic.replace(saved, data)
    return saved
