"""Text for people: issues grouped by file, ``path:line [field] severity[code]: message`` plus the hint.

Colours only when the stream is a terminal (rich decides; ``NO_COLOR`` is honoured); data is never
interpreted as markup.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from ..codes import Lang, Severity
from ..report import Report

SUMMARY = {
    "en": "{packages} package(s), {rows} rows: {errors} error(s), {warnings} warning(s)",
    "zh": "{packages} 个数据包,{rows} 行:{errors} 个错误,{warnings} 个警告",
}
EXISTING = {"en": " (already there before)", "zh": "(此前已存在)"}
OMITTED = {"en": "… and {count} more {code} issue(s) not shown", "zh": "… 另有 {count} 个 {code} 问题未显示"}
HINT = {"en": "hint", "zh": "提示"}
VERDICT = {"en": ("valid", "invalid"), "zh": ("通过", "未通过")}


def render(report: Report, out: TextIO, lang: Lang = "en", per_code: int | None = None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, soft_wrap=True, highlight=False, emoji=False)
    kept, left_out = report.capped(per_code)
    for path, group in groupby(kept, key=lambda issue: issue.location.path or issue.location.package or "-"):
        console.print(Text(path, style="bold"))
        for issue in group:
            style = "red" if issue.severity is Severity.ERROR else "yellow"
            line = Text(f"{issue.location.render()} ")
            line.append(f"{issue.severity}[{issue.code}]", style=style)
            line.append(f": {issue.message(lang)}")
            if issue.new is False:
                line.append(EXISTING[lang], style="dim")
            console.print(line)
            hint = issue.hint(lang)
            if hint:
                console.print(Text(f"    {HINT[lang]}: {hint}", style="dim"))
        console.print()
    for code, count in sorted(left_out.items()):
        console.print(Text(OMITTED[lang].format(count=count, code=code), style="dim"))
    summary = SUMMARY[lang].format(
        packages=len(report.packages),
        rows=report.rows_checked,
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    verdict = VERDICT[lang][0 if report.valid else 1]
    console.print(Text(f"{verdict}: {summary}", style="green" if report.valid else "red bold"))
