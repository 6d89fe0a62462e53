"""Pledge tracking: the status of every commitment as of a year, computed from the package's own figures
with the evidence it rests on (``pledgekit track``; the rules are in docs/tracking.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..io.package import discover, open_package
from ..io.tables import RawFile
from ..report import Report
from ..standard import extensions, labels
from ..tableschema import texts
from . import assessments
from .evidence import Assessment, Progress, progress
from .statuses import Status

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef

__all__ = ["Assessment", "Progress", "Status", "Tracking", "track"]
# The tables tracking reads (the scorecard reads the districts too, to name them).
TABLES = ("commitments", "metrics", "units", "indicators", "districts", "sources", "assessments")


@dataclass
class Tracking:
    """The progress of every commitment of the packages, or the validation report that stopped it."""

    report: Report
    as_of: int | None = None
    progress: list[Progress] = field(default_factory=list)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)  # as read, the codelists with extensions
    titles: list[str] = field(default_factory=list)  # the packages' titles
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)  # topic -> (Chinese, English) name

    def counts(self) -> dict[str, int]:
        found = {str(status): 0 for status in Status}
        for item in self.progress:
            found[str(item.rating.status)] += 1  # the status in the end (an assessment's where it applies)
        return found


def _table(package: PackageRef, name: str) -> pl.DataFrame:
    """A resource's rows as text; a codelist with the rows of the package's extension of it."""
    import polars as pl

    def read(resource: str) -> pl.DataFrame | None:
        entry = package.resource(resource)
        if entry is None:
            return None
        path = entry["path"]
        raw = RawFile(resource, path, package.file(path), package.resolve(path).read_bytes(), package.schema(entry))
        found = texts.of_resource(package, entry, raw)
        return None if found is None else texts.read(raw, found).frame.drop("_row")

    found = extensions.with_extension(name, read)
    return pl.DataFrame() if found is None else found


def latest_year(metrics: pl.DataFrame, sources: pl.DataFrame) -> int:
    """The latest year a metric reports; with no metrics, the latest year a source was published."""
    import polars as pl

    for frame, column in ((metrics, "year"), (sources, "published")):
        if frame.width and column in frame.columns:
            years = frame[column].str.slice(0, 4).cast(pl.Int64, strict=False).drop_nulls()
            if len(years):
                return int(years.max())  # type: ignore[arg-type]
    return 0


def track(targets: list[Path], *, cwd: Path, as_of: int | None = None, standard: Path | None = None) -> Tracking:
    """Validate the packages, then rate every commitment as of the end of ``as_of`` (default: the latest
    year any metric reports, or else the latest year a source was published). Invalid data is not tracked:
    the report says why."""
    import polars as pl

    from ..validation import validate_paths  # the validation's end checks use this package's modules

    report = validate_paths(targets, cwd=cwd, standard_root=standard, settings=Settings())
    if not report.valid:
        return Tracking(report)
    packages = [open_package(folder, cwd) for target in targets for folder in discover(target)]
    tables = {name: [_table(p, name) for p in packages] for name in TABLES}
    frames = {
        name: pl.concat(read, how="diagonal") if (read := [f for f in found if f.width]) else pl.DataFrame()
        for name, found in tables.items()
    }
    if as_of is None:
        as_of = latest_year(frames["metrics"], frames["sources"])
    titles = [str(p.descriptor.get("title") or p.name) for p in packages]
    topics: dict[str, tuple[str, str]] = {}
    for package in packages:  # the names of the topics, as the package's commitments schema declares them
        entry = package.resource("commitments")
        topics |= labels.categories(package.schema(entry) if entry else None, "topic")
    if not frames["commitments"].width:
        return Tracking(report, as_of, tables=frames, titles=titles, topics=topics)
    frames = assessments.filled(frames)  # a package without metrics (or a codelist) has no figures
    found = progress(frames["commitments"], frames["metrics"], frames["units"], frames["indicators"], as_of)
    rated = assessments.apply(found, assessments.read(frames["assessments"]))
    return Tracking(report, as_of, rated, tables=frames, titles=titles, topics=topics)
