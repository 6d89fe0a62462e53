"""Validate data packages: the one function the CLI's ``validate`` calls."""

from __future__ import annotations

from pathlib import Path

from .checks import cells, descriptor, provenance, standard, structure
from .errors import LoadError
from .io import jsonfile
from .io.package import DESCRIPTOR, PackageRef, discover, display_path, open_package
from .issues import Issue, Location
from .report import Report
from .standard.locate import PROFILE, standard_dir


def validate_package(package: PackageRef, standard_root: Path, report: Report) -> None:
    """Run every check on one package and add its issues to ``report``."""
    for resource in package.resources():  # every path is checked (PolicyError: exit 3) before anything opens it
        package.resolve(resource.get("path"))
        for key in ("schema", "dialect"):
            if isinstance(resource.get(key), str):
                package.resolve(resource[key])
    profile = jsonfile.load(standard_root / PROFILE)
    found = descriptor.check(package, profile)
    report.issues += found
    if found:
        return  # frictionless is not run on a descriptor that breaks the profile
    report.issues += standard.check(package, standard_root)
    issues, rows = structure.check(package)
    report.issues += issues
    report.rows_checked += rows
    schemas = {}
    for resource in package.resources():
        try:
            schemas[str(resource.get("name"))] = package.schema(resource)
        except LoadError:
            continue  # frictionless has reported the unreadable schema
    typed = {(i.location.file, i.location.row, i.location.field) for i in issues if i.code == "type-error"}
    report.issues += [
        i for i in cells.check(package, schemas) if (i.location.file, i.location.row, i.location.field) not in typed
    ]
    report.issues += provenance.check(package)


def validate_paths(targets: list[Path], *, cwd: Path, standard_root: Path | None = None) -> Report:
    """Validate every package found at ``targets``.

    A package whose descriptor cannot be read becomes a ``package-unreadable`` issue so that the
    others are still validated. PolicyError (an unsafe path) propagates: the run is refused.
    """
    root = standard_dir(standard_root)
    report = Report()
    for target in targets:
        for folder in discover(target):
            try:
                package = open_package(folder, cwd)
            except LoadError as exc:
                where = Location(package=folder.name, file=exc.path or f"{display_path(folder, cwd)}/{DESCRIPTOR}")
                report.issues.append(Issue("package-unreadable", where, note=exc.message))
                continue
            report.packages.append(package.name)
            validate_package(package, root, report)
    return report
