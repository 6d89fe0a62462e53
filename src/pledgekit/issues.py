"""An Issue is one finding: a stable code, where it is, and what was found there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .codes import Code, Lang, Severity
from .messages.issues import hint_template, info


class _Blank(dict[str, Any]):
    """Template values; a placeholder the context lacks renders as '?' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Location:
    """Where an issue is. ``path`` is the file as the user sees it; ``row`` its line (header = 1)."""

    package: str | None = None
    resource: str | None = None
    path: str | None = None
    row: int | None = None
    field: str | None = None
    json_path: str | None = None
    ref: str | None = None  # a spreadsheet cell, such as Sheet1!C7, when the data came from a workbook

    def render(self) -> str:
        text = self.path or self.package or "-"
        if self.row is not None:
            text += f":{self.row}"
        if self.field:
            text += f" [{self.field}]"
        if self.json_path:
            text += f" {self.json_path}"
        if self.ref:
            text += f" {self.ref}"
        return text

    @property
    def cell(self) -> tuple[str | None, int | None, str | None]:
        return (self.path, self.row, self.field)


@dataclass(frozen=True)
class Issue:
    code: Code
    location: Location
    value: str | None = None
    note: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    # with --changed-since: whether the issue is new since the ref, and whether its row changed
    new: bool | None = None
    changed_row: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", Code(self.code))  # a code outside the catalogue fails here

    @property
    def severity(self) -> Severity:
        return info(self.code).severity

    def _values(self) -> _Blank:
        loc = self.location
        return _Blank(
            {
                "value": self.value,
                "note": self.note,
                "path": loc.path,
                "resource": loc.resource,
                "field": loc.field,
                "json_path": loc.json_path,
                "did_you_mean": "",  # a hint's optional first sentence, when a close code was found
                "did_you_mean_zh": "",
                **self.context,
            }
        )

    def message(self, lang: Lang = "en") -> str:
        entry = info(self.code)
        return (entry.zh if lang == "zh" else entry.en).format_map(self._values())

    def hint(self, lang: Lang = "en") -> str:
        return hint_template(self.code, self.context.get("case"), lang).format_map(self._values())

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Issues on changed rows first, then other new ones, then those already there; then by place."""
        loc = self.location
        rank = 0 if self.changed_row else 2 if self.new is False else 1
        return (rank, loc.path or loc.package or "", loc.row or 0, loc.field or "", self.code)

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "package": loc.package,
            "resource": loc.resource,
            "path": loc.path,
            "row": loc.row,
            "field": loc.field,
            "json_path": loc.json_path,
            "ref": loc.ref,
            "value": self.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
            "new": self.new,
        }
