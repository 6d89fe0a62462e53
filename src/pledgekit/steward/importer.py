"""``pledgekit import``: a workbook sheet into a resource's canonical CSV, validated, with every issue
pointing back at the workbook's sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Limits, Settings
from ..errors import LoadError, PledgekitError
from ..io import atomic
from ..io import backup as backups
from ..io.package import display_path, open_package
from ..io.zips import DAMAGED
from ..issues import Issue
from ..report import Report
from ..validation import validate_paths
from . import workbook


@dataclass
class ImportOutcome:
    imported: workbook.Imported
    report: Report  # the import's own issues, or the validation's mapped onto the workbook
    written: Path | None


def import_workbook(
    source: Path,
    resource: str,
    package_dir: Path,
    *,
    sheet: str | None,
    cwd: Path,
    backup: bool = True,
    limits: Limits | None = None,
) -> ImportOutcome:
    limits = limits or Limits()
    package = open_package(package_dir, cwd, limits)
    entry = package.resource(resource)
    if entry is None:
        names = ", ".join(repr(str(r.get("name"))) for r in package.resources())
        raise PledgekitError(
            "resource-unknown", f"the package has no resource {resource!r}; it has {names}", path=package.display
        )
    schema = package.schema(entry) or {}
    fields = [f["name"] for f in schema.get("fields", []) if isinstance(f, dict)]
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", []) if isinstance(f, dict)}
    shown = display_path(source, cwd)
    _readable(source, shown, limits)
    from openpyxl.utils.exceptions import InvalidFileException  # heavy: imported only to import a workbook

    try:
        imported = workbook.read(source, shown, sheet, fields, types, package.name, resource)
    except (InvalidFileException, *DAMAGED, KeyError, SyntaxError) as exc:  # SyntaxError: XML ParseError
        raise LoadError("xlsx-unreadable", f"cannot read the workbook: {exc}", path=shown) from None
    if imported.issues:
        return ImportOutcome(imported, Report(packages=[package.name], issues=imported.issues), None)
    target = package.resolve(entry["path"])
    if backup and target.is_file():
        backups.save(cwd, backups.stamp(), package.file(entry["path"]), target.read_bytes())
    atomic.replace(target, imported.csv)
    validated = validate_paths([package_dir], cwd=cwd, settings=Settings(limits=limits))
    resource_path = package.file(entry["path"])
    validated.issues = [_on_sheet(issue, resource_path, shown, imported) for issue in validated.issues]
    return ImportOutcome(imported, validated, target)


def _readable(source: Path, shown: str, limits: Limits) -> None:
    """A regular file (a FIFO would block), within the limits, before openpyxl opens it."""
    import zipfile

    if not source.is_file():
        raise LoadError("xlsx-unreadable", "not a regular file", path=shown)
    size = source.stat().st_size
    if size > limits.workbook_bytes:
        raise LoadError("xlsx-unreadable", f"{size} bytes, over the {limits.workbook_bytes}-byte limit", path=shown)
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except DAMAGED as exc:
        raise LoadError("xlsx-unreadable", f"cannot read the workbook: {exc}", path=shown) from None
    if unpacked > limits.workbook_unpacked_bytes:
        raise LoadError(
            "xlsx-unreadable",
            f"its parts unpack to {unpacked} bytes, over the {limits.workbook_unpacked_bytes}-byte limit",
            path=shown,
        )


def _on_sheet(issue: Issue, resource_path: str, shown: str, imported: workbook.Imported) -> Issue:
    """An issue of the imported CSV, moved to the workbook's sheet row and cell."""
    loc = issue.location
    if loc.path != resource_path or loc.row is None or not 2 <= loc.row < len(imported.rows) + 2:
        return issue
    sheet_row = imported.rows[loc.row - 2]
    column = imported.columns.get(loc.field or "", "")
    cell = workbook.ref(imported.sheet, column, sheet_row) if column else f"{imported.sheet}!{sheet_row}:{sheet_row}"
    return replace(issue, location=replace(loc, path=shown, row=sheet_row, ref=cell))
