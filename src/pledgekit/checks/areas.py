"""Sub-areas against the package's list of areas: two joins on whole columns.

A row's ``area_zh`` names a place inside its division (中关村科学城北区 in Haidian). The package lists its
areas in the ``areas`` resource (``data/areas.csv``: the division each lies in, its kind), so that the same
place is always written the same way and never placed in two divisions.

- ``area-unknown``: the area is in no division's list (or the package has no ``areas`` resource);
- ``area-outside-division``: the area is listed, but in a division that is neither the row's nor inside
  it (by the districts codelist's ``parent`` links): a Daxing row about 河北镇 of Fangshan.

A row without a division or an area is left to the checks of those fields.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..codes import Code
from ..issues import Issue, Location
from .districts import normalise
from .suggestions import MAX_LOOKUPS

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table
    from .interface import Batch, DistrictLookup

FIELD = "area_zh"
DIVISION = "district_code"


def _listed(areas: Table | None) -> pl.DataFrame:
    """(area_district, name) of every listed area; empty when the package has no usable list."""
    import polars as pl

    empty = pl.DataFrame(schema={"area_district": pl.String, "name": pl.String})
    if areas is None or not {DIVISION, "name_zh"} <= set(areas.frame.columns):
        return empty
    return (
        areas.frame.select(area_district=pl.col(DIVISION), name=pl.col("name_zh"))
        .drop_nulls()
        .unique(maintain_order=True)
    )


def _within(listed: pl.DataFrame, districts: DistrictLookup | None) -> pl.DataFrame:
    """(division, name): each area with every division it lies in (its own and those above it)."""
    import polars as pl

    own = listed.select(division="area_district", name="name")
    if districts is None or districts.lineage.is_empty():
        return own
    above = listed.join(districts.lineage, left_on="area_district", right_on="code").select(
        division="ancestor", name="name"
    )
    return pl.concat([own, above]).unique()


def _closest(value: str, names: list[str]) -> str | None:
    """The listed name ``value`` most likely means: the same after folding (traditional characters,
    full-width forms, spaces), else the closest spelling."""
    folded = normalise(value)
    for name in names:
        if normalise(name) == folded:
            return name
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    return close[0] if close else None


def _hints(unknown: list[tuple[str, str]], listed: pl.DataFrame) -> dict[tuple[str, str], dict[str, str]]:
    """A did-you-mean for each distinct (division, area) of the division's own list, at most MAX_LOOKUPS."""
    names: dict[str, list[str]] = {}
    for division, name in listed.iter_rows():
        names.setdefault(division, []).append(name)
    hints = {}
    for division, area in list(dict.fromkeys(unknown))[:MAX_LOOKUPS]:
        meant = _closest(area, names.get(division, []))
        if meant is not None:
            hints[division, area] = {
                "did_you_mean": f"Did you mean {meant!r}? ",
                "did_you_mean_zh": f"是否应为 {meant!r}?",
            }
    return hints


def check(table: Table, areas: Table | None, districts: DistrictLookup | None, package: str) -> list[Issue]:
    import polars as pl

    frame = table.frame
    if not {FIELD, DIVISION} <= set(frame.columns):
        return []
    named = frame.select("_row", DIVISION, FIELD).filter(pl.col(FIELD).is_not_null() & pl.col(DIVISION).is_not_null())
    if named.is_empty():
        return []
    listed = _listed(areas)
    stray = named.join(_within(listed, districts), left_on=[DIVISION, FIELD], right_on=["division", "name"], how="anti")
    if stray.is_empty():
        return []
    elsewhere = listed.group_by("name", maintain_order=True).agg(pl.col("area_district").sort().str.join("/"))
    found = stray.join(elsewhere, left_on=FIELD, right_on="name", how="left").sort("_row")
    unknown = found.filter(pl.col("area_district").is_null()).select(DIVISION, FIELD).rows()
    hints = _hints(unknown, listed)
    issues = []
    for row, division, area, area_district in found.select("_row", DIVISION, FIELD, "area_district").iter_rows():
        where = Location(package=package, resource=table.resource, path=table.display, row=row, field=FIELD)
        if area_district is None:
            context = {"district": division, **hints.get((division, area), {})}
            issues.append(Issue(Code.AREA_UNKNOWN, where, value=area, context=context))
        else:
            context = {"district": division, "area_district": area_district}
            issues.append(Issue(Code.AREA_OUTSIDE_DIVISION, where, value=area, context=context))
    return issues


class Areas:
    """The sub-areas of commitments and metrics against the package's ``areas`` list."""

    RESOURCES = ("commitments", "metrics")

    @classmethod
    def start(cls, resource: str) -> Areas | None:
        return cls() if resource in cls.RESOURCES else None

    def batch(self, batch: Batch) -> list[Issue]:
        return check(batch.table, batch.held.get("areas"), batch.districts, batch.package.name)

    def finish(self) -> list[Issue]:
        return []
