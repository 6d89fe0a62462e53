"""Publish packages: validate, plan, then write. The one function the CLI's ``publish`` calls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import semver

from ..errors import IntegrityError, PolicyError
from ..io.package import discover
from ..report import Report
from ..standard import locate
from ..standard.locate import standard_dir
from ..validation import validate_paths
from . import progress, snapshot
from .plan import Previous, ReleasePlan, plan_release
from .verify import verify_folder
from .write import Step, heal, write_release


@dataclass
class Outcome:
    report: Report
    plans: list[ReleasePlan]
    written: list[Path]
    healed: bool = False  # the releases folder's index was repaired after an earlier crash


def previous_release(out: Path, name: str, cwd: Path, standard: Path | None) -> Previous | None:
    """The latest release of ``name`` in ``out``, verified; None for a first release."""
    folder = out / name
    versions = []
    for candidate in folder.glob("*/SHA256SUMS") if folder.is_dir() else []:
        try:
            versions.append((semver.Version.parse(candidate.parent.name), candidate.parent))
        except ValueError:
            continue
    if not versions:
        return None
    version, latest = max(versions)
    problems = verify_folder(latest, str(latest))
    if problems:
        raise IntegrityError("release-corrupt", f"the previous release is damaged: {problems[0]}", path=str(latest))
    changelog = (latest / "CHANGELOG.md").read_text(encoding="utf-8") if (latest / "CHANGELOG.md").is_file() else ""
    statuses = latest / progress.CSV
    before = progress.read(statuses.read_bytes()) if statuses.is_file() else {}
    return Previous(str(version), snapshot.read(latest, cwd, standard), changelog, before)


def _check_out(out: Path, folders: list[Path]) -> None:
    """The releases folder is a folder (or is made), and outside every package it publishes: a release
    inside its own package would be read back into the next one."""
    if out.exists() and not out.is_dir():
        raise PolicyError("out-invalid", "it is a file, not a folder", path=str(out))
    where = out.resolve()
    for folder in folders:
        if where == folder.resolve() or where.is_relative_to(folder.resolve()):
            raise PolicyError("out-invalid", f"it is inside the package {folder}", path=str(out))


def publish(
    targets: list[Path], out: Path, *, cwd: Path, created: str, requested: str | None = None, dry_run: bool = False,
    base_url: str = "", standard: Path | None = None, on_step: Step | None = None,
) -> Outcome:  # fmt: skip
    """Validate every package first; publish none unless all are valid."""
    root = standard_dir(standard)
    version = locate.version(root)
    folders = [folder for target in targets for folder in discover(target)]
    _check_out(out, folders)
    snapshots = [snapshot.read(folder, cwd, root) for folder in folders]
    report = validate_paths(folders, cwd=cwd, standard_root=root)
    outcome = Outcome(report, [], [])
    if not report.valid:
        return outcome
    for taken in snapshots:  # a release's files are read as plain CSV by its recipes, portals and spreadsheets
        for name, found in taken.dialects.items():
            if differs := found.described()[0]:
                raise PolicyError(
                    "dialect-not-publishable",
                    f"it is read with {differs}",
                    path=taken.tables[name].display,
                )
    for folder, before in zip(folders, snapshots, strict=True):
        after = snapshot.read(folder, cwd, root)
        if after.digests() != before.digests():  # the files changed while they were being validated
            raise IntegrityError(
                "changed-during-validation", "files changed during validation; run publish again", path=str(folder)
            )
        previous = previous_release(out, str(before.descriptor["name"]), cwd, root)
        outcome.plans.append(
            plan_release(before, previous, created=created, requested=requested, base_url=base_url, standard=version)
        )
    if not dry_run:
        outcome.healed = heal(out)  # a crash that left a release out of the catalog is repaired first
        for plan in outcome.plans:
            if not plan.unchanged:
                outcome.written.append(write_release(plan, out, on_step=on_step or (lambda _: None)))
    return outcome
