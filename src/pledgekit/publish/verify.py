"""Verify releases: every file against ``SHA256SUMS`` and the descriptor's ``bytes``/``hash``.

``PATH`` may be a release folder, a release zip, or a releases folder (every release, and the
catalog's record of each file). Problems are findings (a list); the CLI exits 5 when there is one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import IntegrityError, LoadError
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


def _check_descriptor(read: dict[str, bytes] | Path, where: str) -> list[Problem]:
    """Each resource's declared bytes and hash against the file."""
    raw = read.get("datapackage.json") if isinstance(read, dict) else (read / "datapackage.json").read_bytes()
    if raw is None:
        return [Problem(f"{where}/datapackage.json", "missing")]
    try:
        descriptor = json.loads(raw)
    except ValueError:
        return [Problem(f"{where}/datapackage.json", "not valid JSON")]
    problems = []
    for resource in descriptor.get("resources", []):
        relpath = resource.get("path")
        if not isinstance(relpath, str):
            continue
        data = (
            read.get(relpath)
            if isinstance(read, dict)
            else ((read / relpath).read_bytes() if (read / relpath).is_file() else None)
        )
        if data is None:
            problems.append(Problem(f"{where}/{relpath}", "listed in the descriptor but missing"))
            continue
        declared = str(resource.get("hash", "")).removeprefix("sha256:")
        if resource.get("bytes") is not None and resource["bytes"] != len(data):
            problems.append(
                Problem(f"{where}/{relpath}", f"{len(data)} bytes, the descriptor says {resource['bytes']}")
            )
        if declared and declared != hashlib.sha256(data).hexdigest():
            problems.append(Problem(f"{where}/{relpath}", "sha256 differs from the descriptor's hash"))
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
    return problems + _check_descriptor(folder, shown)


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
    return problems + _check_descriptor(files, f"{shown}!{root}")


def verify_catalog(out: Path, shown: str) -> list[Problem]:
    catalog_path = out / "catalog.json"
    if not catalog_path.is_file():
        return [Problem(f"{shown}/catalog.json", "missing")]
    try:
        catalog = json.loads(catalog_path.read_text(encoding="utf-8"))
    except ValueError:
        return [Problem(f"{shown}/catalog.json", "not valid JSON")]
    problems: list[Problem] = []
    indexed = {release["path"] for package in catalog.get("packages", []) for release in package.get("versions", [])}
    for folder in releases(out):
        relpath = folder.relative_to(out).as_posix()
        if relpath not in indexed:
            problems.append(Problem(f"{shown}/{relpath}", "not in catalog.json: run `pledgekit catalog rebuild`"))
    for package in catalog.get("packages", []):
        for release in package.get("versions", []):
            folder = out / release["path"]
            problems += verify_folder(folder, f"{shown}/{release['path']}")
            for item in release.get("files", []):
                path = folder / item["path"]
                if path.is_file() and (path.stat().st_size != item["bytes"] or _file_digest(path) != item["sha256"]):
                    problems.append(Problem(f"{shown}/{release['path']}/{item['path']}", "differs from catalog.json"))
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
