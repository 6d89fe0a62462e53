"""The benchmark scripts run: a part-by-part table of a small package names every layer."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURE, ROOT
from pledgekit.checks.layers import LAYERS


def test_the_layers_benchmark_times_every_part() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "layers.py"), "--package", str(FIXTURE)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    parts = {line.split("|")[1].strip() for line in done.stdout.splitlines() if line.startswith("| ")}
    layers = {f"{start.__self__.__name__.lower()} layer" for start in LAYERS}  # type: ignore[attr-defined]
    assert layers | {"bytes layer", "record reader", "structure layer", "**validate, wall**"} <= parts


def test_the_benchmark_runs_both_tools_and_finds_every_planted_error() -> None:
    """`bench/run.py` on its smallest package: the bundled rows (a bare read, the imports every run needs,
    pledgekit, frictionless), a clean generated package pledgekit finds valid, and one whose planted errors
    it finds at their rows."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "1000", "--repeat", "1", "--bundled-repeat", "1"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in done.stdout.splitlines()[2:]]
    tools = {(row[0], row[2]): row for row in rows}
    for tool in ("polars read", "imports alone", "pledgekit", "frictionless"):
        assert ("bundled package", tool) in tools
    assert tools[("1,000 metrics", "pledgekit")][6] == "0"  # the generator writes valid data
    assert tools[("1,000 metrics + 1% errors", "pledgekit")][7] == "10/10"


def test_the_overhead_benchmark_times_imports_and_operations_and_counts_queries() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "overhead.py"), "--repeat", "1", "--calls", "5"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    wanted = {"polars", "and pledgekit's modules a validation loads", "frame: filter", "frame: join on a key"}
    assert wanted | {"Series: filter"} <= set(rows)
    counted = int(done.stdout.split("one validation of the bundled package: ", 1)[1].split()[0].replace(",", ""))
    assert counted > 100  # the bundled package's validation runs every layer's queries
    exits = [float(rows[label].split("|")[2]) for label in rows if "frozen" in label or "collected" in label]
    assert len(exits) == 2 and all(0 < seconds < 10 for seconds in exits)


def test_the_batch_benchmark_times_every_part_of_one_batch() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "batch.py"), "--size", "70000", "--repeat", "1"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    times = {
        line.split("|")[1].strip(): float(line.split("|")[2].strip(" *"))
        for line in done.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| part", "| ---"))
    }
    layers = {f"{start.__self__.__name__.lower()} layer" for start in LAYERS if start("metrics") is not None}  # type: ignore[attr-defined]
    assert layers | {"bytes layer", "record reader", "structure layer"} <= set(times)
    assert all(seconds > 0 for seconds in times.values())
    assert "s of processor time" in done.stdout
