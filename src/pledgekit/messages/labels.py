"""The words of the reports around the issues' own messages (headings, the summary, the verdict), in
zh and en: every renderer takes them from here."""

from __future__ import annotations

from typing import NamedTuple

from ..codes import Lang


class Label(NamedTuple):
    en: str
    zh: str


LABELS = {
    "summary": Label(
        "{packages} package(s), {rows} rows: {errors} error(s), {warnings} warning(s)",
        "{packages} 个数据包,{rows} 行:{errors} 个错误,{warnings} 个警告",
    ),
    "existing": Label(" (already there before)", "(此前已存在)"),
    "omitted-code": Label("… and {count} more {code} issue(s) not shown", "… 另有 {count} 个 {code} 问题未显示"),
    "omitted": Label("{count} more issue(s) not shown", "另有 {count} 个问题未显示"),
    "hint": Label("hint", "提示"),
    "valid": Label("valid", "通过"),
    "invalid": Label("invalid", "未通过"),
    "code": Label("code", "代码"),
    "count": Label("issues", "问题数"),
    "line": Label("line", "行"),
}


def label(key: str, lang: Lang) -> str:
    entry = LABELS[key]
    return entry.zh if lang == "zh" else entry.en


def labels(lang: Lang) -> dict[str, str]:
    """Every label in one language (for templates)."""
    return {key: label(key, lang) for key in LABELS}
