"""Text for people: issues grouped by file, ``path:line [field] severity[code]: message`` plus the hint.

Colours only when the stream is a terminal (rich decides; ``NO_COLOR`` is honoured); data is never
interpreted as markup.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from ..codes import Lang, Severity
from ..messages.labels import label
from ..report import Report


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
                line.append(label("existing", lang), style="dim")
            console.print(line)
            hint = issue.hint(lang)
            if hint:
                console.print(Text(f"    {label('hint', lang)}: {hint}", style="dim"))
        console.print()
    for code, count in sorted(left_out.items()):
        console.print(Text(label("omitted-code", lang).format(count=count, code=code), style="dim"))
    summary = label("summary", lang).format(
        packages=len(report.packages),
        rows=report.rows_checked,
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    verdict = label("valid" if report.valid else "invalid", lang)
    console.print(Text(f"{verdict}: {summary}", style="green" if report.valid else "red bold"))
