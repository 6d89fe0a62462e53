"""One self-contained HTML page for a steward: the summary, then the issues grouped by file, each with
its message, its hint and the offending row in context. No external assets; all data escaped."""

from __future__ import annotations

from itertools import groupby
from typing import Any, TextIO

from ..codes import Lang
from ..messages.labels import label, labels
from ..report import Report


def render(report: Report, out: TextIO, lang: Lang = "en", per_code: int | None = None) -> None:
    from ..templates import environment

    kept, left_out = report.capped(per_code)
    groups: list[dict[str, Any]] = []
    for path, issues in groupby(kept, key=lambda i: i.location.path or i.location.package or "-"):
        items = []
        for issue in issues:
            loc = issue.location
            items.append(
                {
                    "where": loc.render(),
                    "code": issue.code,
                    "severity": str(issue.severity),
                    "message": issue.message(lang),
                    "hint": issue.hint(lang),
                    "row": loc.row,
                    "field": loc.field,
                    "excerpt": report.excerpts.get((loc.path or "", loc.row or 0)),
                }
            )
        groups.append({"path": path, "issues": items})
    summary = label("summary", lang).format(
        packages=len(report.packages),
        rows=report.rows_checked,
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    words = labels(lang)
    template = environment().get_template("report.html")
    out.write(
        template.render(
            lang="zh-Hans" if lang == "zh" else "en",
            valid=report.valid,
            verdict=label("valid" if report.valid else "invalid", lang),
            summary=summary,
            counts=sorted(report.by_code().items()),
            groups=groups,
            labels=words,
            omitted=words["omitted"].format(count=sum(left_out.values())) if left_out else "",
        )
    )
