"""District cells that hold a name, a traditional form or a look-alike instead of the GB/T 2260 code.

The hint is computed as NFKC (full-width digits, Kangxi radicals such as ⼤ U+2F24, compatibility
ideographs) → drop invisible characters and spaces → OpenCC traditional-to-simplified → match the
codelist's codes, names and aliases. Nothing is rewritten: the steward is told the code to write.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from functools import cache, cached_property
from typing import TYPE_CHECKING

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location

if TYPE_CHECKING:
    import polars as pl

    from .interface import Batch, DistrictLookup

LEVELS = ("province", "prefecture", "county")


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if unicodedata.category(ch) not in ("Cc", "Cf", "Zs") and not ch.isspace())
    if folded.isascii():  # a code: OpenCC changes no ASCII, and reading it through its tables costs ~10 µs
        return folded
    return str(_t2s().convert(folded))  # type: ignore[attr-defined]


class DistrictIndex:
    """The districts codelist as the checks look it up, built once per run: its codes, every spelling of
    each division (normalised, built on the first lookup: most runs never need it), each code with itself
    and its ancestors (``lineage``) and each retired code with the year its last list was published
    (``retired``)."""

    def __init__(self, districts: Table) -> None:
        import polars as pl

        frame = districts.frame.filter(pl.col("code").is_not_null()) if "code" in districts.frame.columns else None
        self._frame = frame
        self.codes: set[str] = set() if frame is None else set(frame["code"].to_list())
        self.known = pl.Series("code", sorted(self.codes), dtype=pl.String)
        self.lineage = lineage(frame)
        self.retired = retired(frame)

    @cached_property
    def _names(self) -> dict[str, list[tuple[str, str]]]:
        names: dict[str, list[tuple[str, str]]] = {}
        if self._frame is None or "name_zh" not in self._frame.columns:
            return names
        current = "valid_to" in self._frame.columns
        columns = [c for c in ("name_zh_hant", "aliases") if c in self._frame.columns]
        for row in self._frame.select("code", "name_zh", *columns, *(["valid_to"] if current else [])).iter_rows(
            named=True
        ):
            code, name = row["code"], row["name_zh"]
            if not name:
                continue
            spellings = [code]  # a retired code is still itself; its names now mean the division in force
            if not (current and row["valid_to"]):
                spellings += [name, row.get("name_zh_hant") or "", *(row.get("aliases") or "").split("|")]
            for key in dict.fromkeys(normalise(s) for s in spellings if s):
                names.setdefault(key, []).append((code, name))
        return names

    def suggest(self, value: str, near: Collection[str] = ()) -> tuple[str, str] | None:
        """(code, name) ``value`` spells: one division, or the one of several of that name in a province of
        ``near`` (codes the package already uses: 朝阳区 is in Beijing and in Changchun)."""
        key = normalise(value)
        provinces = {code[:2] for code in near}
        for spelled in (self._names.get(key), self._names.get(key.removesuffix("区"))):
            found = [f for f in spelled or [] if len(spelled or []) == 1 or f[0][:2] in provinces]
            if len(found) == 1:
                return found[0]
        return None


def lineage(frame: pl.DataFrame | None) -> pl.DataFrame:
    """(code, ancestor) for each code and itself, its parent, its parent's parent …: one join per level."""
    import polars as pl

    empty = pl.DataFrame(schema={"code": pl.String, "ancestor": pl.String})
    if frame is None:
        return empty
    pairs = frame.select("code", ancestor=pl.col("code"))
    if "parent" not in frame.columns:
        return pairs
    parents = frame.select("code", parent="parent").filter(pl.col("parent").is_not_null())
    step = pairs
    for _ in range(len(LEVELS)):  # GB/T 2260 has three levels; the bound also stops a cycle of parents
        step = step.join(parents, left_on="ancestor", right_on="code").select("code", ancestor="parent")
        if step.is_empty():
            break
        pairs = pl.concat([pairs, step])
    return pairs.unique()


def retired(frame: pl.DataFrame | None) -> pl.DataFrame:
    """(code, valid_to, last_year) of each code the newest list no longer has."""
    import polars as pl

    if frame is None or "valid_to" not in frame.columns:
        return pl.DataFrame(schema={"code": pl.String, "valid_to": pl.String, "last_year": pl.Int64})
    return frame.filter(pl.col("valid_to").is_not_null()).select(
        "code", "valid_to", last_year=pl.col("valid_to").str.slice(0, 4).cast(pl.Int64, strict=False)
    )


def check(
    table: Table, index: DistrictLookup, package: str, near: Collection[str] = (), field: str = "district_code"
) -> list[Issue]:
    """A hint on each cell that is not a code but spells a division; ``near``: codes the package uses."""
    import polars as pl

    if field not in table.frame.columns:
        return []
    known = pl.col(field).is_in(index.known.implode())
    wrong = table.frame.filter(pl.col(field).is_not_null() & ~known)
    if wrong.is_empty():
        return []
    near = {*near, *table.frame.filter(known)[field].unique().to_list()}
    suggestions = {value: index.suggest(value, near) for value in wrong[field].unique().to_list()}
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
        if batch.districts is None:
            return []
        sources = batch.held.get("sources")
        near: list[str] = []
        if sources is not None and "district_code" in sources.frame.columns:
            near = sources.frame["district_code"].drop_nulls().to_list()
        return check(batch.table, batch.districts, batch.package.name, near)

    def finish(self) -> list[Issue]:
        return []
