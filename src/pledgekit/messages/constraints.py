"""What a Table Schema constraint asks of a value, in words, in en and zh (for constraint-error)."""

from __future__ import annotations

from typing import Any

_RULES: dict[str, tuple[str, str]] = {
    "required": ("filled in", "必须填写"),
    "enum": ("one of {listed}", "为以下取值之一:{listed_zh}"),
    "minimum": ("at least {value}", "不小于 {value}"),
    "maximum": ("at most {value}", "不大于 {value}"),
    "exclusiveMinimum": ("more than {value}", "大于 {value}"),
    "exclusiveMaximum": ("less than {value}", "小于 {value}"),
    "minLength": ("at least {value} characters long", "至少 {value} 个字符"),
    "maxLength": ("at most {value} characters long", "至多 {value} 个字符"),
    "pattern": ("written as the pattern {value} says", "符合格式 {value}"),
    "unique": ("different from every other row's", "与其他各行不同"),
}


def rule(name: str, expected: Any) -> dict[str, str]:
    """The context of a constraint-error: the rule in English and in Chinese."""
    listed = [str(v) for v in expected] if isinstance(expected, list) else [str(expected)]
    en, zh = _RULES.get(name, (f"as the {name} constraint says ({{value}})", f"符合 {name} 约束({{value}})"))
    values = {"value": str(expected), "listed": ", ".join(listed), "listed_zh": "、".join(listed)}
    return {"rule": en.format(**values), "rule_zh": zh.format(**values)}
