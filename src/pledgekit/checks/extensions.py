"""A package's extensions add codes to the standard's codelists and never change one
(``standard/extensions.py`` says how a package declares them).

- A value of a unique field of the codelist (``code``; a unit's ``symbol_zh``) that the standard's rows
  already have is ``extension-collision``: one code would mean two things.
- An extension indicator narrows a core indicator of the standard: its ``broader`` is required and names a
  standard indicator whose own ``broader`` is empty (``extension-broader``). The two-level hierarchy of the
  standard thus holds for the merged vocabulary too, and an extension never adds a core indicator.

Both are checked on whole columns after the codelists are read (the rows a check looks up in are the
standard's copy in the package, which ``standard-drift`` keeps equal to the standard).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..codes import Code
from ..io.tables import Table
from ..issues import Issue, Location
from ..standard.extensions import EXTENSIBLE, name_of


def _unique_fields(table: Table) -> list[str]:
    fields = (table.schema or {}).get("fields", [])
    return [
        str(f["name"])
        for f in fields
        if isinstance(f, dict) and isinstance(f.get("constraints"), dict) and f["constraints"].get("unique")
    ]


def _where(package: str, table: Table, row: int, field: str) -> Location:
    return Location(package=package, resource=table.resource, path=table.display, row=row, field=field)


def collisions(extension: Table, standard: Table, package: str) -> list[Issue]:
    """Rows of ``extension`` whose unique values the standard's rows already hold."""
    import polars as pl

    issues = []
    for field in _unique_fields(extension):
        if field not in extension.frame.columns or field not in standard.frame.columns:
            continue
        taken = standard.frame[field].drop_nulls().unique().implode()
        hits = extension.frame.filter(pl.col(field).is_in(taken)).select("_row", field)
        for row, value in hits.iter_rows():
            where, context = _where(package, extension, row, field), {"codelist": standard.resource}
            issues.append(Issue(Code.EXTENSION_COLLISION, where, value=str(value), context=context))
    return issues


def broader(extension: Table, standard: Table, package: str) -> list[Issue]:
    """Extension indicators whose ``broader`` is empty or not a core indicator of the standard."""
    import polars as pl

    frame, columns = extension.frame, standard.frame.columns
    if "broader" not in frame.columns or not {"code", "broader"} <= set(columns):
        return []
    core = standard.frame.filter(pl.col("broader").is_null())["code"].drop_nulls().implode()
    wrong = frame.filter(pl.col("broader").is_null() | ~pl.col("broader").is_in(core)).select("_row", "broader")
    return [
        Issue(Code.EXTENSION_BROADER, _where(package, extension, row, "broader"), value=value or "")
        for row, value in wrong.iter_rows()
    ]


def check(tables: Mapping[str, Table], package: str) -> list[Issue]:
    """Every extension the package holds, against the standard's codelist it extends."""
    issues: list[Issue] = []
    for codelist in EXTENSIBLE:
        extension, standard = tables.get(name_of(codelist)), tables.get(codelist)
        if extension is None or standard is None:
            continue  # a missing codelist is resource-required; an unreadable one has its own issues
        issues += collisions(extension, standard, package)
        if codelist == "indicators":
            issues += broader(extension, standard, package)
    return issues
