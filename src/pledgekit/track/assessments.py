"""Judgement where the numbers cannot decide: the assessments resource of a package, applied to the
computed progress, and the assessments that disagree with it.

- An assessment applies as of a year when it is the commitment's latest up to that year, and either it is
  for that year, or the computed status is undecided (no-data, unrateable, not-yet-due), or it says
  achieved (a pledge kept stays kept). An older judgement never hides what newer figures show.
- An applied assessment whose status differs from the computed one decides the status (method
  ``assessment``); the computed rating is kept beside it.
- An assessment disagrees when the status computed as of its own year is decided (achieved, on-track,
  off-track, missed) and differs from it: ``assessment-disagrees``, a warning of ``pledgekit validate``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..codes import Code
from ..issues import Issue, Location
from .evidence import Assessment, Progress, progress
from .methods import Rating
from .statuses import Status

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table

UNDECIDED = (Status.NO_DATA, Status.UNRATEABLE, Status.NOT_YET_DUE)
METHOD = "assessment"
# The columns the computation reads, by table.
NEEDED = {
    "commitments": ("id", "district_code", "indicator", "area_zh", "comparator", "target_value", "target_value_max",
                    "unit", "target_year", "baseline_value", "baseline_year", "period_start"),
    "metrics": ("id", "district_code", "indicator", "area_zh", "year", "period_start", "value", "unit", "status"),
    "units": ("code", "factor", "dimension"),
    "indicators": ("code", "kind"),
}  # fmt: skip


def read(frame: pl.DataFrame) -> list[Assessment]:
    """The assessments of a table as read from a package (text cells; ``_row`` the file line, if any).
    Rows without a commitment, a year or a known status are left out (validation reports them)."""
    found = []
    statuses = {str(s) for s in Status}
    for row in frame.iter_rows(named=True):
        year, status = str(row.get("as_of") or ""), row.get("status")
        if not row.get("commitment_id") or not year.isdigit() or status not in statuses:
            continue
        found.append(
            Assessment(
                commitment_id=str(row["commitment_id"]),
                as_of=int(year),
                status=Status(status),
                rationale_zh=_text(row.get("rationale_zh")),
                quote=_text(row.get("quote")),
                source_id=_text(row.get("source_id")),
                assessor=_text(row.get("assessor")),
                assessed_on=_text(row.get("assessed_on")),
                rationale_en=row.get("rationale_en") or None,
                row=row.get("_row"),
            )
        )
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def latest(assessments: Iterable[Assessment], as_of: int) -> dict[str, Assessment]:
    """Each commitment's latest assessment for a year up to ``as_of``."""
    found: dict[str, Assessment] = {}
    for item in assessments:
        held = found.get(item.commitment_id)
        if item.as_of <= as_of and (held is None or item.as_of > held.as_of):
            found[item.commitment_id] = item
    return found


def applies(assessment: Assessment, computed: Rating, as_of: int) -> bool:
    """Whether the assessment decides the status as of ``as_of`` (the module's first rule)."""
    return assessment.as_of == as_of or computed.status in UNDECIDED or assessment.status is Status.ACHIEVED


def decided(computed: Rating, assessment: Assessment) -> Rating:
    """The rating an applied assessment gives: its status, with the computed rating's evidence kept."""
    if assessment.status is computed.status:
        return computed
    return replace(computed, status=assessment.status, method=METHOD, reason=None, provisional=False)


def apply(found: list[Progress], assessments: Iterable[Assessment]) -> list[Progress]:
    """The progress with each commitment's latest assessment attached, and its status where it applies."""
    by_commitment: dict[str, list[Assessment]] = {}
    for each in assessments:
        by_commitment.setdefault(each.commitment_id, []).append(each)
    result = []
    for item in found:
        assessment = latest(by_commitment.get(item.id, ()), item.as_of).get(item.id)
        if assessment is None:
            result.append(item)
            continue
        computed = item.computed_rating
        rating = decided(computed, assessment) if applies(assessment, computed, item.as_of) else computed
        result.append(replace(item, rating=rating, computed=computed, assessment=assessment))
    return result


def disagreements(assessments: list[Assessment], tables: dict[str, pl.DataFrame]) -> list[tuple[Assessment, Rating]]:
    """The assessments whose commitment's status computed as of their own year is decided and differs
    (``tables``: commitments, metrics, units, indicators, as read from the package)."""
    found: list[tuple[Assessment, Rating]] = []
    if any(not set(columns) <= set(tables[name].columns) for name, columns in NEEDED.items()):
        return found  # a table the computation reads is missing: nothing to compare with
    for year in sorted({a.as_of for a in assessments}):
        computed = {
            p.id: p.rating
            for p in progress(tables["commitments"], tables["metrics"], tables["units"], tables["indicators"], year)
        }
        for item in (a for a in assessments if a.as_of == year):
            rating = computed.get(item.commitment_id)
            if rating is not None and rating.status not in UNDECIDED and rating.status is not item.status:
                found.append((item, rating))
    return found


def issues(found: list[tuple[Assessment, Rating]], package: str, path: str) -> list[Issue]:
    """``assessment-disagrees`` for each disagreement, at the assessment's status cell."""
    return [
        Issue(
            Code.ASSESSMENT_DISAGREES,
            Location(package=package, resource="assessments", path=path, row=item.row, field="status"),
            value=str(item.status),
            context={
                "commitment": item.commitment_id,
                "as_of": item.as_of,
                "computed": str(rating.status),
                "method": rating.method,
                "evidence": ", ".join(rating.evidence) or "-",
            },
        )
        for item, rating in found
    ]


# Reads a resource's well-formed rows again, all of them or those holding one of the values in a column.
Reread = Callable[[str, tuple[str, list[str]] | None], "pl.DataFrame | None"]


def check(reread: Reread, held: Mapping[str, Table], package: str, path: str) -> list[Issue]:
    """``assessment-disagrees`` on a package: only the assessed commitments and the figures of their
    indicators are read again, and nothing when there is no assessment."""
    assessed = reread("assessments", None)
    if assessed is None or assessed.is_empty() or "commitment_id" not in assessed.columns:
        return []
    commitments = reread("commitments", ("id", assessed["commitment_id"].drop_nulls().unique().to_list()))
    if commitments is None or "indicator" not in commitments.columns:
        return []
    metrics = reread("metrics", ("indicator", commitments["indicator"].drop_nulls().unique().to_list()))
    tables = {"commitments": commitments, **({"metrics": metrics} if metrics is not None else {})}
    tables |= {name: held[name].frame for name in ("units", "indicators") if name in held}
    return issues(disagreements(read(assessed), filled(tables)), package, path)


def filled(tables: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """``tables`` with an empty table (of the columns the computation reads) for each it lacks or that lacks
    one of those columns: a package without metrics, or without a codelist, has no figures to compare."""
    import polars as pl

    found = dict(tables)
    for name, columns in NEEDED.items():
        if name not in found or not set(columns) <= set(found[name].columns):
            found[name] = pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    return found
