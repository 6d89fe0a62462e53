"""Typed downloads: loading recipes for pandas, polars and DuckDB, generated from a release's Table Schemas.

A CSV read with a library's defaults loses what the schema says: ``district_code`` ``110105`` becomes an
integer (and ``0012`` becomes 12), an empty integer column becomes text. Each release carries
``load/load_pandas.py``, ``load/load_polars.py`` and ``load/load.sql`` that read every table (and the
derived ``progress.csv``, as ``progress``) with the type its Table Schema gives each field, so a recipe
cannot drift from the schemas it was made from:

=====================  ==========  =========  =======
Table Schema type      pandas      polars     DuckDB
=====================  ==========  =========  =======
integer, year          Int64       Int64      BIGINT
number                 Float64     Float64    DOUBLE
date (default format)  datetime    Date       DATE
anything else          string      String     VARCHAR
=====================  ==========  =========  =======

A number or integer written with ``groupChar``, ``decimalChar`` or ``bareNumber: false``, a date with a
``format`` of its own, booleans (whose true and false words a schema chooses) and the other types stay
text: the libraries cannot read them as the schema means. A cell equal to one of the schema's
``missingValues`` (by default the empty cell) is missing (null) in every column.

Every name that comes from the data is written as a Python literal (``repr``) or a quoted SQL literal or
identifier, never pasted into code.
"""

from __future__ import annotations

import pprint
import re
from dataclasses import dataclass
from typing import Any

from ..io.tables import Table
from . import progress

FOLDER = "load/"
PANDAS = f"{FOLDER}load_pandas.py"
POLARS = f"{FOLDER}load_polars.py"
DUCKDB = f"{FOLDER}load.sql"
# Table Schema type -> (pandas dtype, polars dtype, DuckDB type); a type not listed is read as text.
TYPES = {
    "integer": ("Int64", "Int64", "BIGINT"),
    "year": ("Int64", "Int64", "BIGINT"),
    "number": ("Float64", "Float64", "DOUBLE"),
    "date": ("date", "Date", "DATE"),
}
TEXT = ("string", "String", "VARCHAR")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # the Table Schema type
    pandas: str
    polars: str
    duckdb: str


@dataclass(frozen=True)
class Recipe:
    """How to read one table: its path in the release, the cells that mean missing, its typed columns."""

    name: str
    path: str
    missing: list[str]
    columns: list[Column]


def column_types(field: dict[str, Any]) -> tuple[str, str, str]:
    kind = str(field.get("type", "any"))
    special = any(key in field for key in ("groupChar", "decimalChar")) or field.get("bareNumber") is False
    if kind in ("integer", "number") and special:
        return TEXT
    if kind == "date" and field.get("format", "default") != "default":
        return TEXT
    return TYPES.get(kind, TEXT)


def _missing(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("missingValues", [""])
    if not isinstance(declared, list):
        return [""]
    return [str(m["value"]) if isinstance(m, dict) else str(m) for m in declared]


def recipes(tables: dict[str, Table]) -> list[Recipe]:
    """One recipe per table with a Table Schema, in the descriptor's order, then ``progress.csv`` (named
    ``progress``, or ``progress.csv`` when a resource has that name)."""
    found = []
    derived = {name: (table.relpath, table.schema or {}) for name, table in tables.items()}
    derived["progress" if "progress" not in tables else progress.CSV] = (progress.CSV, progress.schema())
    for name, (relpath, schema) in derived.items():
        fields = [f for f in schema.get("fields", []) if isinstance(f, dict) and "name" in f]
        if not fields:
            continue
        columns = [Column(str(f["name"]), str(f.get("type", "any")), *column_types(f)) for f in fields]
        found.append(Recipe(name, relpath, _missing(schema), columns))
    return found


def _literal(value: object) -> str:
    return pprint.pformat(value, indent=1, width=116, sort_dicts=False)


PANDAS_TEMPLATE = '''"""Load the tables of {title} with pandas (2.2 or later), each column typed by its Table Schema.

    python load/load_pandas.py          # prints every table's column types
    metrics = load("metrics")           # after `from load_pandas import load`, or paste this file

Generated from the release's Table Schemas: codes stay text (leading zeros kept), integers and years are
Int64, numbers Float64, dates datetime64, empty cells are missing (<NA>).
"""

from pathlib import Path

import pandas as pd

RELEASE = Path(__file__).resolve().parent.parent  # the release's folder
TABLES = {tables}


def load(name: str) -> pd.DataFrame:
    table = TABLES[name]
    dates = [column for column, kind in table["dtypes"].items() if kind == "date"]
    frame = pd.read_csv(
        RELEASE / table["path"],
        dtype={{column: "string" if kind == "date" else kind for column, kind in table["dtypes"].items()}},
        keep_default_na=False,  # "NA" or "null" is text unless the schema says it means missing
        na_values=table["missing"],
        encoding="utf-8",
    )
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


if __name__ == "__main__":
    for name in TABLES:
        print(name, load(name).dtypes.to_dict())
'''

POLARS_TEMPLATE = '''"""Load the tables of {title} with polars (1.0 or later), each column typed by its Table Schema.

    python load/load_polars.py          # prints every table's schema
    metrics = load("metrics")           # after `from load_polars import load`, or paste this file

Generated from the release's Table Schemas: codes stay text (leading zeros kept), integers and years are
Int64, numbers Float64, dates Date, empty cells are null.
"""

from pathlib import Path

import polars as pl

RELEASE = Path(__file__).resolve().parent.parent  # the release's folder
TABLES = {tables}


def load(name: str) -> pl.DataFrame:
    table = TABLES[name]
    return pl.read_csv(
        RELEASE / table["path"],
        infer_schema=False,  # every column not listed below stays text
        schema_overrides={{column: getattr(pl, kind) for column, kind in table["dtypes"].items()}},
        null_values=table["missing"],
        encoding="utf8",
    )


if __name__ == "__main__":
    for name in TABLES:
        print(name, dict(load(name).schema))
'''


def _python(recipes: list[Recipe], title: str, template: str, pick: str) -> bytes:
    tables = {
        r.name: {"path": r.path, "missing": r.missing, "dtypes": {c.name: getattr(c, pick) for c in r.columns}}
        for r in recipes
    }
    return template.format(title=title, tables=_literal(tables)).encode("utf-8")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_name(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def duckdb_script(recipes: list[Recipe], title: str) -> bytes:
    lines = [
        f"-- Load the tables of {title} into DuckDB (1.1 or later), each column typed by its Table Schema.",
        "-- Run from the release's folder:  duckdb release.duckdb < load/load.sql",
        "-- Codes stay VARCHAR (leading zeros kept), integers and years BIGINT, numbers DOUBLE, dates DATE;",
        "-- empty cells are NULL.",
        "",
    ]
    for recipe in recipes:
        columns = ", ".join(f"{_sql_text(c.name)}: {_sql_text(c.duckdb)}" for c in recipe.columns)
        nulls = ", ".join(_sql_text(m) for m in recipe.missing)
        lines += [
            f"CREATE OR REPLACE TABLE {_sql_name(recipe.name)} AS SELECT * FROM read_csv(",
            f"    {_sql_text(recipe.path)}, header = true, delim = ',', quote = '\"', escape = '\"',",
            f"    auto_detect = false, nullstr = [{nulls}],",
            f"    columns = {{{columns}}}",
            ");",
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def files(tables: dict[str, Table], name: str, version: str) -> dict[str, bytes]:
    """The recipes of a release, by path in the release."""
    found = recipes(tables)
    title = re.sub(r"[^A-Za-z0-9._+ -]", "_", f"{name} {version}")  # safe in a docstring and a comment
    return {
        PANDAS: _python(found, title, PANDAS_TEMPLATE, "pandas"),
        POLARS: _python(found, title, POLARS_TEMPLATE, "polars"),
        DUCKDB: duckdb_script(found, title),
    }
