"""GitHub Actions workflow commands: one annotation per issue, errors first (GitHub shows only the
first ten of a step), and a Markdown summary for ``$GITHUB_STEP_SUMMARY``.

Escaping follows the runner's rules: in data ``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..codes import Lang, Severity
from ..issues import Issue
from ..report import Report


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(issue: Issue, lang: Lang) -> str:
    loc = issue.location
    properties = [f"file={escape_property(loc.path or '')}"]
    if loc.row is not None:
        properties.append(f"line={loc.row}")
    title = f"{issue.code}" + (f" [{loc.field}]" if loc.field else "")
    properties.append(f"title={escape_property(title)}")
    message = issue.message(lang)
    hint = issue.hint(lang)
    if hint:
        message += f"\n{hint}"
    command = "notice" if issue.new is False else "error" if issue.severity is Severity.ERROR else "warning"
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


def _errors_first(issues: list[Issue]) -> list[Issue]:
    """New errors first (issues on changed rows before the others), then warnings, then what was there before."""
    return sorted(issues, key=lambda i: (i.new is False, i.severity is not Severity.ERROR, *i.sort_key()))


def render(report: Report, out: TextIO, lang: Lang = "en", per_code: int | None = None) -> None:
    kept, _ = report.capped(per_code)
    for issue in _errors_first(kept):
        out.write(annotation(issue, lang) + "\n")


def _cell(text: object) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def summary(report: Report, lang: Lang = "en", rows: int = 50) -> str:
    """Markdown for the job summary: verdict, counts by code, the first ``rows`` issues."""
    title = "pledgekit validate: " + ("valid" if report.valid else "invalid")
    existing = report.existing
    before = f", {len(existing)} already there before" if existing else ""
    lines = [f"## {title}", "", f"{len(report.errors)} error(s), {len(report.warnings)} warning(s){before}, "
             f"{report.rows_checked} rows in {len(report.packages)} package(s).", ""]  # fmt: skip
    if report.issues:
        # the table counts what the line above counts: new issues, and (with --changed-since) the old ones apart
        new = Counter(str(i.code) for i in report.issues if i.new is not False)
        old = Counter(str(i.code) for i in existing)
        if existing:
            lines += ["| code | new | already there |", "| --- | --- | --- |"]
            lines += [f"| `{code}` | {new[code]} | {old[code]} |" for code in sorted(new | old)]
        else:
            lines += ["| code | count |", "| --- | --- |"]
            lines += [f"| `{code}` | {count} |" for code, count in sorted(new.items())]
        lines += ["", "| file | line | field | code | message |", "| --- | --- | --- | --- | --- |"]
        for issue in _errors_first(report.issues)[:rows]:
            loc = issue.location
            cells = (_cell(loc.path), _cell(loc.row), _cell(loc.field), f"`{issue.code}`", _cell(issue.message(lang)))
            lines.append("| " + " | ".join(cells) + " |")
        if len(report.issues) > rows:
            lines.append(f"\n… {len(report.issues) - rows} more in the JSON report.")
    return "\n".join(lines) + "\n"
