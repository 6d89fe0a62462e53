"""The indicators codelist's own rules: a harmonised vocabulary of core and specific indicators.

A core indicator has no ``broader`` and carries a definition in Chinese and English; a specific
indicator narrows a core one, named in its ``broader``. So every ``broader`` is an existing core
indicator, and following ``broader`` never returns to where it started.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def problems(rows: Iterable[Mapping[str, str]]) -> list[str]:
    """What is wrong with the indicator rows' hierarchy, one sentence per problem (none: ``[]``)."""
    by_code = {row["code"]: row for row in rows}
    found = []
    for code, row in by_code.items():
        broader = row.get("broader") or ""
        if not broader:
            missing = [f for f in ("definition_zh", "definition_en") if not row.get(f)]
            if missing:
                found.append(f"{code}: a core indicator needs {' and '.join(missing)}")
            continue
        if broader not in by_code:
            found.append(f"{code}: broader {broader!r} is not an indicator")
        elif by_code[broader].get("broader"):
            found.append(f"{code}: broader {broader!r} is not a core indicator (it has a broader itself)")
        cycle = _cycle(code, by_code)
        if cycle:
            found.append(f"{code}: broader indicators form a cycle: {' → '.join(cycle)}")
    return found


def _cycle(start: str, by_code: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The chain of broader codes from ``start`` back to itself, or ``[]`` when it ends."""
    chain, code = [start], by_code[start].get("broader") or ""
    while code and code in by_code and code not in chain:
        chain.append(code)
        code = by_code[code].get("broader") or ""
    return [*chain, code] if code == start else []
