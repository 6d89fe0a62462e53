"""pledgekit against plain frictionless on frictionless-py's own test fixtures (its ``data/`` folder).

The fixtures come from frictionless's source distribution on PyPI, downloaded once by the test command
into ``.cache/`` (the version installed here). Every CSV fixture of up to 64 KB that is UTF-8 becomes a
package of its own (schema inferred, as frictionless infers it), and every data package of the fixtures
whose resources are local CSV files is validated as it is; each must flag the rows frictionless flags
(``differential.compare``), never crash, and give the same issues whole and in 64-byte batches. Fixtures
in other encodings are left out: pledgekit rejects them by design (``encoding-not-utf8``).
"""

from __future__ import annotations

import fcntl
import json
import re
import subprocess
import sys
import tarfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from differential import META, V2, Table, compare, write_package

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
MAX_BYTES = 64_000


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """frictionless's ``data/`` folder, from its sdist on PyPI (downloaded once, then reused)."""
    release = version("frictionless")
    target = CACHE / f"frictionless-{release}-data"
    CACHE.mkdir(exist_ok=True)
    with (CACHE / ".lock").open("a") as lock:  # parallel test workers: one downloads, the others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_dir():
            _download(release, target)
    return target


def _download(release: str, target: Path) -> None:
    archive = CACHE / f"frictionless-{release}.tar.gz"
    if not archive.is_file():
        command = [sys.executable, "-m", "pip", "download", f"frictionless=={release}", "--no-binary", ":all:",
                   "--no-deps", "-q", "-d", str(CACHE)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=600)
    partial = CACHE / f".partial-{release}"
    with tarfile.open(archive) as bundle:
        members = [m for m in bundle.getmembers() if m.isfile() and "/data/" in m.name and m.size <= MAX_BYTES]
        for member in members:
            member.name = member.name.split("/data/", 1)[1]
        bundle.extractall(partial, members=members, filter="data")
    partial.rename(target)


def _utf8(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def _name(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "table"


def test_every_csv_fixture(fixtures: Path, tmp_path: Path) -> None:
    checked = []
    for path in sorted(fixtures.rglob("*.csv")):
        text = _utf8(path)
        if text is None or "compression" in path.parts:
            continue
        folder = write_package(tmp_path / _name(path), [Table(_name(path), text)])
        try:
            compare(folder)
        except AssertionError as exc:
            raise AssertionError(f"{path.relative_to(fixtures)}: {exc}") from exc
        checked.append(path)
    assert len(checked) > 80


def _local_csv_package(path: Path) -> dict[str, Any] | None:
    """A fixture data package whose resources are all local UTF-8 CSV files with inline schemas."""
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return None
    for resource in resources:
        source = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(source, str) or not source.endswith(".csv") or "://" in source:
            return None
        if not isinstance(resource.get("schema", {}), dict) or not (path.parent / source).is_file():
            return None
        if _utf8(path.parent / source) is None or resource.get("encoding", "utf-8").lower() != "utf-8":
            return None
    return descriptor


def test_every_csv_data_package_fixture(fixtures: Path, tmp_path: Path) -> None:
    checked = []
    for path in sorted([*fixtures.rglob("datapackage.json"), *fixtures.rglob("*.package.json")]):
        descriptor = _local_csv_package(path)
        if descriptor is None:
            continue
        tables = []
        renamed = {r["name"]: _name(Path(r["name"])) for r in descriptor["resources"]}
        for resource in descriptor["resources"]:
            schema = json.loads(json.dumps(resource.get("schema"))) if resource.get("schema") else None
            for fk in (schema or {}).get("foreignKeys", []) if isinstance(schema, dict) else []:
                reference = fk.get("reference") if isinstance(fk, dict) else None
                if isinstance(reference, dict) and reference.get("resource") in renamed:
                    reference["resource"] = renamed[reference["resource"]]
            text = (path.parent / resource["path"]).read_text(encoding="utf-8")
            extra = {k: resource[k] for k in ("format",) if k in resource}
            tables.append(Table(renamed[resource["name"]], text, schema, resource.get("dialect"), extra))
        folder = write_package(tmp_path / f"p{len(checked)}", tables, v2=descriptor.get("$schema") == V2)
        assert META  # the fixture's own metadata is replaced by what pledgekit's profile requires
        try:
            compare(folder)
        except AssertionError as exc:
            raise AssertionError(f"{path.relative_to(fixtures)}: {exc}") from exc
        checked.append(path)
    assert len(checked) >= 5
