"""Validate data packages: the one function the CLI's ``validate`` calls.

Layers, each a module of ``checks/``, all feeding one Report:
path policy → descriptor profile → standard copies → bytes (hygiene) → structure (frictionless) →
cells → districts and domain rules (pandera) → provenance → consistency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import batched, rows
from .checks import (
    cells,
    columnar,
    consistency,
    descriptor,
    districts,
    domain,
    files,
    hygiene,
    provenance,
    standard,
    structure,
)
from .errors import LoadError, PolicyError
from .io import jsonfile
from .io.package import DESCRIPTOR, PackageRef, discover, display_path, open_package
from .io.tables import RawFile, Table, parse, resource_rows
from .issues import Issue, Location
from .report import Report, one_per_cell
from .standard.locate import PROFILE, standard_dir

# Row-shape problems after which a resource's cells cannot be trusted column by column.
_UNPARSABLE = {"incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label", "extra-cell",
               "missing-cell", "encoding-not-utf8", "file-empty"}  # fmt: skip


STEPS = ("descriptor", "bytes", "structure", "cells", "domain rules", "provenance", "consistency")


@dataclass(frozen=True)
class Settings:
    limits: hygiene.Limits = field(default_factory=hygiene.Limits)
    # called as (package, step) before each layer: the CLI draws a progress bar from it on a terminal
    on_step: Callable[[str, str], None] | None = None
    # structure layer: frictionless, columnar (polars), or auto (columnar above `columnar_rows` rows)
    engine: str = "auto"
    columnar_rows: int = 5_000
    # a file larger than this is validated in batches of about this many bytes (batched.py)
    batch_bytes: int = 16_000_000

    def step(self, package: str, name: str) -> None:
        if self.on_step is not None:
            self.on_step(package, name)


def _check_paths(package: PackageRef) -> None:
    """Every path the descriptor names is checked before anything opens it (PolicyError: exit 3)."""
    for resource in package.resources():
        package.resolve(resource.get("path"))
        for key in ("schema", "dialect"):
            if isinstance(resource.get(key), str):
                package.resolve(resource[key])


TABLE_SCHEMA_PROFILES = {
    "https://datapackage.org/profiles/2.0/tableschema.json",
    "https://datapackage.org/profiles/1.0/tableschema.json",
}


def _refuse_remote_profile(package: PackageRef, relpath: str, schema: dict[str, Any] | None) -> None:
    """frictionless would fetch an unknown ``$schema`` URL of a Table Schema: refuse it instead."""
    profile = (schema or {}).get("$schema")
    if profile is not None and profile not in TABLE_SCHEMA_PROFILES:
        raise PolicyError(
            "schema-remote", f"Table Schema profile {profile!r} is not a known profile", path=package.file(relpath)
        )


def _read(package: PackageRef, settings: Settings) -> tuple[list[Issue], list[RawFile], list[batched.LargeFile]]:
    """The bytes of each tabular resource; a file over ``batch_bytes`` is left to be read in batches."""
    issues: list[Issue] = []
    raws, large = [], []
    referenced = _referenced(package)
    for resource in resource_rows(package):
        name, relpath = str(resource.get("name")), resource["path"]
        path = package.resolve(relpath)
        display = package.file(relpath)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue  # frictionless reports the missing file (scheme-error)
        if size > settings.limits.file_bytes:
            where = Location(package=package.name, resource=name, path=display)
            issues.append(
                Issue("file-too-large", where, value=str(size), context={"limit": settings.limits.file_bytes})
            )
            continue
        try:
            schema = package.schema(resource)
        except LoadError:
            schema = None  # frictionless reports the unreadable schema
        _refuse_remote_profile(package, str(resource.get("schema", relpath)), schema)
        if size > settings.batch_bytes and name not in referenced:
            large.append(batched.LargeFile(name, relpath, display, path, size, schema))
        else:
            raws.append(RawFile(name, relpath, display, path.read_bytes(), schema))
    return issues, raws, large


def _referenced(package: PackageRef) -> set[str]:
    """Resources another resource's foreign keys point into: those are always read whole."""
    names = set()
    for resource in resource_rows(package):
        try:
            schema = package.schema(resource) or {}
        except LoadError:
            continue
        for fk in schema.get("foreignKeys", []) if isinstance(schema.get("foreignKeys"), list) else []:
            target = fk.get("reference", {}).get("resource") if isinstance(fk, dict) else None
            if target and target != resource.get("name"):
                names.add(target)
    return names


def _columnar(raws: list[RawFile], large: list[batched.LargeFile], settings: Settings) -> bool:
    if large or settings.engine in ("frictionless", "columnar"):
        return bool(large) or settings.engine == "columnar"
    return sum(raw.data.count(b"\n") for raw in raws) > settings.columnar_rows


def _columnar_structure(
    package: PackageRef, raws: list[RawFile], parsed: dict[str, Table], batches: set[str]
) -> list[Issue]:
    """The structure layer without frictionless: every check on whole columns (checks/columnar.py)."""
    issues: list[Issue] = []
    read = {raw.resource for raw in raws} | batches
    for resource in resource_rows(package):
        name = str(resource.get("name"))
        if name not in read:
            where = Location(package=package.name, resource=name, path=package.file(resource["path"]))
            issues.append(
                Issue("scheme-error", where, note=f"[Errno 2] No such file or directory: '{resource['path']}'")
            )
    for raw in raws:
        table = parsed.get(raw.resource)
        resource = package.resource(raw.resource) or {}
        issues += columnar.declared(package, resource, raw)
        if table is None:
            continue
        issues += columnar.header(raw, table, package.name)
        issues += columnar.shape(raw, table, package.name)
        content = columnar.without_blank_rows(table)
        issues += columnar.cells(content, package.name)
        issues += columnar.keys(content, parsed, package.name)
    return structure.dedupe(issues)


def validate_package(package: PackageRef, standard_root: Path, report: Report, settings: Settings) -> None:
    """Run every layer on one package and add its issues to ``report``."""
    _check_paths(package)
    settings.step(package.name, "descriptor")
    found = descriptor.check(package, jsonfile.load(standard_root / PROFILE))
    if found:
        report.issues += found
        return  # a descriptor that breaks the profile is not read any further
    issues = standard.check(package, standard_root)
    settings.step(package.name, "bytes")
    limit_issues, raws, large = _read(package, settings)
    report.resources += [(package.name, raw.resource) for raw in raws]
    report.resources += [(package.name, file.resource) for file in large]
    issues += limit_issues
    for raw in raws:
        issues += hygiene.check(raw, package.name, settings.limits)
    for file in large:
        issues += batched.bytes_pass(package, file, package.resource(file.resource) or {}, settings)
    if limit_issues:  # an oversized file is never parsed
        report.issues += issues
        return
    settings.step(package.name, "structure")
    parsed = {raw.resource: t for raw in raws if (t := parse(raw)) is not None}
    if _columnar(raws, large, settings):
        structural = _columnar_structure(package, raws, parsed, {file.resource for file in large})
        report.rows_checked += sum(t.frame.height for t in parsed.values())
    else:
        structural, counted = structure.check(package)
        report.rows_checked += counted
    issues += structural
    broken = {i.location.resource for i in issues if i.code in _UNPARSABLE}
    tables = {name: table for name, table in parsed.items() if name not in broken}
    settings.step(package.name, "cells")
    for table in tables.values():
        issues += cells.check(table, package.name, settings.limits.cell_bytes)
    settings.step(package.name, "domain rules")
    if "districts" in tables:
        index = districts.DistrictIndex(tables["districts"])
        for name in ("sources", "commitments", "metrics"):
            if name in tables:
                issues += districts.check(tables[name], index, package.name)
    for table in tables.values():
        issues += domain.check(table, tables, package.name)
    settings.step(package.name, "provenance")
    found, source_files = provenance.source_files(package, tables.get("sources"))
    issues += found + provenance.check(package, tables, source_files)
    settings.step(package.name, "consistency")
    issues += consistency.check(tables, package.name, ids=not large)
    issues += files.check(package, standard_root, tables)
    if large:
        context = batched.Context(package, tables, settings, source_files)
        issues += _in_batches(large, issues, context, report)
    kept = one_per_cell(issues)
    report.excerpts.update(rows.excerpts(kept, tables))
    report.issues += rows.to_lines(kept, tables)


def _in_batches(
    large: list[batched.LargeFile], before: list[Issue], context: batched.Context, report: Report
) -> list[Issue]:
    """Every layer on the files too large to hold, batch by batch (batched.py)."""
    issues: list[Issue] = []
    package, tables, settings = context.package, context.tables, context.settings
    outcomes = {}
    for file in large:
        if any(i.code in _UNPARSABLE and i.location.resource == file.resource for i in before):
            continue  # not UTF-8: its bytes are not parsed
        outcome = batched.tables_pass(file, context, _UNPARSABLE)
        outcomes[file.resource] = outcome
        report.rows_checked += outcome.rows
        issues += outcome.issues
        report.excerpts.update(outcome.excerpts)
    found, excerpts = batched.whole_resource(package, large, outcomes, tables, settings)
    report.excerpts.update(excerpts)
    return structure.dedupe(issues + found)


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
                package = open_package(folder, cwd)
            except LoadError as exc:
                where = Location(package=folder.name, path=exc.path or f"{display_path(folder, cwd)}/{DESCRIPTOR}")
                report.issues.append(Issue("package-unreadable", where, note=exc.message))
                continue
            report.packages.append(package.name)
            validate_package(package, root, report, settings)
    return report
