"""Verify releases: every file against ``SHA256SUMS`` and the descriptor's ``bytes``/``hash``.

``PATH`` may be a release folder, a release zip, or a releases folder (every release, and the
catalog's record of each file). Problems are findings (a list); the CLI exits 5 when there is one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..checks.hygiene import HASHES, declared_hash
from ..documents import Catalog, CatalogueRecord, ReleaseRecord, problem
from ..errors import IntegrityError, LoadError
from ..io import jsonfile
from . import archive
from .plan import CHECKSUMS


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def parse_checksums(text: str, origin: str) -> dict[str, str]:
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name or name in sums or name.startswith("/") or ".." in name.split("/"):
            raise IntegrityError("checksums-invalid", f"line {number} is not '<sha256>  <path>'", path=origin)
        sums[name] = digest
    return sums


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _inside(relpath: object) -> bool:
    """A path a release may name: relative, in the release's folder, no backslash."""
    return (
        isinstance(relpath, str)
        and bool(relpath)
        and not relpath.startswith("/")
        and "\\" not in relpath
        and ":" not in relpath.split("/", 1)[0]
        and not any(part in ("", ".", "..") for part in relpath.split("/"))
    )


def _document(raw: bytes | None, where: str) -> tuple[Any, list[Problem]]:
    """A JSON document of the release, strictly parsed; a problem instead of a crash."""
    if raw is None:
        return None, [Problem(where, "missing")]
    try:
        return jsonfile.loads(raw.decode("utf-8"), origin=where), []
    except UnicodeDecodeError:
        return None, [Problem(where, "not UTF-8")]
    except LoadError as exc:
        return None, [Problem(where, exc.message)]


def _read(read: dict[str, bytes] | Path, relpath: str) -> bytes | None:
    if isinstance(read, dict):
        return read.get(relpath)
    path = read / relpath
    return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def _check_record(read: dict[str, bytes] | Path, where: str) -> list[Problem]:
    """release.json against its model (docs/schemas/release.schema.json)."""
    record, problems = _document(_read(read, "release.json"), f"{where}/release.json")
    if problems:
        return problems
    try:
        ReleaseRecord.model_validate(record)
    except ValidationError as exc:
        return [Problem(f"{where}/release.json", f"not a release record: {problem(exc)}")]
    return []


def _check_catalogue(read: dict[str, bytes] | Path, where: str) -> list[Problem]:
    """catalogue.json, when the release has one (releases before it had none), against its model
    (docs/schemas/catalogue.schema.json)."""
    raw = _read(read, "catalogue.json")
    if raw is None:
        return []
    record, problems = _document(raw, f"{where}/catalogue.json")
    if problems:
        return problems
    try:
        CatalogueRecord.model_validate(record)
    except ValidationError as exc:
        return [Problem(f"{where}/catalogue.json", f"not a catalogue record: {problem(exc)}")]
    return []


def _check_descriptor(read: dict[str, bytes] | Path, where: str) -> list[Problem]:
    """Each resource's declared bytes and hash against the file."""
    descriptor, problems = _document(_read(read, "datapackage.json"), f"{where}/datapackage.json")
    if problems:
        return problems
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return [Problem(f"{where}/datapackage.json", "not a data package: no list of resources")]
    for number, resource in enumerate(resources):
        relpath = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(resource, dict) or not isinstance(relpath, str):
            continue
        if not _inside(relpath):
            problems.append(
                Problem(f"{where}/datapackage.json", f"resources[{number}].path {relpath!r} is outside the release")
            )
            continue
        data = _read(read, relpath)
        if data is None:
            problems.append(Problem(f"{where}/{relpath}", "listed in the descriptor but missing"))
            continue
        declared = declared_hash(resource.get("hash"))
        size = resource.get("bytes")
        if size is not None and size != len(data):
            problems.append(Problem(f"{where}/{relpath}", f"{len(data)} bytes, the descriptor says {size}"))
        if declared and declared[0] not in HASHES:
            problems.append(
                Problem(f"{where}/{relpath}", f"the descriptor's hash algorithm {declared[0]!r} is unknown")
            )
        elif declared and declared[1].lower() != hashlib.new(declared[0], data).hexdigest():
            problems.append(Problem(f"{where}/{relpath}", f"{declared[0]} differs from the descriptor's hash"))
    return problems


def verify_folder(folder: Path, shown: str) -> list[Problem]:
    sums_path = folder / CHECKSUMS
    if not sums_path.is_file():
        return [Problem(f"{shown}/{CHECKSUMS}", "missing: not a complete release")]
    sums = parse_checksums(sums_path.read_text(encoding="ascii", errors="replace"), f"{shown}/{CHECKSUMS}")
    problems = []
    for name, digest in sorted(sums.items()):
        path = folder / name
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(f"{shown}/{name}", "missing"))
        elif _file_digest(path) != digest:
            problems.append(Problem(f"{shown}/{name}", "sha256 does not match SHA256SUMS"))
    for path in sorted(folder.rglob("*")):
        relpath = path.relative_to(folder).as_posix()
        if path.is_file() and relpath != CHECKSUMS and relpath not in sums:
            problems.append(Problem(f"{shown}/{relpath}", "not listed in SHA256SUMS"))
    return problems + _check_descriptor(folder, shown) + _check_record(folder, shown) + _check_catalogue(folder, shown)


def verify_zip(path: Path, shown: str) -> list[Problem]:
    entries = archive.read(path.read_bytes(), origin=shown)
    roots = {name.split("/", 1)[0] for name in entries}
    if len(roots) != 1:
        return [Problem(shown, "a release zip holds exactly one folder")]
    root = roots.pop()
    files = {name.split("/", 1)[1]: data for name, data in entries.items() if "/" in name}
    if CHECKSUMS not in files:
        return [Problem(f"{shown}!{root}/{CHECKSUMS}", "missing")]
    sums = parse_checksums(files[CHECKSUMS].decode("ascii", "replace"), f"{shown}!{CHECKSUMS}")
    problems = [
        Problem(f"{shown}!{root}/{name}", "missing" if name not in files else "sha256 does not match SHA256SUMS")
        for name, digest in sorted(sums.items())
        if name not in files or hashlib.sha256(files[name]).hexdigest() != digest
    ]
    problems += [
        Problem(f"{shown}!{root}/{n}", "not listed in SHA256SUMS")
        for n in sorted(files)
        if n != CHECKSUMS and n not in sums
    ]
    inside = f"{shown}!{root}"
    return problems + _check_descriptor(files, inside) + _check_record(files, inside) + _check_catalogue(files, inside)


def verify_catalog(out: Path, shown: str) -> list[Problem]:
    catalog_path = out / "catalog.json"
    if not catalog_path.is_file():
        return [Problem(f"{shown}/catalog.json", "missing")]
    document, problems = _document(catalog_path.read_bytes(), f"{shown}/catalog.json")
    if problems:
        return problems
    try:
        catalog = Catalog.model_validate(document)
    except ValidationError as exc:
        return [Problem(f"{shown}/catalog.json", f"not a releases catalog: {problem(exc)}")]
    indexed = {release.path for package in catalog.packages for release in package.versions}
    for folder in releases(out):
        relpath = folder.relative_to(out).as_posix()
        if relpath not in indexed:
            problems.append(Problem(f"{shown}/{relpath}", "not in catalog.json: run `pledgekit catalog rebuild`"))
    for package in catalog.packages:
        for release in package.versions:
            folder = out / release.path
            problems += verify_folder(folder, f"{shown}/{release.path}")
            for item in release.files:
                path = folder / item.path
                if path.is_file() and (path.stat().st_size != item.bytes or _file_digest(path) != item.sha256):
                    problems.append(Problem(f"{shown}/{release.path}/{item.path}", "differs from catalog.json"))
    return problems


def releases(out: Path) -> list[Path]:
    """Release folders under a releases folder (``<package>/<version>/``), staging folders excluded."""
    return sorted(p.parent for p in out.glob(f"*/*/{CHECKSUMS}") if not p.parent.parent.name.startswith("."))


def verify(path: Path) -> list[Problem]:
    shown = str(path)
    if path.is_file() and path.suffix == ".zip":
        return verify_zip(path, shown)
    if (path / CHECKSUMS).is_file():
        return verify_folder(path, shown)
    if path.is_dir() and (path / "catalog.json").is_file():
        return verify_catalog(path, shown)
    raise LoadError("not-a-release", "not a release folder, a release zip or a releases folder", path=shown)
