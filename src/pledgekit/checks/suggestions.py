"""A "did you mean" hint: a foreign key into a codelist the package holds gets the closest code as a hint
(``percent`` → ``pct``, ``110151`` → ``110115``), from the codelist's own codes."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue
from ..standard import extensions

SPELLINGS = ("symbol_zh", "name_zh", "name_zh_hant", "name_en", "pinyin", "aliases")
# Distinct wrong values a codelist's hints are looked up for; the rest get no hint (a file of many thousand
# wrong codes must not spend minutes on hints). Each distinct value is looked up once.
MAX_LOOKUPS = 200


def _spellings(held: Mapping[str, Table], reference: object) -> dict[str, str]:
    """Every way the codelist writes each code (the code, its symbol, its names, its aliases), case-folded,
    mapped to the code."""
    resource, _, column = str(reference).partition(".")
    table = held.get(resource)
    if table is None or not column or "," in column or column not in table.frame.columns:
        return {}
    found: dict[str, str] = {}
    names = [c for c in SPELLINGS if c in table.frame.columns]
    for row in table.frame.select(column, *names).iter_rows(named=True):
        code = row[column]
        if not code:
            continue
        found.setdefault(str(code).casefold(), str(code))
        for name in names:
            for spelling in str(row[name] or "").split("|"):
                if spelling.strip():
                    found.setdefault(spelling.strip().casefold(), str(code))
    return found


def _closest(value: str, spellings: dict[str, str]) -> str | None:
    """The code ``value`` most likely means: one of its spellings exactly (``percent``, ``%``, ``大兴区``), a
    code with two neighbouring characters swapped (``110151``), else the closest spelling (difflib's ratio,
    over the spellings that share a character with it: no other can reach the cutoff)."""
    wanted = value.strip().casefold()
    if wanted in spellings:
        return spellings[wanted]
    swapped = _swapped(wanted, spellings)
    if swapped is not None:
        return swapped
    letters = set(wanted)
    candidates = [spelling for spelling in spellings if not letters.isdisjoint(spelling)]
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


def _swapped(wanted: str, spellings: dict[str, str]) -> str | None:
    """The code of the first spelling (in the codelist's order) that is ``wanted`` with two neighbouring,
    different characters swapped: each swap of ``wanted`` looked up, not every spelling compared."""
    swaps = {
        wanted[:i] + wanted[i + 1] + wanted[i] + wanted[i + 2 :]
        for i in range(len(wanted) - 1)
        if wanted[i] != wanted[i + 1]
    }
    found = swaps & spellings.keys()
    if len(found) <= 1:
        return spellings[found.pop()] if found else None
    return next(code for spelling, code in spellings.items() if spelling in found)


def suggest(issues: list[Issue], held: Mapping[str, Table]) -> list[Issue]:
    """``issues`` with the closest code added to each foreign-key issue into a held codelist."""
    cache: dict[str, dict[str, str]] = {}
    looked: dict[str, dict[str, str | None]] = {}
    out = []
    for found in issues:
        reference = found.context.get("reference")
        if found.code is Code.FOREIGN_KEY and found.value and reference is not None:
            if str(reference) not in cache:  # read once per codelist (setdefault would read it every time)
                cache[str(reference)] = _spellings(held, reference)
            spellings = cache[str(reference)]
            seen = looked.setdefault(str(reference), {})
            if found.value not in seen and len(seen) < MAX_LOOKUPS:
                seen[found.value] = _closest(found.value, spellings)
            meant = seen.get(found.value)
            codelist = str(reference).split(".", 1)[0]
            if codelist in extensions.EXTENSIBLE:  # a package may add to this codelist: the hint says how
                context = {**found.context, "case": "extensible", "extension": extensions.name_of(codelist)}
                found = replace(found, context=context)  # noqa: PLW2901
            if meant is not None:
                context = {**found.context, "did_you_mean": f"Did you mean {meant!r}? ",
                           "did_you_mean_zh": f"是否应为 {meant!r}?"}  # fmt: skip
                found = replace(found, context=context)  # noqa: PLW2901 (the issue, with its hint completed)
        out.append(found)
    return out
