"""The progress of every commitment, derived for a release: ``progress.csv`` with its Table Schema
(``progress.schema.json``), and the CHANGELOG lines of the statuses that changed since the previous
release ("c-002-0512: on-track → achieved"). The rules are pledge tracking's (docs/tracking.md)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from ..standard import extensions
from ..track import TABLES, assessments, latest_year
from ..track.evidence import Progress, progress
from ..track.render import COLUMNS, write_csv
from ..track.statuses import Reason, Status

if TYPE_CHECKING:
    import polars as pl

    from .snapshot import Snapshot

CSV = "progress.csv"
SCHEMA = "progress.schema.json"
_DESCRIPTIONS = {
    "id": "The commitment's id (commitments.csv).",
    "status": "Its status as of the year, in the end (an assessment's where one applies): " + ", ".join(Status) + ".",
    "provisional": "true when an estimate decides the status.",
    "method": "How the status was decided (growth, growth-average, level, level-reached-early, path, cumulative, "
    "assessment, …).",
    "reason": "Why no status could be computed: " + ", ".join(Reason) + ".",
    "evidence": "The ids of the metrics the computed status rests on, separated by spaces.",
    "as_of": "The year the status is for (its end).",
    "computed_status": "The status computed from the figures, whatever an assessment says.",
    "computed_method": "How the computed status was computed.",
    "computed_reason": "Why no status could be computed from the figures.",
    "assessed_status": "The status of the commitment's latest assessment up to as_of (assessments.csv), if any.",
    "assessed_as_of": "The year that assessment is for.",
    "assessed_by": "Who made that assessment.",
    "assessed_on": "When that assessment was made.",
    "assessment_source_id": "The source of the quote that supports that assessment.",
    "assessment_quote": "The quote that supports that assessment, verbatim from its source.",
    "assessment_rationale_zh": "Why the quote supports that assessment (Chinese).",
    "assessment_rationale_en": "Why the quote supports that assessment (English).",
}
_TYPES = {"target_year": "integer", "as_of": "integer", "provisional": "boolean", "assessed_as_of": "integer",
          "assessed_on": "date"}  # fmt: skip


def tables(snapshot: Snapshot) -> dict[str, pl.DataFrame]:
    """The tables tracking reads, from a snapshot: the codelists with the package's own codes."""
    import polars as pl

    def frame(name: str) -> pl.DataFrame | None:
        table = snapshot.tables.get(name)
        return table.frame.drop("_row", strict=False) if table is not None else None

    found = {n: extensions.with_extension(n, frame) for n in TABLES}
    return {n: pl.DataFrame() if f is None else f for n, f in found.items()}


def compute(snapshot: Snapshot) -> list[Progress]:
    """Every commitment's progress as of the latest year the snapshot's metrics report."""
    read = tables(snapshot)
    if not read["commitments"].width or not read["metrics"].width:
        return []
    as_of = latest_year(read["metrics"], read["sources"])
    found = progress(read["commitments"], read["metrics"], read["units"], read["indicators"], as_of)
    return assessments.apply(found, assessments.read(read["assessments"]))


def to_csv(found: list[Progress]) -> bytes:
    buffer = io.StringIO()
    write_csv(found, buffer)
    return buffer.getvalue().encode("utf-8")


def schema() -> dict[str, Any]:
    """The Table Schema of progress.csv."""
    fields: list[dict[str, Any]] = []
    for name in COLUMNS:
        field: dict[str, Any] = {"name": name, "type": _TYPES.get(name, "string")}
        if name in _DESCRIPTIONS:
            field["description"] = _DESCRIPTIONS[name]
        if name in ("status", "computed_status"):
            field["constraints"] = {"required": True, "enum": [str(s) for s in Status]}
        if name == "assessed_status":
            field["constraints"] = {"enum": [str(s) for s in Status]}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"]}


def read(data: bytes) -> dict[str, str]:
    """id → status of a published progress.csv."""
    return {row["id"]: row["status"] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))}


def changes(before: dict[str, str], found: list[Progress]) -> list[str]:
    """The CHANGELOG lines of the commitments whose status changed (or that are new)."""
    lines = []
    for item in found:
        old, new = before.get(item.id), str(item.rating.status)
        if old is not None and old != new:
            lines.append(f"- {item.id}: {old} → {new}")
    return lines
