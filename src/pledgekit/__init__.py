"""pledgekit: publish government commitments and metrics as validated, verifiable open data."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import EnvironmentFailure, LoadError, PledgekitError, PolicyError
from .issues import Issue, Location
from .report import Report
from .validate import validate_paths

try:
    __version__ = version("pledgekit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "EnvironmentFailure",
    "Issue",
    "LoadError",
    "Location",
    "PledgekitError",
    "PolicyError",
    "Report",
    "__version__",
    "validate_paths",
]
