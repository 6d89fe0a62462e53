"""Each field's cells, checked on the column, give frictionless's own cell reader's answer, cell by cell:
missing or not, type error or not, which constraints fail, and the typed value's canonical key."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from frictionless import Schema
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.tableschema import fields, spec, values

PIECES = ["1", "0", "-", "7", ".", "0", "5", "e", "3", " ", "２", "a", "T", "true", "FALSE", "2020", "-01", "-30",
          "02", "x", "", "١", ",", "_", "n/a", "\n", "9", "Inf", "NaN", "+"]  # fmt: skip
DESCRIPTORS = [
    {"name": "f", "type": "integer"},
    {"name": "f", "type": "integer", "constraints": {"minimum": "3", "maximum": 100, "enum": [1, "7", 70]}},
    {"name": "f", "type": "integer", "constraints": {"maximum": 12345678901234567890, "unique": True}},
    {"name": "f", "type": "integer", "bareNumber": False},
    {"name": "f", "type": "integer", "missingValues": ["n/a", "0"]},
    {"name": "f", "type": "number", "constraints": {"minimum": 0.5, "exclusiveMaximum": "1e3", "required": True}},
    {"name": "f", "type": "number", "constraints": {"enum": ["7.0", "1e1", -0.0]}},
    {"name": "f", "type": "number", "constraints": {"maximum": "123456789012345678", "minimum": 1e15}},
    {"name": "f", "type": "number", "groupChar": ",", "constraints": {"maximum": 1000}},
    {"name": "f", "type": "number", "decimalChar": ",", "groupChar": "."},
    {"name": "f", "type": "number", "bareNumber": False},
    {"name": "f", "type": "year", "constraints": {"minimum": 2000, "exclusiveMinimum": 1999}},
    {"name": "f", "type": "boolean", "trueValues": ["T", "1"], "falseValues": ["a"]},
    {"name": "f", "type": "boolean", "constraints": {"enum": [True]}},
    {"name": "f", "type": "date", "constraints": {"minimum": "2020-01-30", "maximum": "2030-12-31"}},
    {"name": "f", "type": "date", "format": "%d/%m/%Y"},
    {"name": "f", "type": "string", "constraints": {"pattern": "[0-9]+(\\.5)?", "minLength": 2, "maxLength": 4}},
    {"name": "f", "type": "string", "constraints": {"pattern": "(?!1)[0-9a]*", "enum": ["a", "11", 1]}},
    {"name": "f", "type": "string", "constraints": {"pattern": "\\w+|a$"}},
    {"name": "f", "type": "string", "constraints": {"pattern": "[a-c]|1"}},
    {"name": "f", "type": "string", "format": "email"},
    {"name": "f", "type": "string", "format": "uri"},
    {"name": "f", "type": "datetime", "constraints": {"minimum": "2020-01-01T00:00:00"}},
    {"name": "f", "type": "time"},
    {"name": "f", "type": "yearmonth", "constraints": {"enum": ["2020-01"]}},
    {"name": "f", "type": "duration"},
    {"name": "f", "type": "geopoint"},
    {"name": "f", "type": "array", "constraints": {"minLength": 1}},
    {"name": "f", "type": "object"},
    {"name": "f", "type": "any", "constraints": {"enum": ["1", 1]}},
]
V2 = "https://datapackage.org/profiles/2.0/tableschema.json"
CELLS = st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map("".join), min_size=1, max_size=60)


def _ours(descriptor: dict[str, Any], cells: list[str], reader: Any) -> pl.DataFrame:
    plan = fields.plan(descriptor, ["", "n/a"])
    frame = pl.DataFrame({"f0": cells}, schema={"f0": pl.String})
    frame = frame.with_columns(fields.columns(plan, 0, "f0", keyed=True))
    return fields.settle(plan, 0, "f0", frame, lambda: reader, keyed=True), plan


@pytest.mark.parametrize("descriptor", DESCRIPTORS, ids=[str(i) for i in range(len(DESCRIPTORS))])
@settings(max_examples=25, deadline=None)
@given(cells=CELLS)
def test_cells_read_as_frictionless_reads_them(descriptor: dict[str, Any], cells: list[str]) -> None:
    schema = Schema.from_descriptor({"$schema": V2, "fields": [descriptor], "missingValues": ["", "n/a"]})
    reader = schema.get_field("f").create_cell_reader()
    cells = [*cells, "2020-01-30", "2020-02-30", "1000", "1e3", "7.0", "7", "-0", "0.5", "2020-01"]
    ours, plan = _ours(descriptor, cells, reader)
    for cell, row in zip(cells, ours.iter_rows(named=True), strict=True):
        value, notes = reader(cell)
        notes = notes or {}
        expected = {
            "missing": value is None and "type" not in notes,
            "type": "type" in notes,
            "constraints": {k for k in notes if k != "type"},
            "key": None if "type" in notes else values.canonical(value),
        }
        found = {
            "missing": row["m0"],
            "type": row["t0"],
            "constraints": {name for name in plan.checked if row[f"c0_{name}"]},
            "key": row["k0"],
        }
        assert found == expected, (descriptor, cell)


@pytest.mark.parametrize(
    ("pattern", "polars"),
    [("^1101[0-9]{2}$", True), ("[a-z0-9]+(-[a-z0-9]+)*", True), ("a|b", True), ("\\d+", True),
     ("(?!x).*", False), ("\\w+", False), ("[[:alpha:]]", False), ("[a&&b]", False), ("(?i)a", False),
     ("a\\b", False), ("[a-", False)],
)  # fmt: skip
def test_a_pattern_runs_in_polars_only_when_it_means_the_same(pattern: str, polars: bool) -> None:
    assert (fields.polars_pattern(pattern) is not None) == polars


def test_a_foreign_key_into_another_package_is_a_schema_error_never_fetched() -> None:
    from pledgekit.tableschema import spec

    reference = {"package": "https://example.org/datapackage.json", "resource": "x", "fields": "code"}
    schema = {"fields": [{"name": "code"}], "foreignKeys": [{"fields": "code", "reference": reference}]}
    with pytest.raises(spec.SchemaError, match="another package"):
        spec.keys(schema)


@pytest.mark.parametrize(
    "descriptor",
    [
        {"name": "x", "type": "number", "decimalChar": 5},  # frictionless refuses the field's descriptor
        {"name": "x", "type": "boolean", "trueValues": "yes"},
    ],
)
def test_a_field_frictionless_cannot_build_a_reader_for_is_a_schema_error(descriptor: dict[str, Any]) -> None:
    plan = fields.plan(descriptor, [""])
    with pytest.raises(spec.SchemaError, match='field "x"'):
        spec.frictionless_readers({"fields": [descriptor]}, v2=False)(plan)


def test_an_unreadable_pattern_is_refused_on_a_field_frictionless_reads() -> None:
    descriptor = {"name": "x", "type": "string", "format": "email", "constraints": {"pattern": "(unclosed"}}
    with pytest.raises(fields.SchemaProblem, match="not a regular expression"):
        fields.plan(descriptor, [""])
