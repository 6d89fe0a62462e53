"""pledgekit: publish government commitments and metrics as validated, verifiable open data."""

from __future__ import annotations

# The package ``publish`` (the room of release writing) is loaded before the function ``publish`` is bound
# here, so that importing one of its modules later does not rebind ``pledgekit.publish`` to the package.
from . import publish as _publishing  # noqa: F401
from .api import diff, publish, validate, verify
from .config import Limits, Settings
from .errors import EnvironmentFailure, IntegrityError, LoadError, PledgekitError, PolicyError
from .issues import Issue, Location
from .report import Report


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pledgekit")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    """``validate_paths`` (the name of earlier releases; ``validate`` is the same with defaults) and
    ``__version__`` (read from the installed metadata) are found on first use, so that ``import pledgekit``
    loads neither the validator nor ``importlib.metadata``."""
    if name == "validate_paths":
        from .validation import validate_paths

        return validate_paths
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'pledgekit' has no attribute {name!r}")


__all__ = [
    "EnvironmentFailure",
    "IntegrityError",
    "Issue",
    "Limits",
    "LoadError",
    "Location",
    "PledgekitError",
    "PolicyError",
    "Report",
    "Settings",
    "__version__",
    "diff",
    "publish",
    "validate",
    "validate_paths",
    "verify",
]
