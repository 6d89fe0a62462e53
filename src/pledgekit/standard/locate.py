"""Find the standard: bundled in the installed wheel, or the ``schemas/`` folder of a source checkout."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError

PROFILE = "datapackage.profile.json"


def standard_dir(explicit: Path | None = None) -> Path:
    """Return the folder holding ``datapackage.profile.json``, ``table/`` and ``codelists/``."""
    here = Path(__file__).resolve().parent.parent
    candidates = [explicit] if explicit else [here / "_standard", here.parent.parent / "schemas"]
    for candidate in candidates:
        if candidate is not None and (candidate / PROFILE).is_file():
            return candidate
    raise LoadError("standard-missing", "the pledgekit standard (schemas/) cannot be found", path=str(candidates[0]))
