"""Find the standard: bundled in the installed wheel, or the ``schemas/`` folder of a source checkout; and
read its version."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError
from ..io import jsonfile

PROFILE = "datapackage.profile.json"


def installed_dir() -> Path | None:
    """The standard pledgekit ships (the wheel's copy, or the source checkout's ``schemas/``), if found."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_standard", here.parent.parent / "schemas"):
        if (candidate / PROFILE).is_file():
            return candidate
    return None


def standard_dir(explicit: Path | None = None) -> Path:
    """Return the folder holding ``datapackage.profile.json``, ``table/`` and ``codelists/``."""
    found = installed_dir() if explicit is None else explicit if (explicit / PROFILE).is_file() else None
    if found is None:
        shown = explicit or Path(__file__).resolve().parent.parent / "_standard"
        raise LoadError("standard-missing", "the pledgekit standard (schemas/) cannot be found", path=str(shown))
    return found


def version(standard: Path) -> str | None:
    """The standard's SemVer version: the ``version`` of its profile, the one place it is written (the
    profile's ``$id`` and the Table Schemas' ``$id`` name it too; the test suite keeps them equal). None for
    a standard of one's own whose profile names no version."""
    profile = jsonfile.load(standard / PROFILE, origin=f"{standard.name}/{PROFILE}")
    found = profile.get("version") if isinstance(profile, dict) else None
    return found if isinstance(found, str) else None


def major(text: str) -> int | None:
    """The MAJOR of a SemVer version, or None when ``text`` is not one."""
    import semver

    try:
        return int(semver.Version.parse(text).major)
    except (ValueError, TypeError):
        return None


def checkout_standard(cwd: Path) -> Path | None:
    """A ``schemas/`` folder holding a standard in ``cwd`` or above it, up to the git checkout's root: the
    standard a steward may be editing (a package's ``schemas/``, its generated copies, is not one)."""
    for folder in [cwd, *cwd.parents]:
        if (folder / "schemas" / PROFILE).is_file() and not (folder / "datapackage.json").is_file():
            return folder / "schemas"
        if (folder / ".git").exists():
            return None
    return None
