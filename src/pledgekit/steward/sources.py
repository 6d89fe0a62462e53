"""``pledgekit source add``: a report's text into a package, as publishing does things.

``read`` gathers what the change depends on (the sources table, the descriptor, the district names, the
numbers already taken); ``plan`` computes every byte to write from that, and writes nothing; ``check``
applies the plan to a temporary copy of the package and validates it with the standard, keeping the
issues the change brings (the new row against the sources schema, the stored text, the descriptor);
``write`` writes the text, then the sources table, then the descriptor, each atomically, and puts back
what it wrote if a later step fails.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..checks import listing
from ..config import Settings
from ..errors import IntegrityError, LoadError, PolicyError, UsageError
from ..io import atomic, paths
from ..io.package import DESCRIPTOR, PackageRef, discover, display_path
from ..io.tables import RawFile
from ..issues import Issue
from ..report import Report
from ..tableschema import texts
from ..validation import validate_paths
from .text import SourceText

SOURCES_FOLDER = "sources"
_ID = re.compile(r"^src-([0-9]+)$")
_FILE = re.compile(r"^([0-9]+)_")


@dataclass(frozen=True)
class Details:
    """The cells a steward gives for the new sources row (the sources schema describes each)."""

    district_code: str
    kind: str
    published: str
    title_zh: str
    publisher: str
    title_en: str = ""
    plan_year: str = ""
    language: str = "zh-Hans"
    note: str = ""

    @property
    def descriptor_title(self) -> str:
        return listing.entry_title(vars(self))


@dataclass(frozen=True)
class Inputs:
    """What a new source is planned from, as read from the package."""

    package: PackageRef
    sources_path: str  # the sources resource's file, e.g. data/sources.csv
    sources_csv: bytes | None  # None: the file does not exist yet
    header: list[str]
    rows: list[dict[str, str]]
    descriptor_bytes: bytes
    taken: set[int]  # source numbers used by an id or by a file under sources/


@dataclass(frozen=True)
class SourcePlan:
    inputs: Inputs
    source_id: str
    path: str  # sources/NNN_<16 hex>.txt
    text: SourceText
    row: dict[str, str]
    line: int  # the new row's line in the sources table (header = 1)
    sources_csv: bytes
    descriptor: bytes
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return self.row["sha256"]

    @property
    def package(self) -> PackageRef:
        return self.inputs.package


def find_package(into: Path | None, cwd: Path) -> Path:
    """The package to add to: ``into`` (a package, or a folder holding exactly one), else the current
    folder if it is a package, else the single package under ``datapackages/``."""
    if into is None and (cwd / DESCRIPTOR).is_file():
        return cwd
    folder = into if into is not None else cwd / "datapackages"
    if into is None and not folder.is_dir():
        raise LoadError(
            "no-packages",
            "no datapackage.json here and no datapackages/ folder: name the package with --into",
            path=".",
        )
    found = discover(folder)
    if len(found) > 1:
        names = ", ".join(display_path(f, cwd) for f in found)
        raise UsageError(
            "package-ambiguous", f"{len(found)} packages ({names}): name one with --into", path=str(folder)
        )
    return found[0]


def _table(data: bytes, shown: str) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError("sources-unreadable", f"not UTF-8 at byte {exc.start}", path=shown) from None
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        return [], []
    header = records[0]
    return header, [dict(zip(header, record, strict=False)) for record in records[1:]]


def read(package: PackageRef) -> Inputs:
    """Everything the plan depends on, read (never written) from the package."""
    resource = package.resource("sources")
    if resource is None or not isinstance(resource.get("path"), str):
        raise LoadError("resource-unknown", "the package has no sources resource", path=package.file(DESCRIPTOR))
    relpath = resource["path"]
    path = package.resolve(relpath)
    data = path.read_bytes() if path.is_file() else None
    if data is not None:  # a row is appended as plain CSV: a file read otherwise would get a row it cannot read
        raw = RawFile("sources", relpath, package.file(relpath), data, None)
        found = texts.of_resource(package, resource, raw)
        what = found.described()[0] if found is not None else ""
        if what:
            raise LoadError("sources-unreadable", f"it is read with {what}, not as plain CSV", path=raw.display)
    header, rows = _table(data, package.file(relpath)) if data is not None else ([], [])
    if not header:
        schema = package.schema(resource) or {}
        header = [f["name"] for f in schema.get("fields", []) if isinstance(f, dict) and "name" in f]
    taken = {int(m[1]) for r in rows if (m := _ID.match(r.get("id") or ""))}
    sources_dir = package.root / SOURCES_FOLDER
    if sources_dir.is_dir() and not sources_dir.is_symlink():
        taken |= {int(m[1]) for p in sources_dir.iterdir() if (m := _FILE.match(p.name))}
    return Inputs(
        package=package,
        sources_path=relpath,
        sources_csv=data,
        header=header,
        rows=rows,
        descriptor_bytes=(package.root / DESCRIPTOR).read_bytes(),
        taken=taken,
    )


def _warnings(inputs: Inputs, details: Details, text: SourceText) -> list[str]:
    warnings = []  # a description that does not name the district: description-omits-district, from check
    if details.language == "zh-Hant" and text.encoding == "gb18030":
        warnings.append(
            "a traditional-Chinese text read as GB18030: if it was saved as Big5, add it with --encoding big5"
        )
    given = {k: v for k, v in vars(details).items() if v}
    for name in sorted(set(given) - set(inputs.header)):
        warnings.append(f"{inputs.package.file(inputs.sources_path)} has no column {name!r}: its value is not written")
    return warnings


def _append(inputs: Inputs, row: dict[str, str]) -> tuple[bytes, int]:
    """The sources table with the row appended, and the row's line."""
    existing = inputs.sources_csv
    if existing is None or not existing.strip():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(inputs.header)
        existing = buffer.getvalue().encode("utf-8")
    if not existing.endswith(b"\n"):
        existing += b"\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(name, "") for name in inputs.header])
    return existing + buffer.getvalue().encode("utf-8"), existing.count(b"\n") + 1


def _descriptor(descriptor: dict[str, Any], title: str) -> bytes:
    updated = dict(descriptor)
    listed = updated.get("sources")
    listed = list(listed) if isinstance(listed, list) else []
    if not any(isinstance(s, dict) and s.get("title") == title for s in listed):
        listed.append({"title": title})
    updated["sources"] = listed
    return (json.dumps(updated, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan(inputs: Inputs, text: SourceText, details: Details) -> SourcePlan:
    """Every byte the new source needs; PolicyError when the same text is already a source."""
    digest = hashlib.sha256(text.data).hexdigest()
    for existing in inputs.rows:
        if (existing.get("sha256") or "").lower() == digest:
            raise PolicyError(
                "source-duplicate",
                f"the same text as {existing.get('id')} ({existing.get('path')}): cite {existing.get('id')}",
                path=inputs.package.file(inputs.sources_path),
            )
    number = max(inputs.taken, default=-1) + 1
    relpath = f"{SOURCES_FOLDER}/{number:03d}_{digest[:16]}.txt"
    row = {
        "id": f"src-{number:03d}",
        "district_code": details.district_code,
        "title_zh": details.title_zh,
        "title_en": details.title_en,
        "kind": details.kind,
        "publisher": details.publisher,
        "published": details.published,
        "plan_year": details.plan_year,
        "language": details.language,
        "path": relpath,
        "sha256": digest,
        "note": details.note,
    }
    table, line = _append(inputs, row)
    return SourcePlan(
        inputs=inputs,
        source_id=row["id"],
        path=relpath,
        text=text,
        row=row,
        line=line,
        sources_csv=table,
        descriptor=_descriptor(inputs.package.descriptor, details.descriptor_title),
        warnings=_warnings(inputs, details, text),
    )


def write(plan: SourcePlan, root: Path | None = None) -> list[str]:
    """Write the plan into the package (or into ``root``, a copy of it); return the files written.

    IntegrityError when the sources table or the descriptor changed since they were read."""
    root = root if root is not None else plan.package.root
    shown = display_path(root, Path.cwd())
    # resolve() refuses a link or a folder on the way; it returns the first missing part, hence root / path
    for relpath in (plan.inputs.sources_path, DESCRIPTOR, plan.path):
        paths.resolve(root, relpath, origin=f"{shown}/{DESCRIPTOR}")
    table, descriptor, target = root / plan.inputs.sources_path, root / DESCRIPTOR, root / plan.path
    now = table.read_bytes() if table.is_file() else None
    if now != plan.inputs.sources_csv or descriptor.read_bytes() != plan.inputs.descriptor_bytes:
        raise IntegrityError("changed-during-validation", "the package changed while the source was being added")
    atomic.create(target, plan.text.data)  # a new file: refused if it exists
    try:
        atomic.replace(table, plan.sources_csv)
        try:
            atomic.replace(descriptor, plan.descriptor)
        except BaseException:
            if now is None:
                table.unlink(missing_ok=True)
            else:
                atomic.replace(table, now)
            raise
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    for folder in {target.parent, table.parent, root}:
        atomic.fsync_dir(folder)
    return [plan.path, plan.inputs.sources_path, DESCRIPTOR]


def _key(issue: Issue) -> tuple[str, str | None, int | None, str | None, str | None]:
    loc = issue.location
    return (issue.code, loc.path, loc.row, loc.field, issue.value)


def check(plan: SourcePlan, cwd: Path, standard: Path | None = None, settings: Settings | None = None) -> Report:
    """Validate the package with the plan applied, on a temporary copy; return the issues the change
    brings (those the package already had are left out: ``pledgekit validate`` reports them)."""
    package = plan.package
    before = validate_paths([package.root], cwd=cwd, standard_root=standard, settings=settings)
    known = {_key(i) for i in before.issues}
    with tempfile.TemporaryDirectory(prefix="pledgekit-source-") as folder:
        copy = Path(folder) / package.root.name
        shutil.copytree(package.root, copy, symlinks=True)
        write(plan, copy)
        after = validate_paths([copy], cwd=Path(folder), standard_root=standard, settings=settings)
    prefix = package.root.name
    issues = []
    for found in after.issues:
        where = found.location.path
        issue = found
        if where is not None and (where == prefix or where.startswith(f"{prefix}/")):
            issue = replace(found, location=replace(found.location, path=package.display + where[len(prefix) :]))
        if _key(issue) not in known:
            issues.append(issue)
    return Report(packages=after.packages, issues=issues, rows_checked=after.rows_checked)
