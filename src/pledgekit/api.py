"""The public functions: what the CLI calls, for a notebook or another program to call too.

    >>> from pledgekit import validate
    >>> report = validate(["datapackages"])          # doctest: +SKIP
    >>> report.valid, report.to_frame()               # doctest: +SKIP

Each returns a value (a Report, the publish outcome, the problems, the change) and raises only for what
stops it from continuing: ``PolicyError`` (an unsafe path, exit 3 in the CLI), ``LoadError``,
``EnvironmentFailure`` (disk full, exit 4), ``IntegrityError`` (checksums, exit 5). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # each function imports what it needs: ``import pledgekit`` stays quick
    from .config import Settings
    from .publish.diff import Diff
    from .publish.release import Outcome
    from .publish.verify import Problem
    from .report import Report

__all__ = ["diff", "publish", "validate", "verify"]


def validate(
    paths: Sequence[str | Path], settings: Settings | None = None, *, standard: str | Path | None = None,
    cwd: str | Path | None = None,
) -> Report:  # fmt: skip
    """Validate the data packages at ``paths`` (package folders, their ``datapackage.json``, or folders of
    packages). ``standard`` is a folder of the standard (default: the one pledgekit ships); ``cwd`` only
    decides how paths are shown in issues (default: the working directory)."""
    from .validation import validate_paths

    return validate_paths(
        [Path(p) for p in paths],
        cwd=Path(cwd) if cwd is not None else Path.cwd(),
        standard_root=Path(standard) if standard is not None else None,
        settings=settings,
    )


def publish(
    paths: Sequence[str | Path], out: str | Path, *, version: str | None = None, dry_run: bool = False,
    base_url: str = "", standard: str | Path | None = None, created: datetime | None = None,
    cwd: str | Path | None = None, on_step: Callable[[str], None] | None = None,
) -> Outcome:  # fmt: skip
    """Validate the packages at ``paths``, then (when all are valid) write one release of each that changed
    into ``out``. ``created`` is the release time (default: now, UTC); ``on_step`` is called at each
    step of the write (``mid-files``, ``before-rename``, ``before-catalog``)."""
    from .publish import release

    moment = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return release.publish(
        [Path(p) for p in paths], Path(out), cwd=Path(cwd) if cwd is not None else Path.cwd(), created=moment,
        requested=version, dry_run=dry_run, base_url=base_url,
        standard=Path(standard) if standard is not None else None, on_step=on_step,
    )  # fmt: skip


def verify(path: str | Path) -> list[Problem]:
    """Re-hash a release folder, a release zip or a whole releases folder against its checksums; the
    problems found, each naming its file (empty: intact)."""
    from .publish import verify as verification

    return verification.verify(Path(path))


def diff(old: str | Path, new: str | Path, *, cwd: str | Path | None = None) -> Diff:
    """What changed from ``old`` to ``new`` (each a release folder or a package folder), and the SemVer
    bump it requires (``Diff.bump()``)."""
    from .publish import diff as diffs
    from .publish import snapshot

    where = Path(cwd) if cwd is not None else Path.cwd()
    return diffs.compare(snapshot.read(Path(old), where), snapshot.read(Path(new), where))
