"""Text for people: issues grouped by file, ``path:line [field] severity[code]: message`` plus the hint.

Colours only on a terminal (rich writes them; ``NO_COLOR`` is honoured, ``FORCE_COLOR`` and ``TTY_COMPATIBLE``
too); to a file or a pipe the same text is written without rich, which is not even imported (a few hundredths
of a second of every run in CI). Data is never interpreted as markup, and a control character that a value
brings into a message (a tab, an ESC …) is written as its escape (``\\t``, ``\\x1b``), never as itself: an
ESC from a cell reaches no terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from itertools import groupby
from typing import TextIO

from ..codes import Lang, Severity
from ..messages.labels import label
from ..report import Report

Segment = tuple[str, str]  # text and its rich style ("" for none)
# Every C0 control but the line feed (a message's line break), DEL and the C1 controls, as escapes.
ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x0A} | {
    0x09: "\\t",
    0x0D: "\\r",
}


def visible(text: str) -> str:
    """``text`` with its control characters (but the line feed) written as escapes."""
    return text.translate(ESCAPES)


def lines(report: Report, lang: Lang = "en", per_code: int | None = None) -> list[list[Segment]]:
    """The report as lines of styled segments: what both writers write."""
    found: list[list[Segment]] = []
    kept, left_out = report.capped(per_code)
    for path, group in groupby(kept, key=lambda issue: issue.location.path or issue.location.package or "-"):
        found.append([(visible(path), "bold")])
        for issue in group:
            style = "red" if issue.severity is Severity.ERROR else "yellow"
            line = [
                (visible(f"{issue.location.render()} "), ""),
                (f"{issue.severity}[{issue.code}]", style),
                (visible(f": {issue.message(lang)}"), ""),
            ]
            if issue.new is False:
                line.append((label("existing", lang), "dim"))
            found.append(line)
            hint = issue.hint(lang)
            if hint:
                found.append([(visible(f"    {label('hint', lang)}: {hint}"), "dim")])
        found.append([])
    for code, count in sorted(left_out.items()):
        found.append([(label("omitted-code", lang).format(count=count, code=code), "dim")])
    summary = label("summary", lang).format(
        packages=len(report.packages),
        rows=report.rows_checked,
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    verdict = label("valid" if report.valid else "invalid", lang)
    found.append([(f"{verdict}: {summary}", "green" if report.valid else "red bold")])
    return found


def terminal(out: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether rich could colour ``out``: a terminal, or colour asked for by the environment. (Where it
    cannot, it writes what the plain writer writes.)"""
    if environ.get("FORCE_COLOR") is not None or environ.get("TTY_COMPATIBLE") is not None:
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def render(
    report: Report,
    out: TextIO,
    lang: Lang = "en",
    per_code: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> None:
    found = lines(report, lang, per_code)
    if not terminal(out, os.environ if environ is None else environ):
        out.write("".join("".join(text for text, _ in line) + "\n" for line in found))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, soft_wrap=True, highlight=False, emoji=False)
    for line in found:
        text = Text()
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text)
