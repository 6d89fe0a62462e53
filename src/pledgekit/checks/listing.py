"""The descriptor against the sources table: what a portal shows of a package (its ``description`` and its
``sources`` list) must not lag behind the texts it holds. ``pledgekit source add`` keeps both up to date; a
row added by hand, or a package copied from another government's, leaves them stale, which these warnings say.

- ``source-not-listed``: a row of the sources table has no entry in the descriptor's ``sources`` (an entry
  names it when its ``path`` is the row's path, or its ``title`` is the row's ``title_zh`` or begins with it
  followed by `` (``, as ``source add`` writes it: ``title_zh (publisher, published)``).
- ``description-omits-district``: the ``description`` or ``description_zh`` names none of the ways a
  district of a source is written (its names, an alias, the name without 区/县/市/旗, the English name with
  or without District/County).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..codes import Code
from ..io.package import DESCRIPTOR, PackageRef
from ..io.tables import Table
from ..issues import Issue, Location

DESCRIPTIONS = ("description", "description_zh")


def names(district: Mapping[str, Any]) -> list[str]:
    """How a description may name a district: 平谷区, 平谷, 平谷區, an alias, Pinggu District, Pinggu."""
    zh = district.get("name_zh") or ""
    en = district.get("name_en") or ""
    found = [zh, district.get("name_zh_hant") or "", *(district.get("aliases") or "").split("|"), en]
    found += [zh[:-1] if len(zh) > 2 and zh[-1] in "区县市旗" else "", en.rsplit(" ", 1)[0] if " " in en else ""]
    return [name for name in found if name]


def entry_title(row: Mapping[str, Any]) -> str:
    """The descriptor entry ``source add`` writes for a sources row."""
    return f"{row.get('title_zh')} ({row.get('publisher')}, {row.get('published')})"


def _listed(row: Mapping[str, Any], entries: Iterable[Mapping[str, Any]]) -> bool:
    title = row.get("title_zh") or ""
    for entry in entries:
        named = entry.get("title")
        if entry.get("path") == row.get("path") or (
            isinstance(named, str) and title and (named == title or named.startswith(f"{title} ("))
        ):
            return True
    return False


def _at(package: PackageRef, json_path: str) -> Location:
    return Location(package=package.name, path=package.file(DESCRIPTOR), json_path=json_path)


def check(package: PackageRef, tables: Mapping[str, Table]) -> list[Issue]:
    sources = tables.get("sources")
    if sources is None or not {"id", "title_zh"} <= set(sources.frame.columns):
        return []
    rows = sources.frame.to_dicts()
    listed = package.descriptor.get("sources")
    entries = [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
    issues = []
    for row in rows:
        if row.get("id") and row.get("title_zh") and not _listed(row, entries):
            where = _at(package, "$.sources")
            issues.append(Issue(Code.SOURCE_NOT_LISTED, where, value=row["id"], context={"title": entry_title(row)}))
    districts = tables.get("districts")
    if districts is None or "district_code" not in sources.frame.columns or "code" not in districts.frame.columns:
        return issues
    import polars as pl

    wanted = {row["district_code"] for row in rows if row.get("district_code")}
    by_code = {d["code"]: d for d in districts.frame.filter(pl.col("code").is_in(list(wanted))).to_dicts()}
    cited = sorted(wanted & by_code.keys())
    for key in DESCRIPTIONS:
        text = package.descriptor.get(key)
        if not isinstance(text, str):
            continue  # the profile says whether a description is required
        for code in cited:
            district = by_code[code]
            if not any(name in text for name in names(district)):
                issues.append(
                    Issue(
                        Code.DESCRIPTION_OMITS_DISTRICT,
                        _at(package, f"$.{key}"),
                        value=code,
                        context={"key": key, "name_zh": district.get("name_zh"), "name_en": district.get("name_en")},
                    )
                )
    return issues
