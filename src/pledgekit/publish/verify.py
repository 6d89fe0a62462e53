"""Verify releases: every file against ``SHA256SUMS`` and the descriptor's ``bytes``/``hash``.

``PATH`` may be a release folder, a release zip, or a releases folder (every release, and the
catalog's record of each file). Problems are findings (a list); the CLI exits 5 when there is one.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
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


DOCUMENT_BYTES = jsonfile.MAX_JSON_BYTES * 50  # a release's JSON documents are read whole only under this


class _Files:
    """The files of a release, read by streaming: their size, a digest, or a small document."""

    def __init__(self) -> None:
        self._digests: dict[tuple[str, str], str] = {}

    def size(self, relpath: str) -> int | None:
        raise NotImplementedError

    def pieces(self, relpath: str) -> Iterator[bytes]:
        raise NotImplementedError

    def digest(self, relpath: str, algorithm: str = "sha256") -> str:
        key = (relpath, algorithm)
        if key not in self._digests:
            hashed = hashlib.new(algorithm)
            for piece in self.pieces(relpath):
                hashed.update(piece)
            self._digests[key] = hashed.hexdigest()
        return self._digests[key]

    def document(self, relpath: str, where: str) -> tuple[Any, list[Problem]]:
        """A JSON document of the release, strictly parsed after a size check; a problem instead of a crash."""
        size = self.size(relpath)
        if size is None:
            return None, [Problem(where, "missing")]
        if size > DOCUMENT_BYTES:
            return None, [Problem(where, f"{size} bytes, over the {DOCUMENT_BYTES}-byte limit for a document")]
        try:
            return jsonfile.loads(b"".join(self.pieces(relpath)).decode("utf-8"), origin=where), []
        except UnicodeDecodeError:
            return None, [Problem(where, "not UTF-8")]
        except LoadError as exc:
            return None, [Problem(where, exc.message)]


class _Folder(_Files):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def size(self, relpath: str) -> int | None:
        path = self.folder / relpath
        return path.stat().st_size if path.is_file() and not path.is_symlink() else None

    def pieces(self, relpath: str) -> Iterator[bytes]:
        with (self.folder / relpath).open("rb") as handle:
            while piece := handle.read(1 << 20):
                yield piece


class _Zipped(_Files):
    def __init__(self, opened: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], origin: str) -> None:
        super().__init__()
        self.opened, self.infos, self.origin = opened, infos, origin

    def size(self, relpath: str) -> int | None:
        info = self.infos.get(relpath)
        return None if info is None else info.file_size

    def pieces(self, relpath: str) -> Iterator[bytes]:
        return archive.chunks(self.opened, self.infos[relpath], self.origin)


def _check_record(files: _Files, where: str) -> list[Problem]:
    """release.json against its model (docs/schemas/release.schema.json)."""
    record, problems = files.document("release.json", f"{where}/release.json")
    if problems:
        return problems
    try:
        ReleaseRecord.model_validate(record)
    except ValidationError as exc:
        return [Problem(f"{where}/release.json", f"not a release record: {problem(exc)}")]
    return []


def _check_catalogue(files: _Files, where: str) -> list[Problem]:
    """catalogue.json, when the release has one (releases before it had none), against its model
    (docs/schemas/catalogue.schema.json)."""
    if files.size("catalogue.json") is None:
        return []
    record, problems = files.document("catalogue.json", f"{where}/catalogue.json")
    if problems:
        return problems
    try:
        CatalogueRecord.model_validate(record)
    except ValidationError as exc:
        return [Problem(f"{where}/catalogue.json", f"not a catalogue record: {problem(exc)}")]
    return []


def _check_descriptor(files: _Files, where: str) -> list[Problem]:
    """Each resource's declared bytes and hash against the file."""
    descriptor, problems = files.document("datapackage.json", f"{where}/datapackage.json")
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
        actual = files.size(relpath)
        if actual is None:
            problems.append(Problem(f"{where}/{relpath}", "listed in the descriptor but missing"))
            continue
        declared = declared_hash(resource.get("hash"))
        size = resource.get("bytes")
        if size is not None and size != actual:
            problems.append(Problem(f"{where}/{relpath}", f"{actual} bytes, the descriptor says {size}"))
        if declared and declared[0] not in HASHES:
            problems.append(
                Problem(f"{where}/{relpath}", f"the descriptor's hash algorithm {declared[0]!r} is unknown")
            )
        elif declared and declared[1].lower() != files.digest(relpath, declared[0]):
            problems.append(Problem(f"{where}/{relpath}", f"{declared[0]} differs from the descriptor's hash"))
    return problems


def _documents(files: _Files, where: str) -> list[Problem]:
    return _check_descriptor(files, where) + _check_record(files, where) + _check_catalogue(files, where)


def verify_folder(folder: Path, shown: str) -> list[Problem]:
    sums_path = folder / CHECKSUMS
    if not sums_path.is_file():
        return [Problem(f"{shown}/{CHECKSUMS}", "missing: not a complete release")]
    sums = parse_checksums(sums_path.read_text(encoding="ascii", errors="replace"), f"{shown}/{CHECKSUMS}")
    files = _Folder(folder)
    problems = []
    for name, digest in sorted(sums.items()):
        if files.size(name) is None:
            problems.append(Problem(f"{shown}/{name}", "missing"))
        elif files.digest(name) != digest:
            problems.append(Problem(f"{shown}/{name}", "sha256 does not match SHA256SUMS"))
    for path in sorted(folder.rglob("*")):
        relpath = path.relative_to(folder).as_posix()
        if path.is_file() and relpath != CHECKSUMS and relpath not in sums:
            problems.append(Problem(f"{shown}/{relpath}", "not listed in SHA256SUMS"))
    return problems + _documents(files, shown)


def verify_zip(path: Path, shown: str) -> list[Problem]:
    """A release zip, every entry streamed through its checksum (never held whole in memory)."""
    with archive.opened(path, shown) as opened:
        entries = {info.filename: info for info in archive.checked(opened, shown)}
        roots = {name.split("/", 1)[0] for name in entries}
        if len(roots) != 1:
            return [Problem(shown, "a release zip holds exactly one folder")]
        root = roots.pop()
        files = _Zipped(opened, {n.split("/", 1)[1]: i for n, i in entries.items() if "/" in n}, shown)
        if files.size(CHECKSUMS) is None:
            return [Problem(f"{shown}!{root}/{CHECKSUMS}", "missing")]
        raw = b"".join(files.pieces(CHECKSUMS)) if (files.size(CHECKSUMS) or 0) <= DOCUMENT_BYTES else b""
        sums = parse_checksums(raw.decode("ascii", "replace"), f"{shown}!{CHECKSUMS}")
        problems = [
            Problem(
                f"{shown}!{root}/{name}", "missing" if files.size(name) is None else "sha256 does not match SHA256SUMS"
            )
            for name, digest in sorted(sums.items())
            if files.size(name) is None or files.digest(name) != digest
        ]
        problems += [
            Problem(f"{shown}!{root}/{n}", "not listed in SHA256SUMS")
            for n in sorted(files.infos)
            if n != CHECKSUMS and n not in sums
        ]
        return problems + _documents(files, f"{shown}!{root}")


def verify_catalog(out: Path, shown: str) -> list[Problem]:
    catalog_path = out / "catalog.json"
    if not catalog_path.is_file():
        return [Problem(f"{shown}/catalog.json", "missing")]
    top = _Folder(out)
    document, problems = top.document("catalog.json", f"{shown}/catalog.json")
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
            files = _Folder(folder)
            for item in release.files:
                size = files.size(item.path)
                if size is not None and (size != item.bytes or files.digest(item.path) != item.sha256):
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
