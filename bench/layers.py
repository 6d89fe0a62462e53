"""Benchmark: where the time of one `pledgekit validate` goes, part by part.

    python bench/layers.py                          # the 1M-row package of bench/run.py
    python bench/layers.py --size 100000
    python bench/layers.py --package datapackages/beijing-district-pledges --repeat 5

It validates the package in this process with one worker thread, timing each part: the bytes layer, the record
reader, the structure layer, every later layer (``checks/layers.py``) and the end checks. It prints a Markdown
table of seconds and shares of the wall time (the fastest of ``--repeat`` runs for each part), with a bare
polars read of the same CSVs in the same process for scale. The parts may add up to more than the wall time:
the reading thread parses the next batch (bytes layer, record reader) while the worker checks the one before,
and polars runs each part on every core. What the parts leave of the wall time is the descriptor, the
codelists, the source digests and the report. docs/performance.md reads the table.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _generate

from pledgekit import config, pipeline
from pledgekit.checks import hygiene, structure
from pledgekit.checks.layers import LAYERS
from pledgekit.tableschema import records
from pledgekit.validation import validate_paths

Spent = defaultdict[str, float]


def timed(spent: Spent, owner: Any, name: str, label: str) -> None:
    """Add the time of every call of ``owner.name`` to ``spent[label]``."""
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def parts(spent: Spent) -> list[str]:
    """Wrap every part; return their labels in pipeline order."""
    timed(spent, hygiene.BytesCheck, "batch", "bytes layer")
    timed(spent, records.RecordReader, "feed", "record reader")
    timed(spent, structure.Structure, "batch", "structure layer")
    labels = ["bytes layer", "record reader", "structure layer"]
    for start in LAYERS:
        layer = start.__self__  # type: ignore[attr-defined]
        label = f"{layer.__name__.lower()} layer"
        timed(spent, layer, "batch", label)
        timed(spent, layer, "finish", label)
        labels.append(label)
    timed(spent, pipeline.Validation, "_finish", "end: keys, references, figures")
    timed(spent, pipeline.Validation, "_assessed", "end: assessments")
    return [*labels, "end: keys, references, figures", "end: assessments"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--package", type=Path, help="an existing package instead of a generated one")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    folder = args.package.resolve() if args.package else _generate(args.size, False)[0]
    settings = config.Settings(workers=1, limits=dataclasses.replace(config.Limits(), file_bytes=4_000_000_000))
    spent: Spent = defaultdict(float)
    labels = parts(spent)
    runs: list[tuple[float, Spent]] = []
    for _ in range(args.repeat):
        spent.clear()
        start = time.perf_counter()
        validate_paths([folder], cwd=folder, settings=settings)
        runs.append((time.perf_counter() - start, defaultdict(float, spent)))
    wall = min(total for total, _ in runs)
    best = {label: min(run[label] for _, run in runs) for label in labels}
    start = time.perf_counter()
    rows = sum(pl.read_csv(p, infer_schema=False).height for p in (folder / "data").glob("*.csv"))
    read = time.perf_counter() - start
    print(f"{rows:,} rows in {folder.name}; one worker; fastest of {args.repeat}\n")
    print("| part | seconds | share |")
    print("| --- | ---: | ---: |")
    for label in labels:
        print(f"| {label} | {best[label]:.2f} | {best[label] / wall:.0%} |")
    print(f"| sum of the parts | {sum(best.values()):.2f} | {sum(best.values()) / wall:.0%} |")
    print(f"| **validate, wall** | **{wall:.2f}** | 100% |")
    print(f"| a bare polars read of the same CSVs | {read:.2f} | {read / wall:.0%} |")


if __name__ == "__main__":
    main()
