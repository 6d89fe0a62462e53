"""Carry out a release plan in small steps, all or nothing (threat model G1-G6).

1. take ``DIR/.publish.lock`` (``flock``, non-blocking: a second publisher exits 3);
2. remove stale ``.staging-*`` folders left by a crash;
3. refuse if the version folder exists;
4. write every file into ``DIR/.staging-…`` with ``open(…, "xb")`` and ``fsync``, then re-hash what was
   written against the validated bytes (a mismatch exits 5);
5. rename the staging folder to ``DIR/<package>/<version>`` and ``fsync`` the parent;
6. rebuild the catalog and the site pages from the releases (each written to a temporary file, then
   ``os.replace``).

A crash before step 5 leaves no release; after it, a complete release that the next run's step 6
(or ``pledgekit catalog rebuild``) indexes. Disk full, read-only or permission errors exit 4 and
remove the staging folder.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..documents import Catalog, parse
from ..errors import EnvironmentFailure, IntegrityError, PledgekitError, PolicyError
from ..io.atomic import create, fsync_dir
from .catalog import rebuild
from .plan import ReleasePlan
from .snapshot import sha256
from .verify import releases

LOCK = ".publish.lock"
STAGING = ".staging-"
Step = Callable[[str], None]
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG, errno.EDQUOT}


@contextmanager
def locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    handle = (out / LOCK).open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PolicyError("lock-held", "another publish is running in this folder", path=str(out / LOCK)) from None
        yield
    finally:
        handle.close()


def clean_staging(out: Path) -> None:
    for stale in out.glob(f"{STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _stage(plan: ReleasePlan, stage: Path, on_step: Step) -> None:
    stage.mkdir()
    for number, (relpath, data) in enumerate(sorted(plan.files.items())):
        create(stage / relpath, data)
        if number == len(plan.files) // 2:
            on_step("mid-files")
    for relpath, digest in plan.validated.items():  # the published bytes are the validated bytes
        written = sha256((stage / relpath).read_bytes())
        if written != digest:
            raise IntegrityError(
                "copy-mismatch", f"written bytes differ from the validated bytes (sha256 {written})", path=relpath
            )
    for folder in sorted({(stage / p).parent for p in plan.files}, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(folder)


def _nothing(step: str) -> None:
    return None


def write_release(plan: ReleasePlan, out: Path, *, on_step: Step = _nothing) -> Path:
    """Write the planned release into ``out`` atomically; return its folder. ``on_step`` is called with
    the name of each step as it is reached (``mid-files``, ``before-rename``, ``before-catalog``): the
    fault-injection tests stop the process there."""
    final = out / plan.name / plan.version
    with locked(out):
        clean_staging(out)
        if final.exists():
            raise PolicyError("version-exists", f"{plan.name} {plan.version} is already published", path=str(final))
        stage = out / f"{STAGING}{plan.name}-{plan.version}-{os.getpid()}"
        try:
            _stage(plan, stage, on_step)
            on_step("before-rename")
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():
                raise PolicyError("version-exists", f"{plan.name} {plan.version} is already published", path=str(final))
            stage.rename(final)  # atomic on one file system; final was checked under the lock
            fsync_dir(final.parent)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            if exc.errno in ENVIRONMENT_ERRNOS:
                raise EnvironmentFailure(
                    "io-error", f"{exc.strerror} while writing the release", path=str(exc.filename or out)
                ) from None
            raise
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        on_step("before-catalog")
        _index(out, "updating the catalog (the release is written; the next publish indexes it)")
    return final


def _index(out: Path, doing: str) -> None:
    """Rebuild the releases folder's index; a machine failure (disk full, read-only) is io-error."""
    try:
        rebuild(out)
    except OSError as exc:
        if exc.errno in ENVIRONMENT_ERRNOS:
            raise EnvironmentFailure(
                "io-error", f"{exc.strerror} while {doing}", path=str(exc.filename or out)
            ) from None
        raise


def heal(out: Path) -> bool:
    """Roll a releases folder forward to a consistent state after a crash between a release's rename and
    the catalog update (the release is complete; its index is not): rebuild the index when a release is
    missing from catalog.json or catalog.json is missing or unreadable. True when it was rebuilt."""
    if not out.is_dir() or not releases(out):
        return False
    with locked(out):
        found = {folder.relative_to(out).as_posix() for folder in releases(out)}
        try:
            catalog = parse(Catalog, (out / "catalog.json").read_bytes(), str(out / "catalog.json"))
            indexed = {version.path for package in catalog.packages for version in package.versions}
        except (OSError, PledgekitError):
            indexed = set()
        if found <= indexed:
            return False
        _index(out, "repairing the catalog")
    return True
