"""Validate data packages: the one function the CLI's ``validate`` calls (``pipeline.py`` does the work)."""

from __future__ import annotations

from pathlib import Path

from .codes import Code
from .config import STEPS, Settings
from .errors import LoadError
from .io.package import DESCRIPTOR, discover, display_path, open_package
from .issues import Issue, Location
from .pipeline import validate_package
from .report import Report
from .standard.locate import standard_dir

__all__ = ["STEPS", "Settings", "validate_paths"]


def validate_paths(
    targets: list[Path], *, cwd: Path, standard_root: Path | None = None, settings: Settings | None = None
) -> Report:
    """Validate every package found at ``targets``.

    A package whose descriptor cannot be read becomes a ``package-unreadable`` issue so that the
    others are still validated. PolicyError (an unsafe path) propagates: the run is refused.
    """
    root = standard_dir(standard_root)
    settings = settings or Settings()
    report = Report()
    for target in targets:
        for folder in discover(target):
            try:
                package = open_package(folder, cwd, settings.limits)
            except LoadError as exc:
                where = Location(package=folder.name, path=exc.path or f"{display_path(folder, cwd)}/{DESCRIPTOR}")
                report.issues.append(Issue(Code.PACKAGE_UNREADABLE, where, note=exc.message))
                continue
            report.packages.append(package.name)
            outcome = validate_package(package, root, settings)
            report.issues += outcome.issues
            report.resources += [(package.name, name) for name in outcome.resources]
            report.rows_checked += outcome.rows
            report.excerpts.update(outcome.excerpts)
    return report
