"""Plain text for people: one line per issue, ``file:row [field] code: message``, then a summary."""

from __future__ import annotations

from typing import TextIO

from ..issues import Lang
from ..report import Report

SUMMARY = {
    "en": "{packages} package(s), {rows} rows: {errors} error(s), {warnings} warning(s)",
    "zh": "{packages} 个数据包,{rows} 行:{errors} 个错误,{warnings} 个警告",
}
HINT = {"en": "hint", "zh": "提示"}
VERDICT = {"en": ("valid", "invalid"), "zh": ("通过", "未通过")}


def render(report: Report, out: TextIO, lang: Lang = "en") -> None:
    for issue in report.sorted_issues():
        out.write(f"{issue.location.render()} {issue.severity}[{issue.code}]: {issue.message(lang)}\n")
        hint = issue.hint(lang)
        if hint:
            out.write(f"    {HINT[lang]}: {hint}\n")
    errors = len(report.errors)
    summary = SUMMARY[lang].format(
        packages=len(report.packages), rows=report.rows_checked, errors=errors, warnings=len(report.issues) - errors
    )
    verdict = VERDICT[lang][0 if report.valid else 1]
    out.write(f"{verdict}: {summary}\n")
