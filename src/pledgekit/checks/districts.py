"""District cells that hold a name, a traditional form or a look-alike instead of the GB/T 2260 code.

The hint is computed as NFKC (full-width digits, Kangxi radicals such as ⼤ U+2F24, compatibility
ideographs) → drop invisible characters and spaces → OpenCC traditional-to-simplified → match the
codelist's codes, names and aliases. Nothing is rewritten: the steward is told the code to write.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location

if TYPE_CHECKING:
    from .interface import Batch, DistrictLookup


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if unicodedata.category(ch) not in ("Cc", "Cf", "Zs") and not ch.isspace())
    return str(_t2s().convert(folded))  # type: ignore[attr-defined]


class DistrictIndex:
    """Every spelling of each district, normalised, mapped to (code, canonical name)."""

    def __init__(self, districts: Table) -> None:
        self.codes: set[str] = set()
        self._names: dict[str, tuple[str, str]] = {}
        for row in districts.frame.iter_rows(named=True):
            code, name = row.get("code"), row.get("name_zh")
            if not code or not name:
                continue
            self.codes.add(code)
            spellings = [code, name, row.get("name_zh_hant") or "", *(row.get("aliases") or "").split("|")]
            for spelling in filter(None, spellings):
                self._names.setdefault(normalise(spelling), (code, name))

    def suggest(self, value: str) -> tuple[str, str] | None:
        key = normalise(value)
        return self._names.get(key) or self._names.get(key.removesuffix("区"))


def check(table: Table, index: DistrictLookup, package: str, field: str = "district_code") -> list[Issue]:
    import polars as pl

    if field not in table.frame.columns:
        return []
    wrong = table.frame.filter(pl.col(field).is_not_null() & ~pl.col(field).is_in(sorted(index.codes)))
    suggestions = {value: index.suggest(value) for value in wrong[field].unique().to_list()}
    issues = []
    for row, value in wrong.select("_row", field).iter_rows():
        found = suggestions[value]
        if found is None:
            continue  # not recognisable: the foreign-key error stands
        where = Location(package=package, resource=table.resource, path=table.display, row=row, field=field)
        issues.append(
            Issue(Code.DISTRICT_NOT_CANONICAL, where, value=value, context={"suggestion": found[0], "name": found[1]})
        )
    return issues


class Districts:
    """District codes against the districts codelist, with a hint from a name (the resources that have
    a ``district_code``)."""

    RESOURCES = ("sources", "commitments", "metrics")

    @classmethod
    def start(cls, resource: str) -> Districts | None:
        return cls() if resource in cls.RESOURCES else None

    def batch(self, batch: Batch) -> list[Issue]:
        return [] if batch.districts is None else check(batch.table, batch.districts, batch.package.name)

    def finish(self) -> list[Issue]:
        return []
