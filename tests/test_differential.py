"""pledgekit against plain frictionless on random mutations of structure, schema and dialect.

A two-resource package (a table with a field of every type, and a lookup table its foreign key points
into) is mutated by hypothesis: cells set to valid and invalid values of every type, ragged and blank rows
of any shape, types, formats and constraints changed (typed ``enum``, bounds, look-around patterns,
``missingValues``, ``trueValues``, ``groupChar`` …), primary and foreign keys (composite, to itself, to a
missing resource), dialects (delimiter, no header, comment rows, quote character), invalid schemas. Each
package must flag the rows frictionless flags (``differential.compare``), never crash, and give the same
issues whole and in 64-byte batches.
"""

from __future__ import annotations

import copy
import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import Table, compare, pledgekit_report, write_package

FIELDS = [
    {"name": "id", "type": "integer"},
    {"name": "name", "type": "string"},
    {"name": "amount", "type": "number"},
    {"name": "flag", "type": "boolean"},
    {"name": "day", "type": "date"},
    {"name": "year", "type": "year"},
    {"name": "month", "type": "yearmonth"},
    {"name": "at", "type": "datetime"},
    {"name": "clock", "type": "time"},
    {"name": "span", "type": "duration"},
    {"name": "point", "type": "geopoint"},
    {"name": "tags", "type": "array"},
    {"name": "data", "type": "object"},
    {"name": "ref", "type": "string"},
]
ROWS = [
    ["1", "alpha", "1.5", "true", "2024-01-31", "2024", "2024-01", "2024-01-31T10:00:00Z", "10:00:00", "P1Y",
     "90,45", '["a"]', '{"a": 1}', "a"],
    ["2", "beta", "-0.25", "false", "2020-02-29", "1999", "1999-12", "2020-02-29T23:59:59", "23:59:59", "PT1H",
     "0,0", "[]", "{}", "b"],
    ["3", "gamma", "1000", "1", "1970-01-01", "1970", "1970-01", "1970-01-01T00:00:00+08:00", "00:00:00", "P2D",
     "-90,-45", "[1, 2]", '{"b": [1]}', "c"],
    ["4", "delta", "7", "0", "2000-12-31", "2000", "2000-06", "2000-12-31T12:30:00Z", "12:30:00", "PT30M",
     "10.5,20.25", '["x", "y"]', '{"c": null}', ""],
]  # fmt: skip
LOOKUP = [["code", "label"], ["a", "A"], ["b", "B"], ["c", "C"], ["7", "seven"]]
VALUES = [
    "", " ", "x", "0", "-0", "7", "7.0", "07", "+7", "1e3", "1,000.5", "1.000,5", "２０２４", "NaN", "inf", "-1",
    "2024", "0000", "99999", "true", "TRUE", "yes", "T", "2024-02-30", "2024-13-01", "31/01/2024", "2024-1-5",
    "2024-01-31T25:00:00", "24:00:00", "P1", "PT", "91,0", "abc,def", "[1", "{", "null", "n/a", "-", "a", "b",
    "ab\u200bc", "=1+1", "7 ", " 7", "9223372036854775808", "0.1", "1.10", "\u0663", "a\nb",
]  # fmt: skip
TYPES = ["string", "integer", "number", "boolean", "date", "year", "yearmonth", "datetime", "time", "duration",
         "geopoint", "array", "object", "any", "list", "geojson"]  # fmt: skip
CONSTRAINTS = [
    ("required", True), ("unique", True), ("enum", ["a", "7", 7, "-0", 7.0, "true"]), ("enum", [1, 2, 3]),
    ("minimum", 2), ("minimum", "2"), ("maximum", 100), ("maximum", "2020-01-01"), ("exclusiveMinimum", 0),
    ("exclusiveMaximum", 1000), ("minLength", 2), ("maxLength", 3), ("pattern", "[a-z]+"),
    ("pattern", "(?!a).*"), ("pattern", "\\w{2,}"), ("pattern", "[0-9]+(\\.[0-9]+)?"), ("pattern", "a|b"),
]  # fmt: skip
FIELD_PROPS = [
    ("trueValues", ["T", "yes"]), ("falseValues", ["F", "no"]), ("groupChar", ","), ("decimalChar", ","),
    ("bareNumber", False), ("format", "%d/%m/%Y"), ("format", "any"), ("format", "email"), ("format", "uuid"),
    ("format", "uri"), ("missingValues", ["n/a"]), ("floatNumber", True),
]  # fmt: skip
BLANKS = ["", ",", ",,,,,,,,,,,,,", ",,,,,,,,,,,,,,,,,,", " "]

COLUMNS = len(FIELDS)
Mutation = tuple[Any, ...]
MUTATIONS = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 3), st.integers(0, COLUMNS - 1), st.sampled_from(VALUES)),
    st.tuples(st.just("extra"), st.integers(0, 3), st.integers(1, 3)),
    st.tuples(st.just("drop"), st.integers(0, 3), st.integers(1, COLUMNS)),
    st.tuples(st.just("blank"), st.integers(0, 4), st.sampled_from(BLANKS)),
    st.tuples(st.just("duplicate"), st.integers(0, 3)),
    st.tuples(st.just("type"), st.integers(0, COLUMNS - 1), st.sampled_from(TYPES)),
    st.tuples(st.just("constraint"), st.integers(0, COLUMNS - 1), st.sampled_from(CONSTRAINTS)),
    st.tuples(st.just("prop"), st.integers(0, COLUMNS - 1), st.sampled_from(FIELD_PROPS)),
    st.tuples(st.just("missing"), st.sampled_from([["", "n/a"], ["n/a"], ["-", ""]])),
    st.tuples(st.just("primary"), st.sampled_from([["id"], ["name", "year"], ["ref"]])),
    st.tuples(st.just("fk"), st.sampled_from(["lookup", "", "nowhere"]), st.sampled_from(["ref", "id", "name"])),
    st.tuples(st.just("dialect"), st.sampled_from(["semicolon", "declared-semicolon", "no-header", "comment",
                                                    "quote", "spaces"])),  # fmt: skip
    st.tuples(st.just("broken"), st.sampled_from(["fields-not-list", "unknown-type", "fk-without-reference",
                                                   "duplicate-field", "pattern-not-regex"])),  # fmt: skip
)


def _text(rows: list[list[str]], delimiter: str = ",", quote: str = '"') -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quotechar=quote, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def build(mutations: list[Mutation]) -> list[Table]:
    """The package's tables after ``mutations``."""
    fields = copy.deepcopy(FIELDS)
    rows = [list(r) for r in ROWS]
    schema: dict[str, Any] = {"fields": fields}
    lookup = Table("lookup", _text(LOOKUP), {"fields": [{"name": "code"}, {"name": "label"}], "primaryKey": "code"})
    blanks: list[tuple[int, str]] = []
    dialect: dict[str, Any] | None = None
    style = ""
    for mutation in mutations:
        kind = mutation[0]
        if kind == "cell":
            _, row, column, value = mutation
            if column < len(rows[row]):
                rows[row][column] = value
        elif kind == "extra":
            rows[mutation[1]] += ["extra"] * mutation[2]
        elif kind == "drop":
            rows[mutation[1]] = rows[mutation[1]][: max(0, len(rows[mutation[1]]) - mutation[2])]
        elif kind == "blank":
            blanks.append((mutation[1], mutation[2]))
        elif kind == "duplicate":
            rows.append(list(rows[mutation[1]]))
        elif kind == "type":
            fields[mutation[1]] = {"name": fields[mutation[1]]["name"], "type": mutation[2]}
        elif kind == "constraint":
            name, value = mutation[2]
            fields[mutation[1]].setdefault("constraints", {})[name] = value
        elif kind == "prop":
            fields[mutation[1]][mutation[2][0]] = mutation[2][1]
        elif kind == "missing":
            schema["missingValues"] = mutation[1]
        elif kind == "primary":
            schema["primaryKey"] = mutation[1]
        elif kind == "fk":
            target, own = mutation[1], mutation[2]
            reference = {"resource": target, "fields": "code" if target != "" else "id"}
            schema.setdefault("foreignKeys", []).append({"fields": own, "reference": reference})
        elif kind == "dialect":
            style = mutation[1]
        elif kind == "broken":
            _break(schema, fields, mutation[1])
    body = [[f["name"] for f in FIELDS], *rows]
    if style in ("semicolon", "declared-semicolon"):
        text = _text(body, ";")
        dialect = {"delimiter": ";"} if style == "declared-semicolon" else None
    elif style == "quote":
        text, dialect = _text(body, quote="'"), {"quoteChar": "'"}
    else:
        text = _text(body)
        if style == "no-header":
            text, dialect = _text(rows), {"header": False}
        elif style == "comment":
            text, dialect = "# a comment\n" + text, {"commentChar": "#"}
        elif style == "spaces":
            text, dialect = text.replace(",", ", "), {"skipInitialSpace": True}
    lines = text.splitlines(keepends=True)
    for position, blank in sorted(blanks, reverse=True):
        lines.insert(min(position + 1, len(lines)), blank + "\n")
    return [Table("alpha", "".join(lines), schema, dialect), lookup]


def _break(schema: dict[str, Any], fields: list[dict[str, Any]], how: str) -> None:
    if how == "fields-not-list":
        schema["fields"] = "x"
    elif how == "unknown-type":
        fields[0]["type"] = "wat"
    elif how == "fk-without-reference":
        schema.setdefault("foreignKeys", []).append({"fields": "ref"})
    elif how == "duplicate-field":
        fields[1]["name"] = fields[0]["name"]
    elif how == "pattern-not-regex":
        fields[1].setdefault("constraints", {})["pattern"] = "(unclosed"


@settings(max_examples=int(os.environ.get("PLEDGEKIT_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(MUTATIONS, min_size=1, max_size=5))
def test_pledgekit_flags_what_frictionless_flags(tmp_path_factory: pytest.TempPathFactory, mutations: list[Mutation]) -> None:
    folder = write_package(tmp_path_factory.mktemp("d") / "pkg", build(mutations))
    compare(folder)


@pytest.mark.parametrize(
    "mutations",
    [
        [("cell", 0, 2, "7.0"), ("cell", 1, 2, "7"), ("constraint", 2, ("unique", True))],  # typed uniqueness
        [("cell", 3, 13, "7"), ("type", 13, "integer"), ("fk", "lookup", "ref")],  # typed foreign key
        [("constraint", 0, ("enum", [1, 2, 3, 4]))],  # an integer enum
        [("constraint", 1, ("pattern", "(?!x).*"))],  # look-around
        [("extra", 1, 2), ("drop", 2, 3), ("blank", 1, ",,,")],  # ragged and blank rows
        [("fk", "nowhere", "ref")],  # a foreign key to a missing resource
        [("broken", "fk-without-reference")],
        [("broken", "fields-not-list")],
        [("dialect", "semicolon")],
        [("missing", ["n/a"]), ("cell", 0, 2, "n/a"), ("cell", 1, 2, "")],
        [("prop", 2, ("groupChar", ",")), ("cell", 0, 2, "1,000.5")],
        [("prop", 3, ("trueValues", ["T", "yes"])), ("cell", 0, 3, "yes")],
    ],
)
def test_named_cases(tmp_path: Path, mutations: list[Mutation]) -> None:
    compare(write_package(tmp_path / "pkg", build(mutations)))


@pytest.mark.parametrize(
    "broken", ["fields-not-list", "unknown-type", "fk-without-reference", "duplicate-field", "pattern-not-regex"]
)
def test_an_invalid_schema_is_a_schema_error_of_its_resource(tmp_path: Path, broken: str) -> None:
    folder = write_package(tmp_path / "pkg", build([("broken", broken)]))
    report = pledgekit_report(folder)
    assert [(i.code, i.location.resource) for i in report.issues if i.code == "schema-error"] == [("schema-error", "alpha")]
    assert not report.valid
