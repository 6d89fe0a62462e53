"""Typed downloads: each loading recipe a release carries, run as a journalist would run it, reads every
column with the type its Table Schema gives (codes as text with their leading zeros, years as integers,
numbers as floats, empty cells missing); the recipes are listed in SHA256SUMS and regenerate from the
release's own schemas."""

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
from fixtures import typed_package
from pledgekit.publish import downloads, snapshot
from pledgekit.publish.site import LABELS

NAME = "typed-pledges"
EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("typed")
    typed_package(work / "datapackages" / NAME)
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
