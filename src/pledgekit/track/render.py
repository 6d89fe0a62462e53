"""The renderers of a tracking: text (counts, then one line per commitment), json and csv."""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, TextIO

from .statuses import LABELS, REASONS

if TYPE_CHECKING:
    from . import Tracking
    from .evidence import Progress

COLUMNS = ("id", "district_code", "topic", "indicator", "target", "target_year", "as_of", "status", "provisional",
           "method", "reason", "evidence", "statement_zh", "statement_en",
           # the computed status beside the assessed one (empty without an assessment up to as_of)
           "computed_status", "computed_method", "computed_reason", "assessed_status", "assessed_as_of",
           "assessed_by", "assessed_on", "assessment_source_id", "assessment_quote", "assessment_rationale_zh",
           "assessment_rationale_en")  # fmt: skip


def record(item: Progress) -> dict[str, Any]:
    rating, computed, assessment = item.rating, item.computed_rating, item.assessment
    return {
        "id": item.id,
        "district_code": item.district_code,
        "topic": item.topic,
        "indicator": item.indicator,
        "target": item.target,
        "target_year": item.target_year,
        "as_of": item.as_of,
        "status": str(rating.status),
        "provisional": rating.provisional,
        "method": rating.method,
        "reason": None if rating.reason is None else str(rating.reason),
        "evidence": list(rating.evidence),
        "components": {k: round(v, 6) for k, v in rating.components.items()},
        "statement_zh": item.statement_zh,
        "statement_en": item.statement_en,
        "computed_status": str(computed.status),
        "computed_method": computed.method,
        "computed_reason": None if computed.reason is None else str(computed.reason),
        "assessed_status": None if assessment is None else str(assessment.status),
        "assessed_as_of": None if assessment is None else assessment.as_of,
        "assessed_by": None if assessment is None else assessment.assessor,
        "assessed_on": None if assessment is None else assessment.assessed_on,
        "assessment_source_id": None if assessment is None else assessment.source_id,
        "assessment_quote": None if assessment is None else assessment.quote,
        "assessment_rationale_zh": None if assessment is None else assessment.rationale_zh,
        "assessment_rationale_en": None if assessment is None else assessment.rationale_en,
    }


def to_json(tracking: Tracking, out: TextIO) -> None:
    document = {
        "as_of": tracking.as_of,
        "counts": tracking.counts(),
        "progress": [record(p) for p in tracking.progress],
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def to_csv(tracking: Tracking, out: TextIO) -> None:
    write_csv(tracking.progress, out)


def write_csv(progress: list[Progress], out: TextIO) -> None:
    """A row per commitment, the columns of ``COLUMNS`` (the release's progress.csv)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in progress:
        row = record(item)
        row["evidence"] = " ".join(row["evidence"])
        row["provisional"] = "true" if row["provisional"] else "false"
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])


def to_text(tracking: Tracking, out: TextIO, lang: str) -> None:
    zh = lang == "zh"
    counts = ", ".join(f"{LABELS[s][1 if zh else 0]} {n}" for s, n in ((s, tracking.counts()[str(s)]) for s in LABELS))
    out.write(f"{'截至' if zh else 'as of'} {tracking.as_of}: {counts}\n")
    for item in tracking.progress:
        rating = item.rating
        label = LABELS[rating.status][1 if zh else 0] + (
            ("(暂定)" if zh else " (provisional)") if rating.provisional else ""
        )
        why = f" — {REASONS[rating.reason][1 if zh else 0]}" if rating.reason is not None else ""
        evidence = f" [{', '.join(rating.evidence)}]" if rating.evidence else ""
        if "delivered" in rating.components:  # a count pledge: 5 of 10
            done, of = rating.components["delivered"], rating.components["of"]
            evidence += f" 完成{done:,.12g}/{of:,.12g}" if zh else f" {done:,.12g} of {of:,.12g}"
        statement = item.statement_zh if zh else (item.statement_en or item.statement_zh)
        topic = f" · {_topic(tracking, item, zh)}" if item.topic else ""
        out.write(f"{item.id} {label}{why}{evidence}{_assessed(item, zh)}: {statement}{topic}\n")


def _topic(tracking: Tracking, item: Progress, zh: bool) -> str:
    """The commitment's topic by its name in the standard (its code when the standard names none)."""
    code = str(item.topic)
    return tracking.topics.get(code, (code, code))[0 if zh else 1]


def _assessed(item: Progress, zh: bool) -> str:
    """Who assessed the commitment as what, and the computed status when it differs."""
    assessment = item.assessment
    if assessment is None:
        return ""
    language = 1 if zh else 0
    status, computed = LABELS[assessment.status][language], item.computed_rating.status
    shown = "" if computed is assessment.status else LABELS[computed][language]
    if zh:
        return f"(评估:{status},{assessment.assessor},截至{assessment.as_of}年" + (f";计算:{shown})" if shown else ")")
    return f" (assessed {status} by {assessment.assessor} as of {assessment.as_of}" + (
        f"; computed {shown})" if shown else ")"
    )
