"""``pledgekit init``: a new data repository for another government, valid as soon as it is written.

The repository holds one empty package (the standard's resources, its generated copies, data tables with
the standard's headers and no rows), a steward's README in Chinese and English, a GitHub workflow that
runs this project's action, a pre-commit configuration that runs this project's hooks, and the
``.gitattributes`` that keep git from rewriting the bytes that are hashed. Everything is written into a
temporary folder beside the target, then moved into place: an interrupted init leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import PolicyError, UsageError
from ..io import atomic, jsonfile
from ..standard import copies, locate
from . import readme

NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# This project as an action and a hook source (docs/ci.md shows the same lines; a test keeps them equal).
ACTION = "pledgekit/pledgekit@v1"
HOOKS_REPO = "https://github.com/pledgekit/pledgekit"
HOOKS_REV = f"v{__version__}"
DESCRIPTION = (
    "Quantitative commitments (targets, ceilings, floors, completion pledges) and reported figures (actuals "
    "and estimates) from official reports. Every row cites its source document, stored unchanged in this "
    "package with its SHA-256, and a verbatim quote that carries the figure."
)
DESCRIPTION_ZH = (
    "官方报告中的量化承诺(目标、上限、下限、完成类承诺)与报告数据(实际数和预计数)。"
    "每一行均注明来源文件(原样存于本数据包并附SHA-256校验值)及载有该数字的逐字引文。"
)
GITATTRIBUTES = """# Data bytes are hashed and published as they are: git must never rewrite them.
*.csv -text
*.txt -text
*.json -text
datapackages/** -text
"""
GITIGNORE = ".pledgekit-backup/\n"
WORKFLOW = f"""name: data
on:
  pull_request:
    paths: ["datapackages/**"]
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: {ACTION}
        with:
          paths: datapackages
"""
PRE_COMMIT = f"""repos:
  - repo: {HOOKS_REPO}
    rev: {HOOKS_REV}
    hooks:
      - id: pledgekit-fix
      - id: pledgekit-validate
"""


def _resources(standard: Path) -> list[dict[str, Any]]:
    """One resource per Table Schema of the standard: a codelist's under codelists/, data under data/."""
    names = sorted(p.name.removesuffix(".schema.json") for p in (standard / "table").glob("*.schema.json"))
    codelists = [n for n in names if (standard / "codelists" / f"{n}.csv").is_file()]
    data = sorted((n for n in names if n not in codelists), key=lambda n: (n != "sources", n))
    return [
        {"name": name, "type": "table", "path": f"{folder}/{name}.csv", "scheme": "file", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8", "schema": f"schemas/{name}.schema.json"}
        for folder, group in (("codelists", codelists), ("data", data)) for name in group
    ]  # fmt: skip


def _header(standard: Path, name: str) -> bytes:
    schema = jsonfile.load(standard / "table" / f"{name}.schema.json", origin=f"{name}.schema.json")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([f["name"] for f in schema["fields"]])
    return buffer.getvalue().encode("utf-8")


def plan(name: str, title: str, standard: Path) -> dict[str, bytes]:
    """The repository's files (path → bytes), the standard's copies aside (``copies.sync`` writes them)."""
    if not NAME.fullmatch(name):
        raise UsageError(
            "name-invalid", f"{name!r}: lower-case ASCII letters, digits and single hyphens, such as pinggu-pledges"
        )
    resources, version = _resources(standard), locate.version(standard)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": name,
        "title": title,
        "description": DESCRIPTION,
        "description_zh": DESCRIPTION_ZH,
        **({"standard_version": version} if version else {}),  # a standard of one's own may name none
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0 (the curated tables; source texts remain under "
                               "their publishers' terms)"}],
        "sources": [],
        "contributors": [{"title": f"{title} data stewards", "roles": ["creator", "curator"]}],
        "resources": resources,
    }  # fmt: skip
    package = f"datapackages/{name}"
    files = {f"{package}/datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()}
    for resource in resources:
        if resource["path"].startswith("data/"):
            files[f"{package}/{resource['path']}"] = _header(standard, resource["name"])
    files |= {
        "README.md": readme.text(package).encode("utf-8"),
        ".github/workflows/data.yml": WORKFLOW.encode("utf-8"),
        ".pre-commit-config.yaml": PRE_COMMIT.encode("utf-8"),
        ".gitattributes": GITATTRIBUTES.encode("utf-8"),
        ".gitignore": GITIGNORE.encode("utf-8"),
    }
    return files


def create(target: Path, files: dict[str, bytes], standard: Path) -> list[str]:
    """Write the repository at ``target`` (missing, or an empty folder); return what was written.

    PolicyError (nothing written) when ``target`` exists and is not an empty folder."""
    if target.is_symlink() or (target.exists() and (not target.is_dir() or any(target.iterdir()))):
        raise PolicyError("dir-not-empty", "it already holds files (or is not a folder)", path=str(target))
    stage = target.parent / f".{target.name}.{os.getpid()}.init"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        for relpath, data in files.items():
            atomic.create(stage / relpath, data)
        package = next(p.removesuffix("/datapackage.json") for p in files if p.endswith("/datapackage.json"))
        written = sorted([*files, *(f"{package}/{c}" for c in copies.sync(standard, stage / package))])
        if target.exists():
            target.rmdir()  # empty: checked above
        stage.rename(target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    atomic.fsync_dir(target.parent)
    return written
