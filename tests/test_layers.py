"""The layers' one interface: every later layer is started per resource, sees every well-formed row exactly
once whatever the batch size, and is finished once; the orchestrator knows none of them by name."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import fixture_package
from pledgekit import Settings, validate_paths
from pledgekit import pipeline as pipeline_module
from pledgekit.checks.interface import Batch, Layer
from pledgekit.checks.layers import LAYERS
from pledgekit.issues import Issue
from test_architecture import graph


class Recorder:
    """A layer that keeps what it was given."""

    seen: dict[str, list[int]]
    finished: dict[str, int]
    lock = threading.Lock()

    def __init__(self, resource: str) -> None:
        self.resource = resource

    def batch(self, batch: Batch) -> list[Issue]:
        with self.lock:
            Recorder.seen.setdefault(self.resource, []).extend(batch.table.frame["_row"].to_list())
        return []

    def finish(self) -> list[Issue]:
        Recorder.finished[self.resource] = Recorder.finished.get(self.resource, 0) + 1
        return []


def _record(
    monkeypatch: pytest.MonkeyPatch, package: Path, batch_bytes: int
) -> tuple[dict[str, list[int]], dict[str, int]]:
    Recorder.seen, Recorder.finished = {}, {}
    monkeypatch.setattr(pipeline_module, "LAYERS", (*LAYERS, Recorder))
    validate_paths([package], cwd=package.parent, settings=Settings(batch_bytes=batch_bytes, workers=2))
    return Recorder.seen, Recorder.finished


def test_every_row_once_every_resource_finished_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = fixture_package(tmp_path / "pkg")
    whole, finished = _record(monkeypatch, package, 8_000_000)
    small, finished_small = _record(monkeypatch, package, 500)
    assert {name: sorted(rows) for name, rows in small.items()} == {name: sorted(rows) for name, rows in whole.items()}
    for rows in small.values():
        assert len(rows) == len(set(rows))  # no row twice
    assert set(finished) == set(finished_small) == set(whole)
    assert set(finished.values()) == {1}
    lines = (package / "data/metrics.csv").read_text(encoding="utf-8").count("\n")
    assert sorted(whole["metrics"]) == list(range(2, lines + 1))


def test_each_layer_starts_where_it_has_work() -> None:
    resources = ("sources", "commitments", "metrics", "units", "districts", "indicators", "other")
    started = {start.__self__.__name__: [r for r in resources if start(r) is not None] for start in LAYERS}  # type: ignore[attr-defined]
    assert started == {
        "Cells": list(resources),
        "Districts": ["sources", "commitments", "metrics"],
        "Divisions": ["sources", "commitments", "metrics"],
        "Areas": ["commitments", "metrics"],
        "Domain": ["commitments", "metrics"],
        "Provenance": ["commitments", "metrics"],
        "Wording": ["commitments", "metrics"],
        "Statements": ["commitments"],
        "Figures": ["commitments", "metrics"],
    }
    for start in LAYERS:
        layer: Layer | None = start("commitments")
        assert layer is not None and layer.finish() == []


def test_the_orchestrator_knows_no_row_layer_by_name() -> None:
    deps = graph()["pledgekit.pipeline"]
    for module in ("cells", "domain"):
        assert f"pledgekit.checks.{module}" not in deps
