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
