"""Hostile inputs: each small input of the threat model run through its command, as a process of its own.

    python bench/hostile.py                 # every case; prints a Markdown table
    python bench/hostile.py --only fix      # the cases whose name contains "fix"

The bound (threat model, issue "Hostile and broken input"): no input under 10 MB makes any command use
more than 1 GiB or 30 s on the project's machine. Each case builds its input in a temporary folder from
the tests' own package (tests/packages/pledges), runs `python -m pledgekit …` in a subprocess, and reads
the child's wall time and peak resident set from the kernel (``os.wait4``). The input size column is the
bytes on disk (a sparse file takes none). A case still running after --timeout seconds is killed and shown
as such. This is a measurement, not a test: nothing here asserts; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "packages" / "pledges"
NAME = "beijing-district-pledges"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1764000000", "NO_COLOR": "1"}


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # makes the input under the folder; returns the command's arguments


def _package(work: Path) -> Path:
    """The tests' package under work/datapackages/, with the standard's copies written."""
    package = work / "datapackages" / NAME
    shutil.copytree(FIXTURE, package)
    subprocess.run([sys.executable, "-m", "pledgekit", "standard", "sync", str(package)], env=ENV, check=True,
                   capture_output=True)  # fmt: skip
    return package


def _edit_first_row(package: Path, change: Callable[[str], str], header: bool = False) -> None:
    metrics = package / "data/metrics.csv"
    lines = metrics.read_text(encoding="utf-8").splitlines(keepends=True)
    number = 0 if header else 1
    lines[number] = change(lines[number].rstrip("\n")) + "\n"
    metrics.write_text("".join(lines), encoding="utf-8")


def extra_cells(work: Path) -> list[str]:
    _edit_first_row(_package(work), lambda line: line + "," * 100_000)
    return ["validate"]


def wide_header(work: Path) -> list[str]:
    _edit_first_row(_package(work), lambda line: line + "".join(f",x{n}" for n in range(100_000)), header=True)
    return ["validate"]


def sparse_schema(work: Path) -> list[str]:
    schema = _package(work) / "schemas/metrics.schema.json"
    schema.unlink()
    with schema.open("wb") as handle:
        handle.truncate(2_000_000_000)  # 2 GB of size, no disk used
    return ["validate"]


def sparse_schema_of_own_resource(work: Path) -> list[str]:
    package = _package(work)
    (package / "data/extra.csv").write_text("id\n1\n", encoding="utf-8")
    with (package / "schemas/extra.schema.json").open("wb") as handle:
        handle.truncate(2_000_000_000)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append({"name": "extra", "path": "data/extra.csv", "schema": "schemas/extra.schema.json"})
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return ["validate"]


def huge_shared_string(work: Path) -> list[str]:
    """A workbook of about 1.5 MB whose shared-strings part unpacks to 1.5 GB (one string)."""
    _package(work)
    with zipfile.ZipFile(work / "book.xlsx", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst count="1" uniqueCount="1"><si><t>')
            chunk = b"a" * 1_000_000
            for _ in range(1_500):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return ["import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}"]


def _deep_descriptor(work: Path) -> None:
    descriptor = _package(work) / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8").rstrip().removesuffix("}")
    descriptor.write_text(text + ', "x-extra": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def deep_json_validate(work: Path) -> list[str]:
    _deep_descriptor(work)
    return ["validate"]


def deep_json_publish(work: Path) -> list[str]:
    _deep_descriptor(work)
    return ["publish"]


def long_cell_fix(work: Path) -> list[str]:
    _edit_first_row(_package(work), lambda line: line.rsplit(",", 1)[0] + "," + "x" * 200_000)
    return ["fix", f"datapackages/{NAME}/data/metrics.csv", "--no-backup"]


def zip_near_the_caps(work: Path) -> list[str]:
    """A release zip of about 10 MB whose entries declare 1.7 GB, each under the 200x expansion cap."""
    root = f"{NAME}-1.0.0"
    zeros = bytes(995_700)  # per megabyte: 4,300 random bytes and zeros, about 190x once deflated
    with zipfile.ZipFile(work / "release.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(17):
            with archive.open(f"{root}/data/part{number}.csv", "w", force_zip64=True) as entry:
                for _ in range(100):
                    entry.write(os.urandom(4_300) + zeros)
        listed = "".join(f"{'0' * 64}  data/part{number}.csv\n" for number in range(17))  # every entry is hashed
        archive.writestr(f"{root}/SHA256SUMS", listed)
    return ["verify", "release.zip"]


CASES = [
    Case("validate: one row with 100,000 extra cells", extra_cells),
    Case("validate: a 100,000-column header", wide_header),
    Case("validate: a 2 GB sparse schema (the standard's copy)", sparse_schema),
    Case("validate: a 2 GB sparse schema (a resource of the package's own)", sparse_schema_of_own_resource),
    Case("validate: an extra key nested 100,000 deep", deep_json_validate),
    Case("publish: an extra key nested 100,000 deep", deep_json_publish),
    Case("import: a 1.5 MB workbook holding a 1.5 GB string", huge_shared_string),
    Case("fix: a cell of 200,000 bytes (over csv's 131,072)", long_cell_fix),
    Case("verify: a 10 MB zip declaring 1.7 GB", zip_near_the_caps),
]


def _input_bytes(work: Path) -> int:
    """Bytes the input takes on disk (allocated blocks: a sparse file counts what it really holds)."""
    return sum(p.stat().st_blocks * 512 for p in work.rglob("*") if p.is_file() and not p.is_symlink())


def measure(case: Case, timeout: float) -> tuple[int, int | str, float, float]:
    """(input bytes, exit code or 'killed', wall seconds, peak RSS MiB) of one case, in a fresh folder."""
    with tempfile.TemporaryDirectory(prefix="pledgekit-hostile-") as folder:
        work = Path(folder)
        args = case.build(work)
        size = _input_bytes(work)
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "pledgekit", *args], cwd=work, env=ENV,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.kill(child.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        code: int | str = "killed" if killed else child.returncode
        return size, code, seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="run the cases whose name contains this text")
    parser.add_argument("--timeout", type=float, default=120, help="kill a case after this many seconds")
    options = parser.parse_args()
    print("| case | input on disk | exit | wall s | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for case in CASES:
        if options.only not in case.name:
            continue
        size, code, seconds, peak = measure(case, options.timeout)
        print(f"| {case.name} | {size / 1e6:.2f} MB | {code} | {seconds:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
