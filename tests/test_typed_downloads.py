"""Typed downloads: each loading recipe a release carries, run as a journalist would run it, reads every
column with the type its Table Schema gives (codes as text with their leading zeros, years as integers,
numbers as floats, dates as dates, empty cells missing), for every resource (areas and assessments too)
and the derived progress.csv; the recipes are listed in SHA256SUMS and regenerate from the release's own
schemas."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_cli
from fixtures import csv_bytes, declare, typed_package
from pledgekit.publish import downloads, progress, snapshot
from pledgekit.publish.site import LABELS

NAME = "typed-pledges"
EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


AREAS = [["district_code", "name_zh", "name_en", "kind", "note"],
         ["110115", "生物医药基地", "Biomedicine Base", "development-zone", ""]]  # fmt: skip
ASSESSMENTS = [
    ["commitment_id", "as_of", "status", "rationale_zh", "rationale_en", "quote", "source_id", "assessor",
     "assessed_on", "note"],
    ["c-000-0002", "2024", "on-track", "报告列明2025年新建学校6所", "The 2025 plan lists the 6 schools",
     "新建学校6所", "src-000", "示例评估组", "2025-03-01", ""],
]  # fmt: skip


def _with_areas_and_assessments(package: Path) -> None:
    (package / "data" / "areas.csv").write_bytes(csv_bytes(AREAS))
    (package / "data" / "assessments.csv").write_bytes(csv_bytes(ASSESSMENTS))
    names = [r["name"] for r in json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
    declare(package, "areas", at=names.index("commitments"))
    declare(package, "assessments")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("typed")
    _with_areas_and_assessments(typed_package(work / "datapackages" / NAME))
    result = run_cli("publish", cwd=work, env=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "dist" / NAME / "1.0.0"


def _recipe(release: Path, path: str) -> dict[str, Any]:
    return runpy.run_path(str(release / path), run_name="recipe")


def test_pandas_recipe_reads_the_schema_types(release: Path) -> None:
    import pandas as pd

    load = _recipe(release, downloads.PANDAS)["load"]
    places = load("places")
    assert {c: str(t) for c, t in places.dtypes.items()} == {
        "code": "string", "year": "Int64", "share": "Float64", "opened": "datetime64[us]", "name": "string",
        "flag": "string",
    }  # fmt: skip
    assert places["code"].tolist() == ["0012", "0300"]
    assert places["year"].iloc[0] == 2024 and pd.isna(places["year"].iloc[1])
    assert places["share"].tolist() == [1.5, 2.0]
    assert places["opened"].iloc[0] == pd.Timestamp("2024-01-05") and pd.isna(places["opened"].iloc[1])
    assert places["name"].iloc[1] == "x, y" and pd.isna(places["flag"].iloc[1])
    metrics = load("metrics")
    assert str(metrics["district_code"].dtype) == "string" and metrics["district_code"].iloc[0] == "110115"
    assert str(metrics["year"].dtype) == "Int64" and str(metrics["value"].dtype) == "Float64"
    assert str(metrics["period_start"].dtype) == "Int64" and metrics["period_start"].isna().all()
    assert metrics["value"].tolist() == [5.2, 1334.8, 5.0]


def test_polars_recipe_reads_the_schema_types(release: Path) -> None:
    import datetime

    import polars as pl

    load = _recipe(release, downloads.POLARS)["load"]
    places = load("places")
    assert dict(places.schema) == {
        "code": pl.String, "year": pl.Int64, "share": pl.Float64, "opened": pl.Date, "name": pl.String,
        "flag": pl.String,
    }  # fmt: skip
    assert places.rows() == [
        ("0012", 2024, 1.5, datetime.date(2024, 1, 5), "甲", "true"),
        ("0300", None, 2.0, None, "x, y", None),
    ]
    metrics = load("metrics")
    assert metrics.schema["district_code"] == pl.String and metrics["district_code"][0] == "110115"
    assert metrics.schema["period_start"] == pl.Int64 and metrics["period_start"].null_count() == metrics.height
    assert metrics.schema["year"] == pl.Int64 and metrics.schema["value"] == pl.Float64


def test_duckdb_script_reads_the_schema_types(release: Path) -> None:
    """Run as the script says: from the release's folder, in a process of its own."""
    program = (
        "import duckdb, json, pathlib\n"
        "con = duckdb.connect()\n"
        "con.execute(pathlib.Path('load/load.sql').read_text(encoding='utf-8'))\n"
        "described = {t: con.sql(f'DESCRIBE \"{t}\"').fetchall() for t in ('places', 'metrics')}\n"
        "types = {t: {r[0]: r[1] for r in rows} for t, rows in described.items()}\n"
        "rows = [[None if v is None else str(v) for v in row] for row in con.sql('SELECT * FROM places').fetchall()]\n"
        "print(json.dumps({'types': types, 'rows': rows}))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", program], cwd=release, capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert found["types"]["places"] == {
        "code": "VARCHAR", "year": "BIGINT", "share": "DOUBLE", "opened": "DATE", "name": "VARCHAR", "flag": "VARCHAR",
    }  # fmt: skip
    assert found["rows"] == [
        ["0012", "2024", "1.5", "2024-01-05", "甲", "true"],
        ["0300", None, "2.0", None, "x, y", None],
    ]
    metrics = found["types"]["metrics"]
    assert (metrics["district_code"], metrics["year"], metrics["value"], metrics["period_start"]) == (
        "VARCHAR", "BIGINT", "DOUBLE", "BIGINT",
    )  # fmt: skip


# what each library reads from areas, assessments and progress.csv: the type of a few columns, by library
NEW_TABLES = {
    "areas": {"district_code": ("string", "String", "VARCHAR")},
    "assessments": {"as_of": ("Int64", "Int64", "BIGINT"), "assessed_on": ("datetime64[us]", "Date", "DATE"),
                    "commitment_id": ("string", "String", "VARCHAR")},
    "progress": {"district_code": ("string", "String", "VARCHAR"), "target_year": ("Int64", "Int64", "BIGINT"),
                 "as_of": ("Int64", "Int64", "BIGINT"), "assessed_as_of": ("Int64", "Int64", "BIGINT"),
                 "assessed_on": ("datetime64[us]", "Date", "DATE"), "provisional": ("string", "String", "VARCHAR")},
}  # fmt: skip
# the same columns of the first row whose first column is given, as text (a date as YYYY-MM-DD)
NEW_VALUES = {
    "areas": ("110115", {"district_code": "110115"}),
    "assessments": ("c-000-0002", {"as_of": "2024", "assessed_on": "2025-03-01", "commitment_id": "c-000-0002"}),
    "progress": ("c-000-0002", {"district_code": "110115", "target_year": "2025", "as_of": "2024",
                                "assessed_as_of": "2024", "assessed_on": "2025-03-01", "provisional": "false"}),
}  # fmt: skip
DUCKDB_NEW = (
    "import duckdb, json, pathlib, sys\n"
    "con = duckdb.connect()\n"
    "con.execute(pathlib.Path('load/load.sql').read_text(encoding='utf-8'))\n"
    "found = {}\n"
    "for table, (key, columns) in json.loads(sys.argv[1]).items():\n"
    "    kinds = {r[0]: r[1] for r in con.execute(f'DESCRIBE \"{table}\"').fetchall()}\n"
    "    cursor = con.execute(f'SELECT * FROM \"{table}\"')\n"
    "    names = [d[0] for d in cursor.description]\n"
    "    row = dict(zip(names, next(r for r in cursor.fetchall() if r[0] == key)))\n"
    "    found[table] = {c: [kinds[c], None if row[c] is None else str(row[c])] for c in columns}\n"
    "print(json.dumps(found))\n"
)


def _read_new_tables(release: Path, library: str) -> dict[str, dict[str, list[str | None]]]:
    """{table: {column: [type, first row's value as text]}} as ``library``'s recipe reads the new tables."""
    if library == "duckdb":
        columns = json.dumps({t: [NEW_VALUES[t][0], list(c)] for t, c in NEW_TABLES.items()})
        ran = subprocess.run(
            [sys.executable, "-c", DUCKDB_NEW, columns], cwd=release, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip
        assert ran.returncode == 0, ran.stderr
        found: dict[str, dict[str, list[str | None]]] = json.loads(ran.stdout)
        return found
    load = _recipe(release, downloads.PANDAS if library == "pandas" else downloads.POLARS)["load"]
    found = {}
    for table, columns in NEW_TABLES.items():
        frame = load(table)
        key, _ = NEW_VALUES[table]
        first = frame.columns[0]
        if library == "pandas":
            row = frame[frame[first] == key].iloc[0]
            kinds = {c: str(t) for c, t in frame.dtypes.items()}
            values = {c: str(row[c].date()) if hasattr(row[c], "date") else str(row[c]) for c in columns}
        else:
            picked = frame.filter(frame[first] == key).row(0, named=True)
            kinds = {c: str(t) for c, t in frame.schema.items()}
            values = {c: str(picked[c]) for c in columns}
        found[table] = {c: [kinds[c], values[c]] for c in columns}
    return found


@pytest.mark.parametrize("library", ["pandas", "polars", "duckdb"])
def test_areas_assessments_and_progress_are_typed(release: Path, library: str) -> None:
    """The resources added later and the derived progress.csv: codes as text, years as integers, dates as
    dates, in each recipe."""
    pick = ("pandas", "polars", "duckdb").index(library)
    expected = {
        table: {c: [kinds[pick], NEW_VALUES[table][1][c]] for c, kinds in columns.items()}
        for table, columns in NEW_TABLES.items()
    }
    assert _read_new_tables(release, library) == expected


def test_recipes_are_verified_and_regenerate_from_the_release(release: Path) -> None:
    sums = {line.split("  ")[1] for line in (release / "SHA256SUMS").read_text().splitlines()}
    assert {downloads.PANDAS, downloads.POLARS, downloads.DUCKDB} <= sums
    assert run_cli("verify", str(release.parent.parent), cwd=release).returncode == 0
    again = snapshot.read(release, release)
    assert downloads.files(again.tables, NAME, "1.0.0") == {
        path: (release / path).read_bytes() for path in (downloads.PANDAS, downloads.POLARS, downloads.DUCKDB)
    }
    page = (release / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{path}"' in page for path in (downloads.PANDAS, downloads.POLARS, downloads.DUCKDB))
    assert LABELS["load"][0] in page


def test_names_from_the_data_cannot_break_out_of_a_recipe(tmp_path: Path) -> None:
    """A field named with quotes, a backslash, a newline or SQL is read as a column, never run as code.
    (A double quote in a header is left out: polars reads a doubled ``""`` in a header name as two.)"""
    import duckdb
    import polars as pl

    from pledgekit.io.tables import RawFile, parse

    hostile = ["it's", "x'); DROP TABLE t; --", "a\nb", "''' \\", "{}%s"]
    schema = {"fields": [{"name": name, "type": "integer"} for name in hostile]}
    data = pl.DataFrame({name: [1] for name in hostile}).write_csv().encode("utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_bytes(data)
    table = parse(RawFile("t", "data/t.csv", "data/t.csv", data, schema))
    assert table is not None
    written = downloads.files({"t": table}, "x", "1.0.0")
    (tmp_path / "load").mkdir()
    (tmp_path / progress.CSV).write_bytes(progress.to_csv([]))  # every release has one; the recipes read it
    for path, content in written.items():
        (tmp_path / path).write_bytes(content)
    assert list(runpy.run_path(str(tmp_path / downloads.POLARS))["load"]("t").row(0)) == [1] * len(hostile)
    assert list(runpy.run_path(str(tmp_path / downloads.PANDAS))["load"]("t").iloc[0]) == [1] * len(hostile)
    con = duckdb.connect()
    before = Path.cwd()
    try:
        os.chdir(tmp_path)
        con.execute(written[downloads.DUCKDB].decode("utf-8"))
    finally:
        os.chdir(before)
    assert [r[0] for r in con.sql('DESCRIBE "t"').fetchall()] == hostile
    assert con.sql('SELECT * FROM "t"').fetchall() == [(1,) * len(hostile)]


def test_types_a_library_cannot_read_as_meant_stay_text() -> None:
    plain = {"name": "n", "type": "number"}
    assert downloads.column_types(plain) == ("Float64", "Float64", "DOUBLE")
    for field in (
        {**plain, "groupChar": ","}, {**plain, "decimalChar": ","}, {**plain, "bareNumber": False},
        {"name": "d", "type": "date", "format": "%d/%m/%Y"}, {"name": "b", "type": "boolean"},
        {"name": "t", "type": "datetime"},
    ):  # fmt: skip
        assert downloads.column_types(field) == downloads.TEXT


def test_the_recipe_shown_in_the_docs_is_the_generated_one() -> None:
    docs = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    shown = docs.split("for example in `load_polars.py`:\n\n```python\n", 1)[1].split("```", 1)[0]
    assert shown.replace("{", "{{").replace("}", "}}") in downloads.POLARS_TEMPLATE
