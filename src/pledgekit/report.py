"""A Report gathers the Issues of one run; the CLI's exit code is derived from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .codes import Severity
from .issues import Issue, Lang


@dataclass
class Report:
    packages: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rows_checked: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=Issue.sort_key)

    def by_code(self) -> Counter[str]:
        return Counter(i.code for i in self.issues)

    def flatten(self, spec: list[str]) -> list[list[Any]]:
        """Issues as lists of the named attributes, in report order: tests assert on these."""
        rows = []
        for issue in self.sorted_issues():
            d = issue.to_dict()
            rows.append([d[key] for key in spec])
        return rows

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        return {
            "valid": self.valid,
            "packages": self.packages,
            "stats": {
                "rows": self.rows_checked,
                "errors": len(self.errors),
                "warnings": len(self.issues) - len(self.errors),
                "by_code": dict(sorted(self.by_code().items())),
            },
            "issues": [i.to_dict(lang) for i in self.sorted_issues()],
        }
