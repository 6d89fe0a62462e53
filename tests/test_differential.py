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
from dataclasses import dataclass, field
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
    st.tuples(
        st.just("dialect"),
        st.sampled_from(["semicolon", "declared-semicolon", "no-header", "comment", "quote", "spaces"]),
    ),
    st.tuples(
        st.just("broken"),
        st.sampled_from(
            ["fields-not-list", "unknown-type", "fk-without-reference", "duplicate-field", "pattern-not-regex"]
        ),
    ),
)


def _text(rows: list[list[str]], delimiter: str = ",", quote: str = '"') -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quotechar=quote, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@dataclass
class Draft:
    """The package being mutated."""

    fields: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(FIELDS))
    rows: list[list[str]] = field(default_factory=lambda: [list(r) for r in ROWS])
    schema: dict[str, Any] = field(default_factory=dict)
    blanks: list[tuple[int, str]] = field(default_factory=list)
    style: str = ""


def _cell(d: Draft, row: int, column: int, value: str) -> None:
    if column < len(d.rows[row]):
        d.rows[row][column] = value


def _fk(d: Draft, target: str, own: str) -> None:
    reference = {"resource": target, "fields": "code" if target != "" else "id"}
    d.schema.setdefault("foreignKeys", []).append({"fields": own, "reference": reference})


APPLY: dict[str, Any] = {
    "cell": _cell,
    "extra": lambda d, row, n: d.rows[row].extend(["extra"] * n),
    "drop": lambda d, row, n: d.rows.__setitem__(row, d.rows[row][: max(0, len(d.rows[row]) - n)]),
    "blank": lambda d, position, shape: d.blanks.append((position, shape)),
    "duplicate": lambda d, row: d.rows.append(list(d.rows[row])),
    "type": lambda d, column, kind: d.fields.__setitem__(column, {"name": d.fields[column]["name"], "type": kind}),
    "constraint": lambda d, column, c: d.fields[column].setdefault("constraints", {}).__setitem__(*c),
    "prop": lambda d, column, prop: d.fields[column].__setitem__(*prop),
    "missing": lambda d, values: d.schema.__setitem__("missingValues", values),
    "primary": lambda d, key: d.schema.__setitem__("primaryKey", key),
    "fk": _fk,
    "dialect": lambda d, style: setattr(d, "style", style),
    "broken": lambda d, how: _break(d.schema, d.fields, how),
}


def _styled(d: Draft) -> tuple[str, dict[str, Any] | None]:
    body = [[f["name"] for f in FIELDS], *d.rows]
    styles: dict[str, tuple[str, dict[str, Any] | None]] = {
        "semicolon": (_text(body, ";"), None),
        "declared-semicolon": (_text(body, ";"), {"delimiter": ";"}),
        "quote": (_text(body, quote="'"), {"quoteChar": "'"}),
        "no-header": (_text(d.rows), {"header": False}),
        "comment": ("# a comment\n" + _text(body), {"commentChar": "#"}),
        "spaces": (_text(body).replace(",", ", "), {"skipInitialSpace": True}),
    }
    return styles.get(d.style, (_text(body), None))


def build(mutations: list[Mutation]) -> list[Table]:
    """The package's tables after ``mutations``."""
    draft = Draft()
    draft.schema["fields"] = draft.fields
    for kind, *arguments in mutations:
        APPLY[kind](draft, *arguments)
    text, dialect = _styled(draft)
    lines = text.splitlines(keepends=True)
    for position, blank in sorted(draft.blanks, reverse=True):
        lines.insert(min(position + 1, len(lines)), blank + "\n")
    lookup = Table("lookup", _text(LOOKUP), {"fields": [{"name": "code"}, {"name": "label"}], "primaryKey": "code"})
    return [Table("alpha", "".join(lines), draft.schema, dialect), lookup]


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


@settings(
    max_examples=int(os.environ.get("PLEDGEKIT_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(MUTATIONS, min_size=1, max_size=5))
def test_pledgekit_flags_what_frictionless_flags(
    tmp_path_factory: pytest.TempPathFactory, mutations: list[Mutation]
) -> None:
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
        [("broken", "pattern-not-regex"), ("prop", 1, ("format", "email"))],  # a field frictionless reads
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
    assert [(i.code, i.location.resource) for i in report.issues if i.code == "schema-error"] == [
        ("schema-error", "alpha")
    ]
    assert not report.valid
