"""A Report gathers the Issues of one run; the CLI's exit code is derived from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .codes import GENERIC, Lang, Layer, Severity
from .issues import Issue
from .messages.issues import info

if TYPE_CHECKING:
    import polars as pl


def one_per_cell(issues: list[Issue]) -> list[Issue]:
    """Where a specific code and a generic frictionless code name the same cell, keep the specific one:
    '２０２４' is `number-not-canonical` with a fix, not also a type error. A generic whole-file issue
    gives way to any byte-level issue of that file (a GBK file is `encoding-not-utf8`, with its line)."""
    specific = {i.location.cell for i in issues if i.code not in GENERIC}
    bytes_level = {i.location.path for i in issues if info(i.code).layer is Layer.BYTES}
    return [
        i
        for i in issues
        if i.code not in GENERIC
        or (i.location.cell not in specific and not (i.location.row is None and i.location.path in bytes_level))
    ]


@dataclass
class Report:
    packages: list[str] = field(default_factory=list)
    resources: list[tuple[str, str]] = field(default_factory=list)  # (package, resource) checked
    issues: list[Issue] = field(default_factory=list)
    rows_checked: int = 0
    # the cells of each row an issue points at, keyed by (path, line): context for the HTML report
    excerpts: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        """Errors that count: with --changed-since, only those that are new since the ref."""
        return [i for i in self.issues if i.severity is Severity.ERROR and i.new is not False]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING and i.new is not False]

    @property
    def existing(self) -> list[Issue]:
        """Issues that were already there at the --changed-since ref."""
        return [i for i in self.issues if i.new is False]

    @property
    def valid(self) -> bool:
        return not self.errors

    def passes(self, *, strict: bool = False) -> bool:
        """Valid, and with ``strict`` also free of warnings."""
        return self.valid and not (strict and self.warnings)

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=Issue.sort_key)

    def by_code(self) -> Counter[str]:
        return Counter(i.code for i in self.issues)

    def capped(self, per_code: int | None) -> tuple[list[Issue], Counter[str]]:
        """The sorted issues with at most ``per_code`` of each code, and how many of each were left out."""
        kept: list[Issue] = []
        seen: Counter[str] = Counter()
        left_out: Counter[str] = Counter()
        for issue in self.sorted_issues():
            seen[issue.code] += 1
            if per_code and seen[issue.code] > per_code:
                left_out[issue.code] += 1
            else:
                kept.append(issue)
        return kept, left_out

    def flatten(self, spec: list[str]) -> list[list[Any]]:
        """Issues as lists of the named attributes, in report order: tests assert on these."""
        return [[issue.to_dict()[key] for key in spec] for issue in self.sorted_issues()]

    def to_frame(self, lang: Lang = "en") -> pl.DataFrame:
        """The issues as a polars DataFrame, one row per issue in report order (the JSON report's fields)."""
        import polars as pl

        columns = ["code", "severity", "package", "resource", "path", "row", "field", "json_path", "ref", "value",
                   "message", "hint", "new"]  # fmt: skip
        types = {c: pl.String for c in columns} | {"row": pl.Int64, "new": pl.Boolean}
        rows = [issue.to_dict(lang) for issue in self.sorted_issues()]
        return pl.DataFrame([[row[c] for c in columns] for row in rows], schema=types, orient="row")

    def to_dict(self, lang: Lang = "en", per_code: int | None = None) -> dict[str, Any]:
        kept, left_out = self.capped(per_code)
        return {
            "valid": self.valid,
            "packages": self.packages,
            "stats": {
                "rows": self.rows_checked,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "existing": len(self.existing),
                "by_code": dict(sorted(self.by_code().items())),
                "omitted": dict(sorted(left_out.items())),
            },
            "issues": [i.to_dict(lang) for i in kept],
        }
