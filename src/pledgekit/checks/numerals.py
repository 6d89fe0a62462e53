"""Numbers written in words, as ``value_text`` records them: Chinese numerals (三, 十四, 三百零五, 一万二千,
千, 二〇二五, 2.5万), tenths (四成 = 40 %), doublings (翻一番 = +100 %, 翻两番 = +300 %) and halves (3天半 = 3.5,
一半 = 50 %). A measure word between the number and 半 is skipped (一个半, 3天半); anything else makes the
text unreadable (None), and an unreadable text is never reported as a mismatch.

Read once per distinct text (a handful per package), so plain Python.
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10**4, "亿": 10**8}
NUMERAL = "".join([*DIGITS, *SMALL, *LARGE])
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_HALF = re.compile(rf"^([0-9.{NUMERAL}]+)[个天年月周次倍]?半$")
_TIMES_DOUBLED = re.compile(rf"^翻([{NUMERAL}0-9]+)番$")
_TENTHS = re.compile(rf"^([{NUMERAL}0-9]+)成$")
_MEASURED = re.compile(rf"^([0-9.{NUMERAL}]+)[个天年月周次倍]$")


def _tokens(text: str) -> list[str] | None:
    """Arabic numbers and single numeral characters, or None if anything else is in the text."""
    tokens: list[str] = []
    at = 0
    while at < len(text):
        arabic = _ARABIC.match(text, at)
        if arabic:
            tokens.append(arabic.group())
            at = arabic.end()
        elif text[at] in NUMERAL:
            tokens.append(text[at])
            at += 1
        else:
            return None
    return tokens


def integer(text: str) -> float | None:
    """A number in Chinese numerals (with Arabic parts, as in 2.5万), or None."""
    tokens = _tokens(text)
    if not tokens:
        return None
    if all(t in DIGITS for t in tokens) and len(tokens) > 1:
        return float("".join(str(DIGITS[t]) for t in tokens))  # 二〇二五: digit by digit
    total, section, number = 0.0, 0.0, None
    for token in tokens:
        if token in DIGITS:
            number = float(DIGITS[token])
        elif token in SMALL:
            section += (1.0 if number is None else number) * SMALL[token]
            number = None
        elif token in LARGE:
            amount = section + (number or 0.0)
            if token == "亿":
                total = ((total + amount) or 1.0) * LARGE[token]  # 一万亿: the 万 is inside the 亿
            else:
                total += (amount or 1.0) * LARGE[token]
            section, number = 0.0, None
        else:
            if number is not None:
                return None  # two numbers side by side
            number = float(token)
    return total + section + (number or 0.0)


def value(text: str) -> float | None:
    """The number ``value_text`` stands for, in the unit the row records it (40 for 四成, 100 for 翻一番)."""
    text = text.strip()
    if text in ("半", "一半"):
        return 50.0
    if doubled := _TIMES_DOUBLED.match(text):
        times = integer(doubled.group(1))
        return None if times is None else (2.0**times - 1.0) * 100.0
    if tenths := _TENTHS.match(text):
        number = integer(tenths.group(1))
        return None if number is None else number * 10.0
    if half := _HALF.match(text):
        number = integer(half.group(1))
        return None if number is None else number + 0.5
    if measured := _MEASURED.match(text):
        text = measured.group(1)
    return integer(text)
