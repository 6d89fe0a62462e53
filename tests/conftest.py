"""Shared fixtures: the repository, the bundled package, and copies of it to break on purpose."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests run the same examples on every run (a red CI is then a real change, never a new draw);
# HYPOTHESIS_PROFILE=explore draws new examples, for a session spent looking for bugs.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "schemas"
BUNDLED = ROOT / "datapackages" / "beijing-district-pledges"  # the curated data: only its own tests read it
FIXTURE = Path(__file__).resolve().parent / "packages" / "pledges"  # the tests' own package (packages/README.md)
PLEDGEKIT = [sys.executable, "-m", "pledgekit"]


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and what it wrote (the fields of subprocess.CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Ran:
    """Run the command in-process (typer's runner) from ``cwd``, with ``env`` added to the environment.
    A crash raises here instead of hiding in an exit code; the process-level behaviour (exit codes and
    output of a real process) has its own smoke tests, which use ``run_process``."""
    from typer.testing import CliRunner

    from pledgekit.cli import app

    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(before)
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess: for the few tests where the process is the behaviour."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*PLEDGEKIT, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False, env=environment
    )


def plain_frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run the frictionless CLI alone (no pledgekit involved) on a package's descriptor, as JSON."""
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert frictionless is not None
    return subprocess.run(
        [frictionless, "validate", "--json", "datapackage.json"],
        cwd=folder, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def edit_cell(path: Path, row_id: str, field: str, value: str) -> int:
    """Set one cell, writing the CSV back byte-compatibly; return the row's line (header = 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    ids = [row[0] for row in rows]
    if row_id not in ids:
        raise AssertionError(f"{row_id} not in {path}")
    number = ids.index(row_id) + 1
    rows[number - 1][header.index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return number


def fixture_package(target: Path) -> Path:
    """The tests' own package copied to ``target``, with the standard's copies written from the standard."""
    from pledgekit.standard import copies

    shutil.copytree(FIXTURE, target)
    copies.sync(STANDARD, target)
    return target


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The tests' own package under tmp_path/datapackages/ to change freely."""
    return fixture_package(tmp_path / "datapackages" / BUNDLED.name)


@pytest.fixture
def small_package(package_copy: Path) -> Callable[[int], Path]:
    """The tests' package cut to its first ``n`` commitments and metrics (fast CLI runs)."""

    def cut(n: int = 5) -> Path:
        for name in ("commitments", "metrics"):
            path = package_copy / "data" / f"{name}.csv"
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(lines[: n + 1]), encoding="utf-8")
        return package_copy

    return cut
