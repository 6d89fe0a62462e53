"""Benchmark: the processor time one batch of metric rows costs, part by part, with polars on one thread.

    python bench/batch.py                      # the second batch of a generated 200,000-row package
    python bench/batch.py --repeat 25

``bench/layers.py`` times a whole validation, where the parts share two cores and a reading thread; this
script asks what each part costs on its own. It validates a generated package once in this process, keeps
what each part was given for the second batch of ``metrics.csv`` (its bytes, its records, its well-formed
rows), then runs each part again on that batch ``--repeat`` times and prints the least processor time of
each (``time.process_time``: every thread of the process, so polars' work counts wherever it runs). polars
runs on one thread here (``POLARS_MAX_THREADS=1``, set before it is imported), so the times add up to what
the batch costs the machine. Multiplied by the batches of a package, they say how many seconds of processor
time a validation needs, whatever the number of cores. docs/performance.md reads the table.
"""

from __future__ import annotations

import os

os.environ["POLARS_MAX_THREADS"] = "1"  # before polars is imported

import argparse
import dataclasses
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _generate

from pledgekit import config, reading
from pledgekit.checks import hygiene, provenance, structure
from pledgekit.checks.layers import LAYERS
from pledgekit.checks.source_texts import SourceTexts
from pledgekit.tableschema import records
from pledgekit.validation import validate_paths

WANTED = 1  # the second batch: a full one, after the header


def keep(
    kept: dict[str, Any], owner: Any, name: str, label: str, taken: Callable[..., Any], wanted: int = WANTED
) -> None:
    """Keep what ``taken`` makes of the arguments of the ``wanted``-th call of ``owner.name`` for which it
    makes anything, as ``kept[label]``."""
    original = getattr(owner, name)
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = taken(*args, **kwargs)
        if given is not None:
            if calls[0] == wanted:
                kept[label] = given
            calls[0] += 1
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def least(run: Callable[[], object], repeat: int, before: Callable[[], object]) -> float:
    """The least processor time of ``repeat`` runs, in seconds (``before`` each, untimed)."""
    times = []
    for _ in range(repeat):
        before()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = _generate(args.size, False)[0]
    kept: dict[str, Any] = {}

    def metrics(path: object) -> bool:
        return str(path).endswith("metrics.csv")

    keep(kept, hygiene.BytesCheck, "batch", "bytes",
         lambda check, chunk: (check, chunk) if metrics(check.where.path) else None)  # fmt: skip
    keep(kept, reading.FileReading, "batches", "reading",
         lambda run, **_: run if metrics(run.resource.path) else None, wanted=0)  # fmt: skip
    keep(kept, structure.Structure, "batch", "structure",
         lambda layer, content: (layer, content) if layer.where.resource == "metrics" else None)  # fmt: skip
    keep(kept, provenance.Provenance, "batch", "layers",
         lambda layer, batch: batch if batch.table.resource == "metrics" else None)  # fmt: skip
    settings = config.Settings(workers=1, limits=dataclasses.replace(config.Limits(), file_bytes=4_000_000_000))
    validate_paths([folder], cwd=folder, settings=settings)

    if len(kept) < 4:
        sys.exit(f"metrics.csv of {args.size:,} rows is one batch: give --size 70000 or more")
    check, chunk = kept["bytes"]
    dialect, data = kept["reading"].dialect, chunk.data  # a chunk after the first is fed as it is read
    layer, content = kept["structure"]
    batch = kept["layers"]
    parts: list[tuple[str, Callable[[], object]]] = [
        ("bytes layer", lambda: check.batch(chunk)),
        ("record reader", lambda: records.RecordReader(dialect).feed(data, final=False)),
        ("structure layer", lambda: layer.batch(content)),
    ]
    for start in LAYERS:
        owner = start.__self__  # type: ignore[attr-defined]
        later = start("metrics")
        if later is not None:
            parts.append((f"{owner.__name__.lower()} layer", functools.partial(later.batch, batch)))
    context = batch.sources.__self__  # the run's lookups: each run of a part starts with no text held, so
    # that provenance reads and indexes the batch's texts as a batch of rows that follow their sources does
    fresh = functools.partial(SourceTexts, context.package, context.texts.files)
    spent = {label: least(run, args.repeat, before=lambda: setattr(context, "texts", fresh())) for label, run in parts}
    total = sum(spent.values())
    rows = batch.table.frame.height
    print(f"one batch of {rows:,} metric rows ({len(chunk.data) / 1e6:.1f} MB); polars on one thread; "
          f"least of {args.repeat}\n")  # fmt: skip
    print("| part | ms per batch | share |")
    print("| --- | ---: | ---: |")
    for label, seconds in spent.items():
        print(f"| {label} | {seconds * 1000:.1f} | {seconds / total:.0%} |")
    print(f"| **all parts** | **{total * 1000:.1f}** | 100% |")
    print(f"\nper 1,000,000 rows: {total * 1_000_000 / rows:.2f} s of processor time")


if __name__ == "__main__":
    main()
