"""An Issue is one finding: a stable code, where it is, and what was found there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .codes import Severity, info

Lang = Literal["en", "zh"]


class _Blank(dict[str, Any]):
    """Template values; a placeholder the context lacks renders as '?' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Location:
    """Where an issue is. ``row`` is the line a steward sees in the file (header = line 1)."""

    package: str | None = None
    resource: str | None = None
    file: str | None = None
    row: int | None = None
    field: str | None = None
    json_path: str | None = None

    def render(self) -> str:
        parts = [self.file or self.package or "-"]
        if self.row is not None:
            parts.append(str(self.row))
        text = ":".join(parts)
        if self.field:
            text += f" [{self.field}]"
        if self.json_path:
            text += f" {self.json_path}"
        return text


@dataclass(frozen=True)
class Issue:
    code: str
    location: Location
    value: str | None = None
    note: str = ""
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return info(self.code).severity

    def message(self, lang: Lang = "en") -> str:
        entry = info(self.code)
        template = entry.zh if lang == "zh" else entry.en
        values = _Blank(
            {
                "value": self.value,
                "note": self.note,
                "file": self.location.file,
                "field": self.location.field,
                "json_path": self.location.json_path,
                **self.context,
            }
        )
        return template.format_map(values)

    def hint(self, lang: Lang = "en") -> str:
        entry = info(self.code)
        template = entry.hint_zh if lang == "zh" else entry.hint_en
        return template.format_map(_Blank({"value": self.value, "field": self.location.field, **self.context}))

    def sort_key(self) -> tuple[str, int, str, str]:
        loc = self.location
        return (loc.file or loc.package or "", loc.row or 0, loc.field or "", self.code)

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "package": loc.package,
            "resource": loc.resource,
            "file": loc.file,
            "row": loc.row,
            "field": loc.field,
            "json_path": loc.json_path,
            "value": self.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }
