"""Benchmark: the fixed costs under a small package's `pledgekit validate`, the floor its time cannot go below.

    python bench/overhead.py
    python bench/overhead.py --repeat 3 --calls 200

Two tables. The imports a run needs, each timed in a fresh interpreter (the median of ``--repeat`` runs, an
empty interpreter's start subtracted). Then the polars operations the checks are made of, timed on a frame of
5, 500 and 7,000 rows (the sizes of the bundled package's resources): a frame operation costs about the same
whatever its size, a Series operation a few microseconds. With the number of queries one validation of the
bundled package runs (counted here, in-process), the two tables give most of its time. Last, how long the
interpreter takes to end once a validation's output is written, with and without freezing the objects the
run made out of the garbage collector first (as ``pledgekit``'s ``main`` does). docs/performance.md reads them.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "datapackages" / "beijing-district-pledges"
IMPORTS = {
    "polars": "import polars",
    "jsonschema_rs (the descriptor's profile)": "import jsonschema_rs",
    "jsonschema (the reference implementation, with its format checkers; not imported)": "import jsonschema",
    "typer": "import typer",
    "the three libraries together": "import polars, typer, jsonschema_rs",
    "and pledgekit's modules a validation loads": (
        "import polars, typer, jsonschema_rs, pledgekit.cli, pledgekit.pipeline"
    ),
}


def fresh(code: str, repeat: int) -> float:
    """Median seconds of ``python -c code`` less an empty interpreter's."""

    def once(source: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", source], check=True)
        return time.perf_counter() - start

    runs = [(once(code), once("pass")) for _ in range(repeat)]
    return statistics.median(a for a, _ in runs) - statistics.median(b for _, b in runs)


def per_call(action: Callable[[], object], calls: int) -> float:
    """Microseconds per call (the best of three rounds)."""
    action()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            action()
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


def operations(rows: int) -> dict[str, Callable[[], object]]:
    frame = pl.DataFrame(
        {"_row": range(rows), "text": [f"第{i}条" for i in range(rows)], "flag": [i % 7 == 0 for i in range(rows)]}
    )
    mask, other = frame["flag"], frame.select("_row", pl.col("text").alias("other"))
    return {
        "frame: filter": lambda: frame.filter(pl.col("flag")),
        "frame: select of one expression": lambda: frame.select(pl.col("text").str.len_bytes()),
        "frame: with_columns": lambda: frame.with_columns(pl.col("_row").alias("copy")),
        "frame: join on a key": lambda: frame.join(other, on="_row", how="inner"),
        "frame: unique": frame.unique,
        "Series: filter": lambda: frame["_row"].filter(mask),
        "Series: any": mask.any,
    }


# One validation of the bundled package in a fresh interpreter, which prints the monotonic clock once the
# command's output is written; the parent reads the clock again when the process has ended. {exit} is how
# the process ends: as ``pledgekit`` does (its objects frozen out of the collector), or with nothing frozen.
EXITING = (
    "import gc, sys, time\n"
    "from pledgekit.cli import for_arguments\n"
    "sys.argv = ['pledgekit', 'validate', {package!r}]\n"
    "try:\n    for_arguments(sys.argv[1:])()\n"
    "except SystemExit:\n    sys.stdout.flush(); print(time.monotonic(), file=sys.stderr); {exit}\n"
)


def exiting(frozen: bool, repeat: int) -> float:
    """Median seconds from a validation's last output to the end of its process."""
    code = EXITING.format(package=str(BUNDLED), exit="gc.freeze()" if frozen else "pass")
    spent = []
    for _ in range(repeat):
        ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        spent.append(time.monotonic() - float(ran.stderr.split()[-1]))
    return statistics.median(spent)


def queries() -> int:
    """The polars queries (eager operations and collects) one validation of the bundled package runs."""
    from pledgekit.config import Settings
    from pledgekit.validation import validate_paths

    counted = 0
    collect = pl.LazyFrame._collect_eager

    def counting(self: pl.LazyFrame, *args: object, **kwargs: object) -> pl.DataFrame:
        nonlocal counted
        counted += 1
        return collect(self, *args, **kwargs)  # type: ignore[arg-type]

    pl.LazyFrame._collect_eager = counting  # type: ignore[method-assign]
    try:
        validate_paths([BUNDLED], cwd=ROOT, settings=Settings())
    finally:
        pl.LazyFrame._collect_eager = collect  # type: ignore[method-assign]
    return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9, help="fresh interpreters per import")
    parser.add_argument("--calls", type=int, default=2000, help="calls per polars operation and round")
    args = parser.parse_args()
    spec = importlib.util.find_spec("pledgekit")
    assert spec is not None and spec.origin is not None
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)  # as `pip install .` does: no run compiles it
    print("| import (fresh interpreter) | seconds |")
    print("| --- | ---: |")
    for label, code in IMPORTS.items():
        print(f"| {label} | {fresh(code, args.repeat):.3f} |")
    sizes = (5, 500, 7000)
    print()
    print("| polars operation | " + " | ".join(f"{n:,} rows: µs" for n in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    timed = {n: {label: per_call(action, args.calls) for label, action in operations(n).items()} for n in sizes}
    for label in timed[sizes[0]]:
        print(f"| {label} | " + " | ".join(f"{timed[n][label]:,.1f}" for n in sizes) + " |")
    print()
    print(f"polars queries in one validation of the bundled package: {queries():,}")
    print()
    print("| the interpreter's exit after a validation | seconds |")
    print("| --- | ---: |")
    print(f"| every object collected once more (Python's default) | {exiting(False, args.repeat):.3f} |")
    print(f"| the run's objects frozen first (`pledgekit`'s `main`) | {exiting(True, args.repeat):.3f} |")


if __name__ == "__main__":
    main()
